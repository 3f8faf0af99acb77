import numpy as np
import pytest
from conftest import load_solutions

from rnnlib import translation
from rnnlib.checks import lesson09 as check

solutions = load_solutions("09_encoder_decoder_attention")


def _weights(seed=0, units=6):
    """Random plain-model weights in numpy_weights' layout: enough to tell decoding loops apart."""
    rng = np.random.default_rng(seed)
    gru = {}
    for gate in "zrn":
        gru |= {
            f"W_x{gate}": rng.normal(0, 1, (units, 4)),
            f"W_h{gate}": rng.normal(0, 1, (units, units)),
            f"b_x{gate}": rng.normal(0, 1, units),
            f"b_h{gate}": rng.normal(0, 1, units),
        }
    dec = {k: v * 1.0 for k, v in gru.items()}
    return {
        "E_x": rng.normal(0, 1, (len(translation.SOURCE_VOCAB), 4)),
        "E_y": rng.normal(0, 2, (len(translation.TARGET_VOCAB), 4)),
        "encoder": gru,
        "decoder": dec,
        "W_hy": rng.normal(0, 2, (len(translation.TARGET_VOCAB), units)),
        "b_y": rng.normal(0, 1, len(translation.TARGET_VOCAB)),
    }


WEIGHTS = _weights()
X = translation.encode_words([w for w, _ in translation.load_pairs()[1][::40]])


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.fixed_decode, WEIGHTS, X)
    assert check.exercise_3(solutions.reverse_words)


def test_the_bug_changes_the_output_of_these_weights():
    assert not np.array_equal(check._buggy_decode(WEIGHTS, X), translation.translate(WEIGHTS, X)[0])


def test_placeholders_get_a_gentle_prompt():
    for feedback in (check.exercise_1(None), check.exercise_2(None, WEIGHTS, X), check.exercise_3(None)):
        assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (("attention", "c"), "which"),
        (("plain", "a"), "parameters"),
        (("plain", "b"), "rare"),
        (("plain", "d"), "capacity"),
        (("plain", "e"), "reason"),
        (("rnn", "c"), "model"),
        ("plain c", "type"),
        (("plain",), "type"),
        (("plain", 3), "type"),
        (float("nan"), "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    assert check.exercise_1(answer).code == code


def test_exercise_1_forgives_case_and_spaces():
    assert check.exercise_1([" Plain", "C "])


def _feed_target_twice_back(w, x, max_steps=7):  # feeds the token from two steps back
    H, s, mask = translation.run_encoder(w, x)
    y_prev = y = np.full(len(x), translation.BOS)
    tokens = []
    for _ in range(max_steps):
        s = translation.decoder_step(w, y_prev, s)
        y_prev, y = y, np.argmax(s @ w["W_hy"].T + w["b_y"], axis=1)
        tokens.append(y)
    return np.stack(tokens, axis=1)


def _raises(w, x, max_steps=7):
    raise KeyError("W_hy")


@pytest.mark.parametrize(
    ("function", "code"),
    [
        (check._buggy_decode, "same_bug"),
        (_feed_target_twice_back, "different"),
        (_raises, "error"),
        (lambda w, x: translation.translate(w, x)[0][:, :5], "shape"),
        (lambda w, x: np.zeros((len(x), 7, 13)), "probabilities"),
        (lambda w, x: translation.translate(w, x)[0].astype(float), "dtype"),
        (lambda w, x: None, "shape"),
        ("fixed_decode", "type"),
    ],
)
def test_exercise_2_hints(function, code):
    feedback = check.exercise_2(function, WEIGHTS, X)
    assert not feedback and feedback.code == code, feedback


def test_exercise_2_error_hint_names_the_error():
    assert "KeyError" in repr(check.exercise_2(_raises, WEIGHTS, X))


def _flip_all(x):
    return np.asarray(x)[:, ::-1]


def _in_place(x):
    x[:] = solutions.reverse_words(x)
    return x


@pytest.mark.parametrize(
    ("function", "code"),
    [
        (_flip_all, "padding_first"),
        (lambda x: np.asarray(x)[::-1], "rows"),
        (lambda x: np.asarray(x).copy(), "unchanged"),
        (_in_place, "in_place"),
        (lambda x: np.asarray(x)[:, :5], "shape"),
        (lambda x: np.sort(x, axis=1), "value"),
        (lambda x: 1 / 0, "error"),
        (42, "type"),
    ],
)
def test_exercise_3_hints(function, code):
    feedback = check.exercise_3(function)
    assert not feedback and feedback.code == code, feedback


def test_exercise_3_accepts_lists():
    assert check.exercise_3(lambda x: solutions.reverse_words(x).tolist())
