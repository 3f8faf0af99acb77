"""The bad-input sweep's engine: kinds of bad values, one call under a time limit, and its verdict.

Every public callable of rnnlib gets a :class:`Spec` (in ``tests/bad_input_specs.py``): a good call and, per
argument, the bad values its contract rules out. Each bad call must end in one of two ways:

* an ordinary argument: ``ValueError`` or ``TypeError`` whose message names the argument (or, for a data
  file whose *content* is wrong, the file; a missing data file may raise ``FileNotFoundError``);
* an exercise answer: a :class:`Feedback` that does not pass (a hint line).

Anything else is a finding: *unclear* (another exception, or an error that names something else), *garbage*
(a value came back, or a wrong answer passed) or *hang* (the call outlived its time limit).

``python tests/bad_input.py`` runs the whole sweep and prints the counts and every finding.
"""

from __future__ import annotations

import math
import re
import signal
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

#: Seconds one bad call may take before it counts as a hang.
TIME_LIMIT = 5.0


class Hang(BaseException):  # noqa: N818 - a BaseException, so that no `except Exception` in rnnlib swallows it
    """Raised by the alarm when a call outlives :data:`TIME_LIMIT`."""


@contextmanager
def time_limit(seconds: float):
    """Raise :class:`Hang` in the main thread after ``seconds`` (a blocking read is interrupted too)."""

    def _alarm(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def silent_stdin():
    """Make file descriptor 0 a pipe that never delivers data, as a terminal or a notebook kernel's stdin
    would: a function that reads stdin by mistake (``open(0)``) blocks, and the time limit reports it."""
    import os

    read_end, write_end = os.pipe()
    saved = os.dup(0)
    os.dup2(read_end, 0)
    try:
        yield
    finally:
        os.dup2(saved, 0)
        for fd in (saved, read_end, write_end):
            os.close(fd)


# -- bad values ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """One bad value for an argument: ``label`` says what is wrong with it.

    ``value`` may be a :class:`Lazy` (built just before the call). ``mention`` replaces the argument's
    name as the word the error message must contain (for a data file with bad content: the file's name);
    ``errors`` are the exception types that count as clear (``FileNotFoundError`` for a missing data file).
    """

    label: str
    value: object
    mention: str | None = None
    errors: tuple = (ValueError, TypeError)


@dataclass(frozen=True)
class Lazy:
    """A value built just before the call (fresh each time, or too costly to build at import)."""

    make: object

    def __call__(self):
        return self.make()


NAN, INF = math.nan, math.inf


def _below(minimum):
    values = {minimum - 1}
    if minimum >= 1:
        values |= {0, -1}
    return [Bad(f"{v} (< {minimum})", v) for v in sorted(values, reverse=True)]


def integer(minimum=None, maximum=None, *, none_ok=False):
    """Bad values for an int argument (``minimum`` ≤ value ≤ ``maximum``)."""
    out = [] if none_ok else [Bad("None", None)]
    out += [Bad("str", "3"), Bad("float 2.5", 2.5), Bad("bool", True), Bad("nan", NAN), Bad("list", [3])]
    if minimum is not None:
        out += _below(minimum)
    if maximum is not None:
        out.append(Bad(f"{maximum + 1} (> {maximum})", maximum + 1))
    return out


def number(minimum=None, maximum=None, *, none_ok=False, exclusive=()):
    """Bad values for a float argument; ``exclusive`` lists the bounds that are themselves invalid."""
    out = [] if none_ok else [Bad("None", None)]
    out += [
        Bad("str", "1.0"),
        Bad("bool", True),
        Bad("nan", NAN),
        Bad("inf", INF),
        Bad("-inf", -INF),
        Bad("list", [1.0]),
        Bad("complex", 1j),
    ]
    if minimum is not None:
        out.append(Bad(f"{minimum - 1} (< {minimum})", minimum - 1))
        if "min" in exclusive:
            out.append(Bad(f"{minimum} (bound excluded)", minimum))
    if maximum is not None:
        out.append(Bad(f"{maximum + 1} (> {maximum})", maximum + 1))
        if "max" in exclusive:
            out.append(Bad(f"{maximum} (bound excluded)", maximum))
    return out


def array(good, ndims, *, finite=True, empty_ok=False, none_ok=False, extra=()):
    """Bad values for an array argument whose good value is ``good`` and whose allowed ranks are ``ndims``."""
    ndims = (ndims,) if isinstance(ndims, int) else tuple(ndims)
    g = np.asarray(good)
    out = [] if none_ok else [Bad("None", None)]
    out += [Bad("str", "abc"), Bad("ragged", [[1.0, 2.0], [3.0]]), Bad("object", object())]
    high = max(ndims) + 1
    out.append(Bad(f"{high}-D", g.reshape(g.shape + (1,) * (high - g.ndim)) if g.ndim < high else g[None]))
    low = min(ndims) - 1
    if low >= 0 and low not in ndims:
        lower = g
        while lower.ndim > low:
            lower = lower[0]
        out.append(Bad(f"{low}-D", lower.copy() if isinstance(lower, np.ndarray) else lower))
    if not empty_ok and g.ndim >= 1:
        out.append(Bad("empty", np.zeros((0,) + g.shape[1:], dtype=g.dtype)))
    if finite and g.size and (np.issubdtype(g.dtype, np.number) or g.dtype == bool):
        for label, bad in (("nan", NAN), ("inf", INF)):
            v = g.astype(float)
            v.flat[0] = bad
            out.append(Bad(f"{label} entry", v))
    return out + list(extra)


def choice(options, *, none_ok=False):
    """Bad values for an argument that must be one of ``options`` (strings)."""
    out = [] if none_ok else [Bad("None", None)]
    return out + [Bad("int", 3), Bad("unknown", "no-such-option"), Bad("list", list(options)[:1])]


def text(*, none_ok=False, empty=True):
    """Bad values for a str argument."""
    out = [] if none_ok else [Bad("None", None)]
    out += [Bad("int", 3), Bad("bytes", b"abc"), Bad("list", ["a"])]
    return out + ([Bad("empty", "")] if empty else [])


def flag():
    """Bad values for a bool argument ("no" would count as True)."""
    return [Bad("str", "no"), Bad("None", None), Bad("float", 0.5)]


def thing(*extra):
    """Bad values for an argument that must be an object of a given kind (a cell, a vocabulary …)."""
    return [Bad("None", None), Bad("int", 3), Bad("str", "abc"), Bad("object", object())] + list(extra)


def mapping(*extra, empty=True):
    """Bad values for a dict argument."""
    out = [Bad("None", None), Bad("list", [1, 2]), Bad("str", "abc")]
    return out + ([Bad("empty", {})] if empty else []) + list(extra)


def function():
    """Bad values for a callable argument."""
    return [Bad("None", None), Bad("int", 3), Bad("str", "f")]


def answer(*extra):
    """Bad exercise answers: wrong types, NaN, ±inf, empty; ``extra`` adds near misses (must not pass)."""
    return [
        Bad("str", "abc"),
        Bad("object", object()),
        Bad("dict", {"a": 1}),
        Bad("empty list", []),
        Bad("nan", NAN),
        Bad("inf", INF),
        Bad("-inf", -INF),
        Bad("complex", 1j),
        Bad("nan array", np.full(3, NAN)),
    ] + list(extra)


# -- specs, cases, verdicts ------------------------------------------------------------------------------------


@dataclass
class Spec:
    """How to call one public callable well, and its bad values per argument.

    ``good`` returns the keyword arguments of a good call (fresh each time); ``instance`` returns the object
    whose method is called (for methods). ``answers`` names the arguments that are exercise answers.
    ``bad`` maps an argument's name to its :class:`Bad` values. ``note`` says why an argument is not swept.
    ``fn`` overrides the callable that ``key`` names (the engine's own tests use it).
    """

    key: str
    good: object
    bad: dict
    instance: object = None
    answers: tuple = ()
    note: str = ""
    fn: object = field(default=None, repr=False)


@dataclass(frozen=True)
class Case:
    spec: Spec
    argument: str
    bad: Bad

    @property
    def id(self) -> str:
        return f"{self.spec.key}({self.argument}={self.bad.label})"


@dataclass(frozen=True)
class Verdict:
    case: Case
    outcome: str  # "clear", "unclear", "garbage" or "hang"
    detail: str


def public_callables() -> list[str]:
    """Every public callable of rnnlib as ``"module:qualname"``, classes' public methods included.

    A module's public names are its ``__all__`` or, without one, the callables it defines whose names do
    not start with ``_`` (the exercise checks ``rnnlib.checks.lessonNN``). Exception classes are left out.
    """
    import importlib
    import inspect
    import pkgutil

    import rnnlib

    found = set()
    modules = ["rnnlib"] + [m.name for m in pkgutil.walk_packages(rnnlib.__path__, "rnnlib.")]
    for name in modules:
        if any(part.startswith("_") for part in name.split(".")):
            continue
        module = importlib.import_module(name)
        exported = getattr(module, "__all__", None)
        if exported is None:
            exported = [
                n
                for n, o in vars(module).items()
                if not n.startswith("_") and getattr(o, "__module__", None) == name
            ]
        for n in exported:
            obj = getattr(module, n)
            if not callable(obj) or (inspect.isclass(obj) and issubclass(obj, BaseException)):
                continue
            home = f"{obj.__module__}:{obj.__qualname__}"
            found.add(home)
            if inspect.isclass(
                obj
            ):  # its public methods, inherited ones too (from rnnlib's classes, not Keras')
                for base in obj.__mro__:
                    if not base.__module__.startswith("rnnlib"):
                        continue
                    for member, value in vars(base).items():
                        if not member.startswith("_") and (
                            inspect.isfunction(value) or isinstance(value, (classmethod, staticmethod))
                        ):
                            found.add(f"{home}.{member}")
    return sorted(found)


def resolve(key: str):
    """``"rnnlib.retail:Scaler.fit"`` → the callable (an unbound method for ``Class.method``)."""
    import importlib

    module, _, qualname = key.partition(":")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def target(spec: Spec):
    """The callable a case calls: a function, a class, or a method of a fresh instance."""
    if spec.fn is not None:
        return spec.fn
    module, _, qualname = spec.key.partition(":")
    if spec.instance is None:
        return resolve(spec.key)
    return getattr(spec.instance(), qualname.rsplit(".", 1)[1])


def cases(spec: Spec):
    return [Case(spec, argument, bad) for argument, bads in spec.bad.items() for bad in bads]


def _value(v):
    return v() if isinstance(v, Lazy) else v


def call_good(spec: Spec):
    kwargs = {k: _value(v) for k, v in spec.good().items()}
    return target(spec)(**kwargs)


def _names(message: str, word: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", message) is not None


def run(case: Case, time_limit_s: float = TIME_LIMIT) -> Verdict:
    """Call ``case`` and judge the outcome."""
    from rnnlib.checks._feedback import Feedback

    spec = case.spec
    kwargs = {k: _value(v) for k, v in spec.good().items()}
    kwargs[case.argument] = _value(case.bad.value)
    fn = target(spec)
    expect_hint = case.argument in spec.answers
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            warnings.simplefilter("ignore", UserWarning)
            with silent_stdin(), time_limit(time_limit_s):
                result = fn(**kwargs)
    except Hang:
        return Verdict(case, "hang", f"no answer after {time_limit_s:g} s")
    except Exception as exc:  # judged below
        message = f"{type(exc).__name__}: {exc}"
        if expect_hint:
            return Verdict(case, "unclear", f"raised instead of a hint: {message}")
        if not isinstance(exc, case.bad.errors):
            return Verdict(case, "unclear", message)
        word = case.bad.mention or case.argument
        if not _names(str(exc), word):
            return Verdict(case, "unclear", f"does not name {word!r}: {message}")
        return Verdict(case, "clear", message)
    if expect_hint and isinstance(result, Feedback) and not result.passed:
        return Verdict(case, "clear", result.message)
    try:
        shown = repr(result)
    except Exception as exc:  # a broken object is garbage too
        shown = f"<{type(result).__name__} whose repr raised {type(exc).__name__}>"
    shown = shown if len(shown) < 120 else shown[:117] + "..."
    return Verdict(case, "garbage", f"returned {shown}")


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def warm_up() -> None:
    """Import TensorFlow/Keras before the clock starts: its first import alone can outlast the time limit."""
    import keras  # noqa: F401
    import tensorflow  # noqa: F401


def summary(verdicts) -> dict:
    counts = Counter(v.outcome for v in verdicts)
    return {
        "calls": len(verdicts),
        "clear": counts["clear"],
        "unclear": counts["unclear"],
        "garbage": counts["garbage"],
        "hangs": counts["hang"],
    }


def format_summary(counts: dict) -> str:
    return (
        f"{counts['calls']} calls: {counts['clear']} clear errors, {counts['unclear']} unclear, "
        f"{counts['garbage']} garbage, {counts['hangs']} hangs"
    )


def main() -> None:  # pragma: no cover - the counts for the issue's closing note
    import os
    import sys
    import tempfile

    sys.path.insert(0, os.path.dirname(__file__))
    import matplotlib

    matplotlib.use("Agg")
    import bad_input as engine  # this file as a module: the specs' Bad and Lazy are its classes
    import matplotlib.pyplot as plt
    from bad_input_specs import SPECS

    os.chdir(tempfile.mkdtemp(prefix="rnnlib-sweep-"))  # nothing a bad call writes lands in the repository
    engine.warm_up()
    verdicts = []
    for spec in SPECS.values():
        for case in engine.cases(spec):
            verdicts.append(engine.run(case))
            plt.close("all")
    for v in verdicts:
        if v.outcome != "clear":
            print(f"{v.outcome:8s} {v.case.id}: {one_line(v.detail)}"[:400])
    print()
    print(f"{len(SPECS)} public callables; " + format_summary(summary(verdicts)))


if __name__ == "__main__":  # pragma: no cover
    main()
