"""Reference solutions for lesson 09 · Encoder–decoder and attention. Try the exercises first!"""

import numpy as np

from rnnlib import translation
from rnnlib.translation import BOS, PAD


def exercise_1():
    # The 64-unit control rules out (a); long numbers are not rare in training (b); trained 4x longer the plain
    # model fits nearly every long training number, so 32 numbers can hold one (d): it is slow to learn (c).
    return ("plain", "c")


def fixed_decode(w, x, max_steps=7):
    H, h_T, mask = translation.run_encoder(w, x)
    tokens = np.zeros((len(x), max_steps), dtype=int)
    previous = np.full(len(x), BOS)
    s_j = h_T  # s_0 = h_T; the bug started every step from h_T again
    for j in range(max_steps):
        s_j = translation.decoder_step(w, previous, s_j)  # s_j = GRU(y_{j-1}, s_{j-1})
        tokens[:, j] = np.argmax(s_j @ w["W_hy"].T + w["b_y"], axis=1)
        previous = tokens[:, j]
    return tokens


def reverse_words(x):
    x = np.asarray(x)
    out = np.zeros_like(x)
    for row, words in enumerate(x):
        n = int(np.sum(words != PAD))  # the real words; padding follows them
        out[row, :n] = words[:n][::-1]
    return out


def exercise_4():
    # At 9 digits (14 words), after 96 epochs the plain model gets nearly all its 9-digit TRAINING numbers right but
    # only about a third of the held-out ones; attention gets both right after 24 epochs. Measured on a 2-core CPU,
    # seeds 1, 2, 3: plain 99, 98, 92 % of the 9-digit training numbers and 33, 30, 34 % of the held-out ones;
    # attention 100 % of the training numbers on every seed and 98, 98, 99 % of the held-out ones. (The letter the
    # check accepts is the one your own run shows.)
    return "b"
