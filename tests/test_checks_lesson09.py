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


#: Exercise 4's run as measured (9 digits, seed 1: plain 96 epochs, attention 24), at the longest length.
MEASURED = {
    "digits": 9,
    "plain": {"train": 0.99, "heldout": 0.33},
    "attention": {"train": 1.0, "heldout": 0.98},
}


def test_reference_solutions_pass():
    assert check.exercise_4(solutions.exercise_4(), MEASURED)
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.fixed_decode, WEIGHTS, X)
    assert check.exercise_3(solutions.reverse_words)


def test_the_bug_changes_the_output_of_these_weights():
    assert not np.array_equal(check._buggy_decode(WEIGHTS, X), translation.translate(WEIGHTS, X)[0])


def test_placeholders_get_a_gentle_prompt():
    for feedback in (
        check.exercise_1(None),
        check.exercise_2(None, WEIGHTS, X),
        check.exercise_3(None),
        check.exercise_4(None, None),
        check.exercise_4(None, MEASURED),
    ):
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


def _stop_at_eos(decode, stack=False):
    """A loop that stops each row at its first <eos>: pads the rest with <pad>, or (stack=True) builds a list and
    breaks once every row has ended, as `done |= y == EOS; if done.all(): break` does."""

    def loop(w, x, max_steps=7):
        H, s_0, mask = translation.run_encoder(w, x)
        full = decode(w, x, max_steps)  # the tokens this loop would write, step by step
        done = np.zeros(len(x), dtype=bool)
        tokens = []
        for j in range(max_steps):
            y = np.where(done, translation.PAD, full[:, j])
            tokens.append(y)
            done |= y == translation.EOS
            if stack and done.all():
                break
        return np.stack(tokens, axis=1)

    return loop


@pytest.mark.parametrize(
    ("function", "code"),
    [
        (check._buggy_decode, "same_bug"),
        (_feed_target_twice_back, "different"),
        (_raises, "error"),
        (lambda w, x: np.pad(translation.translate(w, x)[0], ((0, 0), (0, 1))), "shape"),
        (lambda w, x: translation.translate(w, x)[0][1:], "shape"),
        (lambda w, x: translation.translate(w, x)[0] + 20, "value"),
        (_stop_at_eos(check._buggy_decode), "same_bug"),
        (lambda w, x: np.zeros((len(x), 7, 13)), "probabilities"),
        (lambda w, x: translation.translate(w, x)[0].astype(float), "dtype"),
        (lambda w, x: None, "shape"),
        ("fixed_decode", "type"),
    ],
)
def test_exercise_2_hints(function, code):
    feedback = check.exercise_2(function, WEIGHTS, X)
    assert not feedback and feedback.code == code, feedback


def test_exercise_2_accepts_a_loop_that_stops_at_eos():
    weights = _weights()
    weights["b_y"][translation.EOS] += 3  # so that some rows write <eos> early and more tokens after it
    expected = translation.translate(weights, X)[0]
    early = (expected[:, :-1] == translation.EOS).any(axis=1)
    assert 0.2 < early.mean() < 0.8
    for loop in (_stop_at_eos(solutions.fixed_decode), _stop_at_eos(solutions.fixed_decode, stack=True)):
        tokens = loop(weights, X)
        assert tokens.shape != expected.shape or not np.array_equal(tokens, expected)  # the raw tokens differ
        assert check.exercise_2(loop, weights, X)
    buggy = _stop_at_eos(check._buggy_decode)
    assert not np.array_equal(buggy(weights, X), check._buggy_decode(weights, X))
    assert check.exercise_2(buggy, weights, X).code == "same_bug"
    assert check.exercise_2(check._buggy_decode, weights, X).code == "same_bug"


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


def _run(plain_train, plain_heldout, attention_train=1.0, attention_heldout=0.98, digits=9):
    return {
        "digits": digits,
        "plain": {"train": plain_train, "heldout": plain_heldout},
        "attention": {"train": attention_train, "heldout": attention_heldout},
    }


@pytest.mark.parametrize(
    ("results", "outcome"),
    [
        (_run(0.99, 0.95), "a"),
        (_run(0.99, 0.33), "b"),
        (_run(0.40, 0.04, 1.0, 0.9, digits=12), "c"),
        (_run(0.2, 0.1, 0.3, 0.2), "d"),
        (_run(0.99, 0.7), "a"),  # no gap between a and b: one 50 % cut on the plain model's held-out score
        (_run(1.0, 0.88), "a"),  # the 6-digit long run of section 6: "as at 6 digits" is a
        (_run(1.0, 0.10, 0.95, 0.30), "d"),  # d is about held-out numbers, whatever the training scores
        (_run(0.99, 0.2, 0.95, 0.6), None),  # attention neither right nor failing on held-out numbers
        (_run(0.6, 0.3), None),  # between b and c
        (_run(0.99, 0.33, 1.0, 0.85), None),  # attention neither right nor failing
        (_run(np.float64(0.99), np.array(0.33)), "b"),  # numpy numbers, as the training cell makes them
    ],
)
def test_exercise_4_accepts_only_the_outcome_the_run_shows(results, outcome):
    for letter in "abcd":
        feedback = check.exercise_4(letter, results)
        assert bool(feedback) == (letter == outcome), (letter, feedback)
        if outcome is None:
            assert feedback.code == "between"
    if outcome:
        assert check.exercise_4(f" {outcome.upper()} ", results)


@pytest.mark.parametrize(
    ("answer", "results", "code"),
    [
        ("a", MEASURED, "capacity"),
        ("c", MEASURED, "heldout"),
        ("d", MEASURED, "outcome"),
        ("b", _run(0.4, 0.04), "training"),
        ("a", _run(0.4, 0.04), "capacity"),
        ("e", MEASURED, "reason"),
        (("plain", "b"), MEASURED, "reason"),
        (float("nan"), MEASURED, "reason"),
        ("b", None, "run"),
    ],
)
def test_exercise_4_hints(answer, results, code):
    feedback = check.exercise_4(answer, results)
    assert not feedback and feedback.code == code, feedback


def test_exercise_4_hints_show_the_run():
    assert "plain: 99% of the training numbers, 33% of the held-out ones" in repr(
        check.exercise_4("a", MEASURED)
    )


@pytest.mark.parametrize(
    "results",
    [
        3,
        {"digits": 9},
        {**MEASURED, "plain": {"train": 0.9}},
        {**MEASURED, "plain": {"train": float("nan"), "heldout": 0.3}},
        {**MEASURED, "plain": {"train": 99, "heldout": 0.3}},
        {**MEASURED, "attention": {"train": "high", "heldout": 0.3}},
        {**MEASURED, "digits": 13},
        {**MEASURED, "digits": 9.5},
    ],
)
def test_exercise_4_refuses_results_it_cannot_read(results):
    with pytest.raises((TypeError, ValueError), match="results must be"):
        check.exercise_4("b", results)
