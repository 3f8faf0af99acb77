"""Library code is what lessons use: every public name of rnnlib is used by a lesson, a check or a solution.

A module's public names are the names it defines at top level without a leading underscore (functions,
classes, constants) and the names in its ``__all__``; ``__all__`` must list exactly those. A name counts as
used when a lesson's code cells, ``rnnlib/checks/`` or ``notebooks/solutions/`` import it
(``from rnnlib.text import tokenize``, ``from ..bptt import mse_loss``) or reach it through a module
(``text.tokenize``, ``check.exercise_1`` after ``from rnnlib.checks import lesson01 as check``,
``rnnlib.make_windows``). Modules whose name starts with an underscore (``rnnlib._validate``) are private
as a whole. Helpers that only other rnnlib code calls are private: give them a leading underscore.
"""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rnnlib"
# Public names no lesson, check or solution uses yet (none now: ui.View counts as used through its subclasses,
# the lessons' explorer views).
NOT_YET_USED: set[tuple[str, str]] = set()


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _modules() -> list[str]:
    """rnnlib and its public submodules, as dotted names."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        if not any(p.startswith("_") for p in parts):
            names.append(".".join(parts))
    return names


def _user_sources():
    """(name, code, package for relative imports) of every lesson, check and solution."""
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path.name, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code"), ""
    for path in sorted((PACKAGE / "checks").glob("lesson*.py")):
        yield f"rnnlib/checks/{path.name}", path.read_text(encoding="utf-8"), "rnnlib.checks"
    for path in sorted((ROOT / "notebooks" / "solutions").glob("*.py")):
        yield f"notebooks/solutions/{path.name}", path.read_text(encoding="utf-8"), ""


def _dotted(node) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else None


def _used_names() -> set[tuple[str, str]]:
    """Every (module, name) pair that lessons, checks and solutions import or reach through a module."""
    used = set()
    for _, code, package in _user_sources():
        tree = ast.parse(code)
        aliases = {}  # local name -> rnnlib module
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == "rnnlib":
                        aliases[a.asname or "rnnlib"] = a.name if a.asname else "rnnlib"
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                if module.split(".")[0] != "rnnlib":
                    continue
                for a in node.names:
                    if _is_module(f"{module}.{a.name}"):
                        aliases[a.asname or a.name] = f"{module}.{a.name}"
                    else:
                        used.add((module, a.name))
        for node in ast.walk(tree):
            parts = (_dotted(node) or "").split(".") if isinstance(node, ast.Attribute) else []
            if parts and parts[0] in aliases:
                module, i = aliases[parts[0]], 1
                while i < len(parts) - 1 and _is_module(f"{module}.{parts[i]}"):
                    module, i = f"{module}.{parts[i]}", i + 1
                used.add((module, parts[i]))
    return used


def _defined_public(module: str) -> set[str]:
    """The names a module defines at top level without a leading underscore (imports not counted)."""
    path = ROOT.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return {n for n in names if not n.startswith("_")}


def test_every_module_has_an_all_listing_exactly_its_public_names():
    wrong = []
    for name in _modules():
        module = importlib.import_module(name)
        if not hasattr(module, "__all__"):
            wrong.append(f"{name}: no __all__")
            continue
        declared = set(module.__all__)
        defined = _defined_public(name)
        if name.endswith("rnnlib") or name.endswith("checks"):  # packages: __all__ lists re-exports
            missing = [n for n in declared if not hasattr(module, n)]
            extra = sorted(defined - declared)
        else:
            missing, extra = sorted(declared - defined), sorted(defined - declared)
        if missing or extra:
            wrong.append(f"{name}: __all__ lists {missing} that it does not define; lacks {extra}")
    assert not wrong, "\n".join(wrong)


def test_every_public_name_is_used_by_a_lesson_a_check_or_a_solution():
    used = _used_names()

    def is_used(module: str, name: str) -> bool:
        if (module, name) in used | NOT_YET_USED:
            return True
        obj = getattr(importlib.import_module(module), name)  # a re-export, e.g. rnnlib.make_windows
        if any(
            n == name and getattr(importlib.import_module(m), n, None) is obj for m, n in used if m != module
        ):
            return True
        # a base class (ui.View) is used when a class the lessons use derives from it (diagrams.UnrolledView)
        return isinstance(obj, type) and any(
            isinstance(other, type) and other is not obj and issubclass(other, obj)
            for other in (getattr(importlib.import_module(m), n, None) for m, n in used)
        )

    unused = {}
    for module in _modules():
        names = sorted(
            n for n in _defined_public(module) | set(getattr(importlib.import_module(module), "__all__", ()))
        )
        missing = [n for n in names if not is_used(module, n)]
        if missing:
            unused[module] = missing
    assert not unused, (
        "These public names are used by no lesson, check (rnnlib/checks/) or solution (notebooks/solutions/); "
        "delete them or make them private (a leading underscore):\n"
        + "\n".join(f"  {module}: {', '.join(names)}" for module, names in unused.items())
    )


def test_the_usage_scan_sees_the_ways_lessons_use_rnnlib():
    used = _used_names()
    assert ("rnnlib", "seed_everything") in used  # import rnnlib; rnnlib.seed_everything(...)
    assert ("rnnlib.checks.lesson01", "exercise_1") in used  # from rnnlib.checks import lesson01 as check
    assert ("rnnlib.sequences", "lag_autocorrelation") in used  # from ..sequences import ... (a check)
    assert ("rnnlib.ui", "Table") in used  # from rnnlib.ui import Table
    assert ("rnnlib.retail", "Scaler") in used  # retail.Scaler.fit(...)


def test_the_package_docstring_maps_every_lesson_to_the_modules_it_imports():
    import re

    import rnnlib

    rows = dict(re.findall(r"^(\d\d) · .*?  +(.*)$", rnnlib.__doc__, re.M))
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        imported = set(re.findall(r"^from rnnlib\.(\w+) import", code, re.M))
        for names in re.findall(r"^from rnnlib import (.+)$", code, re.M):
            imported |= {n.strip() for n in names.split(",")}
        listed = set(re.findall(r"``(\w+)``", rows.get(path.name[:2], "")))
        assert listed == imported - {"ui", "checks"}, f"rnnlib/__init__.py's map, lesson {path.name[:2]}"
