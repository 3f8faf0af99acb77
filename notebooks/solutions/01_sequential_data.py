"""Reference solutions for lesson 01 · Sequential data. Try the exercises first!"""

import numpy as np

from rnnlib.sequences import temperature


def exercise_1():
    # 365 days, window 28, horizon H = 7: window i holds days i … i+27 and its target is day i+27+7 = i+34.
    # The last target is day 365, so the last window starts on day 365 − 34 = 331: 365 − 28 − 7 + 1 windows.
    return (365 - 28 - 7 + 1, 28, 3)


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
