"""Reproducibility: one call seeds every random number generator a lesson uses."""

from __future__ import annotations

import random
import sys

import numpy as np

from ._validate import as_int


def seed_everything(seed: int = 42) -> int:
    """Seed Python's ``random``, numpy and, if it is imported, Keras/TensorFlow.

    TensorFlow is seeded (with ``keras.utils.set_random_seed``) and switched to deterministic
    ops (``tf.config.experimental.enable_op_determinism``) only when ``tensorflow`` or ``keras``
    has already been imported, so that a numpy-only lesson never pays for importing TensorFlow.
    Import TensorFlow/Keras *before* calling this in a set-up cell.

    Parameters
    ----------
    seed : int
        A non-negative integer.

    Returns
    -------
    int
        The seed, so a lesson can print or reuse it.

    Examples
    --------
    >>> seed_everything(0)
    0
    >>> a = np.random.rand(); _ = seed_everything(0); a == np.random.rand()
    True
    """
    seed = as_int(seed, "seed", minimum=0, maximum=2**32 - 1)
    random.seed(seed)
    np.random.seed(seed)
    if "tensorflow" in sys.modules or "keras" in sys.modules:
        import keras
        import tensorflow as tf

        keras.utils.set_random_seed(seed)
        try:
            tf.config.experimental.enable_op_determinism()
        except RuntimeError:  # already enabled in this process
            pass
    return seed
