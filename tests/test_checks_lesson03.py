import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson03

solutions = load_solutions("03_unrolling")


def test_reference_solutions_pass():
    assert lesson03.exercise_1(solutions.exercise_1())
    assert lesson03.exercise_2(solutions.exercise_2())
    assert lesson03.exercise_3(solutions.exercise_3())
    assert lesson03.exercise_4(solutions.exercise_4())  # computed with Keras
    assert lesson03.exercise_4(round(solutions.exercise_4(), 4))


def test_exercise_1_matches_keras():
    import keras

    model = keras.Sequential([keras.Input((100, 4)), keras.layers.SimpleRNN(16), keras.layers.Dense(2)])
    assert model.count_params() == lesson03._PARAMETERS == solutions.exercise_1()


@pytest.mark.parametrize(
    "check", [lesson03.exercise_1, lesson03.exercise_2, lesson03.exercise_3, lesson03.exercise_4]
)
def test_placeholder(check):
    assert check(None).code == "placeholder"


@pytest.mark.parametrize(
    "answer, code",
    [
        (37000, "per_step"),
        (336, "dense"),
        (352, "no_bias"),
        (114, "recurrent"),
        (371, "count"),
        ("370", "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    feedback = lesson03.exercise_1(answer)
    assert not feedback and feedback.code == code, feedback


def test_exercise_2_hints():
    cell, x = lesson03.exercise_2_setup()
    h = solutions.exercise_2()
    wrong = {
        "includes_h0": np.concatenate([np.zeros((3, 1, 2)), h], axis=1),
        "time_major": h.transpose(1, 0, 2),
        "final_only": h[:, -1],
        "shape": h[:, :5],
        "reversed": h[:, ::-1],
        "transposed_weights": lesson03._batched(cell, x, W_hh=cell.W_hh.T),
        "no_state": np.tanh(x @ cell.W_xh.T + cell.b_h),
        "value": h + 0.1,
        "type": "states",
    }
    for code, answer in wrong.items():
        feedback = lesson03.exercise_2(answer)
        assert not feedback and feedback.code == code, (code, feedback)


def test_exercise_2_matches_keras():
    import keras

    from rnnlib.rnn import to_keras

    cell, x = lesson03.exercise_2_setup()
    layer = keras.layers.SimpleRNN(2, return_sequences=True, dtype="float64")
    layer.build((None, None, 1))
    layer.set_weights(to_keras(cell)[0])
    assert np.allclose(layer(x).numpy(), solutions.exercise_2(), atol=1e-12)


_RIGHT = {"index": [4, 4, 4], "exact": [False, True, False]}


@pytest.mark.parametrize(
    "answer, code",
    [
        ({"index": [2, 4, 1], "exact": [True, True, True]}, "post"),
        ({"index": [5, 5, 5], "exact": [False, True, False]}, "off_by_one"),
        ({"index": [4, 4, 3], "exact": [False, True, False]}, "index"),
        ({"index": [4, 4, 4], "exact": [True, True, True]}, "exact"),
        ({"index": [4, 4, 4], "exact": [False, False, False]}, "exact"),
        ({"index": [4, 4], "exact": [False, True, False]}, "length"),
        ({"index": [4, 4, 4], "exact": [0, 1, 0]}, "type"),
        ({"index": [4, 4, 4], "exact": "no"}, "type"),
        ({"index": [4, 4, 4]}, "type"),
        ([4, 4, 4], "type"),
        ({**_RIGHT, "index": [4.5, 4, 4]}, "not_whole"),  # never truncated into [4, 4, 4]
        ({**_RIGHT, "index": [float("inf"), 4, 4]}, "not_finite"),
        ({**_RIGHT, "index": [float("nan"), 4, 4]}, "not_finite"),
        ({**_RIGHT, "index": ["4", "4", "4"]}, "type"),
    ],
)
def test_exercise_3_hints(answer, code):
    feedback = lesson03.exercise_3(answer)
    assert not feedback and feedback.code == code, feedback


def test_exercise_3_reference_matches_keras():
    """Pre-padded without a mask, the unpadded sequence ends exactly in its own state, the others do not."""
    gaps = lesson03._pre_padding_gaps()
    assert gaps[1] == 0.0 and min(gaps[0], gaps[2]) > 1e-3


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (lesson03.exercise_1, float("inf")),
        (lesson03.exercise_1, float("nan")),
        (lesson03.exercise_2, np.full((3, 6, 2), np.nan)),
    ],
)
def test_not_finite_answers_get_a_hint(check, answer):
    assert check(answer).code == "not_finite"


def test_exercise_1_does_not_round():
    assert lesson03.exercise_1(370.5).code == "count"


def test_exercise_4_reference_matches_keras():
    """The check's numpy reference is what the lesson's Keras models give (float32, within 1e-6)."""
    pre, post, _, _ = lesson03._padding_errors()
    assert abs(solutions.exercise_4() - pre) < 1e-6
    assert pre < 0.05 < 0.5 < post  # pre-padding is nearly right, post-padding far off


def test_exercise_4_uses_the_lessons_sequences():
    import json
    from pathlib import Path

    nb = json.loads(
        (Path(__file__).parent.parent / "notebooks" / "03_unrolling.ipynb").read_text(encoding="utf-8")
    )
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert (
        'rng = np.random.default_rng(4)\nsequences = [rng.normal(size=(n, 1)).astype("float32") for n in (3, 7, 5)]'
        in code
    )


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda pre, post, per, diff: post, "post"),
        (lambda pre, post, per, diff: 0.0, "masked"),
        (lambda pre, post, per, diff: -pre, "negative"),
        (lambda pre, post, per, diff: float(diff.mean()), "not_max"),
        (lambda pre, post, per, diff: float(per[2]), "not_max"),
        (lambda pre, post, per, diff: 0.5, "value"),
        (lambda pre, post, per, diff: float("nan"), "nan"),
        (lambda pre, post, per, diff: "0.01", "type"),
        (lambda pre, post, per, diff: [pre, pre], "type"),
    ],
)
def test_exercise_4_hints(make, code):
    feedback = lesson03.exercise_4(make(*lesson03._padding_errors()))
    assert not feedback and feedback.code == code, feedback


@pytest.mark.parametrize("rounded", [0.01, 0.009, 0.0094, 0.00936])
def test_exercise_4_accepts_correctly_rounded(rounded):
    assert lesson03.exercise_4(rounded)  # the true value is 0.00936


@pytest.mark.parametrize("close", [0.008, 0.011, 0.0112])
def test_exercise_4_close_but_wrong_gets_dont_round(close):
    feedback = lesson03.exercise_4(close)
    assert not feedback and feedback.code == "rounded", feedback


def test_exercise_2_tick_does_not_claim_the_method():
    # the forbidden route (one cell.forward per sequence) gives the same numbers: the check sees only numbers,
    # so its ✓ states the batched loop without saying the learner used it
    cell, x = lesson03.exercise_2_setup()
    per_sequence = np.array([cell.forward(s)[1] for s in x])
    feedback = lesson03.exercise_2(per_sequence)
    assert feedback and "one loop over time" not in str(feedback) and "these are the states" in str(feedback)
