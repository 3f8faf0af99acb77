"""Words as numbers, and how to score a language model (lessons 05 and 06; numpy only).

The pipeline of lesson 05, in the order the lesson uses it::

    train, heldout = load_corpus()                  # sentences (str) from data/
    vocab = Vocabulary(train)                       # 0 = padding, 1 = "the", 2 = "cat", ... , last = <unk>
    X, y = make_pairs([vocab.encode(s) for s in train])   # prefix -> next word, pre-padded with 0
    bigram = BigramLM(len(vocab)).fit(X, y)         # count baselines share the Keras predict() interface
    evaluate(bigram, X_heldout, y_heldout)          # perplexity, top-1 and top-k accuracy

Punctuation: text is lower-cased and split into words by :func:`rnnlib.sequences.split_words` (which
drops punctuation and keeps apostrophes, ``cat's``); on top of that, the full stop (or ``!``/``?``)
that ends a sentence becomes the token ``"."`` so that a model can learn where sentences end.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_bool, as_float, as_indices, as_instance, as_int
from .sequences import split_words
from .ui import PALETTE, use_style

__all__ = [
    "BigramLM",
    "UniformLM",
    "UnigramLM",
    "Vocabulary",
    "evaluate",
    "generate",
    "load_corpus",
    "long_range_mask",
    "make_pairs",
    "plot_top_k",
    "render_next_word",
    "tokenize",
    "top_k",
]

_PAD, _UNK, _END = "<pad>", "<unk>", "."
#: The words after which the next word is a noun whose identity was set further back (see long_range_mask).
_LONG_RANGE_CUES = ("the", "a")


def tokenize(text: str) -> list[str]:
    """Lower-case words; a sentence-ending ``.``, ``!`` or ``?`` becomes the end token ``"."``.

    Other punctuation is dropped (apostrophes inside words are kept), so a prefix typed without a
    full stop stays an unfinished sentence.

    >>> tokenize("The cat is sitting on the mat.")
    ['the', 'cat', 'is', 'sitting', 'on', 'the', 'mat', '.']
    >>> tokenize("The cat is sitting on the")
    ['the', 'cat', 'is', 'sitting', 'on', 'the']
    """
    words = split_words(text)  # raises TypeError for a non-str
    if words and text.rstrip().endswith((".", "!", "?")):
        words.append(_END)
    return words


def _as_tokens(sentence, name: str) -> list[str]:
    if isinstance(sentence, str):
        return tokenize(sentence)
    if isinstance(sentence, (list, tuple)) and all(isinstance(w, str) for w in sentence):
        return list(sentence)
    raise TypeError(f"{name} must be a sentence (str) or a list of words; got {type(sentence).__name__}")


class Vocabulary:
    """Word ↔ index, built from the training sentences only.

    ``sentences`` is a list of sentences (str, tokenised with :func:`tokenize`) or of word lists. Index 0
    is padding (``"<pad>"``); the words get 1, 2, 3 ... in order of first appearance (so "The cat is
    sitting on the mat." gives the → 1, cat → 2, is → 3 ...); the last index is ``"<unk>"``, which every
    word never seen in training maps to (never a KeyError).

    >>> vocab = Vocabulary(["The cat is sitting on the mat."])
    >>> vocab.words
    ['<pad>', 'the', 'cat', 'is', 'sitting', 'on', 'mat', '.', '<unk>']
    >>> vocab.encode("the dog is on the mat").tolist()
    [1, 8, 3, 5, 1, 6]
    >>> vocab.decode([1, 2, 3, 0])
    ['the', 'cat', 'is']
    >>> vocab["zebra"] == vocab.unk, len(vocab)
    (True, 9)
    """

    def __init__(self, sentences):
        if isinstance(sentences, str) or not isinstance(sentences, (list, tuple)):
            raise TypeError(f"sentences must be a list of sentences; got {type(sentences).__name__}")
        if not sentences:
            raise ValueError("sentences must not be empty")
        self.index = {_PAD: 0}
        for i, sentence in enumerate(sentences):
            for word in _as_tokens(sentence, f"sentences[{i}]"):
                self.index.setdefault(word, len(self.index))
        self.index[_UNK] = self.unk = len(self.index)
        self.words, self.pad = list(self.index), 0

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self.index and word not in (_PAD, _UNK)

    def __getitem__(self, word: str) -> int:
        if not isinstance(word, str):
            raise TypeError(f"word must be a str; got {type(word).__name__}")
        return self.index.get(word, self.unk)

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} entries: <pad>, {len(self) - 2} words, <unk>)"

    def encode(self, sentence) -> np.ndarray:
        """Indices of a sentence's tokens, shape ``(time,)``; unknown words give ``self.unk``."""
        return np.array([self[w] for w in _as_tokens(sentence, "sentence")], dtype=np.int64)

    def decode(self, indices, *, skip_padding: bool = True) -> list[str]:
        """Words of a sequence of indices; padding (0) is skipped unless ``skip_padding=False``."""
        arr = self._indices(indices, allow_empty=True)
        skip_padding = as_bool(skip_padding, "skip_padding")
        return [self.words[i] for i in arr.tolist() if not (skip_padding and i == self.pad)]

    def _indices(self, indices, allow_empty=False):
        arr = as_array(indices, "indices", ndim=1, layout="(time,)", dtype=None, allow_empty=allow_empty)
        if arr.size and not np.issubdtype(arr.dtype, np.integer):
            raise TypeError(f"indices must be integers; got dtype {arr.dtype}")
        bad = arr[(arr < 0) | (arr >= len(self))]
        if bad.size:
            raise ValueError(f"indices must lie in 0 … {len(self) - 1}; got {int(bad[0])}")
        return arr

    def one_hot(self, indices) -> np.ndarray:
        """One-hot vectors, shape ``(time, len(vocab))``: row t has a single 1 at column ``indices[t]``.

        >>> Vocabulary(["the cat"]).one_hot([1, 2]).astype(int).tolist()
        [[0, 1, 0, 0], [0, 0, 1, 0]]
        """
        return np.eye(len(self))[self._indices(indices)]


def load_corpus(data_dir=None) -> tuple[list[str], list[str]]:
    """The training and held-out sentences of ``data/corpus.txt`` and ``data/corpus_heldout.txt`` (verified).

    >>> train, heldout = load_corpus()
    >>> train[0], len(train), len(heldout)
    ('The cat is sitting on the mat.', 1501, 300)
    """
    from .corpus import _HELDOUT_FILE, _TRAIN_FILE
    from .datasets import _load_text_lines

    return _load_text_lines(_TRAIN_FILE, data_dir), _load_text_lines(_HELDOUT_FILE, data_dir)


def make_pairs(encoded, max_len: int | None = None):
    """(prefix → next word) training pairs from encoded sentences, prefixes pre-padded with 0.

    A sentence of n tokens gives n − 1 pairs: ``w1 → w2``, ``w1 w2 → w3`` ... (the first word has no
    prefix, so it is never a target). Prefixes are padded at the *front* with 0 to a common length, so
    the prefix's last word is always the last column; a masking ``Embedding(mask_zero=True)`` makes
    the RNN skip the padding. Longer prefixes keep their last ``max_len`` words. Returns ``X`` (pairs,
    max_len) and ``y`` (pairs,), int64.

    >>> X, y = make_pairs([np.array([1, 2, 3, 4])])
    >>> X.tolist(), y.tolist()
    ([[0, 0, 1], [0, 1, 2], [1, 2, 3]], [2, 3, 4])
    """
    if isinstance(encoded, np.ndarray) and encoded.ndim == 1:
        raise TypeError(
            "encoded must be a list of encoded sentences (a list of 1-D arrays), not one sentence"
        )
    if not isinstance(encoded, (list, tuple)):
        raise TypeError(
            f"encoded must be a list of encoded sentences (1-D arrays); got {type(encoded).__name__}"
        )
    seqs = [as_indices(s, f"encoded[{i}]", ndim=1, layout="(time,)") for i, s in enumerate(encoded)]
    if not seqs:
        raise ValueError("encoded must hold at least one sentence")
    longest = max(len(s) for s in seqs) - 1
    if longest < 1:
        raise ValueError("encoded sentences must have at least 2 tokens to give a (prefix → next word) pair")
    max_len = longest if max_len is None else as_int(max_len, "max_len", minimum=1)
    X, y = [], []
    for s in seqs:
        for t in range(1, len(s)):
            prefix = s[max(0, t - max_len) : t]
            X.append(np.concatenate([np.zeros(max_len - len(prefix), dtype=np.int64), prefix]))
            y.append(s[t])
    return np.array(X, dtype=np.int64), np.array(y, dtype=np.int64)


def long_range_mask(X, vocab: Vocabulary, cues=_LONG_RANGE_CUES) -> np.ndarray:
    """Which pairs are *long-range*: the prefix's last word is "the" or "a", and something comes before it.

    After an article the previous word says only "a noun comes next"; which noun (mat or rug, banana
    or pear, train or bike) was decided by a word further back (the animal, the person, the verb).
    That is where a model that sees only the previous word must fail and a model with memory can
    succeed. Sentence-initial "The ..." (prefix of one word) does not count: there is nothing further back.
    ``X`` (pairs, time) → bool (pairs,).

    >>> vocab = Vocabulary(["The cat is sitting on the mat."])
    >>> X, y = make_pairs([vocab.encode("The cat is sitting on the mat.")])
    >>> long_range_mask(X, vocab).tolist()
    [False, False, False, False, False, True, False]
    """
    vocab = as_instance(vocab, "vocab", Vocabulary)
    X = as_indices(X, "X", ndim=2, layout="(pairs, time)", high=len(vocab))
    if not isinstance(cues, (list, tuple)) or not all(isinstance(c, str) for c in cues):
        raise TypeError(f"cues must be a list of words, such as ('the', 'a'); got {cues!r}")
    cue_ids = [vocab[c] for c in cues if c in vocab]
    return np.isin(X[:, -1], cue_ids) & (X[:, -2] != 0 if X.shape[1] > 1 else False)


class _CountLM:
    """Count baselines with the interface of a Keras model: ``fit(X, y)`` counts, ``predict(X)`` returns the
    next word's probabilities ``(pairs, vocab_size)``, add-k smoothed over the real words (padding gets 0)."""

    _by_previous_word = False

    def __init__(self, vocab_size: int, k: float = 0.1):
        self.vocab_size = as_int(vocab_size, "vocab_size", minimum=2)
        self.k = as_float(k, "k", minimum=0.0)

    def _check(self, X):
        return as_indices(X, "X", ndim=2, layout="(pairs, time)", high=self.vocab_size)

    def _check_pairs(self, X, y):
        X = self._check(X)
        # targets are words: never the padding 0
        return X, as_indices(y, "y", shape=(X.shape[0],), layout="(pairs,)", low=1, high=self.vocab_size)

    def fit(self, X, y):
        X, y = self._check_pairs(X, y)
        counts = self._count(X, y) + self.k
        counts[..., 0] = 0.0
        total = counts.sum(axis=-1, keepdims=True)
        uniform = np.full_like(counts, 1.0 / (self.vocab_size - 1))
        uniform[..., 0] = 0.0
        with np.errstate(invalid="ignore", divide="ignore"):
            self.probs_ = np.where(total > 0, counts / np.where(total > 0, total, 1.0), uniform)
        return self

    def predict(self, X, verbose=0, batch_size=None):
        X = self._check(X)
        if not hasattr(self, "probs_"):
            raise RuntimeError("call fit(X, y) before predict")
        return self.probs_[X[:, -1]] if self._by_previous_word else np.repeat(self.probs_, len(X), axis=0)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(vocab_size={self.vocab_size}, k={self.k})"


class UniformLM(_CountLM):
    """Every word equally likely: probability 1 / (vocab_size − 1) (padding excluded); perplexity = vocab_size − 1.

    >>> UniformLM(5).predict(np.array([[0, 1]])).round(2).tolist()
    [[0.0, 0.25, 0.25, 0.25, 0.25]]
    """

    def __init__(self, vocab_size: int, k: float = 0.1):
        super().__init__(vocab_size, k)
        self.probs_ = np.full((1, self.vocab_size), 1.0 / (self.vocab_size - 1))
        self.probs_[0, 0] = 0.0

    def fit(self, X, y):
        self._check_pairs(X, y)  # nothing to count, but the same contract as the other models
        return self


class UnigramLM(_CountLM):
    """Word frequencies, ignoring the prefix: P(w) = (count(w) + k) / (N + k (V − 1)).

    >>> lm = UnigramLM(4, k=0).fit(np.array([[1], [1], [2]]), np.array([2, 2, 3]))
    >>> lm.predict(np.array([[1]])).round(3).tolist()
    [[0.0, 0.0, 0.667, 0.333]]
    """

    def _count(self, X, y):
        return np.asarray(np.bincount(y, minlength=self.vocab_size)[None, :], dtype=float)


class BigramLM(_CountLM):
    """The previous word only: P(w | v) = (count(v, w) + k) / (count(v) + k (V − 1)), add-k smoothed.

    >>> lm = BigramLM(4, k=0).fit(np.array([[0, 1], [1, 2], [0, 1]]), np.array([2, 3, 3]))
    >>> lm.predict(np.array([[0, 1]])).round(2).tolist()
    [[0.0, 0.0, 0.5, 0.5]]
    """

    _by_previous_word = True

    def _count(self, X, y):
        counts = np.zeros((self.vocab_size, self.vocab_size))
        np.add.at(counts, (X[:, -1], y), 1.0)
        return counts


def evaluate(model, X, y, *, k: int = 5, mask=None) -> dict:
    """Perplexity and top-1 / top-k accuracy of a language model on (prefix → next word) pairs.

    ``model`` is anything with ``predict(X, verbose=0) -> (pairs, vocab)`` probabilities: a Keras
    model or one of the count baselines. ``mask`` (bool, ``(pairs,)``) restricts the scores to some
    positions (e.g. :func:`long_range_mask`). Perplexity is ``exp(mean(−log p(target)))``: 1 for a
    perfect model, ``V − 1`` for a uniform guess. Ties in top-k are broken by the lower index. ``X``
    (pairs, time), ``y`` (pairs,) → ``{perplexity, top1, topk (fractions in [0, 1]), k, n (pairs scored)}``.

    >>> r = evaluate(UniformLM(5), np.array([[1], [2]]), np.array([2, 3]), k=2)
    >>> round(r["perplexity"], 4), r["top1"], r["n"]
    (4.0, 0.0, 2)
    """
    if not callable(getattr(model, "predict", None)):
        raise TypeError(
            f"model must have a predict(X) method (a Keras model or a count model); got {model!r}"[:200]
        )
    size = _vocab_size(model)  # None if the model does not say: checked against predict's output below
    X = as_indices(X, "X", ndim=2, layout="(pairs, time)", high=size)
    y = as_indices(
        y, "y", shape=(X.shape[0],), layout="(pairs,)", low=1, high=size
    )  # a target is never padding
    k = as_int(k, "k", minimum=1, maximum=size)
    if mask is not None:
        mask = as_array(mask, "mask", shape=(X.shape[0],), layout="(pairs,)", dtype=None)
        if mask.dtype != bool:
            raise TypeError(f"mask must be an array of True/False, one per pair; got dtype {mask.dtype}")
        if not mask.any():
            raise ValueError("mask selects no pairs")
        X, y = X[mask], y[mask]
    probs = np.asarray(model.predict(X, verbose=0), dtype=float)
    if probs.ndim != 2 or len(probs) != len(y):
        raise ValueError(f"model.predict(X) must return (pairs, vocab) = ({len(y)}, ?); got {probs.shape}")
    if size is None:  # now that the vocabulary's size is known
        as_indices(X, "X", high=probs.shape[1])
        as_indices(y, "y", high=probs.shape[1])
        as_int(k, "k", maximum=probs.shape[1])
    p_target = np.clip(probs[np.arange(len(y)), y], 1e-12, 1.0)
    ranking = np.argsort(-probs, axis=1, kind="stable")[:, :k]
    return {
        "perplexity": float(np.exp(-np.mean(np.log(p_target)))),
        "top1": float(np.mean(ranking[:, 0] == y)),
        "topk": float(np.mean(np.any(ranking == y[:, None], axis=1))),
        "k": k,
        "n": int(len(y)),
    }


def _vocab_size(model):
    """The number of words a model predicts over, if it says (count models, built Keras models), else None."""
    size = getattr(model, "vocab_size", None)
    if size is None:
        try:
            size = model.output_shape[-1]
        except (AttributeError, TypeError, IndexError, ValueError):
            return None
    return size if isinstance(size, (int, np.integer)) and not isinstance(size, bool) and size > 1 else None


def _sample_index(probs, temperature: float, rng) -> int:
    """A word index drawn with ``p_i ∝ probs_i ** (1 / temperature)`` (0: greedy); never the padding 0.

    >>> _sample_index(np.array([0.0, 0.2, 0.8]), 0, np.random.default_rng(0))
    2
    """
    probs = as_array(probs, "probs", ndim=1, layout="(vocab,)").copy()
    temperature = as_float(temperature, "temperature", minimum=0.0)
    probs[0] = 0.0
    if probs.size < 2 or probs.min() < 0 or probs.sum() == 0:
        raise ValueError(
            "step must return next-word probabilities (vocab,), none negative, some on a word other than "
            f"the padding 0; got {np.round(probs, 4).tolist()[:8]}"
        )
    if temperature == 0:
        return int(np.argmax(probs))
    logits = np.log(np.clip(probs, 1e-300, None)) / temperature
    logits[0] = -np.inf
    p = np.exp(logits - logits.max())
    p /= p.sum()
    index = int(np.searchsorted(np.cumsum(p), rng.random(), side="right"))
    return min(index, len(p) - 1)


def generate(
    step, vocab: Vocabulary, prefix, h0, *, temperature: float = 1.0, seed: int = 0, max_words: int = 15
):
    """Continue ``prefix`` word by word, passing the RNN state explicitly from step to step.

    ``step(index, h) -> (probs, h)`` is one RNN step: it reads a word index and the previous state and
    returns the next-word probabilities ``(vocab,)`` and the new state. The prefix is fed first (its
    predictions ignored but the last); then each word drawn at ``temperature`` (below 1 the likely words
    get likelier, above 1 the distribution flattens, 0 is greedy) is fed back in, until ``"."`` or
    ``max_words``. Returns the prefix's words followed by the generated ones.

    >>> vocab = Vocabulary(["the cat ."])
    >>> def step(i, h):  # a toy "model": after the -> cat, after cat -> "."
    ...     probs = np.zeros(len(vocab)); probs[{1: 2, 2: 3}.get(i, 3)] = 1.0; return probs, h
    >>> generate(step, vocab, "the", np.zeros(1))
    ['the', 'cat', '.']
    """
    step, vocab, h0 = _model(step, vocab, h0)
    tokens = _as_tokens(prefix, "prefix")
    if not tokens:
        raise ValueError("prefix must hold at least one word")
    temperature = as_float(temperature, "temperature", minimum=0.0)
    max_words = as_int(max_words, "max_words", minimum=1)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    probs, h = _read(step, vocab, tokens, h0)
    words = list(tokens)
    for _ in range(max_words):
        index = _sample_index(np.asarray(probs, dtype=float), temperature, rng)
        words.append(vocab.words[index])
        if words[-1] == _END:
            break
        probs, h = step(index, h)
    return words


def _model(step, vocab, h0):
    """Check the model a lesson hands to generate/render_next_word: a step function, its vocabulary, h_0."""
    if not callable(step):
        raise TypeError(f"step must be a function step(index, h) -> (probs, h); got {step!r}"[:200])
    return step, as_instance(vocab, "vocab", Vocabulary), as_array(h0, "h0")


def _read(step, vocab, words, h0):
    """Feed ``words`` to the RNN step by step from ``h0``: the last next-word probabilities and state."""
    h = np.asarray(h0, dtype=float)
    for word in words:
        probs, h = step(vocab[word], h)
    return probs, h


# -- the next word, shown --------------------------------------------------------------------------------


def top_k(probs, words, k: int = 5):
    """The ``k`` most likely words of a distribution ``probs`` ``(vocab,)``: list of (word, probability).

    >>> top_k(np.array([0.0, 0.7, 0.2, 0.1]), ["<pad>", "mat", "sofa", "floor"], k=2)
    [('mat', 0.7), ('sofa', 0.2)]
    """
    probs = as_array(probs, "probs", ndim=1, layout="(vocab,)")
    if probs.min() < 0:
        raise ValueError(f"probs must be probabilities, none negative; got {probs.min()}")
    if not isinstance(words, (list, tuple)):
        raise TypeError(f"words must be a list of words, one per probability; got {type(words).__name__}")
    if len(words) != probs.size:
        raise ValueError(f"words must have one entry per probability ({probs.size}); got {len(words)}")
    k = as_int(k, "k", minimum=1, maximum=probs.size)
    order = np.argsort(-probs, kind="stable")[:k]
    return [(words[i], float(probs[i])) for i in order]


def plot_top_k(pairs, title: str, ax=None):
    """Horizontal bars of (word, probability) pairs, the most likely on top. Returns the Figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> plot_top_k([("mat", 0.7), ("sofa", 0.2)], "After “on the …”").axes[0].get_ylabel()
    'next word'
    """
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    if not isinstance(pairs, (list, tuple)) or not all(
        isinstance(p, (list, tuple)) and len(p) == 2 and isinstance(p[0], str) for p in pairs
    ):
        raise TypeError(
            f"pairs must be a list of (word, probability), such as top_k(...); got {pairs!r}"[:200]
        )
    values = [as_float(p, "pairs") for _, p in pairs][::-1]
    if not all(0.0 <= v <= 1.0 + 1e-6 for v in values):
        raise ValueError(f"pairs must hold probabilities in [0, 1]; got {values[::-1]}")
    names = [w for w, _ in pairs][::-1]
    if ax is not None:
        as_instance(ax, "ax", Axes, "a matplotlib Axes")
    use_style()
    fig, ax = plt.subplots(figsize=(6.5, 3.0)) if ax is None else (ax.figure, ax)
    ax.barh(names, values, color=PALETTE[0])
    for y, v in enumerate(values):
        ax.text(v + 0.01, y, f"{v:.2f}", va="center", fontsize=9)
    ax.set(xlim=(0, 1.1), xlabel="probability of the next word", ylabel="next word", title=title)
    return fig


def render_next_word(prefix: str, temperature: float, *, step, vocab, h0, k: int = 5, seed: int = 0):
    """The next-word explorer: top-``k`` bars for ``prefix`` and a sentence generated at ``temperature``.

    ``step(index, h) -> (probs, h)`` is one RNN step (see :func:`generate`); ``h0`` is the initial state
    (zeros). Unknown words in ``prefix`` are read as ``<unk>``. Returns the figure and ``info``: ``prefix``
    (the words read), ``top`` (list of (word, probability)), ``temperature`` and ``sentence`` (generated
    at that temperature, str); the explorer's readout shows all four.
    """
    step, vocab, h0 = _model(step, vocab, h0)
    temperature = as_float(temperature, "temperature", minimum=0.0)
    words = tokenize(prefix) if isinstance(prefix, str) else None
    if not words:
        raise ValueError(f"prefix must hold at least one word; got {prefix!r}")
    pairs = top_k(np.asarray(_read(step, vocab, words, h0)[0], dtype=float), vocab.words, k)
    sentence = " ".join(generate(step, vocab, words, h0, temperature=temperature, seed=seed))
    read = " ".join(w if w in vocab else "<unk>" for w in words)
    fig = plot_top_k(pairs, f"Next word after “{read} …”")
    fig.set_size_inches(6.5, 3.4)
    fig.supxlabel(f"generated at temperature {temperature:.1f}: “{sentence}”", fontsize=9)
    top = [(w, round(p, 2)) for w, p in pairs]
    return fig, {"prefix": read, "top": top, "temperature": round(temperature, 2), "sentence": sentence}
