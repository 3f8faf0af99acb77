"""Reference solutions for lesson 01 · Sequential data. Try the exercises first!"""

import numpy as np

from rnnlib.sequences import temperature


def exercise_1():
    # 500 days, window 7: window i covers days i..i+6, its target is day i+7; the last target is day 499 (0-based).
    return (500 - 7, 7, 1)


def exercise_2():
    sequence, alphabet = "GATTACA", "ACGT"
    one_hot = np.zeros((len(sequence), len(alphabet)))
    for t, base in enumerate(sequence):
        one_hot[t, alphabet.index(base)] = 1.0
    return one_hot


def exercise_3(series=None):
    if series is None:
        _, series = temperature(hours=72, seed=0)
    return float(np.corrcoef(series[:-1], series[1:])[0, 1])


def exercise_4():
    return {"sentiment": "many-to-one", "captioning": "one-to-many", "translation": "many-to-many"}
