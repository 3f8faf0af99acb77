"""Reference solutions for lesson 07 · Retail forecast. Try the exercises first!"""

import numpy as np

from rnnlib import retail
from rnnlib.datasets import load_csv


def _data():
    sales = load_csv(retail.CSV_NAME)["sales"].astype(float)
    return sales, retail.chronological_split(len(sales), validation=182, test=184)


def exercise_1():
    # Seasonal naive: day d is forecast by day d - 7 (the same weekday last week).
    sales, split = _data()
    first = split.test.start
    return sales[first - 7 : first]


def exercise_2():
    # Fit the scaler on the training days only; then apply it to every part.
    sales, split = _data()
    return retail.Scaler.fit(sales[split.train])


def exercise_3():
    sales, split = _data()
    days = np.arange(split.test.start, split.test.stop)
    return retail.mae(sales[days], retail.moving_average(sales, days, width=7))
