import numpy as np
import pytest

from rnnlib.tasks import (
    _recall_task,
    best_memoryless_accuracy,
    echo_split,
    echo_task,
    guessing_accuracy,
    recall_split,
    window_table_accuracy,
)


def test_echo_target_is_the_input_lag_steps_back():
    for lag in (1, 2, 3):
        x, y = echo_task(5, 12, lag=lag, seed=1)
        assert x.shape == y.shape == (5, 12, 1) and x.dtype == np.float32
        assert np.array_equal(y[:, lag:], x[:, :-lag]) and not y[:, :lag].any()
        assert set(np.unique(x)) <= {0.0, 1.0}


def test_echo_is_deterministic_and_seeded():
    assert np.array_equal(echo_task(3, 10, seed=4)[0], echo_task(3, 10, seed=4)[0])
    assert not np.array_equal(echo_task(3, 10, seed=4)[0], echo_task(3, 10, seed=5)[0])


def test_split_is_held_out_and_deterministic():
    (x_tr, y_tr), (x_te, y_te) = echo_split(n_train=64, n_test=32, time=20, seed=0)
    assert x_tr.shape == (64, 20, 1) and x_te.shape == (32, 20, 1)
    assert not any(
        (x_te[i] == x_tr).all(axis=(1, 2)).any() for i in range(32)
    )  # no test sequence in training
    (x_tr2, _), (x_te2, _) = echo_split(n_train=64, n_test=32, time=20, seed=0)
    assert np.array_equal(x_tr, x_tr2) and np.array_equal(x_te, x_te2)


def test_baselines():
    y = np.array([[[0.0], [0.0], [1.0], [0.0], [1.0], [1.0]]])
    assert guessing_accuracy(y, lag=2) == 0.75
    x = np.array([[[1.0], [0.0], [1.0], [1.0], [0.0], [0.0]]])
    # steps 2..5: x = 1,1,0,0 ; y = 1,0,1,1 -> x=1: one of each, x=0: both 1 -> 3 of 4
    assert best_memoryless_accuracy(x, y, lag=2) == 0.75
    assert best_memoryless_accuracy(y, y, lag=2) == 1.0  # a model that sees the answer is perfect


def test_balanced_test_set_keeps_every_per_step_model_at_exactly_guessing():
    # Any per-step model answers a function of the bit x_t; on the balanced held-out set all four such
    # functions score exactly 50 %, so the lesson's printed MLP accuracy is the same on every CPU.
    for lag in (1, 2, 3):
        _, (x, y) = echo_split(n_train=8, n_test=256, time=20, lag=lag, seed=0)
        assert np.array_equal(y[:, lag:], x[:, :-lag]) and set(np.unique(x)) <= {0.0, 1.0}
        xs, ys = x[:, lag:].ravel() > 0.5, y[:, lag:].ravel() > 0.5
        for answer in (xs, ~xs, np.zeros_like(xs), np.ones_like(xs)):
            assert np.mean(answer == ys) == 0.5
        assert best_memoryless_accuracy(x, y, lag) == 0.5 and guessing_accuracy(y, lag) == 0.5
    _, (x_plain, _) = echo_split(n_train=8, n_test=10, balanced=False)
    assert x_plain.shape == (10, 20, 1)


def test_errors():
    with pytest.raises(ValueError, match="time must be ≥ 3"):
        echo_task(2, 2, lag=2)
    with pytest.raises(ValueError, match="lag must be ≥ 1"):
        echo_task(2, 5, lag=0)
    with pytest.raises(ValueError, match=r"y must be \(batch, time, 1\)"):
        guessing_accuracy(np.zeros((4, 5)))
    with pytest.raises(ValueError, match="x and y must have the same shape"):
        best_memoryless_accuracy(np.zeros((2, 5, 1)), np.zeros((3, 5, 1)))
    with pytest.raises(ValueError, match="n_test must be a multiple of 4"):
        echo_split(n_test=10)
    with pytest.raises(TypeError, match="seed must be an integer"):
        echo_split(seed=1.5)


def test_uniform_echo_task_shapes_and_targets():
    x, y = echo_task(3, 6, lag=2, seed=0, values="uniform")
    assert x.shape == y.shape == (3, 6, 1) and x.dtype == np.float64
    assert np.array_equal(y[:, 2:], x[:, :-2]) and not y[:, :2].any()
    assert np.array_equal(echo_task(3, 6, seed=0, values="uniform")[0], x)
    assert -1 <= x.min() and x.max() <= 1
    with pytest.raises(ValueError, match="values must be one of 'bits', 'uniform'"):
        echo_task(3, 6, values="gaussian")
    with pytest.raises(ValueError, match="time must be ≥ 4"):
        echo_task(4, 3, lag=3, values="uniform")


# -- the recall task (lesson 08) ----------------------------------------------------------------------


@pytest.mark.parametrize(("n", "distance", "n_symbols"), [(7, 1, 4), (50, 5, 4), (30, 20, 3), (10, 100, 2)])
def test_recall_task_shapes_marker_and_target(n, distance, n_symbols):
    x, y = _recall_task(n, distance, 1, n_symbols)
    assert x.shape == (n, distance + 1, n_symbols + 1) and x.dtype == np.float32
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.all(x[:, :, :n_symbols].sum(axis=2) == 1)  # one symbol per step
    assert np.all(x[:, 0, -1] == 1) and np.all(x[:, 1:, -1] == 0)  # marker at step 0 only
    assert np.all(x[np.arange(n), 0, y] == 1)  # the target is the marked symbol
    assert set(np.unique(y)) <= set(range(n_symbols))


def test_recall_task_is_deterministic_for_a_seed():
    a, ya = _recall_task(20, 10, 3, 4)
    b, yb = _recall_task(20, 10, 3, 4)
    c, _ = _recall_task(20, 10, 4, 4)
    assert np.array_equal(a, b) and np.array_equal(ya, yb) and not np.array_equal(a, c)


def test_distractors_give_nothing_away():
    # Every step is drawn independently: the counts at the unmarked steps are independent of the answer, so
    # the most and the least frequent unmarked symbol are right a quarter of the time (no shortcut).
    rng = np.random.default_rng(0)
    for distance in (5, 20, 100):
        x, y = _recall_task(20000, distance, 0, 4)
        counts = x[:, 1:, :4].sum(axis=1) + 0.5 * rng.random((len(y), 4))  # ties broken at random
        for guess in (counts.argmax(axis=1), counts.argmin(axis=1), x[:, -1, :4].argmax(axis=1)):
            assert abs(np.mean(guess == y) - 0.25) < 0.015, distance
    x, _ = _recall_task(20000, 100, 1, 4)
    assert abs(x[:, 1:, :4].mean() - 0.25) < 0.001  # the distractors are uniform


def test_unseen_held_out_set_shares_nothing_with_training():
    (x_tr, _), (x_raw, _) = recall_split(5, n_train=2000, n_test=1000, seed=0)
    seen = {row.tobytes() for row in x_tr}
    assert np.mean([row.tobytes() in seen for row in x_raw]) > 0.3  # over 5 steps many draws repeat training
    (x_tr, y_tr), (x_te, y_te) = recall_split(5, n_train=2000, n_test=1000, seed=0, unseen=True)
    keys = [row.tobytes() for row in x_te]
    assert len(set(keys)) == len(keys) and seen.isdisjoint(keys)  # distinct, and none in training
    assert len(x_te) == 1000 and len(y_te) == len(x_te)  # 4⁶ = 4,096 sequences exist: enough unseen ones
    (_, _), (x_few, _) = recall_split(3, n_train=500, n_test=200, seed=0, unseen=True)
    assert (
        0 < len(x_few) < 256 - len({row.tobytes() for row in recall_split(3, n_train=500, seed=0)[0][0]}) + 1
    )
    with pytest.raises(ValueError, match="no unseen held-out set"):
        recall_split(2, n_train=2000, unseen=True)  # 4³ = 64 sequences, all in training
    assert np.array_equal(x_te[np.arange(len(y_te)), 0, y_te], np.ones(len(y_te)))  # targets still match
    (_, _), (x_long, _) = recall_split(30, n_train=500, n_test=300, seed=1, unseen=True)
    assert len(x_long) == 300  # long sequences never repeat: the set is full
    with pytest.raises(TypeError, match="unseen must be True or False"):
        recall_split(5, unseen="yes")


def test_targets_are_balanced_and_split_is_held_out():
    (x_tr, y_tr), (x_te, y_te) = recall_split(20, n_train=2000, n_test=1000, seed=0)
    assert x_tr.shape == (2000, 21, 5) and x_te.shape == (1000, 21, 5)
    assert np.all(np.abs(np.bincount(y_tr, minlength=4) / 2000 - 0.25) < 0.04)
    train_rows = {row.tobytes() for row in x_tr}
    assert sum(row.tobytes() in train_rows for row in x_te) == 0  # no held-out sequence was trained on


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: recall_split(5, n_train=0), ValueError, "n_train must be"),
        (lambda: recall_split(5, n_test=0), ValueError, "n_test must be"),
        (lambda: recall_split(0), ValueError, "distance must be"),
        (lambda: recall_split(2.5), TypeError, "distance must be an integer"),
        (lambda: recall_split(5, n_symbols=1), ValueError, "n_symbols"),
    ],
)
def test_recall_arguments_are_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("name", ["n_train", "n_test", "time", "lag", "seed"])
def test_echo_split_errors_name_the_argument(name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        echo_split(**{"n_train": 8, "n_test": 4, "time": 6, name: -1})


def test_echo_split_balanced_must_be_a_bool():
    with pytest.raises(TypeError, match="balanced"):
        echo_split(n_train=8, n_test=4, time=6, balanced="no")


def test_window_table_accuracy_sees_exactly_its_window():
    for lag in (2, 4):
        (x_train, y_train), (x_test, y_test) = echo_split(n_train=256, n_test=128, time=20, lag=lag, seed=0)
        scores = [window_table_accuracy(x_train, y_train, x_test, y_test, w, lag=lag) for w in range(1, 7)]
        assert all(s == 1.0 for s in scores[lag:])  # the window reaches x_(t-lag)
        assert all(abs(s - 0.5) < 0.03 for s in scores[:lag])  # one step short: a coin toss
    assert window_table_accuracy(x_train, y_train, x_test, y_test, 1, lag=4) == best_memoryless_accuracy(
        x_test, y_test, lag=4
    )


def test_window_table_accuracy_errors():
    (x, y), _ = echo_split(n_train=8, n_test=4, time=6)
    with pytest.raises(ValueError, match="window must be ≥ 1"):
        window_table_accuracy(x, y, x, y, 0)
    with pytest.raises(ValueError, match=r"x_test and y_test must have the same shape"):
        window_table_accuracy(x, y, x, y[:, :4], 2)
    with pytest.raises(ValueError, match="lag must be ≤ 5"):
        window_table_accuracy(x, y, x, y, 2, lag=6)
