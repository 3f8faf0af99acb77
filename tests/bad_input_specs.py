"""One :class:`bad_input.Spec` per public callable of rnnlib: a good call, and the bad values of each argument.

The bad values come from each argument's documented contract (type, None, shape, NaN/inf, empty, zero or
negative sizes, out of range) through the generic kinds of ``bad_input`` (``integer``, ``number``,
``array`` …), plus the near misses only a per-function entry can know (493.9 is not 493, a padding index,
a start date given as a number). ``tests/test_bad_input.py`` fails when a public callable has no entry here.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache

import numpy as np
from bad_input import (
    INF,
    NAN,
    Bad,
    Lazy,
    Spec,
    answer,
    array,
    choice,
    flag,
    function,
    integer,
    mapping,
    number,
    text,
    thing,
)

SPECS: dict[str, Spec] = {}


def spec(key, good=None, *, instance=None, answers=(), note="", **bad):
    """Register the spec of ``key`` (``"module:qualname"``); ``good`` returns a good call's kwargs."""
    if key in SPECS:
        raise ValueError(f"two specs for {key}")
    SPECS[key] = Spec(key, good or (lambda: {}), bad, instance=instance, answers=tuple(answers), note=note)


def rng(seed=0):
    return np.random.default_rng(seed)


# -- shared good values ---------------------------------------------------------------------------------------


@cache
def _tmp() -> str:
    """A scratch folder with data files, good and bad, each with its checksum."""
    from rnnlib.datasets import _write_checksum

    folder = tempfile.mkdtemp(prefix="rnnlib-bad-input-")
    files = {
        "good.txt": b"one\ntwo\n",
        "good.csv": b"day,sales,label\n2024-01-01,1,a\n2024-01-02,2.5,b\n",
        "latin1.txt": "caf\xe9\n".encode("latin-1"),
        "latin1.csv": "name,value\ncaf\xe9,1\n".encode("latin-1"),
        "five.csv": b"day,sales\n1,4\n2,five\n3,6\n",
        "ragged.csv": b"a,b\n1,2\n3\n",
        "tampered.txt": b"original\n",
        "plain.txt": b"not a folder\n",
    }
    for name, content in files.items():
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(content)
        if name != "plain.txt":
            _write_checksum(name, folder)
    with open(os.path.join(folder, "tampered.txt"), "ab") as handle:
        handle.write(b"edited\n")
    return folder


def _tmp_file():
    return os.path.join(_tmp(), "plain.txt")


def _fresh_dir():
    return tempfile.mkdtemp(prefix="rnnlib-bad-input-out-")


DATA_DIR_BAD = [
    Bad("int", 3),
    Bad("list", ["data"]),
    Bad("missing folder", "/no/such/folder"),
    Bad("a file", Lazy(_tmp_file)),
]


def data_name_bad():
    return text() + [
        Bad("outside the folder", "../good.txt"),
        Bad("in a subfolder", "sub/good.txt"),
        Bad("missing file", "missing.txt", mention="missing.txt", errors=(FileNotFoundError,)),
        Bad("checksum mismatch", "tampered.txt", mention="tampered.txt"),
    ]


def cell(seed=0, input_size=2, units=3, output_size=1):
    from rnnlib.rnn import RNNCell

    return RNNCell(input_size, units, output_size, seed=seed)


def params():
    return {k: v.copy() for k, v in cell().params.items()}


def params_bad():
    def changed(**kw):
        return Lazy(lambda: {**params(), **kw})

    def without(key):
        return Lazy(lambda: {k: v for k, v in params().items() if k != key})

    return thing(
        Bad("missing W_hh", without("W_hh")),
        Bad("W_hh not square", changed(W_hh=np.zeros((3, 2)))),
        Bad("W_xh rows ≠ units", changed(W_xh=np.zeros((2, 2)))),
        Bad("b_y wrong size", changed(b_y=np.zeros(2))),
        Bad("nan in W_hh", changed(W_hh=np.full((3, 3), NAN))),
        Bad("str weights", changed(W_hh="abc")),
    )


X_SEQ = rng(1).normal(size=(4, 2))
Y_SEQ = rng(2).normal(size=(4, 1))
X_BATCH = rng(3).normal(size=(8, 4, 2))
Y_BATCH = rng(4).normal(size=(8, 4, 1))


@cache
def small_vocab():
    from rnnlib.text import Vocabulary

    return Vocabulary(["The cat is sitting on the mat.", "The dog sleeps on the rug."])


@cache
def corpus_vocab():
    from rnnlib.text import Vocabulary, load_corpus

    return Vocabulary(load_corpus()[0])


@cache
def corpus_embedding():
    return rng(6).normal(size=(len(corpus_vocab()), 8))


@cache
def sales_and_split():
    from rnnlib.datasets import load_csv
    from rnnlib.retail import CSV_NAME, chronological_split

    sales = load_csv(CSV_NAME)["sales"].astype(float)
    return sales, chronological_split(len(sales), validation=182, test=184)


def lstm_weights(inputs=3, units=2):
    r = rng(7)
    return [r.normal(size=(inputs, 4 * units)), r.normal(size=(units, 4 * units)), r.normal(size=4 * units)]


def gru_weights(inputs=3, units=2):
    r = rng(8)
    return [
        r.normal(size=(inputs, 3 * units)),
        r.normal(size=(units, 3 * units)),
        r.normal(size=(2, 3 * units)),
    ]


def lstm_params():
    from rnnlib.gated import lstm_params_from_keras

    return lstm_params_from_keras(lstm_weights())


def gru_params():
    from rnnlib.gated import gru_params_from_keras

    return gru_params_from_keras(gru_weights())


def gate_params_bad(make):
    def changed(**kw):
        return Lazy(lambda: {**make(), **kw})

    def without(key):
        return Lazy(lambda: {k: v for k, v in make().items() if k != key})

    first = next(iter(make()))
    return mapping(
        Bad(f"missing {first}", without(first)),
        Bad("nan weights", Lazy(lambda: {k: np.full_like(v, NAN) for k, v in make().items()})),
        Bad("str weights", Lazy(lambda: {k: "abc" for k in make()})),
        Bad("W_x blocks of different inputs", changed(**{first: np.zeros((2, 5))})),
    )


# ============================================================================================================
# rnnlib (package), windows, _seed
# ============================================================================================================

spec(
    "rnnlib.windows:make_windows",
    lambda: {"series": np.arange(10.0), "window": 3, "horizon": 1},
    series=array(np.arange(10.0), (1, 2), extra=[Bad("strings", np.array(list("abcdefghij")))]),
    window=integer(1) + [Bad("longer than the series", 10)],
    horizon=integer(1) + [Bad("beyond the series", 8)],
    target=integer(0, 0, none_ok=True),
)
spec("rnnlib._seed:seed_everything", lambda: {"seed": 1}, seed=integer(0, 2**32 - 1))

# ============================================================================================================
# rnnlib.bptt
# ============================================================================================================

spec(
    "rnnlib.bptt:mse_loss",
    lambda: {"y_hat": Y_SEQ.copy(), "y": Y_SEQ + 1},
    y_hat=array(Y_SEQ, (2, 3)),
    y=array(Y_SEQ, (1, 2, 3)) + [Bad("wrong shape", np.zeros((5, 1)))],
)
spec(
    "rnnlib.bptt:total_loss",
    lambda: {"losses": np.ones(3)},
    losses=array(np.ones(3), (1, 2), finite=False),
)
spec(
    "rnnlib.bptt:loss_and_gradients",
    lambda: {"params": params(), "x": X_SEQ.copy(), "y": Y_SEQ.copy()},
    params=params_bad(),
    x=array(X_SEQ, (2, 3)) + [Bad("3 features", np.zeros((4, 3)))],
    y=array(Y_SEQ, (1, 2, 3)) + [Bad("wrong shape", np.zeros((5, 1)))],
    loss=choice(("mse", "cross_entropy")),
    activation=choice(("tanh", "relu"), none_ok=True),
    h0=array(np.zeros(3), (1, 2), none_ok=True) + [Bad("2 units", np.zeros(2))],
)
spec(
    "rnnlib.bptt:relative_error",
    lambda: {"a": np.ones(3), "b": np.ones(3)},
    a=[
        Bad("None", None),
        Bad("str", "abc"),
        Bad("ragged", [[1.0], [2.0, 3.0]]),
        Bad("nan entry", [NAN, 1.0, 1.0]),
    ],
    b=[
        Bad("None", None),
        Bad("str", "abc"),
        Bad("wrong shape", np.ones(4)),
        Bad("nan entry", [NAN, 1.0, 1.0]),
    ],
)
for _name in ("numerical_gradients",):
    spec(
        f"rnnlib.bptt:{_name}",
        lambda: {"params": params(), "x": X_SEQ[:2].copy(), "y": Y_SEQ[:2].copy()},
        params=params_bad(),
        x=array(X_SEQ[:2], (2, 3)) + [Bad("3 features", np.zeros((2, 3)))],
        y=array(Y_SEQ[:2], (1, 2, 3)) + [Bad("wrong shape", np.zeros((5, 1)))],
        loss=choice(("mse", "cross_entropy")),
        activation=choice(("tanh", "relu"), none_ok=True),
        h0=array(np.zeros(3), (1, 2), none_ok=True) + [Bad("2 units", np.zeros(2))],
        eps=number(0, exclusive=("min",)),
    )
_GRADS_BAD = mapping(
    Bad("str gradient", {"a": "abc"}),
    Bad("nan gradient", {"a": np.array([NAN])}),
    Bad("None gradient", {"a": None}),
)
spec(
    "rnnlib.bptt:clip_by_global_norm",
    lambda: {"grads": {"a": np.ones(2) * 10}, "max_norm": 1.0},
    grads=_GRADS_BAD,
    max_norm=number(0, exclusive=("min",)),
)
spec(
    "rnnlib.bptt:Adam",
    lambda: {"params": {"w": np.ones(2)}},
    params=mapping(Bad("str values", {"w": "abc"}), Bad("list values", {"w": [1.0, 2.0]})),
    learning_rate=number(0),
    beta_1=number(0, 1, exclusive=("max",)),
    beta_2=number(0, 1, exclusive=("max",)),
    epsilon=number(0, exclusive=("min",)),
)


def _adam():
    from rnnlib.bptt import Adam

    return Adam({"w": np.ones(2)})


spec(
    "rnnlib.bptt:Adam.step",
    lambda: {"grads": {"w": np.ones(2)}},
    instance=_adam,
    grads=mapping(
        Bad("unknown key", {"v": np.ones(2)}),
        Bad("wrong shape", {"w": np.ones(3)}),
        Bad("nan gradient", {"w": np.array([NAN, 0.0])}),
        Bad("str gradient", {"w": "abc"}),
    ),
)
spec(
    "rnnlib.bptt:train",
    lambda: {
        "params": params(),
        "x": X_BATCH.copy(),
        "y": Y_BATCH.copy(),
        "x_val": X_BATCH[:2].copy(),
        "y_val": Y_BATCH[:2].copy(),
        "epochs": 1,
        "batch_size": 4,
    },
    params=params_bad(),
    x=array(X_BATCH, 3) + [Bad("3 features", np.zeros((8, 4, 3)))],
    y=array(Y_BATCH, (2, 3)) + [Bad("fewer sequences", Y_BATCH[:5]), Bad("wrong shape", np.zeros((8, 3, 1)))],
    x_val=array(X_BATCH[:2], 3, none_ok=True) + [Bad("None while y_val is given", None)],
    y_val=array(Y_BATCH[:2], (2, 3), none_ok=True)
    + [Bad("None while x_val is given", None), Bad("fewer sequences", Y_BATCH[:1])],
    epochs=integer(1),
    batch_size=integer(1),
    learning_rate=number(0),
    max_norm=number(0, none_ok=True, exclusive=("min",)),
    optimizer=choice(("adam", "sgd")),
    loss=choice(("mse", "cross_entropy")),
    activation=choice(("tanh", "relu"), none_ok=True),
    seed=integer(0),
)
spec(
    "rnnlib.bptt:train_many",
    lambda: {
        "cells": [cell(0), cell(1)],
        "x": X_BATCH.copy(),
        "y": Y_BATCH.copy(),
        "seeds": [0, 1],
        "epochs": 1,
        "batch_size": 4,
    },
    cells=thing(
        Bad("one cell, not a list", Lazy(lambda: cell(0))),
        Bad("empty list", []),
        Bad("not a cell", ["abc"]),
        Bad("two shapes", Lazy(lambda: [cell(0), cell(1, units=4)])),
        Bad(
            "relu cell", Lazy(lambda: [__import__("rnnlib.rnn").rnn.RNNCell(2, 3, 1, activation="relu")] * 2)
        ),
    ),
    x=array(X_BATCH, 3) + [Bad("3 features", np.zeros((8, 4, 3)))],
    y=array(Y_BATCH, 3) + [Bad("fewer sequences", Y_BATCH[:5])],
    seeds=[
        Bad("one seed for two cells", [0]),
        Bad("negative", [0, -1]),
        Bad("a number", 3),
        Bad("str", "ab"),
    ],
    epochs=integer(1),
    batch_size=integer(1),
    learning_rate=number(0),
    max_norm=number(0, none_ok=True, exclusive=("min",)),
)
spec(
    "rnnlib.gradients:gradient_by_distance",
    lambda: {"cell": cell(0, input_size=1), "x": X_BATCH[..., :1].copy(), "y": Y_BATCH.copy()},
    cell=thing(
        Bad("params dict", Lazy(params)),
        Bad("relu cell", Lazy(lambda: __import__("rnnlib.rnn").rnn.RNNCell(1, 3, 1, activation="relu"))),
    ),
    x=array(X_BATCH[..., :1], 3) + [Bad("2 features", np.zeros((8, 4, 2)))],
    y=array(Y_BATCH, 3) + [Bad("fewer sequences", Y_BATCH[:5])],
)
spec(
    "rnnlib.bptt:plot_step_losses",
    lambda: {"losses": np.array([0.1, 0.4, 0.2])},
    losses=array(np.array([0.1, 0.4, 0.2]), 1),
    note="title: free text",
)
spec(
    "rnnlib.bptt:plot_loss_curves",
    lambda: {"curves": {"a": [1.0, 0.5]}, "baseline": 1.0},
    curves=mapping(
        Bad("str curve", {"a": "abc"}), Bad("nan curve", {"a": [NAN, 1.0]}), Bad("empty curve", {"a": []})
    ),
    baseline=number(none_ok=True),
    note="ylabel, title: free text",
)
_CHUNKS = {(2, 0): 0.3, (2, 1): 0.4, (8, 0): 0.01, (8, 1): 0.02}
spec(
    "rnnlib.bptt:plot_chunk_lengths",
    lambda: {"errors": dict(_CHUNKS), "lag": 4, "baseline": 0.33},
    errors=mapping(
        Bad("int key", {2: 0.3}),
        Bad("str error", {(2, 0): "abc"}),
        Bad("nan error", {(2, 0): NAN}),
        Bad("negative error", {(2, 0): -0.1}),
        Bad("chunk 0", {(0, 0): 0.3}),
    ),
    lag=integer(1),
    baseline=number(0),
)
_EPS = np.array([1e-2, 1e-4, 1e-6])
spec(
    "rnnlib.bptt:plot_gradient_checks",
    lambda: {
        "fd_errors": {"W": 1e-10},
        "tf_errors": {"W": 1e-16},
        "epsilons": _EPS.copy(),
        "sweep": np.array([1e-5, 1e-9, 1e-10]),
    },
    fd_errors=mapping(
        Bad("other keys", {"V": 1e-10}), Bad("str error", {"W": "abc"}), Bad("nan", {"W": NAN})
    ),
    tf_errors=mapping(Bad("other keys", {"V": 1e-16}), Bad("negative", {"W": -1.0})),
    epsilons=array(_EPS, 1) + [Bad("zero step", np.array([1e-2, 0.0, 1e-6]))],
    sweep=array(np.array([1e-5, 1e-9, 1e-10]), 1) + [Bad("two errors for three ε", np.array([1e-5, 1e-9]))],
)

# ============================================================================================================
# rnnlib.checks
# ============================================================================================================

# -- lesson 01


def _series():
    from rnnlib.sequences import temperature

    return temperature(hours=72, seed=0)[1]


spec(
    "rnnlib.checks.lesson01:exercise_1",
    lambda: {"answer": 334},
    answers=["answer"],
    answer=answer(
        Bad("333.9 truncates to 333", 333.9),
        Bad("334.5", 334.5),
        Bad("inf", INF),
        Bad("nan", NAN),
        Bad("a string", "334"),
        Bad("a bool", True),
        Bad("a shape", (300, 28, 3)),
        Bad("the number of windows", 300),
        Bad("one day short", 333),
        Bad("right for H = 1", 327),
    ),
)


def _leaky_windows(series, window, horizon=1):  # the lesson's starting point: each target is in its window
    n = len(series) - window
    return np.array([series[i : i + window] for i in range(n)]), np.array(
        [series[i + window - 1] for i in range(n)]
    )


def _make_windows(series, window, horizon=1):  # a right answer with its own indexing
    n = len(series) - window - horizon + 1
    return np.array([series[i : i + window] for i in range(n)]), np.array(
        [series[i + window + horizon - 1] for i in range(n)]
    )


def _wrapped_make_windows(series, window, horizon=1):  # refused: it calls the reference instead of fixing
    from rnnlib import make_windows

    return make_windows(series, window, horizon)


spec(
    "rnnlib.checks.lesson01:exercise_2",
    lambda: {"answer": _make_windows},
    answers=["answer"],
    answer=answer(
        Bad("the leaky function", _leaky_windows),
        Bad("a wrapper of make_windows", _wrapped_make_windows),
        Bad("returns None", lambda series, window, horizon=1: None),
        Bad("returns strings", lambda series, window, horizon=1: ("X", "y")),
        Bad("raises", lambda series, window, horizon=1: 1 / 0),
        Bad(
            "nan targets",
            lambda series, window, horizon=1: (_make_windows(series, window, horizon)[0], [NAN]),
        ),
    ),
)
spec(
    "rnnlib.checks.lesson01:exercise_3",
    lambda: {"answer": None, "series": _series()},
    answers=["answer"],
    answer=answer(
        Bad("two numbers", [0.9, 0.9]),
        Bad("off by 0.01", Lazy(lambda: _lag(12) + 0.01)),
        Bad("lag 11", Lazy(lambda: _lag(11))),
        Bad("2 x 2 matrix", Lazy(lambda: np.corrcoef(_series()[:-12], _series()[12:]))),
    ),
    series=array(np.arange(72.0), 1) + [Bad("constant", np.ones(72)), Bad("13 values", np.arange(13.0))],
)


def _lag(k):
    from rnnlib.sequences import lag_autocorrelation

    return lag_autocorrelation(_series(), k)


_MAPPINGS = {
    "speech": "encoder-decoder",
    "melody": "one-to-many",
    "frames": "synced many-to-many",
    "language": "many-to-one",
}
spec(
    "rnnlib.checks.lesson01:exercise_4",
    lambda: {"answer": dict(_MAPPINGS)},
    answers=["answer"],
    answer=answer(
        Bad("numbers for names", dict.fromkeys(_MAPPINGS, 1)),
        Bad("None for names", dict.fromkeys(_MAPPINGS)),
        Bad("plain many-to-many", {**_MAPPINGS, "frames": "many-to-many"}),
        Bad("swapped", {**_MAPPINGS, "speech": "synced many-to-many"}),
        Bad("unsynced", {**_MAPPINGS, "frames": "unsynced many-to-many"}),
        Bad("not synced", {**_MAPPINGS, "frames": "not synced"}),
        Bad("decoder-encoder", {**_MAPPINGS, "speech": "decoder-encoder"}),
    ),
)

# -- lesson 02
_SHAPES = {"kernel": (16, 8), "recurrent_kernel": (8, 8), "W_xh": (8, 16)}
spec(
    "rnnlib.checks.lesson02:exercise_1",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(Bad("3 numbers", [0.1, 0.2, 0.3]), Bad("one inf", [INF, 0.0])),
)
spec(
    "rnnlib.checks.lesson02:exercise_2",
    lambda: {"answer": dict(_SHAPES)},
    answers=["answer"],
    answer=answer(
        Bad("16.5 truncates to 16", {**_SHAPES, "kernel": (16.5, 8)}),
        Bad("inf", {**_SHAPES, "kernel": (INF, 8)}),
        Bad("nan", {**_SHAPES, "kernel": (NAN, 8)}),
        Bad("strings", {k: tuple(str(v) for v in s) for k, s in _SHAPES.items()}),
        Bad("three numbers", {**_SHAPES, "kernel": (16, 8, 1)}),
    ),
)


@cache
def _lag10_model():
    """The lesson's 8-unit RNN, fitted one epoch on exercise 3's lag-10 data (a good call needs a trained model)."""
    import keras

    from rnnlib import seed_everything
    from rnnlib.checks import lesson02

    x, y, _, _ = lesson02._exercise_3_test()
    seed_everything(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(None, 1)),
            keras.layers.SimpleRNN(8, return_sequences=True),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    model.fit(x, y, epochs=1, batch_size=32, verbose=0)
    return model


@cache
def _lag10_accuracy():
    from rnnlib.checks import lesson02

    _, _, x, y = lesson02._exercise_3_test()
    p = _lag10_model()(x).numpy()
    return float(np.mean((p[:, 10:] > 0.5) == (y[:, 10:] > 0.5)))


spec(
    "rnnlib.checks.lesson02:exercise_3",
    lambda: {"model": _lag10_model(), "accuracy": _lag10_accuracy()},
    answers=["model", "accuracy"],
    model=answer(
        Bad("predictions, not a model", np.zeros((256, 20, 1))),
        Bad("the old dict answer", {"predictions": np.zeros((256, 20, 1)), "accuracy": 0.5}),
    ),
    accuracy=answer(
        Bad("per cent", 100.0),
        Bad("str accuracy", "0.5"),
        Bad("1.0 is not measured", 1.0),
    ),
)

# -- lesson 03
spec(
    "rnnlib.checks.lesson03:exercise_1",
    lambda: {"answer": 370},
    answers=["answer"],
    answer=answer(Bad("370.5", 370.5), Bad("bool", True), Bad("str number", "370")),
)
spec("rnnlib.checks.lesson03:exercise_2_setup")
spec(
    "rnnlib.checks.lesson03:exercise_2",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(Bad("nan states", np.full((3, 6, 2), NAN)), Bad("inf states", np.full((3, 6, 2), INF))),
)
_PRE = {"index": [4, 4, 4], "exact": [False, True, False]}
spec(
    "rnnlib.checks.lesson03:exercise_3",
    lambda: {"answer": dict(_PRE)},
    answers=["answer"],
    answer=answer(
        Bad("4.5 truncates to 4", {**_PRE, "index": [4.5, 4, 4]}),
        Bad("inf", {**_PRE, "index": [INF, 4, 4]}),
        Bad("nan", {**_PRE, "index": [NAN, 4, 4]}),
        Bad("strings", {**_PRE, "index": ["4", "4", "4"]}),
        Bad("0/1 for True/False", {**_PRE, "exact": [0, 1, 0]}),
        Bad("post-padding indices", {"index": [2, 4, 1], "exact": [True, True, True]}),
    ),
)

spec(
    "rnnlib.checks.lesson03:exercise_4",
    lambda: {"answer": 0.5},
    answers=["answer"],
    answer=answer(
        Bad("nan", NAN), Bad("inf", INF), Bad("str number", "0.01"), Bad("two numbers", [0.1, 0.1])
    ),
)

# -- lesson 04
spec("rnnlib.checks.lesson04:exercise_1_data")
spec("rnnlib.checks.lesson04:exercise_2_data")
spec(
    "rnnlib.checks.lesson04:exercise_1",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(Bad("nan matrix", np.full((3, 3), NAN)), Bad("inf matrix", np.full((3, 3), INF))),
)
spec(
    "rnnlib.checks.lesson04:exercise_2",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(Bad("one-element array", np.array([0.5]))),
)
spec(
    "rnnlib.checks.lesson04:exercise_3",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("a function that raises", lambda grads, max_norm: 1 / 0),
        Bad("a function returning None", lambda grads, max_norm: None),
        Bad("a function returning nan", lambda grads, max_norm: {k: v * NAN for k, v in grads.items()}),
        Bad("a function of one argument", lambda grads: grads),
    ),
)
spec(
    "rnnlib.checks.lesson04:exercise_4",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("a function that raises", lambda logits, target: 1 / 0),
        Bad("a function returning None", lambda logits, target: None),
        Bad("a function returning nan", lambda logits, target: np.full(len(logits), NAN)),
        Bad("a function of one argument", lambda logits: logits),
        Bad("the probabilities", lambda logits, target: np.exp(logits) / np.exp(logits).sum()),
    ),
)

# -- lesson 05


def _encoded_ex1():
    return corpus_vocab().encode("The dog sleeps on the rug.")


spec(
    "rnnlib.checks.lesson05:exercise_1",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("encoding + 0.9", Lazy(lambda: _encoded_ex1() + 0.9)),
        Bad("one inf", Lazy(lambda: [INF, *_encoded_ex1()[1:].tolist()])),
        Bad("strings", Lazy(lambda: [str(i) for i in _encoded_ex1()])),
    ),
)
spec(
    "rnnlib.checks.lesson05:exercise_2",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("the optimum + 0.02", 2.8943 + 0.02),
        Bad("the cross-entropy", 1.0628),
        Bad("1 / p(mat)", 1 / 0.6),
        Bad("four words", 4),
    ),
)
spec(
    "rnnlib.checks.lesson05:exercise_3",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("bytes", b"mat"),
        Bad("empty str", ""),
        Bad("punctuation", "..."),
        Bad("the kind shown", "The bus to Paris"),
        Bad("three words decide", "The cat is sitting on the"),
        Bad("not a start of the grammar", "The mat is sitting on the"),
        Bad("finished", "Sam is eating a pear."),
    ),
)

# -- lesson 06
_E_BAD = array(np.zeros((5, 8)), 2) + [Bad("fewer rows than words", Lazy(lambda: corpus_embedding()[:5]))]
_VOCAB_BAD = thing(Bad("a list of words", Lazy(lambda: list(corpus_vocab().words))))


def _e_vocab(**kw):
    return lambda: {"E": corpus_embedding(), "vocab": corpus_vocab(), **kw}


spec(
    "rnnlib.checks.lesson06:exercise_1",
    _e_vocab(answer=None),
    answers=["answer"],
    answer=answer(Bad("bytes", b"paris"), Bad("empty str", "")),
    E=_E_BAD,
    vocab=_VOCAB_BAD,
)
spec(
    "rnnlib.checks.lesson06:exercise_2",
    _e_vocab(answer=None, W_hy=Lazy(corpus_embedding)),
    answers=["answer"],
    answer=answer(Bad("bytes", b"paris"), Bad("empty str", ""), Bad("one number", 0.5)),
    E=_E_BAD,
    W_hy=_E_BAD + [Bad("the Dense kernel (dim, vocab)", Lazy(lambda: corpus_embedding().T))],
    vocab=_VOCAB_BAD,
)
spec(
    "rnnlib.checks.lesson06:exercise_3",
    lambda: {
        "answer": None,
        "E_epoch_1": corpus_embedding(),
        "E_final": corpus_embedding(),
        "vocab": corpus_vocab(),
    },
    answers=["answer"],
    answer=answer(Bad("bytes", b"paris"), Bad("empty str", ""), Bad("one name", "animals")),
    E_epoch_1=_E_BAD,
    E_final=_E_BAD,
    vocab=_VOCAB_BAD,
)

# -- lesson 07


@cache
def _lesson07():
    from rnnlib.datasets import load_csv
    from rnnlib.retail import CSV_NAME, chronological_split

    data = load_csv(CSV_NAME, columns=("date", "sales", "promo"))
    sales = data["sales"].astype(float)
    split = chronological_split(len(sales), validation=182, test=184)
    origins = np.arange(split.test.start - 1, split.test.stop - 7)
    return data["date"], sales, data["promo"], split, origins


def _l07(*names):
    def make():
        dates, sales, promo, split, origins = _lesson07()
        values = {"dates": dates, "sales": sales.copy(), "promo": promo, "split": split, "origins": origins}
        return {
            "answer": None,
            **{k: values[k] for k in names},
            **({"window": 28} if "origins" in names else {}),
        }

    return make


_SALES_BAD = array(np.arange(1096.0), 1) + [Bad("shorter than the split", np.arange(100.0))]
_PROMO_BAD = array(np.zeros(1096), 1) + [Bad("fewer days", np.zeros(10)), Bad("not 0/1", np.full(1096, 0.5))]


def _split_bad():
    from rnnlib.retail import chronological_split

    return thing(Bad("longer than sales", Lazy(lambda: chronological_split(5000, 182, 184))))


spec(
    "rnnlib.checks.lesson07:exercise_1",
    _l07("sales", "promo", "split"),
    answers=["answer"],
    answer=answer(Bad("array of sales", np.arange(10.0)), Bad("(mean, std)", (1.0, 2.0))),
    sales=_SALES_BAD,
    promo=_PROMO_BAD,
    split=_split_bad(),
)
spec(
    "rnnlib.checks.lesson07:exercise_2",
    _l07("dates", "sales", "promo", "split"),
    answers=["answer"],
    answer=answer(Bad("two numbers", [1.0, 2.0])),
    dates=[
        Bad("None", None),
        Bad("day numbers", np.arange(1096)),
        Bad("fewer dates", Lazy(lambda: _lesson07()[0][:10])),
    ],
    sales=_SALES_BAD,
    promo=_PROMO_BAD,
    split=_split_bad(),
)
spec(
    "rnnlib.checks.lesson07:exercise_3",
    _l07("sales", "promo", "split", "origins"),
    answers=["answer"],
    answer=answer(Bad("7 nans", [NAN] * 7), Bad("7 infs", [INF] * 7), Bad("two numbers", [1.0, 2.0])),
    sales=_SALES_BAD,
    promo=_PROMO_BAD,
    split=_split_bad(),
    origins=array(np.arange(912, 1089), 1)
    + [
        Bad("past the end", np.array([912, 1095])),
        Bad("fractions", np.array([912.5, 913.0])),
        Bad("too early", np.array([3, 912])),
    ],
    window=integer(1) + [Bad("7.9 would be read as 7", 7.9)],
)

# -- lesson 08
spec(
    "rnnlib.checks.lesson08:exercise_1",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(Bad("two numbers", (5.66, 5.66)), Bad("one inf", [INF]), Bad("the gate value", 0.99654)),
)
_GATES = np.array([[0.5, 0.2, 0.9], [0.9, 0.99, 0.5], [0.8, 0.7, 1.0]])
spec(
    "rnnlib.checks.lesson08:exercise_2",
    lambda: {"answer": None, "f": _GATES.copy()},
    answers=["answer"],
    answer=answer(Bad("(nan, nan, nan)", np.full(3, NAN)), Bad("one number per step", np.ones(3) * 0.5)),
    f=array(_GATES, 2) + [Bad("one step", _GATES[:1]), Bad("above 1", _GATES + 1)],
)
spec(
    "rnnlib.checks.lesson08:exercise_3",
    lambda: {"answer": 30},
    answers=["answer"],
    answer=answer(Bad("30.5", 30.5), Bad("str", "30"), Bad("bool", True)),
)
spec(
    "rnnlib.checks.lesson08:exercise_4",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("a function that raises", lambda gru, b: 1 / 0),
        Bad("a function that does nothing", lambda gru, b: None),
        Bad("a function of one argument", lambda gru: None),
    ),
)

# ============================================================================================================
# rnnlib.corpus, rnnlib.datasets
# ============================================================================================================

spec("rnnlib.corpus:generate_sentences", lambda: {"n": 2, "seed": 0}, n=integer(0), seed=integer(0))
_EXCLUDE_BAD = [
    Bad("None", None),
    Bad("int", 3),
    Bad("one str, not a list", "The cat is sitting on the mat."),
    Bad("numbers", [1, 2]),
    Bad(
        "every sentence",
        Lazy(lambda: [list(s) for s in __import__("rnnlib.corpus", fromlist=["x"]).sentence_probabilities()]),
    ),
]
_SENTENCE_BAD = [Bad("None", None), Bad("int", 3), Bad("bytes", b"the cat"), Bad("numbers", [1, 2])]
spec("rnnlib.corpus:sentence_probabilities", lambda: {}, exclude=_EXCLUDE_BAD)
spec(
    "rnnlib.corpus:is_sentence",
    lambda: {"sentence": "The cat is sitting on the mat."},
    sentence=_SENTENCE_BAD,
    note="sentence: any words are a fair question (the answer is False), the empty one too",
)
spec(
    "rnnlib.corpus:next_word_probabilities",
    lambda: {"prefix": "The cat is sitting on the"},
    prefix=_SENTENCE_BAD + [Bad("not a start of the grammar", "The zebra"), Bad("finished", "The cat is.")],
    exclude=_EXCLUDE_BAD,
)
spec(
    "rnnlib.corpus:words_needed",
    lambda: {"prefix": "The cat is sitting on the"},
    prefix=_SENTENCE_BAD + [Bad("not a start of the grammar", "The zebra")],
)

spec(
    "rnnlib.datasets:load_csv",
    lambda: {"name": "good.csv", "data_dir": _tmp()},
    name=data_name_bad()
    + [
        Bad("not UTF-8", "latin1.csv", mention="latin1.csv"),
        Bad("'five' in a number column", "five.csv", mention="five.csv"),
        Bad("a short row", "ragged.csv", mention="ragged.csv"),
    ],
    data_dir=DATA_DIR_BAD,
    columns=[
        Bad("str", "sales"),
        Bad("int", 3),
        Bad("numbers", (1, 2)),
        Bad("unknown column", ("nope",), mention="good.csv"),
    ],
)

# ============================================================================================================
# rnnlib.diagrams
# ============================================================================================================

_CELL_BAD = thing(Bad("a parameter dict", Lazy(params)))
spec("rnnlib.diagrams:draw_loop", lambda: {"cell": cell()}, cell=_CELL_BAD, note="title: free text")
spec(
    "rnnlib.diagrams:draw_unrolled",
    lambda: {"cell": cell(), "steps": 3},
    cell=_CELL_BAD,
    steps=integer(1, 10),
    note="title: free text",
)
spec("rnnlib.diagrams:unrolled_example")


_VIEWS = "rnnlib.diagrams"
spec("rnnlib.diagrams:HiddenStateView", note="no arguments: the view builds lesson 02's example cell itself")
spec(
    "rnnlib.diagrams:HiddenStateView.update",
    lambda: {"scale": 3.0, "pulse": -1.0},
    instance=lambda: __import__(_VIEWS, fromlist=["x"]).HiddenStateView(),
    scale=number(0, 5),
    pulse=number(-2, 2),
    cell=integer(0, 9) + [Bad("fraction", 2.5)],
)
spec(
    "rnnlib.diagrams:HiddenStateView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)
spec("rnnlib.diagrams:UnrolledView", note="no arguments: the view builds lesson 03's example cell itself")
spec(
    "rnnlib.diagrams:UnrolledView.update",
    lambda: {"scale": 1.0, "inputs": "1, 0, 0, 0, 0", "reverse": True, "t": 5},
    instance=lambda: __import__(_VIEWS, fromlist=["x"]).UnrolledView(),
    scale=number(0, 3),
    inputs=[
        Bad("4 numbers", "1, 0, 0, 0"),
        Bad("a word", "one, 0, 0, 0, 0"),
        Bad("too large", "99, 0, 0, 0, 0"),
        Bad("nan", [NAN, 0, 0, 0, 0]),
        Bad("int", 3),
        Bad("2-d of 10", np.zeros((5, 2))),
    ],
    reverse=flag(),
    t=integer(1, 5),
)
spec(
    "rnnlib.diagrams:UnrolledView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)

# ============================================================================================================
# rnnlib.display
# ============================================================================================================

spec(
    "rnnlib.ui:Table",
    lambda: {"rows": [["a", 1]], "columns": ["name", "n"]},
    rows=[
        Bad("None", None),
        Bad("int", 3),
        Bad("str", "ab"),
        Bad("row too short", [["a"]]),
        Bad("rows of ints", [1, 2]),
    ],
    columns=[Bad("None", None), Bad("int", 3), Bad("str", "ab")],
    digits=integer(0),
    note="title: free text",
)

# ============================================================================================================
# rnnlib.embeddings
# ============================================================================================================

_E4 = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]])
_LABELS4 = ["city", "city", "fruit", "fruit"]
_WORDS4 = ["paris", "london", "pear", "fig"]
_LABELS_BAD = [
    Bad("None", None),
    Bad("int", 3),
    Bad("str", "ccff"),
    Bad("wrong length", ["city", "fruit"]),
    Bad("one category", ["city"] * 4),
]
_E4_BAD = array(_E4, 2) + [Bad("a zero row", np.array([[0.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]]))]
spec(
    "rnnlib.embeddings:category_rows",
    lambda: {"vocab": small_vocab(), "categories": {"animals": ("cat", "dog")}},
    vocab=thing(Bad("a list of words", ["cat", "dog"])),
    categories=mapping(Bad("int members", {"animals": 3}), Bad("a str of members", {"animals": "cat"})),
)
spec("rnnlib.embeddings:cluster_score", lambda: {"E": _E4, "labels": _LABELS4}, E=_E4_BAD, labels=_LABELS_BAD)
spec("rnnlib.embeddings:cosine_matrix", lambda: {"E": _E4}, E=_E4_BAD)
spec(
    "rnnlib.embeddings:cosine_similarity",
    lambda: {"a": [1.0, 0.0], "b": [0.0, 1.0]},
    a=array(np.array([1.0, 0.0]), 1) + [Bad("zero vector", [0.0, 0.0])],
    b=array(np.array([1.0, 0.0]), 1) + [Bad("zero vector", [0.0, 0.0]), Bad("3 numbers", [1.0, 0.0, 0.0])],
)
spec(
    "rnnlib.embeddings:knn_purity",
    lambda: {"E": _E4, "labels": _LABELS4, "k": 1},
    E=_E4_BAD,
    labels=_LABELS_BAD,
    k=integer(1, 3),
    by_category=flag(),
)
_WORDS_BAD = [Bad("None", None), Bad("int", 3), Bad("str", "abcd"), Bad("wrong length", ["paris"])]
spec(
    "rnnlib.embeddings:nearest_neighbours",
    lambda: {"E": _E4, "words": _WORDS4, "word": "paris", "k": 2},
    E=_E4_BAD,
    words=_WORDS_BAD,
    word=text() + [Bad("unknown word", "zebra")],
    k=integer(1),
    exclude=[Bad("int", 3), Bad("None", None)],
)
spec(
    "rnnlib.embeddings:pca_2d",
    lambda: {"E": _E4},
    E=array(_E4, 2) + [Bad("one row", _E4[:1])],
    unit=flag(),
    variance=flag(),
)
spec(
    "rnnlib.embeddings:plot_map",
    lambda: {
        "maps": {"E": (_E4[:, :2], np.array([0.6, 0.3]))},
        "words": _WORDS4,
        "labels": _LABELS4,
        "title": "t",
    },
    maps=mapping(
        Bad("coords only", {"E": _E4}),
        Bad("3 columns", {"E": (np.zeros((4, 3)), np.array([0.6, 0.3]))}),
        Bad("nan coords", {"E": (np.full((4, 2), NAN), np.array([0.6, 0.3]))}),
    ),
    words=_WORDS_BAD,
    labels=_LABELS_BAD[:4],
    fontsize=number(1.0, 40.0),
    note="title: free text",
)
spec(
    "rnnlib.embeddings:ppmi",
    lambda: {"counts": [[2.0, 0.0], [0.0, 2.0]]},
    counts=array(np.array([[2.0, 0.0], [0.0, 2.0]]), 2)
    + [Bad("negative count", [[2.0, -1.0], [0.0, 2.0]]), Bad("all zero", np.zeros((2, 2)))],
)
spec(
    "rnnlib.embeddings:top_contexts",
    lambda: {"counts": [0, 6, 3, 1], "names": ["<pad>", "the", "a", "on"], "k": 2},
    counts=array(np.array([0.0, 6.0, 3.0, 1.0]), 1)
    + [Bad("all zero", [0, 0, 0, 0]), Bad("negative count", [0, 6, -3, 1])],
    names=[Bad("None", None), Bad("int", 3), Bad("wrong length", ["the", "a"]), Bad("str", "abcd")],
    k=integer(1),
)
spec(
    "rnnlib.embeddings:plot_cosine_heatmaps",
    lambda: {"matrices": {"E": _E4}, "labels": _LABELS4, "title": "t"},
    matrices=mapping(Bad("str embedding", {"E": "abc"}), Bad("too few rows", {"E": _E4[:2]})),
    labels=_LABELS_BAD[:4] + [Bad("categories not together", ["city", "fruit", "city", "fruit"])],
    columns=integer(1),
    note="title: free text",
)


def _space_snapshots():
    vocab = small_vocab()
    return {0: (rng(0).normal(size=(len(vocab), 4)),), 10: (rng(1).normal(size=(len(vocab), 4)),)}


_SPACE_CATS = {"animals": ("cat", "dog"), "places": ("mat", "rug")}


def _space_kwargs():
    return {
        "snapshots": _space_snapshots(),
        "vocab": small_vocab(),
        "categories": dict(_SPACE_CATS),
        "names": ("E",),
        "k": 2,
    }


spec(
    "rnnlib.embeddings:SemanticSpaceView",
    _space_kwargs,
    snapshots=mapping(
        Bad("str embedding", {0: ("abc",)}),
        Bad("too few rows", {0: (np.zeros((3, 4)),)}),
        Bad("two embeddings for one name", {0: (np.zeros((9, 4)), np.zeros((9, 4)))}),
        Bad("not a tuple", {0: 3}),
    ),
    vocab=thing(),
    categories=mapping(Bad("int members", {"animals": 3}), Bad("one category", {"animals": ("cat", "dog")})),
    names=[Bad("None", None), Bad("int", 3), Bad("two names", ("E", "W_hy")), Bad("int names", (3,))],
    k=integer(1, 3),
)
spec(
    "rnnlib.embeddings:SemanticSpaceView.update",
    lambda: {"step": 10, "word": "cat"},
    instance=lambda: __import__("rnnlib.embeddings", fromlist=["x"]).SemanticSpaceView(**_space_kwargs()),
    step=[Bad("None", None), Bad("str", "10"), Bad("not saved", 99), Bad("float", 10.5)],
    word=text(none_ok=True) + [Bad("not mapped", "sleeps")],
)
spec(
    "rnnlib.embeddings:SemanticSpaceView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)


def _context_kwargs():
    vocab = small_vocab()
    counts = rng(0).integers(1, 4, size=(len(vocab), len(vocab))).astype(float)
    return {"next_counts": counts, "vocab": vocab, "categories": dict(_SPACE_CATS), "k": 2}


spec(
    "rnnlib.embeddings:ContextView",
    _context_kwargs,
    next_counts=array(np.ones((9, 9)), 2)
    + [
        Bad("wrong size", np.ones((3, 3))),
        Bad("negative count", -np.ones((9, 9))),
        Bad("no positive count", np.zeros((9, 9))),
    ],
    vocab=thing(),
    categories=mapping(Bad("int members", {"animals": 3}), Bad("one category", {"animals": ("cat", "dog")})),
    k=integer(1, 9),
)
spec(
    "rnnlib.embeddings:ContextView.update",
    lambda: {"dims": 2, "context": "word before"},
    instance=lambda: __import__("rnnlib.embeddings", fromlist=["x"]).ContextView(**_context_kwargs()),
    dims=integer(1, 12),
    context=choice(__import__("rnnlib.embeddings", fromlist=["x"]).CONTEXTS),
)
spec(
    "rnnlib.embeddings:ContextView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)


def _next_word_kwargs():
    vocab = small_vocab()

    def step(index, h):
        probs = np.full(len(vocab), 1.0 / (len(vocab) - 1))
        probs[0] = 0.0
        return probs, h

    return {"prefix": "the cat", "temperature": 1.0, "step": step, "vocab": vocab, "h0": np.zeros(2)}


spec(
    "rnnlib.text:top_k",
    lambda: {"probs": np.array([0.0, 0.7, 0.2, 0.1]), "words": ["<pad>", "mat", "sofa", "floor"], "k": 2},
    probs=array(np.array([0.0, 0.7, 0.2, 0.1]), 1) + [Bad("negative", np.array([0.0, 1.2, -0.2, 0.0]))],
    words=[Bad("None", None), Bad("int", 3), Bad("str", "abcd"), Bad("wrong length", ["mat"])],
    k=integer(1, 4),
)

# ============================================================================================================
# rnnlib.gated
# ============================================================================================================


def _keras_weights_bad(make, blocks):
    def changed(i, value):
        def build():
            w = make()
            w[i] = value
            return w

        return Lazy(build)

    return thing(
        Bad("two arrays", Lazy(lambda: make()[:2])),
        Bad(f"kernel not {blocks} × units wide", changed(0, np.zeros((3, blocks * 2 + 1)))),
        Bad("recurrent kernel wrong", changed(1, np.zeros((3, blocks * 2)))),
        Bad("nan kernel", changed(0, np.full((3, blocks * 2), NAN))),
        Bad("str kernel", changed(0, "abc")),
    )


spec(
    "rnnlib.gated:lstm_params_from_keras",
    lambda: {"weights": lstm_weights()},
    weights=_keras_weights_bad(lstm_weights, 4),
)
spec(
    "rnnlib.gated:gru_params_from_keras",
    lambda: {"weights": gru_weights()},
    weights=_keras_weights_bad(gru_weights, 3),
)
_X3 = np.ones((2, 5, 3))
spec(
    "rnnlib.gated:lstm_unroll",
    lambda: {"x": _X3.copy(), "params": lstm_params()},
    x=array(_X3, 3) + [Bad("4 features", np.ones((2, 5, 4)))],
    params=gate_params_bad(lstm_params) + [Bad("GRU params", Lazy(gru_params))],
)
spec(
    "rnnlib.gated:gru_unroll",
    lambda: {"x": _X3.copy(), "params": gru_params()},
    x=array(_X3, 3) + [Bad("4 features", np.ones((2, 5, 4)))],
    params=gate_params_bad(gru_params) + [Bad("LSTM params", Lazy(lstm_params))],
)

# ============================================================================================================
# rnnlib.gradients
# ============================================================================================================

spec(
    "rnnlib.gradients:gradient_norms",
    lambda: {"radius": 0.9, "length": 5, "units": 4},
    radius=number(0),
    length=integer(1),
    units=integer(1),
    input_scale=number(0),
    seed=integer(0),
    sequences=integer(1),
)
spec(
    "rnnlib.gradients:plot_gradient_norms",
    lambda: {"radii": (0.9, 1.1), "length": 5},
    radii=[
        Bad("None", None),
        Bad("str", "abc"),
        Bad("nan", [NAN]),
        Bad("negative", [-1.0]),
        Bad("empty", []),
    ],
    length=integer(2),
    input_scale=number(0),
    seed=integer(0),
    sequences=integer(1),
    ax=[Bad("int", 3), Bad("str", "left")],
)
spec(
    "rnnlib.gradients:last_step_gradients",
    lambda: {"cell": cell(), "x": np.zeros((2, 5, 2))},
    cell=_CELL_BAD,
    x=array(np.zeros((2, 5, 2)), 3) + [Bad("3 features", np.zeros((2, 5, 3)))],
)
spec(
    "rnnlib.gradients:plot_trained_gradients",
    lambda: {"norms": np.full((3, 6), 0.5) ** np.arange(6), "rho": 0.5, "sigma_max": 0.8},
    norms=array(np.full((3, 6), 0.5) ** np.arange(6), 2) + [Bad("negative", -np.ones((3, 6)))],
    rho=number(0),
    sigma_max=number(0) + [Bad("below rho", 0.4)],
    lag=integer(1, none_ok=True),
    ax=[Bad("int", 3), Bad("str", "right")],
)
_RUNS = {
    (0.9, None, 0): {"step_norm": [3.0, 2.0], "diverged": False},
    (1.5, 10.0, 0): {"step_norm": [30.0, 5.0], "diverged": False},
}
spec(
    "rnnlib.gradients:plot_clipping_runs",
    lambda: {"runs": dict(_RUNS), "max_norm": 10.0},
    runs=mapping(
        Bad("int key", {3: _RUNS[0.9, None, 0]}),
        Bad("no step_norm", {(0.9, None, 0): {"diverged": False}}),
        Bad("str norms", {(0.9, None, 0): {"step_norm": "abc", "diverged": False}}),
        Bad("a list, not a history", {(0.9, None, 0): [3.0, 2.0]}),
    ),
    max_norm=number(0, exclusive=("min",)),
)
spec(
    "rnnlib.gradients:GradientView",
    lambda: {"length": 12, "units": 4},
    length=integer(11),
    units=integer(1),
    seed=integer(0),
)
spec(
    "rnnlib.gradients:GradientView.update",
    lambda: {"radius": 0.9, "input_scale": 0.01},
    instance=lambda: __import__("rnnlib.gradients", fromlist=["x"]).GradientView(length=12, units=4),
    radius=number(0),
    input_scale=number(0),
)
spec(
    "rnnlib.gradients:GradientView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)

# ============================================================================================================
# rnnlib.memory
# ============================================================================================================

spec(
    "rnnlib.memory:chance_level",
    lambda: {"y_train": np.array([0, 1, 1, 2]), "y_test": np.array([1, 0, 2, 1])},
    y_train=array(np.array([0, 1, 1, 2]), 1) + [Bad("fractions", np.array([0.5, 1.0]))],
    y_test=array(np.array([0, 1, 1, 2]), 1) + [Bad("fractions", np.array([0.5, 1.0]))],
)


def _recall(n=1, distance=4):
    from rnnlib.tasks import _recall_task

    return _recall_task(n, distance, seed=1, n_symbols=4)


spec(
    "rnnlib.memory:describe_sequence",
    lambda: {"x": _recall()[0][0]},
    x=array(np.zeros((5, 5)), 2) + [Bad("2 features", np.zeros((5, 2)))],
    limit=integer(1),
)


@cache
def _classifier():
    import keras

    model = keras.Sequential(
        [keras.Input((5, 5)), keras.layers.SimpleRNN(2), keras.layers.Dense(4, activation="softmax")]
    )
    return model


_ACC = {"LSTM": {5: 1.0, 20: 0.9}}
_ACC_BAD = [
    Bad("int per model", {"LSTM": 3}),
    Bad("nan accuracy", {"LSTM": {5: NAN}}),
    Bad("accuracy 2", {"LSTM": {5: 2.0}}),
    Bad("str distance", {"LSTM": {"five": 1.0}}),
]
spec(
    "rnnlib.memory:plot_accuracy_vs_distance",
    lambda: {"accuracy": _ACC, "baselines": {"chance": {5: 0.25, 20: 0.25}}},
    accuracy=mapping(*_ACC_BAD),
    baselines=[Bad("list", [1, 2]), Bad("str", "abc"), Bad("empty", {})] + _ACC_BAD,
    note="title: free text",
)
_NORMS_BAD = [
    Bad("str values", {"LSTM": "abc"}),
    Bad("nan values", {"LSTM": [NAN, 1.0]}),
    Bad("2-D values", {"LSTM": np.ones((2, 2))}),
]
spec(
    "rnnlib.memory:plot_controlled_experiment",
    lambda: {"accuracy_per_epoch": {"a": [0.3, 0.9]}, "norms": {"a": np.ones(5)}, "chance": 0.25},
    accuracy_per_epoch=mapping(
        Bad("str values", {"a": "abc"}), Bad("nan values", {"a": [NAN]}), Bad("accuracy 2", {"a": [0.3, 2.0]})
    ),
    norms=mapping(*_NORMS_BAD),
    chance=number(0, 1, none_ok=True),
    note="title: free text",
)
spec(
    "rnnlib.memory:plot_input_gradient_norms",
    lambda: {"before": {"LSTM": np.array([1.0, 0.5])}, "after": {"LSTM": np.array([1.0, 0.9])}},
    before=mapping(*_NORMS_BAD),
    after=[Bad("list", [1, 2]), Bad("str", "abc"), Bad("empty", {})] + _NORMS_BAD,
    distance_label=[Bad("int", 3), Bad("None", None)],
)


def _inside_kwargs():
    g = np.full((5, 2), 0.9)
    return {"x": _recall()[0][0], "gates": {"i": g, "f": g}, "cell": 0.5 * np.ones((5, 2))}


_GATES_BAD = mapping(
    Bad("missing f", {"i": np.ones((5, 2))}),
    Bad("wrong shape", {"i": np.ones((5, 3)), "f": np.ones((5, 3))}),
    Bad("nan gates", {"i": np.full((5, 2), NAN), "f": np.ones((5, 2))}),
    Bad("gates above 1", {"i": np.full((5, 2), 2.0), "f": np.ones((5, 2))}),
)
spec(
    "rnnlib.memory:plot_memory_inside",
    _inside_kwargs,
    x=array(np.zeros((5, 5)), 2)
    + [Bad("fewer steps", np.zeros((4, 5))), Bad("2 features", np.zeros((5, 2)))],
    gates=_GATES_BAD,
    cell=array(np.zeros((5, 2)), 2) + [Bad("fewer steps", np.zeros((4, 2)))],
    note="title: free text",
)
spec(
    "rnnlib.memory:gate_reach",
    lambda: {"biases": [1.0, 5.0], "distance": 4, "units": 2, "n": 3},
    biases=[Bad("None", None), Bad("str", "abc"), Bad("nan", [NAN]), Bad("empty", []), Bad("number", 5.0)],
    distance=integer(1),
    units=integer(1),
    n=integer(1),
    seed=integer(0),
    input_bias=number(-20, 20),
)
_REACH = {1.0: 0.5 ** np.arange(11.0), 5.0: np.ones(11)}
spec(
    "rnnlib.memory:GateReachView",
    lambda: {"reach": dict(_REACH)},
    reach=mapping(
        Bad("str values", {1.0: "abc"}),
        Bad("nan values", {1.0: np.full(11, NAN)}),
        Bad("str bias", {"one": np.ones(11)}),
        Bad("different lengths", {1.0: np.ones(11), 5.0: np.ones(5)}),
    ),
)
spec(
    "rnnlib.memory:GateReachView.update",
    lambda: {"b_f": 5.0, "T": 10},
    instance=lambda: __import__("rnnlib.memory", fromlist=["x"]).GateReachView(dict(_REACH)),
    b_f=number() + [Bad("not measured", 3.0)],
    T=integer(1, 10),
)
spec(
    "rnnlib.memory:GateReachView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)
_P = np.array([[0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.7]])
spec(
    "rnnlib.memory:AnswerView",
    lambda: {"probs": {("m", 5): _P.copy()}, "targets": {5: [0, 1]}},
    probs=mapping(
        Bad("str key", {"m": _P}),
        Bad("nan probabilities", {("m", 5): np.full((2, 4), NAN)}),
        Bad("3 symbols", {("m", 5): np.full((2, 3), 1 / 3)}),
        Bad("negative probabilities", {("m", 5): np.array([[1.5, -0.5, 0, 0], [0.25] * 4])}),
    ),
    targets=mapping(
        Bad("fractions", {5: [0.5, 1.0]}),
        Bad("symbol 4 of 4", {5: [0, 4]}),
        Bad("symbol -1", {5: [0, -1]}),
        Bad("wrong length", {5: [0]}),
    ),
    sequences=[Bad("list", [1, 2]), Bad("str", "abc"), Bad("wrong shape", {5: np.zeros((2, 6))})],
)
spec(
    "rnnlib.memory:AnswerView.update",
    lambda: {"model": "m", "T": 5},
    instance=lambda: __import__("rnnlib.memory", fromlist=["x"]).AnswerView(
        {("m", 5): _P.copy()}, {5: [0, 1]}
    ),
    model=[Bad("unknown", "zebra"), Bad("None", None)],
    T=integer(1) + [Bad("not trained", 6)],
)
spec(
    "rnnlib.memory:AnswerView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)
spec("rnnlib.gated:draw_lstm_cell", note="title: free text")
spec(
    "rnnlib.tasks:recall_split",
    lambda: {"distance": 3, "n_train": 4, "n_test": 2},
    distance=integer(1),
    n_train=integer(1),
    n_test=integer(1),
    seed=integer(0),
    n_symbols=integer(2, 26),
    unseen=flag(),
)
# ============================================================================================================
# rnnlib.plots, rnnlib.style
# ============================================================================================================

spec("rnnlib.sequences:draw_mappings")
spec("rnnlib.ui:use_style")
_VIDEO = np.zeros((4, 6, 6))
spec(
    "rnnlib.sequences:plot_film_strip",
    lambda: {"video": _VIDEO.copy(), "positions": np.ones((4, 2))},
    video=array(_VIDEO, 3),
    positions=array(np.ones((4, 2)), 2, none_ok=True) + [Bad("fewer frames", np.ones((2, 2)))],
    note="title: free text",
)
spec(
    "rnnlib.sequences:plot_one_hot",
    lambda: {"sequence": "GAT", "one_hot": np.eye(4)[[2, 0, 3]]},
    sequence=text() + [Bad("not DNA", "XYZ")],
    one_hot=array(np.eye(4)[[2, 0, 3]], 2) + [Bad("2 rows for 3 bases", np.eye(4)[[2, 0]])],
    note="title: free text",
)
_T = np.arange(8) / 8000
_TIMES, _FREQS = np.array([0.1, 0.2]), np.array([0.0, 100.0, 200.0])
spec(
    "rnnlib.sequences:plot_spectrogram",
    lambda: {"t": _T, "signal": np.zeros(8), "times": _TIMES, "freqs": _FREQS, "power_db": np.zeros((2, 3))},
    t=array(_T, 1),
    signal=array(np.zeros(8), 1) + [Bad("shorter than t", np.zeros(5))],
    times=array(_TIMES, 1),
    freqs=array(_FREQS, 1),
    power_db=array(np.zeros((2, 3)), 2) + [Bad("wrong shape", np.zeros((3, 3)))],
    vowels=[Bad("int", 3), Bad("empty", ""), Bad("not vowels", "xyz"), Bad("list", ["a"])],
    note="title: free text",
)
spec(
    "rnnlib.sequences:plot_lag",
    lambda: {"series": {"a": (np.arange(10.0), "m")}},
    series=[
        Bad("None", None),
        Bad("empty", {}),
        Bad("array", np.arange(10.0)),
        Bad("no unit", {"a": np.arange(10.0)}),
        Bad("unit not a str", {"a": (np.arange(10.0), 3)}),
        Bad("2-D series", {"a": (np.zeros((5, 2)), "m")}),
        Bad("nan in series", {"a": (np.array([1.0, NAN, 3.0, 4.0]), "m")}),
        Bad("constant", {"a": (np.ones(10), "m")}),
        Bad("too short", {"a": (np.ones(2), "m")}),
    ],
    lag=integer(1) + [Bad("as long as x", 10)],
)

# ============================================================================================================
# rnnlib.retail
# ============================================================================================================


def _sales_data(days=60):
    from rnnlib.retail import generate_sales

    return generate_sales(days=days, seed=1)


spec(
    "rnnlib.retail:generate_sales",
    lambda: {"days": 30, "start": "2022-01-01", "seed": 1},
    days=integer(28),
    start=text()
    + [
        Bad("int 5 (1970)", 5),
        Bad("float", 2022.5),
        Bad("not a date", "yesterday"),
        Bad("a month", "2022-01"),
    ],
    seed=integer(0),
    shock_persistence=number(0.0, 0.99),
    shock_sd=number(0.0, 1.0),
)


def _side_by_side_models(layer="SimpleRNN", units=(4, 4)):
    import keras

    return [
        keras.Sequential([keras.Input((3, 2)), getattr(keras.layers, layer)(u), keras.layers.Dense(1)])
        for u in units
    ]


def _side_by_side_call():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 3, 2)), rng.normal(size=12)
    return {
        "models": _side_by_side_models(),
        "X": X,
        "y": y,
        "X_val": X[:4],
        "y_val": y[:4],
        "epochs": 1,
        "batch_size": 6,
    }


spec(
    "rnnlib.retail:train_side_by_side",
    _side_by_side_call,
    models=thing(
        Bad("empty list", []),
        Bad("an LSTM", Lazy(lambda: _side_by_side_models("LSTM"))),
        Bad("different sizes", Lazy(lambda: _side_by_side_models(units=(4, 5)))),
    ),
    X=array(np.zeros((12, 3, 2)), 3, extra=[Bad("wrong steps", np.zeros((12, 4, 2)))]),
    y=array(np.zeros(12), 1, extra=[Bad("one short", np.zeros(11))]),
    X_val=array(np.zeros((4, 3, 2)), 3, extra=[Bad("wrong features", np.zeros((4, 3, 1)))]),
    y_val=array(np.zeros(4), 1, extra=[Bad("one long", np.zeros(5))]),
    epochs=integer(1),
    batch_size=integer(1),
    patience=integer(1),
    learning_rate=number(0.0, exclusive=("min",)),
    shuffle=flag(),
)
spec(
    "rnnlib.retail:shock_scores",
    lambda: {"shock_persistence": 0.5, "shock_sd": 0.1, "seeds": (7,)},
    shock_persistence=number(0.0, 0.99),
    shock_sd=number(0.0, 1.0),
    seeds=[Bad("empty", ()), Bad("a string", "7"), Bad("a fraction", (7.5,)), Bad("negative", (-1,))],
)
spec(
    "rnnlib.retail:ShockView",
    lambda: {"shock_sd": 0.1, "seed": 7},
    shock_sd=number(0.0, 1.0),
    seed=integer(0),
)
spec(
    "rnnlib.retail:ShockView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)
spec(
    "rnnlib.retail:ShockView.update",
    lambda: {"shock_persistence": 0.5},
    instance=lambda: __import__("rnnlib.retail", fromlist=["ShockView"]).ShockView(),
    shock_persistence=number(0.0, 0.99),
)


def _view_kwargs():
    d = _sales_data()
    origins = np.arange(20, 30)
    ahead = origins[:, None] + 1 + np.arange(7)
    return {
        "dates": d["date"],
        "sales": d["sales"].astype(float),
        "expected": d["expected"],
        "promo": d["promo"],
        "origins": origins,
        "forecasts": {"model": d["expected"][ahead], "seasonal naive": d["sales"][ahead - 7].astype(float)},
    }


spec(
    "rnnlib.retail:ForecastView",
    _view_kwargs,
    dates=array(np.arange(60), 1)
    + [
        Bad("fewer dates", np.arange(10)),
        Bad("day numbers", np.arange(60)),
        Bad("not in order", Lazy(lambda: _sales_data()["date"][::-1])),
    ],
    sales=array(np.zeros(60), 1) + [Bad("fewer days", np.zeros(10))],
    expected=array(np.zeros(60), 1) + [Bad("fewer days", np.zeros(10))],
    promo=array(np.zeros(60), 1) + [Bad("fewer days", np.zeros(10)), Bad("not 0/1", np.full(60, 0.5))],
    origins=array(np.arange(20, 30), 1)
    + [
        Bad("past the end", np.array([20, 58])),
        Bad("fractions", np.array([20.5, 21.0])),
        Bad("too early", np.array([3, 20])),
    ],
    forecasts=mapping(Bad("wrong shape", {"model": np.zeros((10, 6))}), Bad("str values", {"model": "abc"})),
    history=integer(1) + [Bad("longer than the origins allow", 30)],
)
spec(
    "rnnlib.retail:ForecastView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)
spec(
    "rnnlib.retail:ForecastView.update",
    lambda: {"origin": 1},
    instance=lambda: __import__("rnnlib.retail", fromlist=["ForecastView"]).ForecastView(**_view_kwargs()),
    origin=integer(0, 9),
    note="baselines, expected: the explorer's checkboxes (True/False); the view trusts its engine",
)
_DATES7 = np.array(["2022-01-03", "2022-01-04", "2022-01-05"], dtype="datetime64[D]")
spec(
    "rnnlib.retail:calendar_features",
    lambda: {"dates": _DATES7, "promo": [0, 1, 0]},
    dates=[
        Bad("None", None),
        Bad("day numbers", np.arange(3)),
        Bad("not dates", ["a", "b", "c"]),
        Bad("2-D", _DATES7[:, None]),
        Bad("empty", _DATES7[:0]),
    ],
    promo=array(np.zeros(3), 1) + [Bad("fewer days", [0, 1]), Bad("not 0/1", [0.5, 0.0, 1.0])],
)
_F = np.eye(2)[[0, 1, 0, 1]]
spec(
    "rnnlib.retail:fit_calendar_regression",
    lambda: {"features": _F, "sales": [9.0, 99.0, 9.0, 99.0]},
    features=array(_F, 2),
    sales=array(np.ones(4), 1) + [Bad("fewer days", np.ones(3)), Bad("negative", [-1.0, 1.0, 1.0, 1.0])],
)
spec(
    "rnnlib.retail:predict_calendar_regression",
    lambda: {"weights": np.log1p([9.0, 99.0]), "features": _F},
    weights=array(np.ones(2), 1) + [Bad("wrong length", np.ones(3))],
    features=array(_F, 2) + [Bad("3 columns", np.ones((4, 3)))],
)
spec(
    "rnnlib.retail:block_bootstrap",
    lambda: {"values": np.arange(28.0), "block": 7, "resamples": 50},
    values=array(np.arange(28.0), 1),
    block=integer(1, 28),
    resamples=integer(1),
    seed=integer(0),
)


spec(
    "rnnlib.retail:Scaler",
    lambda: {"mean": 1.0, "std": 2.0},
    mean=number(),
    std=number(0, exclusive=("min",)),
)
_VALUES = np.array([10.0, 20.0, 30.0])
spec(
    "rnnlib.retail:Scaler.fit",
    lambda: {"values": _VALUES.copy()},
    values=array(_VALUES, 1) + [Bad("one value", np.array([1.0])), Bad("all equal", np.ones(3))],
)


def _scaler():
    from rnnlib.retail import Scaler

    return Scaler.fit(_VALUES)


_ANY_VALUES_BAD = [
    Bad("None", None),
    Bad("str", "abc"),
    Bad("ragged", [[1.0], [2.0, 3.0]]),
    Bad("object", object()),
    Bad("nan", NAN),
    Bad("nan entry", np.array([1.0, NAN])),
]
spec(
    "rnnlib.retail:Scaler.transform",
    lambda: {"values": _VALUES.copy()},
    instance=_scaler,
    values=_ANY_VALUES_BAD,
)
spec(
    "rnnlib.retail:Scaler.inverse",
    lambda: {"values": _VALUES.copy()},
    instance=_scaler,
    values=_ANY_VALUES_BAD,
)
spec(
    "rnnlib.retail:Split",
    lambda: {"train": slice(0, 5), "validation": slice(5, 7), "test": slice(7, 10)},
    train=[Bad("None", None), Bad("int", 5), Bad("empty", slice(0, 0)), Bad("not from day 0", slice(2, 5))],
    validation=[Bad("None", None), Bad("overlaps train", slice(4, 7)), Bad("gap after train", slice(6, 7))],
    test=[Bad("None", None), Bad("reversed", slice(10, 7)), Bad("a step", slice(7, 10, 2))],
)


def _split10():
    from rnnlib.retail import chronological_split

    return chronological_split(10, validation=2, test=3)


spec(
    "rnnlib.retail:Split.part_of",
    lambda: {"days": [0, 6, 9]},
    instance=_split10,
    days=array(np.array([0, 6, 9]), 1)
    + [Bad("day 10 of 10", [0, 10]), Bad("day -1", [-1, 0]), Bad("fractions", [0.5, 1.0])],
)
spec(
    "rnnlib.retail:chronological_split",
    lambda: {"length": 10, "validation": 2, "test": 3},
    length=integer(3),
    validation=integer(1) + [Bad("leaves no training day", 7)],
    test=integer(1) + [Bad("leaves no training day", 8)],
)
_WX = np.arange(12.0).reshape(4, 3, 1)
spec(
    "rnnlib.retail:fit_linear_ar",
    lambda: {"X": _WX.copy(), "y": np.arange(4.0)},
    X=array(_WX, 3),
    y=array(np.arange(4.0), (1, 2)) + [Bad("wrong length", np.arange(3.0))],
)
spec(
    "rnnlib.retail:predict_linear_ar",
    lambda: {"weights": np.ones(4), "X": _WX.copy()},
    weights=array(np.ones(4), (1, 2)) + [Bad("wrong length", np.ones(3))],
    X=array(_WX, 3) + [Bad("window 2", np.ones((4, 2, 1)))],
)
_SALES = np.arange(20.0)
_DAYS = np.array([8, 9])
_DAYS_BAD = array(_DAYS, 1) + [
    Bad("fractions", np.array([8.5, 9.0])),
    Bad("past the end", np.array([8, 20])),
    Bad("too early", np.array([0, 9])),
]
spec(
    "rnnlib.retail:last_value",
    lambda: {"sales": _SALES, "days": _DAYS},
    sales=array(_SALES, 1),
    days=_DAYS_BAD,
)
spec(
    "rnnlib.retail:seasonal_naive",
    lambda: {"sales": _SALES, "days": _DAYS},
    sales=array(_SALES, 1),
    days=_DAYS_BAD,
    season=integer(1),
)
spec(
    "rnnlib.retail:moving_average",
    lambda: {"sales": _SALES, "days": _DAYS},
    sales=array(_SALES, 1),
    days=_DAYS_BAD,
    width=integer(1),
)
for _metric in ("mae", "rmse"):
    spec(
        f"rnnlib.retail:{_metric}",
        lambda: {"y_true": [1.0, 2.0], "y_pred": [1.5, 2.0]},
        y_true=array(np.ones(2), 1),
        y_pred=array(np.ones(2), 1) + [Bad("wrong length", np.ones(3))],
    )
spec(
    "rnnlib.retail:mase",
    lambda: {"y_true": [1.0, 2.0], "y_pred": [1.5, 2.0], "scale": 2.0},
    y_true=array(np.ones(2), 1),
    y_pred=array(np.ones(2), 1) + [Bad("wrong length", np.ones(3))],
    scale=number(0, exclusive=("min",)),
)


# ============================================================================================================
# rnnlib.rnn
# ============================================================================================================

spec(
    "rnnlib.rnn:RNNCell",
    lambda: {"input_size": 2, "units": 3, "output_size": 1},
    input_size=integer(1),
    units=integer(1),
    output_size=integer(1),
    activation=choice(("tanh", "relu")),
    seed=integer(0),
    dtype=[Bad("None", None), Bad("int32", np.int32), Bad("str", "abc"), Bad("float16", np.float16)],
    weight_scale=number(0, none_ok=True),
)
spec("rnnlib.rnn:RNNCell.parameter_count", instance=cell)
spec("rnnlib.rnn:RNNCell.copy", instance=cell)
_W = {"W_xh": [[1.0], [0.5]], "W_hh": np.eye(2), "W_hy": [[1.0, -1.0]], "b_h": [0.0, 0.0], "b_y": [0.0]}
spec(
    "rnnlib.rnn:RNNCell.from_params",
    lambda: dict(_W),
    W_xh=array(np.ones((2, 1)), 2) + [Bad("3 rows", np.ones((3, 1)))],
    W_hh=array(np.eye(2), 2) + [Bad("not square", np.ones((2, 3)))],
    W_hy=array(np.ones((1, 2)), 2) + [Bad("3 columns", np.ones((1, 3)))],
    b_h=array(np.zeros(2), 1) + [Bad("3 entries", np.zeros(3))],
    b_y=array(np.zeros(1), 1) + [Bad("2 entries", np.zeros(2))],
    activation=choice(("tanh", "relu")),
)
spec(
    "rnnlib.rnn:RNNCell.step",
    lambda: {"x_t": np.ones(2)},
    instance=cell,
    x_t=array(np.ones(2), (1, 2)) + [Bad("3 features", np.ones(3))],
    h_prev=array(np.zeros(3), (1, 2), none_ok=True) + [Bad("2 units", np.zeros(2))],
)
spec(
    "rnnlib.rnn:RNNCell.forward",
    lambda: {"x": X_SEQ.copy()},
    instance=cell,
    x=array(X_SEQ, (2, 3)) + [Bad("3 features", np.zeros((4, 3)))],
    h0=array(np.zeros(3), (1, 2), none_ok=True) + [Bad("2 units", np.zeros(2))],
)


spec("rnnlib.rnn:to_keras", lambda: {"cell": cell()}, cell=_CELL_BAD)

# ============================================================================================================
# rnnlib.sequences
# ============================================================================================================

spec("rnnlib.sequences:dna_sequence", lambda: {"length": 8}, length=integer(1), seed=integer(0))
spec("rnnlib.sequences:heart_rate", lambda: {"minutes": 1}, minutes=integer(1), seed=integer(0))
spec(
    "rnnlib.sequences:index_words",
    lambda: {"tokens": ["the", "cat"]},
    tokens=[
        Bad("None", None),
        Bad("int", 3),
        Bad("str", "the cat"),
        Bad("empty", []),
        Bad("numbers", [1, 2]),
    ],
)
spec(
    "rnnlib.sequences:lag_autocorrelation",
    lambda: {"x": np.arange(10.0)},
    x=array(np.arange(10.0), 1) + [Bad("constant", np.ones(10)), Bad("2 values", np.ones(2))],
    lag=integer(1) + [Bad("as long as x", 10)],
)
spec(
    "rnnlib.sequences:moving_dot_video",
    lambda: {"frames": 2, "size": 6},
    frames=integer(1),
    size=integer(4),
    seed=integer(0),
)
spec("rnnlib.sequences:one_hot_dna", lambda: {"sequence": "GAT"}, sequence=text() + [Bad("not DNA", "GAXT")])
spec(
    "rnnlib.sequences:random_walk",
    lambda: {"days": 5},
    days=integer(2),
    start=number(0, exclusive=("min",)),
    volatility=number(0),
    seed=integer(0),
)
spec(
    "rnnlib.sequences:speech_like",
    lambda: {"vowels": "a", "fs": 2000},
    vowels=text() + [Bad("not vowels", "xyz")],
    fs=integer(2000),
    pitch=number(50.0, 250.0),  # at most fs / 8
    seed=integer(0),
)
spec(
    "rnnlib.sequences:spectrogram",
    lambda: {"signal": np.zeros(64), "fs": 8000, "window": 16, "hop": 8},
    signal=array(np.zeros(64), 1),
    fs=integer(1),
    window=integer(2) + [Bad("longer than the signal", 65)],
    hop=integer(1),
)
spec("rnnlib.sequences:temperature", lambda: {"hours": 24}, hours=integer(2), seed=integer(0))
spec("rnnlib.sequences:split_words", lambda: {"text": "The cat."}, text=text(empty=False))

# ============================================================================================================
# rnnlib.tasks
# ============================================================================================================


def _echo():
    from rnnlib.tasks import echo_task

    return echo_task(4, 6, lag=2, seed=0)


spec(
    "rnnlib.tasks:best_memoryless_accuracy",
    lambda: dict(zip(("x", "y"), _echo(), strict=True)),
    x=array(np.zeros((4, 6, 1)), 3) + [Bad("2 features", np.zeros((4, 6, 2)))],
    y=array(np.zeros((4, 6, 1)), 3) + [Bad("fewer sequences", np.zeros((3, 6, 1)))],
    lag=integer(0, 5),
)
spec(
    "rnnlib.tasks:window_table_accuracy",
    lambda: dict(
        zip(("x_train", "y_train", "x_test", "y_test"), (*_echo(), *_echo()), strict=True), window=3
    ),
    x_train=array(np.zeros((4, 6, 1)), 3) + [Bad("2 features", np.zeros((4, 6, 2)))],
    y_train=array(np.zeros((4, 6, 1)), 3) + [Bad("fewer steps", np.zeros((4, 5, 1)))],
    x_test=array(np.zeros((4, 6, 1)), 3) + [Bad("2 features", np.zeros((4, 6, 2)))],
    y_test=array(np.zeros((4, 6, 1)), 3) + [Bad("fewer sequences", np.zeros((3, 6, 1)))],
    window=integer(1, 16),
    lag=integer(0, 5),
)
spec(
    "rnnlib.tasks:echo_split",
    lambda: {"n_train": 8, "n_test": 4, "time": 6},
    n_train=integer(1),
    n_test=integer(1) + [Bad("not a multiple of 4", 6)],
    time=integer(3),
    lag=integer(1) + [Bad("as long as time", 6)],
    seed=integer(0),
    balanced=flag(),
)
spec(
    "rnnlib.tasks:echo_task",
    lambda: {"n_sequences": 2, "time": 6},
    n_sequences=integer(1),
    time=integer(3),
    lag=integer(1) + [Bad("as long as time", 6)],
    seed=integer(0),
    values=choice(("bits", "uniform")),
)
spec(
    "rnnlib.tasks:guessing_accuracy",
    lambda: {"y": _echo()[1]},
    y=array(np.zeros((4, 6, 1)), 3) + [Bad("2 features", np.zeros((4, 6, 2)))],
    lag=integer(0, 5),
)
# ============================================================================================================
# rnnlib.text
# ============================================================================================================

_XP = np.array([[0, 1], [1, 2], [2, 3]])
_YP = np.array([2, 3, 4])
_XP_BAD = array(_XP, 2) + [
    Bad("index 12 of 12", np.array([[0, 1], [1, 12], [2, 3]])),
    Bad("index -1", np.array([[0, 1], [1, -1], [2, 3]])),
    Bad("fractions", np.array([[0, 1.5], [1, 2], [2, 3]])),
]
_YP_BAD = array(_YP, 1) + [
    Bad("padding as target", np.array([0, 3, 4])),
    Bad("index 12 of 12", np.array([2, 3, 12])),
    Bad("index -1", np.array([2, 3, -1])),
    Bad("wrong length", np.array([2, 3])),
    Bad("fractions", np.array([2.5, 3.0, 4.0])),
]
for _lm in ("BigramLM", "UniformLM", "UnigramLM"):
    spec(f"rnnlib.text:{_lm}", lambda: {"vocab_size": 12}, vocab_size=integer(2), k=number(0))

    def _lm_instance(_lm=_lm):
        import rnnlib.text as t

        return getattr(t, _lm)(12).fit(_XP, _YP)

    spec(f"rnnlib.text:{_lm}.fit", lambda: {"X": _XP, "y": _YP}, instance=_lm_instance, X=_XP_BAD, y=_YP_BAD)
    spec(
        f"rnnlib.text:{_lm}.predict",
        lambda: {"X": _XP},
        instance=_lm_instance,
        X=_XP_BAD,
        note="verbose, batch_size: accepted for keras.Model.predict's interface, ignored",
    )
spec(
    "rnnlib.text:Vocabulary",
    lambda: {"sentences": ["The cat."]},
    sentences=[
        Bad("None", None),
        Bad("str", "The cat."),
        Bad("int", 3),
        Bad("empty", []),
        Bad("numbers", [1, 2]),
        Bad("None sentence", [None]),
    ],
)
spec(
    "rnnlib.text:Vocabulary.encode",
    lambda: {"sentence": "the cat"},
    instance=small_vocab,
    sentence=[Bad("None", None), Bad("int", 3), Bad("bytes", b"the cat"), Bad("numbers", [1, 2])],
)
_IDX_BAD = array(np.array([1, 2]), 1) + [
    Bad("index 12 of 12", np.array([1, 12])),
    Bad("index -1", np.array([-1, 2])),
    Bad("fractions", np.array([1.5, 2.0])),
]
spec(
    "rnnlib.text:Vocabulary.decode",
    lambda: {"indices": [1, 2]},
    instance=small_vocab,
    indices=[b for b in _IDX_BAD if b.label != "empty"],
    skip_padding=flag(),
)
spec("rnnlib.text:Vocabulary.one_hot", lambda: {"indices": [1, 2]}, instance=small_vocab, indices=_IDX_BAD)


def _results():
    r = {"perplexity": 5.0, "top1": 0.5, "topk": 0.9, "k": 5, "n": 10}
    return {"bigram": (r, dict(r))}


spec(
    "rnnlib.ui:comparison_table",
    lambda: {"results": _results()},
    results=mapping(
        Bad("int per model", {"bigram": 3}),
        Bad("missing perplexity", {"bigram": ({"top1": 0.5}, {"top1": 0.5})}),
        Bad(
            "nan perplexity",
            Lazy(
                lambda: {"bigram": ({**_results()["bigram"][0], "perplexity": NAN}, _results()["bigram"][1])}
            ),
        ),
    ),
    groups=[Bad("str", "far"), Bad("int", 3), Bad("numbers", [1, 2])],
    note="title: free text",
)


def _uniform():
    from rnnlib.text import UniformLM

    return UniformLM(12)


spec(
    "rnnlib.text:evaluate",
    lambda: {"model": _uniform(), "X": _XP, "y": _YP, "k": 2, "mask": np.array([True, False, True])},
    model=thing(
        Bad("probabilities, 2 rows for 3 pairs", np.full((2, 12), 1 / 11)),
        Bad("negative probabilities", np.full((3, 12), -0.1)),
        Bad("nan probabilities", np.full((3, 12), NAN)),
    ),
    X=_XP_BAD,
    y=_YP_BAD,
    k=integer(1, 12),
    mask=array(np.array([True, False, True]), 1, none_ok=True)
    + [
        Bad("wrong length", np.array([True, False])),
        Bad("selects nothing", np.zeros(3, bool)),
        Bad("0/1 ints", np.array([1, 0, 2])),
    ],
)


def _generate_kwargs():
    kw = _next_word_kwargs()
    return {"step": kw["step"], "vocab": kw["vocab"], "prefix": "the", "h0": kw["h0"], "max_words": 3}


spec(
    "rnnlib.text:generate",
    _generate_kwargs,
    step=function(),
    vocab=thing(),
    prefix=[b for b in text() if b.label != "list"]
    + [Bad("only punctuation", "..."), Bad("numbers", [1, 2])],
    h0=[Bad("None", None), Bad("str", "abc")],
    temperature=number(0),
    seed=integer(0),
    max_words=integer(1),
)
spec("rnnlib.text:load_corpus", lambda: {}, data_dir=DATA_DIR_BAD)
spec(
    "rnnlib.text:long_range_mask",
    lambda: {"X": _XP, "vocab": small_vocab()},
    X=_XP_BAD,
    vocab=thing(),
    cues=[Bad("int", 3), Bad("None", None), Bad("a str", "the")],
)
#: Bad values for a list of encoded sentences (make_pairs and make_sequences share the contract).
_ENCODED_BAD = [
    Bad("None", None),
    Bad("int", 3),
    Bad("str", "abc"),
    Bad("empty", []),
    Bad("one sentence (1-D)", np.array([1, 2, 3])),
    Bad("fractions", [np.array([1.5, 2.0])]),
    Bad("index -1", [np.array([-1, 2, 3])]),
    Bad("one-word sentences", [np.array([1]), np.array([2])]),
]
spec(
    "rnnlib.text:make_pairs",
    lambda: {"encoded": [np.array([1, 2, 3, 4])]},
    encoded=_ENCODED_BAD,
    max_len=integer(1, none_ok=True),
)
spec(
    "rnnlib.text:make_sequences",
    lambda: {"encoded": [np.array([1, 2, 3, 4]), np.array([1, 5])]},
    encoded=_ENCODED_BAD,
    max_len=integer(1, none_ok=True),
)
spec(
    "rnnlib.text:NGramLM",
    lambda: {"vocab_size": 12, "order": 3},
    vocab_size=integer(2),
    order=integer(1),
    discount=number(0, 1),
)


def _ngram():
    from rnnlib.text import NGramLM

    return NGramLM(12, order=3).fit(_XP, _YP)


spec("rnnlib.text:NGramLM.fit", lambda: {"X": _XP, "y": _YP}, instance=_ngram, X=_XP_BAD, y=_YP_BAD)
spec(
    "rnnlib.text:NGramLM.predict",
    lambda: {"X": _XP},
    instance=_ngram,
    X=_XP_BAD + [Bad("one column for a trigram", np.array([[1], [2]]))],
    note="verbose, batch_size: accepted for keras.Model.predict's interface, ignored",
)
spec(
    "rnnlib.text:GrammarLM",
    lambda: {"vocab": small_vocab()},
    vocab=thing(),
    exclude=[
        Bad("None", None),
        Bad("int", 3),
        Bad("one str, not a list", "The cat."),
        Bad("numbers", [1, 2]),
    ],
)
_XG = np.array([[0, 0, 1], [0, 1, 2], [1, 2, 3]])  # "the", "the cat", "the cat is"
spec(
    "rnnlib.text:GrammarLM.predict",
    lambda: {"X": _XG},
    instance=lambda: __import__("rnnlib.text", fromlist=["x"]).GrammarLM(small_vocab()),
    X=array(_XG, 2)
    + [
        Bad("index 12 of 12", np.array([[0, 1, 12]])),
        Bad("index -1", np.array([[0, 1, -1]])),
        Bad("fractions", np.array([[0, 1, 1.5]])),
        Bad("not a start of the grammar", np.array([[0, 2, 1]])),
    ],
    note="verbose, batch_size: accepted for keras.Model.predict's interface, ignored",
)
spec(
    "rnnlib.text:with_temperature",
    lambda: {"probs": np.array([0.0, 0.6, 0.2, 0.2]), "temperature": 0.5},
    probs=array(np.array([0.0, 0.6, 0.2, 0.2]), 1)
    + [Bad("negative", np.array([0.0, 1.2, -0.2, 0.0])), Bad("only padding", np.array([1.0, 0.0, 0.0]))],
    temperature=number(0),
)
_TRUTH = {"mat": 0.6, "rug": 0.4}
_PROBS_BAD = mapping(
    Bad("int keys", {1: 0.5}),
    Bad("str probability", {"mat": "high"}),
    Bad("nan probability", {"mat": NAN}),
    Bad("negative", {"mat": -0.1}),
    Bad("sums to 1.5", {"mat": 0.9, "rug": 0.6}),
)
spec(
    "rnnlib.text:plot_next_word_probabilities",
    lambda: {
        "truth": dict(_TRUTH),
        "estimates": {"counts": {"mat": 0.5}, "runs": [{"mat": 0.9}]},
        "title": "t",
    },
    truth=_PROBS_BAD,
    estimates=[
        Bad("None", None),
        Bad("list", ["x"]),
        Bad("str", "abc"),
        Bad("int per label", {"counts": 3}),
        Bad("nan probability", {"counts": {"mat": NAN}}),
        Bad("a run that is no dict", {"runs": [{"mat": 0.5}, 3]}),
    ],
    title=[Bad("None", None), Bad("int", 3)],
    ax=[Bad("int", 3), Bad("str", "abc")],
)
_ACC_TEXT = {"a": [[0.5, 0.2]], "g": [[0.7, 0.6]]}
spec(
    "rnnlib.text:plot_accuracy_by_context",
    lambda: {"labels": ["1", "2"], "accuracies": dict(_ACC_TEXT), "title": "t", "reference": "g"},
    labels=[Bad("None", None), Bad("int", 3), Bad("str", "12"), Bad("empty", []), Bad("numbers", [1, 2])],
    accuracies=mapping(
        Bad("str runs", {"a": "abc"}),
        Bad("3 groups", {"a": [[0.5, 0.2, 0.1]]}),
        Bad("percent, not fractions", {"a": [[50.0, 20.0]]}),
        Bad("nan", {"a": [[NAN, 0.2]]}),
    ),
    title=[Bad("None", None), Bad("int", 3)],
    xlabel=[Bad("None", None), Bad("int", 3)],
    reference=[Bad("unknown model", "zebra"), Bad("int", 3)],
    ax=[Bad("int", 3), Bad("str", "abc")],
)


def _next_word_view_kwargs():
    kw = _next_word_kwargs()
    return {"step": kw["step"], "vocab": kw["vocab"], "h0": kw["h0"], "k": 3, "samples": 2}


spec(
    "rnnlib.text:NextWordView",
    _next_word_view_kwargs,
    step=function(),
    vocab=thing(),
    h0=[Bad("None", None), Bad("str", "abc"), Bad("2-D", np.zeros((2, 2)))],
    k=integer(1, 11),
    samples=integer(1),
)
spec(
    "rnnlib.text:NextWordView.update",
    lambda: {"tau": 1.0, "prefix": "the cat"},
    instance=lambda: __import__("rnnlib.text", fromlist=["x"]).NextWordView(**_next_word_view_kwargs()),
    tau=number(0),
    prefix=text() + [Bad("only punctuation", "...")],
)
spec(
    "rnnlib.text:NextWordView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)
spec("rnnlib.ui:sig", lambda: {"x": 3.456}, x=number(), digits=integer(1))
spec("rnnlib.text:tokenize", lambda: {"text": "The cat."}, text=text(empty=False))

# ============================================================================================================
# rnnlib.ui (ipywidgets)
# ============================================================================================================

spec(
    "rnnlib.ui:explorer",
    note="explorer plumbing: wired by the lessons to their own render functions (the lead's engine)",
)
for _key in ("View", "View.dynamic", "View.update"):
    spec(
        f"rnnlib.ui:{_key}",
        note="explorer engine (the lead's): a base class lessons subclass, not called with data",
    )
spec(
    "rnnlib.ui:format_info",
    lambda: {"info": {"t": 3}},
    info=[Bad("None", None), Bad("int", 3), Bad("str", "abc"), Bad("list", [1, 2])],
    digits=integer(0),
)
spec(
    "rnnlib.ui:training_progress",
    lambda: {"epochs": 3},
    epochs=integer(1),
    description=[Bad("None", None), Bad("int", 3)],
)


def _tiny_rnn(units=2, rate=0.01, compiled=True):
    """A one-layer SimpleRNN, as lesson 02's echo_rnn but smaller (fit_each's models); compiled unless told."""
    import keras

    model = keras.Sequential([keras.Input((None, 1)), keras.layers.SimpleRNN(units, return_sequences=True)])
    if compiled:
        model.compile(optimizer=keras.optimizers.Adam(rate), loss="mse")
    return model


def _plain_dense():
    """An uncompiled one-layer Dense model without the lesson's layer names (what restart and numpy_weights refuse)."""
    import keras

    return keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])


def _tiny_pair():
    return np.zeros((4, 3, 1), "float32"), np.zeros((4, 3, 2), "float32")


spec(
    "rnnlib.training:fit_each",
    lambda: {
        "models": Lazy(lambda: [_tiny_rnn(), _tiny_rnn()]),
        "data": [_tiny_pair(), _tiny_pair()],
        "epochs": 1,
        "verbose": 0,
    },
    models=thing(
        Bad("empty list", []),
        Bad("list of ints", [1, 2]),
        Bad("one uncompiled", Lazy(lambda: [_tiny_rnn(), _tiny_rnn(compiled=False)])),
        Bad("two architectures", Lazy(lambda: [_tiny_rnn(), _tiny_rnn(units=3)])),
        Bad("two learning rates", Lazy(lambda: [_tiny_rnn(), _tiny_rnn(rate=0.1)])),
    ),
    data=thing(
        Bad("one pair for two models", [_tiny_pair()]),
        Bad("a triple", [(*_tiny_pair(), 0), _tiny_pair()]),
        Bad("x without a time axis", [(np.zeros((4, 1)), np.zeros((4, 3, 2))), _tiny_pair()]),
        Bad("NaN in x", [(np.full((4, 3, 1), NAN), np.zeros((4, 3, 2))), _tiny_pair()]),
        Bad("y with other rows", [(np.zeros((4, 3, 1)), np.zeros((5, 3, 2))), _tiny_pair()]),
        Bad("no sequences", [(np.zeros((0, 3, 1)), np.zeros((0, 3, 2))), _tiny_pair()]),
    ),
    callbacks=[
        Bad("int", 3),
        Bad("str", "abc"),
        Bad("one list for two models", [[]]),
        Bad("not callbacks", [[1], []]),
    ],
    note="other keyword arguments go to keras' fit, which checks them",
)


# ============================================================================================================
# rnnlib.translation, rnnlib.checks.lesson09
# ============================================================================================================


@cache
def _seq2seq(attention=False):
    """A tiny untrained encoder–decoder with the lesson's layer names (compiled, so that restart accepts it)."""
    import keras

    from rnnlib import translation

    words = keras.Input((9,), dtype="int32")
    previous = keras.Input((7,), dtype="int32")
    x = keras.layers.Embedding(len(translation.SOURCE_VOCAB), 4, mask_zero=True, name="word_embedding")(words)
    H, h_T = keras.layers.GRU(3, return_sequences=True, return_state=True, name="encoder")(x)
    y = keras.layers.Embedding(len(translation.TARGET_VOCAB), 4, name="digit_embedding")(previous)
    S = keras.layers.GRU(3, return_sequences=True, name="decoder")(y, initial_state=h_T)
    if attention:
        keys = keras.layers.Dense(3, use_bias=False, name="keys")(H)
        S = keras.layers.Concatenate()([S, keras.layers.Attention()([S, H, keys])])
    out = keras.layers.Dense(len(translation.TARGET_VOCAB), activation="softmax", name="readout")(S)
    model = keras.Model([words, previous], out)
    model.compile("adam", loss="sparse_categorical_crossentropy")
    return model


def _s2s_weights(attention=False):
    from rnnlib import translation

    return translation.numpy_weights(_seq2seq(attention))


def _words_x():
    from rnnlib import translation

    return translation.encode_words(["seven thousand five", "forty two"])


def _digits_y():
    from rnnlib import translation

    return translation.encode_digits(["7005", "42"])[1]


_WEIGHTS_BAD = thing(
    Bad("dict without the decoder", {"E_x": np.zeros((30, 4))}),
    Bad("empty dict", {}),
)
_IDS_BAD = [
    Bad("fractions", np.full((2, 9), 0.5)),
    Bad("negative id", np.full((2, 9), -1)),
    Bad("id past the vocabulary", np.full((2, 9), 99)),
]
_SENTENCES_BAD = [
    Bad("None", None),
    Bad("int", 3),
    Bad("empty list", []),
    Bad("bytes", b"forty two"),
    Bad("list of int", [42]),
    Bad("unknown word", ["fourty two"]),
    Bad("empty text", [""]),
    Bad("ten words", ["one " * 10]),
]

spec("rnnlib.translation:number_to_words", lambda: {"n": 7005}, n=integer(1, 10**12 - 1))
_MAX_DIGITS_BAD = integer(6, 12)
spec(
    "rnnlib.translation:words_to_number",
    lambda: {"text": "seven thousand five"},
    text=text()
    + [
        Bad("misspelt", "fourty two"),
        Bad("with 'and'", "one hundred and five"),
        Bad("zero", "zero"),
        Bad("not how the task writes it", "twelve hundred"),
        Bad("ten words", "one " * 10),
        Bad("million, in the 6-digit task", "one million"),
    ],
    max_digits=_MAX_DIGITS_BAD,
)
spec(
    "rnnlib.translation:generate_pairs",
    lambda: {"max_digits": 7},
    max_digits=_MAX_DIGITS_BAD,
    n_train=integer(100, 100_000),
)
spec(
    "rnnlib.translation:word_by_word",
    lambda: {"text": "seven thousand five"},
    text=text() + [Bad("misspelt", "fourty two")],
)
spec(
    "rnnlib.translation:load_pairs",
    lambda: {},
    data_dir=DATA_DIR_BAD,
)
spec(
    "rnnlib.translation:encode_words",
    lambda: {"sentences": ["forty two"]},
    sentences=_SENTENCES_BAD + [Bad("million, in the 6-digit task", ["one million"])],
    max_digits=_MAX_DIGITS_BAD,
)
spec(
    "rnnlib.translation:encode_digits",
    lambda: {"numbers": ["7005"]},
    numbers=[
        Bad("None", None),
        Bad("int", 7005),
        Bad("empty list", []),
        Bad("list of int", [7005]),
        Bad("empty text", [""]),
        Bad("letters", ["70a5"]),
        Bad("seven digits", ["1234567"]),
        Bad("minus sign", ["-5"]),
        Bad("non-ASCII digits", ["٣"]),
    ],
    max_digits=_MAX_DIGITS_BAD,
)
spec(
    "rnnlib.translation:digits_from_tokens",
    lambda: {"tokens": np.array([[10, 3, 3, 8, 2, 2, 2]])},
    tokens=array(np.array([[10, 3, 3, 8, 2, 2, 2]]), 2)
    + [
        Bad("fractions", np.full((1, 7), 0.5)),
        Bad("id 13", np.full((1, 7), 13)),
        Bad("id -1", np.full((1, 7), -1)),
    ],
)
for _name in ("exact_match", "token_accuracy"):
    spec(
        f"rnnlib.translation:{_name}",
        lambda: {"tokens": _digits_y(), "y": _digits_y()},
        tokens=array(np.zeros((2, 7), dtype=int), 2)
        + [Bad("other shape", np.zeros((2, 6), dtype=int)), Bad("fractions", np.full((2, 7), 0.5))],
        y=array(np.zeros((2, 7), dtype=int), 2)
        + [Bad("only padding", np.zeros((2, 7), dtype=int)), Bad("fractions", np.full((2, 7), 0.5))],
    )
spec(
    "rnnlib.translation:restart",
    lambda: {"model": _seq2seq(), "seed": 1},
    model=thing(Bad("uncompiled model", Lazy(_plain_dense))),
    seed=integer(0, 2**32 - 1),
)
spec(
    "rnnlib.translation:numpy_weights",
    lambda: {"model": _seq2seq()},
    model=thing(Bad("layers not named as the lesson's", Lazy(_plain_dense))),
)
spec(
    "rnnlib.translation:run_encoder",
    lambda: {"weights": _s2s_weights(), "x": _words_x()},
    weights=_WEIGHTS_BAD,
    x=array(np.zeros((2, 9), dtype=int), 2) + _IDS_BAD,
)
spec(
    "rnnlib.translation:decoder_step",
    lambda: {"weights": _s2s_weights(), "y_prev": np.array([1, 1]), "s_prev": np.zeros((2, 3))},
    weights=_WEIGHTS_BAD,
    y_prev=array(np.array([1, 1]), 1)
    + [
        Bad("fractions", np.array([0.5, 0.5])),
        Bad("id 13", np.array([13, 1])),
        Bad("id -1", np.array([-1, 1])),
    ],
    s_prev=array(np.zeros((2, 3)), 2) + [Bad("4 units", np.zeros((2, 4))), Bad("3 rows", np.zeros((3, 3)))],
)
spec(
    "rnnlib.translation:translate",
    lambda: {"weights": _s2s_weights(True), "x": _words_x()},
    weights=_WEIGHTS_BAD,
    x=array(np.zeros((2, 9), dtype=int), 2) + _IDS_BAD,
    steps=integer(1),
)
spec(
    "rnnlib.translation:plot_length_curves",
    lambda: {"curves": {"plain": np.array([[0.9, 0.5]])}, "lengths": [3, 6]},
    curves=mapping(
        Bad("str values", {"plain": "abc"}),
        Bad("wrong number of lengths", {"plain": np.ones((1, 3))}),
        Bad("nan values", {"plain": np.full((1, 2), NAN)}),
        Bad("six curves", {str(k): np.ones((1, 2)) for k in range(6)}),
    ),
    lengths=[
        Bad("None", None),
        Bad("int", 3),
        Bad("str", "36"),
        Bad("empty", []),
        Bad("fractions", [3.5, 6.5]),
    ],
    baselines=[
        Bad("list", [1, 2]),
        Bad("str", "abc"),
        Bad("wrong length", {"dictionary": np.ones(3)}),
        Bad("nan values", {"dictionary": np.full(2, NAN)}),
    ],
    note="note, title: free text",
)


def _attention_example(**change):
    return [{"words": "forty two", "output": "42", "alpha": np.full((3, 2), 0.5), "label": "a"} | change]


spec(
    "rnnlib.translation:plot_attention",
    lambda: {"examples": _attention_example()},
    examples=[
        Bad("None", None),
        Bad("empty list", []),
        Bad("str", "abc"),
        Bad("dict without alpha", [{"words": "forty two", "output": "42", "label": "a"}]),
        Bad("unknown word", _attention_example(words="fourty two")),
        Bad("alpha not 2-D", _attention_example(alpha=np.ones(3))),
        Bad("nan alpha", _attention_example(alpha=np.full((3, 2), NAN))),
    ],
    note="title: free text",
)


def _translation_view_kwargs():
    from rnnlib import translation

    return {
        "plain": _s2s_weights(),
        "attention": _s2s_weights(True),
        "heldout": [(translation.number_to_words(n), str(n)) for n in (102, 7005, 10195, 100901)],
    }


spec(
    "rnnlib.translation:TranslationView",
    _translation_view_kwargs,
    plain=_WEIGHTS_BAD,
    attention=_WEIGHTS_BAD + [Bad("plain weights (no W_a)", Lazy(_s2s_weights))],
    heldout=[
        Bad("None", None),
        Bad("empty list", []),
        Bad("str", "abc"),
        Bad("pairs of int", [(42, 42)]),
        Bad("triples", [("forty two", "42", "x")]),
    ],
)
spec(
    "rnnlib.translation:TranslationView.update",
    lambda: {"example": 0, "digits": 4, "block": 1, "words": ""},
    instance=lambda: __import__("rnnlib.translation", fromlist=["x"]).TranslationView(
        **_translation_view_kwargs()
    ),
    example=integer(0, 0),
    digits=integer() + [Bad("no such length", 9)],
    block=integer(0, 9) + [Bad("past the last word", 4)],
    words=[Bad("None", None), Bad("int", 3), Bad("misspelt", "fourty two"), Bad("ten words", "one " * 10)],
)
spec(
    "rnnlib.translation:TranslationView.dynamic",
    note="explorer engine (the lead's): registers artists, not called with data",
)

spec(
    "rnnlib.checks.lesson09:exercise_1",
    lambda: {"answer": None},
    answers=["answer"],
    answer=answer(
        Bad("attention", ("attention", "c")),
        Bad("one string", "plain"),
        Bad("three items", ("plain", "c", "a")),
        Bad("letter e", ("plain", "e")),
        Bad("numbers", (1, 3)),
    ),
)
spec(
    "rnnlib.checks.lesson09:exercise_2",
    lambda: {"fixed_decode": None, "weights": _s2s_weights(), "x": _words_x()},
    answers=["fixed_decode"],
    fixed_decode=function()
    + [
        Bad("a function that raises", lambda w, x, max_steps=7: 1 / 0),
        Bad("a function that returns None", lambda w, x, max_steps=7: None),
        Bad("a function of one argument", lambda w: None),
        Bad("zeros", lambda w, x, max_steps=7: np.zeros((len(x), 7), dtype=int)),
    ],
    weights=_WEIGHTS_BAD,
    x=array(np.zeros((2, 9), dtype=int), 2) + _IDS_BAD,
)
spec(
    "rnnlib.checks.lesson09:exercise_3",
    lambda: {"reverse_words": None},
    answers=["reverse_words"],
    reverse_words=function()
    + [
        Bad("a function that raises", lambda x: 1 / 0),
        Bad("identity", lambda x: x),
        Bad("reverses everything", lambda x: x[:, ::-1]),
        Bad("a function of two arguments", lambda x, y: x),
    ],
)
_KNOB_RUN = {
    "digits": 9,
    "plain": {"train": 0.99, "heldout": 0.33},
    "attention": {"train": 1.0, "heldout": 0.98},
}
spec(
    "rnnlib.checks.lesson09:exercise_4",
    lambda: {"answer": None, "results": None},
    answers=["answer"],
    answer=answer(Bad("letter e", "e"), Bad("tuple", ("plain", "b")), Bad("number", 2)),
    results=[
        Bad("int", 3),
        Bad("list", [0.99, 0.33]),
        Bad("without attention", {"digits": 9, "plain": _KNOB_RUN["plain"]}),
        Bad("NaN", {**_KNOB_RUN, "plain": {"train": NAN, "heldout": 0.3}}),
        Bad("percent, not share", {**_KNOB_RUN, "plain": {"train": 99, "heldout": 33}}),
        Bad("13 digits", {**_KNOB_RUN, "digits": 13}),
    ],
)
