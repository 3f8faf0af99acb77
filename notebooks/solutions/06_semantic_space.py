"""Reference solutions for lesson 06 · Semantic space. Try the exercises first!

Each function takes the lesson's matrices: the input embedding ``E`` (vocab, 16), the output rows ``W_hy``
(vocab, 64) and ``vocab``.
"""

import numpy as np

from rnnlib.corpus import CATEGORIES


def _cos(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def exercise_1(E, vocab):
    london = E[vocab["london"]]
    candidates = [w for w in vocab.words if w not in CATEGORIES["cities"] and w not in ("<pad>", "<unk>")]
    return max(candidates, key=lambda w: _cos(london, E[vocab[w]]))


def exercise_2(E, W_hy, vocab):
    # From the Keras layers instead: W_hy = model.layers[2].get_weights()[0].T (the kernel is (64, V)).
    a, b = vocab["anna"], vocab["tom"]
    return _cos(E[a], E[b]), _cos(W_hy[a], W_hy[b])


def exercise_3(E_epoch_1, E_final, vocab):
    def tightness(E, words):
        return np.mean([_cos(E[vocab[a]], E[vocab[b]]) for a in words for b in words if a != b])

    drop = {c: tightness(E_epoch_1, ws) - tightness(E_final, ws) for c, ws in CATEGORIES.items()}
    return set(sorted(drop, key=drop.get, reverse=True)[:3])
