"""Reference solutions for lesson 06 · Semantic space. Try the exercises first!

Each function takes the lesson's trained embedding ``E`` (vocab, dim) and ``vocab``.
"""

import numpy as np

from rnnlib.corpus import CATEGORIES


def _cos(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def exercise_1(E, vocab):
    london = E[vocab["london"]]
    candidates = [w for w in vocab.words if w not in CATEGORIES["cities"] and w not in ("<pad>", "<unk>")]
    return max(candidates, key=lambda w: _cos(london, E[vocab[w]]))


def exercise_2(E, vocab):
    return _cos(E[vocab["cat"]], E[vocab["dog"]])


def exercise_3(E, vocab):
    def tightness(words):
        sims = [_cos(E[vocab[a]], E[vocab[b]]) for a in words for b in words if a != b]
        return np.mean(sims)

    return max(CATEGORIES, key=lambda name: tightness(CATEGORIES[name]))
