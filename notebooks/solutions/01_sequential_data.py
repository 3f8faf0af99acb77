"""Reference solutions for lesson 01 · Sequential data. Try the exercises first!"""

import numpy as np

from rnnlib.sequences import temperature


def exercise_1():
    # T days give T − w − H + 1 windows (window i holds days i … i+27, its target is day i+27+7 = i+34).
    # T − 28 − 7 + 1 ≥ 300  ⇔  T ≥ 300 + 28 + 7 − 1 = 334; check: 334 days give 300 windows, 333 give 299.
    # The 3 daily numbers are the features: X has shape (300, 28, 3).
    return 300 + 28 + 7 - 1


def exercise_2():
    def my_windows(series, window, horizon=1):
        n = len(series) - window - horizon + 1  # the last window leaves H values after it
        X = np.array([series[i : i + window] for i in range(n)])
        # the target lies H steps after the window's last value, series[i + window - 1]
        y = np.array([series[i + window + horizon - 1] for i in range(n)])
        return X, y

    return my_windows


def exercise_3(series=None):
    if series is None:
        _, series = temperature(hours=72, seed=0)
    return float(np.corrcoef(series[:-12], series[12:])[0, 1])


def exercise_4():
    return {
        "speech": "encoder-decoder",
        "melody": "one-to-many",
        "frames": "synced many-to-many",
        "language": "many-to-one",
    }
