import numpy as np
import pytest
from conftest import load_solutions

from rnnlib.checks import lesson02

solutions = load_solutions("02_recurrence")
E = lesson02.EXERCISE_1


def states(W_hh=E["W_hh"], b_h=E["b_h"], x=E["x"], f=np.tanh):
    h, out = np.zeros(2), []
    for x_t in x:
        h = f(W_hh @ h + E["W_xh"] @ x_t + b_h)
        out.append(h)
    return out


def test_reference_solutions_pass():
    assert lesson02.exercise_1(solutions.exercise_1())
    assert lesson02.exercise_1(solutions.exercise_1().reshape(2, 1))  # a column vector is fine too
    assert lesson02.exercise_1(solutions.exercise_1().round(3))  # rounded by hand to 3 decimals
    assert lesson02.exercise_2(solutions.exercise_2())


@pytest.mark.parametrize("check", [lesson02.exercise_1, lesson02.exercise_2])
def test_placeholder(check):
    assert check(None).code == "placeholder"


@pytest.mark.parametrize(
    "answer",
    [
        [0.80, -0.36],  # the right values, correctly rounded to 2 decimals
        [0.805, -0.358],
        [0.8048, -0.3578],
    ],
)
def test_exercise_1_accepts_correctly_rounded(answer):
    assert lesson02.exercise_1(answer)


@pytest.mark.parametrize("answer", [[0.81, -0.36], [0.79, -0.35], [0.80, -0.37]])
def test_exercise_1_wrongly_rounded_gets_dont_round(answer):
    feedback = lesson02.exercise_1(answer)
    assert not feedback and feedback.code == "rounded", feedback


@pytest.mark.parametrize(
    "answer, code",
    [
        ("h2", "type"),
        (np.zeros(3), "shape"),
        (states()[0], "off_by_one"),
        (states(x=E["x"][::-1])[1], "order"),
        (states(f=lambda z: z)[1], "no_activation"),
        (np.tanh(E["W_xh"] @ E["x"][1] + E["b_h"]), "no_memory"),
        (states(W_hh=E["W_hh"].T)[1], "transposed"),
        (states(b_h=np.zeros(2))[1], "no_bias"),
        (np.array([0.5, 0.5]), "value"),
    ],
)
def test_exercise_1_hints(answer, code):
    feedback = lesson02.exercise_1(answer)
    assert not feedback and feedback.code == code, feedback


@pytest.mark.parametrize(
    "change, code",
    [
        ({"kernel": (3, 8)}, "first_layer"),
        ({"W_xh": (8, 3)}, "first_layer"),
        ({"recurrent_kernel": (16, 16)}, "recurrent"),
        ({"kernel": (8, 16)}, "keras_layout"),
        ({"W_xh": (16, 8)}, "transposed"),
        ({"kernel": (16, 16)}, "shape"),
        ({"kernel": "16 by 8"}, "type"),
        ({"kernel": (16, 8, 1)}, "type"),
        ({"kernel": (16.5, 8)}, "not_whole"),  # not truncated to (16, 8)
        ({"kernel": (True, 8)}, "type"),
    ],
)
def test_exercise_2_hints(change, code):
    feedback = lesson02.exercise_2({**solutions.exercise_2(), **change})
    assert not feedback and feedback.code == code, feedback


def test_exercise_2_matches_keras():
    import keras

    model = keras.Sequential(
        [
            keras.Input((None, 3)),
            keras.layers.SimpleRNN(16, return_sequences=True),
            keras.layers.SimpleRNN(8),
            keras.layers.Dense(1),
        ]
    )
    kernel, recurrent, _ = model.layers[1].get_weights()
    want = solutions.exercise_2()
    assert (
        kernel.shape == want["kernel"] == want["W_xh"][::-1] and recurrent.shape == want["recurrent_kernel"]
    )


def test_exercise_2_missing_and_type():
    assert lesson02.exercise_2({"kernel": (16, 8)}).code == "missing"
    assert lesson02.exercise_2([(16, 8)]).code == "type"


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        ((16.5, 8), "not_whole"),
        ((float("inf"), 8), "not_finite"),
        ((float("nan"), 8), "not_finite"),
        (("16", "8"), "type"),
    ],
)
def test_exercise_2_never_truncates(shape, code):
    answer = dict(solutions.exercise_2(), kernel=shape)
    feedback = lesson02.exercise_2(answer)
    assert not feedback and feedback.code == code


@pytest.mark.parametrize("answer", [[float("inf"), 0.0], [float("nan"), 0.1]])
def test_exercise_1_not_finite_gets_a_hint(answer):
    assert lesson02.exercise_1(answer).code == "not_finite"


# -- exercise 3: the check takes the trained model and the learner's accuracy, and predicts itself


def _echo_rnn(units=8, rnn=True):
    import keras

    recurrent = keras.layers.SimpleRNN(units, return_sequences=True) if rnn else keras.layers.Dense(units)
    model = keras.Sequential(
        [keras.Input(shape=(None, 1)), recurrent, keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    return model


def _score(model, first=10):
    _, _, x, y = lesson02._exercise_3_test()
    p = model(x).numpy()
    return float(np.mean((p[:, first:] > 0.5) == (y[:, first:] > 0.5)))


@pytest.fixture(scope="module")
def lag10():
    """The reference solution: the lesson's RNN trained on lag 10 (a few seconds), and its accuracy."""
    return solutions.exercise_3()


@pytest.fixture(scope="module")
def lag2_model():
    """The lesson's lag-2 RNN: trained, but on the wrong task."""
    from rnnlib import tasks

    (x, y), _ = tasks.echo_split(lag=2)
    import rnnlib

    rnnlib.seed_everything(42)
    model = _echo_rnn()
    model.fit(x, y, epochs=10, batch_size=32, verbose=0)
    return model


def test_exercise_3_reference_passes(lag10):
    model, accuracy = lag10
    feedback = lesson02.exercise_3(model, accuracy)
    assert feedback and f"{accuracy:.1%}" in str(feedback), feedback
    assert lesson02.exercise_3(model, np.float32(accuracy))  # a numpy scalar is fine


def test_exercise_3_placeholders(lag10):
    assert lesson02.exercise_3(None, None).code == "placeholder"
    assert lesson02.exercise_3(lag10[0], None).code == "placeholder"


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda m, a: (m, 100 * a), "percent"),
        (lambda m, a: (m, _score(m, 2)), "steps"),
        (lambda m, a: (m, 0.5), "accuracy"),  # a guess, not the measured share
        (lambda m, a: (m, 1.0), "accuracy"),
        (lambda m, a: (m, float("nan")), "type"),
        (lambda m, a: (m, "0.7"), "type"),
        (lambda m, a: (m, [a, a]), "type"),
        # the review's answers that trained nothing: predictions or targets instead of a model
        (lambda m, a: (np.zeros((256, 20, 1)), 0.5), "type"),
        (lambda m, a: (lesson02._exercise_3_test()[3], 1.0), "type"),
        (lambda m, a: ({"predictions": np.zeros((256, 20, 1)), "accuracy": 0.5}, 0.5), "type"),
        (lambda m, a: ("model", a), "type"),
    ],
)
def test_exercise_3_hints(lag10, make, code):
    feedback = lesson02.exercise_3(*make(*lag10))
    assert not feedback and feedback.code == code, feedback


def test_exercise_3_untrained_model_is_refused():
    import rnnlib

    rnnlib.seed_everything(42)
    model = _echo_rnn()  # compiled, never fitted
    feedback = lesson02.exercise_3(model, _score(model))
    assert not feedback and feedback.code == "untrained", feedback


def test_exercise_3_model_of_another_size_or_kind_is_refused():
    feedback = lesson02.exercise_3(_echo_rnn(units=9), 0.5)
    assert not feedback and feedback.code == "parameters", feedback
    feedback = lesson02.exercise_3(_echo_rnn(rnn=False), 0.5)
    assert not feedback and feedback.code == "architecture", feedback


def test_exercise_3_lag2_model_is_refused(lag2_model):
    feedback = lesson02.exercise_3(lag2_model, _score(lag2_model))
    assert not feedback and feedback.code == "wrong_task" and "2 steps back" in str(feedback), feedback
