"""rnnlib: the plumbing shared by the lessons of *Sequence modelling with RNNs*.

The lessons show the ideas (equations, the RNN step, the Keras model); this package holds what would
distract from them. Every lesson uses :func:`seed_everything`, :mod:`rnnlib.ui` (figure style, tables,
explorers) and its own exercise checks, ``rnnlib.checks.lessonNN``; beyond those:

============================  =====================================================================
lesson                        modules
============================  =====================================================================
01 · Sequential data          ``sequences`` (the data and their figures), :func:`make_windows`
02 · Recurrence               ``rnn``, ``diagrams``, ``tasks``, ``training``
03 · Unrolling                ``rnn``, ``diagrams``
04 · Loss over time           ``rnn``, ``bptt``, ``gradients``, ``tasks``
05 · Next-word prediction     ``text``, ``embeddings``, ``corpus``
06 · Semantic space           ``text``, ``embeddings``, ``corpus``
07 · Retail forecast          ``retail``, ``datasets``, :func:`make_windows`
08 · Long-term dependencies   ``tasks``, ``gated``, ``memory``
09 · Encoder–decoder          ``translation``
============================  =====================================================================

``import rnnlib`` is cheap: it imports numpy only. Modules that need TensorFlow or pyplot import them
when they are used, so a numpy-only lesson never pays for TensorFlow.

Importing rnnlib also quiets TensorFlow's C++ start-up log (``TF_CPP_MIN_LOG_LEVEL=3``) and
switches off oneDNN's custom operations (``TF_ENABLE_ONEDNN_OPTS=0``, which also makes results
repeatable). Both only take effect if rnnlib is imported *before* TensorFlow, which is why every
lesson's set-up cell imports rnnlib first. Values you set yourself are kept.
"""

import os as _os

_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
_os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

from ._seed import seed_everything  # noqa: E402
from .windows import make_windows  # noqa: E402

__version__ = "0.1.0"
__all__ = ["make_windows", "seed_everything"]
