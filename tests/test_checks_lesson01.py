import numpy as np
import pytest
from conftest import load_solutions

import rnnlib
from rnnlib import make_windows
from rnnlib.checks import lesson01 as check
from rnnlib.sequences import temperature

solutions = load_solutions("01_sequential_data")
_, SERIES = temperature(hours=72, seed=0)


def test_reference_solutions_pass():
    assert check.exercise_1(solutions.exercise_1())
    assert check.exercise_2(solutions.exercise_2())
    assert check.exercise_3(solutions.exercise_3(SERIES), SERIES)
    assert check.exercise_4(solutions.exercise_4())


def test_exercise_3_solution_matches_the_lesson_series():
    assert check.exercise_3(solutions.exercise_3(), SERIES)


@pytest.mark.parametrize("exercise", [check.exercise_1, check.exercise_2, check.exercise_4])
def test_placeholder_gets_a_gentle_prompt(exercise):
    feedback = exercise(None)
    assert not feedback and feedback.code == "placeholder" and "Replace None" in repr(feedback)


def test_placeholder_exercise_3():
    assert check.exercise_3(None, SERIES).code == "placeholder"


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (300, "windows_not_days"),
        (327, "horizon"),  # 300 + 28 - 1: right for H = 1
        (328, "horizon"),
        (333, "too_few"),  # 299 windows
        (334.5, "not_whole"),  # never truncated to 334
        (333.9, "not_whole"),
        (335, "too_many"),
        (365, "too_many"),
        (-5, "too_few"),
        (float("nan"), "not_finite"),
        (float("inf"), "not_finite"),
        (True, "type"),
        ("334", "type"),
        ((300, 28, 3), "type"),
        ({"days": 334}, "type"),
    ],
)
def test_exercise_1_hints(answer, code):
    feedback = check.exercise_1(answer)
    assert not feedback and feedback.code == code


def test_exercise_1_accepts_whole_floats_and_numpy_numbers():
    assert check.exercise_1(334)
    assert check.exercise_1(334.0)
    assert check.exercise_1(np.int64(334))
    assert check.exercise_1(np.array([334]))
    assert "(300, 28, 3)" in repr(check.exercise_1(334))


def _buggy(series, window, horizon=1):  # the lesson's starting point
    n = len(series) - window
    return np.array([series[i : i + window] for i in range(n)]), np.array(
        [series[i + window - 1] for i in range(n)]
    )


def _target_fixed(series, window, horizon=1):  # right for H = 1 only: too many windows for H > 1
    n = len(series) - window
    return np.array([series[i : i + window] for i in range(n)]), np.array(
        [series[i + window] for i in range(n)]
    )


def _count_fixed(series, window, horizon=1):  # the right count, but the target is always one step on
    n = len(series) - window - horizon + 1
    return np.array([series[i : i + window] for i in range(n)]), np.array(
        [series[i + window] for i in range(n)]
    )


_right = (
    solutions.exercise_2()
)  # a correct my_windows with its own indexing (wrappers of make_windows are refused)


def _one_short(series, window, horizon=1):
    X, y = _right(series, window, horizon)
    return X[:-1], y[:-1]


def _raises(series, window, horizon=1):
    raise IndexError("index 12 is out of bounds")


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (_buggy, "leak"),
        (_target_fixed, "horizon"),
        (_count_fixed, "horizon"),
        (_one_short, "count"),
        (_raises, "raises"),
        (lambda series, window, horizon=1: _right(series, window, horizon)[0], "returns"),
        (lambda series, window, horizon=1: (np.ones((3, 2)), np.zeros(3)), "shape"),
        (
            lambda series, window, horizon=1: (
                _right(series, window, horizon)[0],
                _right(series, window, horizon)[1] + 1,
            ),
            "targets",
        ),
        ("my_windows", "type"),
    ],
)
def test_exercise_2_hints(answer, code):
    feedback = check.exercise_2(answer)
    assert not feedback and feedback.code == code


def test_exercise_2_rejects_make_windows_itself_and_accepts_a_3d_x():
    feedback = check.exercise_2(make_windows)
    assert not feedback and feedback.code == "reference" and "fix my_windows" in repr(feedback)

    def my_windows_3d(series, window, horizon=1):  # its own indexing, X as (samples, window, 1)
        n = len(series) - window - horizon + 1
        X = np.array([series[i : i + window] for i in range(n)])[:, :, None]
        return X, np.array([series[i + window + horizon - 1] for i in range(n)])

    assert check.exercise_2(my_windows_3d)


def _wrapper_by_closure():
    mw = make_windows

    def my_windows(series, window, horizon=1):
        return mw(series, window, horizon)

    return my_windows


alias = make_windows


def _wrapper_by_alias(series, window, horizon=1):
    return alias(series, window, horizon)


@pytest.mark.parametrize(
    "wrapper",
    [
        lambda s, w, h=1: make_windows(s, w, h),
        lambda s, w, h=1: rnnlib.make_windows(s, w, h),
        lambda s, w, h=1: [make_windows(s, w, h)][0],
        _wrapper_by_closure(),
        _wrapper_by_alias,
    ],
)
def test_exercise_2_refuses_wrappers_of_make_windows(wrapper):
    feedback = check.exercise_2(wrapper)
    assert not feedback and feedback.code == "reference", feedback


def test_exercise_2_reports_an_error_without_a_traceback():
    assert "IndexError: index 12 is out of bounds" in repr(check.exercise_2(_raises))


def _lag(k):
    return float(np.corrcoef(SERIES[:-k], SERIES[k:])[0, 1])


def test_exercise_3_hints():
    shuffled = np.random.default_rng(0).permutation(SERIES)
    centred = SERIES - SERIES.mean()
    assert check.exercise_3(np.float64(_lag(12)), SERIES)  # a numpy float is fine
    assert check.exercise_3(-_lag(12), SERIES).code == "sign"
    assert check.exercise_3(1.0, SERIES).code == "lag_zero"
    assert check.exercise_3(_lag(11), SERIES).code == "off_by_one"
    assert check.exercise_3(_lag(13), SERIES).code == "off_by_one"
    assert check.exercise_3(_lag(1), SERIES).code == "lag_one"
    textbook = float(np.sum(centred[:-12] * centred[12:]) / np.sum(centred**2))
    assert check.exercise_3(textbook, SERIES).code == "acf_formula"
    assert check.exercise_3(float(np.corrcoef(shuffled[:-12], shuffled[12:])[0, 1]), SERIES).code == "value"
    assert check.exercise_3(round(_lag(12), 2), SERIES)  # -0.86, the right value to two decimals
    assert check.exercise_3(round(_lag(12), 3), SERIES)
    assert check.exercise_3(str(round(_lag(12), 2)), SERIES)
    for rounded in (-0.85, -0.87):  # 0.007 and 0.013 away: close, but not the right value to two decimals
        feedback = check.exercise_3(rounded, SERIES)
        assert not feedback and feedback.code == "rounded" and "don't round" in repr(feedback)
    assert check.exercise_3(round(_lag(12), 1), SERIES).code == "value"  # -0.9: one decimal is too coarse
    assert check.exercise_3(_lag(12) + 0.006, SERIES).code == "rounded"  # just outside the accepted 0.005
    assert check.exercise_3(np.corrcoef(SERIES[:-12], SERIES[12:]), SERIES).code == "matrix"
    assert check.exercise_3(float("nan"), SERIES).code == "not_finite"
    assert check.exercise_3("negative", SERIES).code == "type"
    assert check.exercise_3(True, SERIES).code == "type"


def test_exercise_4_hints():
    good = solutions.exercise_4()
    for task, wrong in [
        ("speech", "synced many-to-many"),
        ("melody", "many-to-many"),
        ("language", "one-to-one"),
    ]:
        feedback = check.exercise_4(good | {task: wrong})
        assert feedback.code in ("mapping", "which_many") and task in repr(feedback)
    assert check.exercise_4(good | {"frames": "many-to-many"}).code == "which_many"
    assert check.exercise_4(good | {"frames": "Many-to-many, synced"})  # the lesson's own spelling
    assert check.exercise_4(good | {"speech": "encoder–decoder"})  # en dash as in the lesson
    assert check.exercise_4(good | {"speech": "sequence-to-sequence"})
    assert check.exercise_4(good | {"speech": "many"}).code == "unknown"
    spaced = {
        "speech": "encoder decoder",
        "melody": "one to many",
        "frames": "synced many to many",
        "language": "many to one",
    }
    assert check.exercise_4(spaced)  # spaces instead of hyphens
    assert check.exercise_4(good | {"melody": "one - to - many"})
    assert check.exercise_4(good | {"frames": "many to many"}).code == "which_many"
    for task in ("melody", "language"):  # the hints point at the property, never name the mapping
        feedback = check.exercise_4(good | {task: "synced many-to-many"})
        assert "one" not in repr(feedback).split(":", 1)[1]
    assert check.exercise_4(good | {"frames": "many-to-many (synced)"})
    assert check.exercise_4(good | {"frames": "synchronised many-to-many"})
    assert check.exercise_4(good | {"speech": "seq2seq"})
    assert check.exercise_4({"speech": "encoder-decoder"}).code == "missing"


@pytest.mark.parametrize(
    "task, wrong",
    [
        ("frames", "unsynced many-to-many"),
        ("frames", "not synced"),
        ("frames", "non-synced many-to-many"),
        ("frames", "asynced"),
        ("frames", "synced one-to-many"),
        ("speech", "decoder-encoder"),
        ("speech", "encoder"),
        ("speech", "not an encoder-decoder"),
        ("speech", "encoder-decoder or synced"),
    ],
)
def test_exercise_4_matches_whole_names_only(task, wrong):
    feedback = check.exercise_4(solutions.exercise_4() | {task: wrong})
    assert not feedback and feedback.code == "unknown", feedback
    assert check.exercise_4(["many-to-one"]).code == "type"


@pytest.mark.parametrize("answer", [float("nan"), float("inf"), -float("inf"), "nan"])
def test_exercise_3_not_finite_gets_a_hint(answer):
    assert check.exercise_3(answer, SERIES).code == "not_finite"


@pytest.mark.parametrize("series", [None, "abc", np.ones(72), np.ones(2), np.ones((72, 1))])
def test_exercise_3_bad_series_names_it(series):
    with pytest.raises((ValueError, TypeError), match="series"):
        check.exercise_3(0.9, series)
