"""Words as numbers, and how to score a language model (lessons 05 and 06; numpy only).

The pipeline of lesson 05, in the order the lesson uses it::

    train, heldout = load_corpus()                  # sentences (str) from data/
    vocab = Vocabulary(train)                       # 0 = padding, 1 = "the", 2 = "cat", ... , last = <unk>
    X, y = make_pairs([vocab.encode(s) for s in train])   # prefix -> next word, pre-padded with 0
    inputs, targets = make_sequences([vocab.encode(s) for s in train])  # whole sentences: a loss at every step
    bigram = BigramLM(len(vocab)).fit(X, y)         # count baselines share the Keras predict() interface
    four = NGramLM(len(vocab), order=4).fit(X, y)   # the last three words, backing off to fewer
    evaluate(four, X_heldout, y_heldout)            # perplexity, top-1 and top-k accuracy
    evaluate(GrammarLM(vocab), X_heldout, y_heldout)  # the grammar's exact probabilities: the best achievable

Punctuation: text is lower-cased and split into words by :func:`rnnlib.sequences.split_words` (which
drops punctuation and keeps apostrophes, ``cat's``); on top of that, the full stop (or ``!``/``?``)
that ends a sentence becomes the token ``"."`` so that a model can learn where sentences end.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_bool, as_float, as_indices, as_instance, as_int, as_str
from .sequences import split_words
from .ui import PALETTE, View, use_style

__all__ = [
    "BigramLM",
    "GrammarLM",
    "NGramLM",
    "NextWordView",
    "UniformLM",
    "UnigramLM",
    "Vocabulary",
    "evaluate",
    "generate",
    "load_corpus",
    "long_range_mask",
    "make_pairs",
    "make_sequences",
    "plot_accuracy_by_context",
    "plot_next_word_probabilities",
    "tokenize",
    "top_k",
    "with_temperature",
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


def _encoded_sentences(encoded, max_len):
    """Validated encoded sentences (1-D int arrays, the longest with 2 tokens or more) and ``max_len``."""
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
    return seqs, longest if max_len is None else as_int(max_len, "max_len", minimum=1)


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
    seqs, max_len = _encoded_sentences(encoded, max_len)
    X, y = [], []
    for s in seqs:
        for t in range(1, len(s)):
            prefix = s[max(0, t - max_len) : t]
            X.append(np.concatenate([np.zeros(max_len - len(prefix), dtype=np.int64), prefix]))
            y.append(s[t])
    return np.array(X, dtype=np.int64), np.array(y, dtype=np.int64)


def make_sequences(encoded, max_len: int | None = None):
    """Whole sentences for a loss at every step: inputs ``w1 … w(n−1)``, targets ``w2 … wn``, padded at the end.

    Step t's target is the word after step t's input, so a network that predicts at every step
    (``SimpleRNN(..., return_sequences=True)``) is scored on every next word of a sentence at once: the
    pairs of :func:`make_pairs`, one sentence per row. Both arrays are padded at the *end* with 0, which a
    masking ``Embedding(mask_zero=True)`` keeps out of the recurrence and the loss. Longer sentences keep
    their first ``max_len`` steps. Returns ``inputs`` and ``targets``, both (sentences, max_len), int64.

    >>> inputs, targets = make_sequences([np.array([1, 2, 3, 4]), np.array([1, 5])])
    >>> inputs.tolist(), targets.tolist()
    ([[1, 2, 3], [1, 0, 0]], [[2, 3, 4], [5, 0, 0]])
    """
    seqs, max_len = _encoded_sentences(encoded, max_len)
    inputs = np.zeros((len(seqs), max_len), dtype=np.int64)
    targets = np.zeros((len(seqs), max_len), dtype=np.int64)
    for i, s in enumerate(seqs):
        n = max(0, min(len(s) - 1, max_len))
        inputs[i, :n], targets[i, :n] = s[:n], s[1 : n + 1]
    return inputs, targets


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


class NGramLM(_CountLM):
    """An n-gram model: the last ``order − 1`` words, backing off to shorter contexts (absolute discounting).

    It counts what followed each context of ``order − 1`` words in the training pairs; the start of a
    sentence (the padding in front of a prefix) is a context word too, so a trigram tells "The ..." at the
    start from "... on the ...". Every count gives up ``discount`` (d), and the freed mass goes to the
    estimate from the next-shorter context c′ (the last ``order − 2`` words), down to a uniform guess::

        P(w | c) = max(N(c, w) − d, 0) / N(c)  +  d · T(c) / N(c) · P(w | c′)

    N(c, w) counts w after c, N(c) = Σ_w N(c, w), T(c) is the number of different words seen after c; a
    context never seen in training uses P(w | c′) alone. This is *interpolated absolute discounting*, the
    core of Kneser–Ney smoothing. ``order=2`` is a bigram, 3 a trigram, 4 a 4-gram.

    >>> X, y = np.array([[0, 1], [1, 2], [0, 1]]), np.array([2, 3, 2])
    >>> lm = NGramLM(4, order=2, discount=0.5).fit(X, y)
    >>> lm.predict(np.array([[0, 1], [0, 3]])).round(3).tolist()   # after 1: word 2 twice; 3: never a context
    [[0.0, 0.028, 0.903, 0.069], [0.0, 0.111, 0.611, 0.278]]
    """

    def __init__(self, vocab_size: int, order: int = 3, discount: float = 0.75):
        super().__init__(vocab_size, k=0.0)
        self.order = as_int(order, "order", minimum=1)
        self.discount = as_float(discount, "discount", minimum=0.0, maximum=1.0)

    def _check(self, X):
        X = super()._check(X)
        if X.shape[1] < self.order - 1:
            raise ValueError(f"X must have at least order − 1 = {self.order - 1} columns; got {X.shape[1]}")
        return X

    def fit(self, X, y):
        X, y = self._check_pairs(X, y)
        self.tables_ = []
        for m in range(self.order):  # context length m = 0 (word frequencies) ... order − 1
            counts = {}
            for context, w in zip(_contexts(X, m), y.tolist(), strict=True):
                after = counts.setdefault(context, {})
                after[w] = after.get(w, 0) + 1
            table = {}
            for context, after in counts.items():
                words = np.fromiter(after, dtype=np.int64, count=len(after))
                n = np.fromiter(after.values(), dtype=float, count=len(after))
                table[context] = (
                    words,
                    np.maximum(n - self.discount, 0) / n.sum(),
                    self.discount * len(n) / n.sum(),
                )
            self.tables_.append(table)
        return self

    def predict(self, X, verbose=0, batch_size=None):
        X = self._check(X)
        if not hasattr(self, "tables_"):
            raise RuntimeError("call fit(X, y) before predict")
        probs = np.full((len(X), self.vocab_size), 1.0 / (self.vocab_size - 1))
        probs[:, 0] = 0.0
        for m, table in enumerate(self.tables_):  # from the uniform guess up to the longest context
            for i, context in enumerate(_contexts(X, m)):
                if context in table:
                    words, kept, backoff = table[context]
                    probs[i] *= backoff
                    probs[i, words] += kept
        return probs

    def __repr__(self) -> str:
        return f"NGramLM(vocab_size={self.vocab_size}, order={self.order}, discount={self.discount})"


def _contexts(X, m: int) -> list:
    """The last ``m`` columns of each row of ``X``, as hashable keys."""
    return [row.tobytes() for row in np.ascontiguousarray(X[:, X.shape[1] - m :])] if m else [b""] * len(X)


class GrammarLM:
    """The grammar's exact next-word probabilities (:mod:`rnnlib.corpus`), with the ``predict`` interface.

    Nothing is learned: for each prefix it returns the distribution the sentences were drawn from, the
    best any model can do on fresh sentences of the grammar. ``exclude`` (sentences) removes them and
    renormalises (:func:`rnnlib.corpus.sentence_probabilities`); with the training sentences excluded
    it gives the distribution the held-out file was drawn from. A prefix the grammar never writes
    raises ValueError.

    >>> vocab = Vocabulary(["The cat is sitting on the mat.", "The cat sat on the floor."])
    >>> probs = GrammarLM(vocab).predict(vocab.encode("the cat is sitting on the")[None])
    >>> round(float(probs[0, vocab["mat"]]), 4), round(float(probs[0, vocab.unk]), 4)  # sofa, chair: <unk>
    (0.6, 0.2)
    """

    def __init__(self, vocab: Vocabulary, exclude=()):
        from .corpus import _exclusion

        self.vocab, self._excluded = as_instance(vocab, "vocab", Vocabulary), _exclusion(exclude)

    def predict(self, X, verbose=0, batch_size=None):
        from .corpus import _next_table

        X = as_indices(X, "X", ndim=2, layout="(pairs, time)", high=len(self.vocab))
        table = _next_table(self._excluded)
        probs = np.zeros((len(X), len(self.vocab)))
        words = self.vocab.words
        for i, row in enumerate(X.tolist()):
            prefix = tuple(words[j] for j in row if j)
            if prefix not in table:
                raise ValueError(
                    f"X[{i}] is not the start of a sentence of the grammar: {' '.join(prefix)!r}"
                )
            for word, p in table[prefix].items():
                probs[i, self.vocab[word]] += p
        return probs

    def __repr__(self) -> str:
        return f"GrammarLM({self.vocab!r}, {len(self._excluded)} sentences excluded)"


def evaluate(model, X, y, *, k: int = 5, mask=None) -> dict:
    """Perplexity and top-1 / top-k accuracy of a language model on (prefix → next word) pairs.

    ``model`` is anything with ``predict(X, verbose=0) -> (pairs, vocab)`` probabilities (a Keras
    model, a count baseline, :class:`GrammarLM`) or that array of probabilities, already computed for
    every row of ``X``. ``mask`` (bool, ``(pairs,)``) restricts the scores to some
    positions (e.g. :func:`long_range_mask`). Perplexity is ``exp(mean(−log p(target)))``: 1 for a
    perfect model, ``V − 1`` for a uniform guess. Ties in top-k are broken by the lower index. ``X``
    (pairs, time), ``y`` (pairs,) → ``{perplexity, top1, topk (fractions in [0, 1]), k, n (pairs scored)}``.

    >>> r = evaluate(UniformLM(5), np.array([[1], [2]]), np.array([2, 3]), k=2)
    >>> round(r["perplexity"], 4), r["top1"], r["n"]
    (4.0, 0.0, 2)
    >>> evaluate(np.array([[0, 0.5, 0.5], [0, 0.9, 0.1]]), np.array([[1], [2]]), np.array([2, 1]), k=1)["top1"]
    0.5
    """
    given = None
    if callable(getattr(model, "predict", None)):
        size = _vocab_size(model)  # None if the model does not say: checked against predict's output below
    elif isinstance(model, (np.ndarray, list, tuple)):
        given = as_array(model, "model", ndim=2, layout="(pairs, vocab) probabilities")
        if given.shape[1] < 2 or given.min() < 0:
            raise ValueError(
                "model (probabilities) must be (pairs, vocab) with vocab ≥ 2 and no negative values; "
                f"got shape {given.shape}, smallest {given.min()}"
            )
        size = given.shape[1]
    else:
        raise TypeError(
            "model must have a predict(X) method (a Keras model or a count model) or be an array "
            f"(pairs, vocab) of probabilities; got {model!r}"[:200]
        )
    X = as_indices(X, "X", ndim=2, layout="(pairs, time)", high=size)
    y = as_indices(
        y, "y", shape=(X.shape[0],), layout="(pairs,)", low=1, high=size
    )  # a target is never padding
    if given is not None and len(given) != len(X):
        raise ValueError(f"model (probabilities) must have one row per pair ({len(X)}); got {len(given)}")
    k = as_int(k, "k", minimum=1, maximum=size)
    if mask is not None:
        mask = as_array(mask, "mask", shape=(X.shape[0],), layout="(pairs,)", dtype=None)
        if mask.dtype != bool:
            raise TypeError(f"mask must be an array of True/False, one per pair; got dtype {mask.dtype}")
        if not mask.any():
            raise ValueError("mask selects no pairs")
        X, y = X[mask], y[mask]
        given = None if given is None else given[mask]
    probs = np.asarray(model.predict(X, verbose=0), dtype=float) if given is None else given
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


def with_temperature(probs, temperature: float) -> np.ndarray:
    """The distribution ``probs`` ``(vocab,)`` reshaped by a temperature τ: ``p_i ∝ probs_i ** (1 / τ)``.

    Below τ = 1 the likely words get likelier, above it the distribution flattens; τ = 0 puts everything
    on the likeliest word. Padding (index 0) gets 0. :func:`generate` samples from this distribution.

    >>> with_temperature(np.array([0.0, 0.6, 0.2, 0.2]), 0.5).round(3).tolist()
    [0.0, 0.818, 0.091, 0.091]
    >>> with_temperature(np.array([0.0, 0.6, 0.2, 0.2]), 0).tolist()
    [0.0, 1.0, 0.0, 0.0]
    """
    probs = as_array(probs, "probs", ndim=1, layout="(vocab,)").copy()
    temperature = as_float(temperature, "temperature", minimum=0.0)
    if probs.size < 2 or np.any(probs < 0) or probs[1:].sum() == 0:
        raise ValueError(
            "probs must be next-word probabilities (vocab,), none negative, some on a word other than the "
            f"padding 0; got {np.round(probs, 4).tolist()[:8]}"
        )
    probs[0] = 0.0
    if temperature == 0:
        return np.eye(len(probs))[int(np.argmax(probs))]
    logits = np.log(np.clip(probs, 1e-300, None)) / temperature
    logits[0] = -np.inf
    p = np.exp(logits - logits.max())
    return p / p.sum()


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
    return _continue(step, vocab, tokens, probs, h, temperature, rng, max_words)


def _continue(step, vocab, tokens, probs, h, temperature, rng, max_words: int = 15) -> list:
    """Sample words after ``tokens`` (whose last step gave ``probs`` and ``h``) until "." or ``max_words``."""
    words = list(tokens)
    for _ in range(max_words):
        index = _sample_index(np.asarray(probs, dtype=float), temperature, rng)
        words.append(vocab.words[index])
        if words[-1] == _END:
            break
        probs, h = step(index, h)
    return words


def _model(step, vocab, h0):
    """Check the model a lesson hands to generate/NextWordView: a step function, its vocabulary, h_0."""
    if not callable(step):
        raise TypeError(f"step must be a function step(index, h) -> (probs, h); got {step!r}"[:200])
    return step, as_instance(vocab, "vocab", Vocabulary), as_array(h0, "h0", ndim=1, layout="(units,)")


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


def plot_next_word_probabilities(truth: dict, estimates: dict, title: str, ax=None):
    """The true next-word probabilities (grey bars) and estimates of them (markers), one row per word.

    ``truth`` is ``{word: probability}`` (e.g. :func:`rnnlib.corpus.next_word_probabilities`): its words
    are the rows, and a last row collects "any other word". ``estimates`` is ``{label: {word:
    probability}}`` (frequencies in the training text, a network's output as ``dict(zip(vocab.words,
    probs))``); a list of such dicts (several runs) gets one marker per run. Returns the Figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_next_word_probabilities({"mat": 0.6, "rug": 0.4}, {"counts": {"mat": 0.5}}, "After …")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['mat', 'rug', 'any other word']
    """
    import matplotlib.pyplot as plt

    truth = _probabilities(truth, "truth")
    if not truth:
        raise ValueError("truth must hold at least one word")
    if not isinstance(estimates, dict):
        raise TypeError(
            f"estimates must be a dict of label → {{word: probability}}; got {type(estimates).__name__}"
        )
    estimates = {
        label: [_probabilities(r, f"estimates[{label!r}]") for r in runs]
        if isinstance(runs, (list, tuple))
        else _probabilities(runs, f"estimates[{label!r}]")
        for label, runs in estimates.items()
    }
    title = as_str(title, "title", allow_empty=True)
    _check_ax(ax)
    use_style()
    words = list(truth)
    fig, ax = plt.subplots(figsize=(7.5, 3.5)) if ax is None else (ax.figure, ax)
    rows = np.arange(len(words) + 1)[::-1]

    def with_rest(probs):
        values = [float(probs.get(w, 0.0)) for w in words]
        return [*values, max(0.0, 1.0 - sum(values))]

    ax.barh(
        rows,
        with_rest(truth),
        height=0.7,
        color="0.85",
        edgecolor="0.45",
        label="the grammar's true probability",
    )
    for f, (label, runs) in enumerate(estimates.items()):
        runs = runs if isinstance(runs, list) else [runs]
        offset = (f - (len(estimates) - 1) / 2) * 0.25
        for r, probs in enumerate(runs):
            jitter = (r - (len(runs) - 1) / 2) * 0.07  # runs side by side, not on top of each other
            ax.plot(
                with_rest(probs),
                rows + offset + jitter,
                linestyle="",
                marker="oDs^v"[f % 5],
                markersize=7,
                color=PALETTE[f % len(PALETTE)],
                markeredgecolor="white",
                markeredgewidth=0.6,
                label=label if r == 0 else None,
            )
    ax.set_yticks(rows, [*words, "any other word"])
    ax.set(xlim=(-0.03, 1), xlabel="probability of the next word", ylabel="next word", title=title)
    ax.legend(loc="lower right", fontsize=9)
    return fig


def _probabilities(value, name: str) -> dict:
    """A dict of word → probability (0 … 1, summing to at most 1), checked; the same dict back."""
    if not isinstance(value, dict) or not all(isinstance(w, str) for w in value):
        raise TypeError(f"{name} must be a dict of word → probability; got {value!r}"[:200])
    probs = {w: as_float(p, f"{name}[{w!r}]", minimum=0.0, maximum=1.0) for w, p in value.items()}
    if sum(probs.values()) > 1 + 1e-6:
        raise ValueError(
            f"{name} must hold probabilities summing to at most 1; got {sum(probs.values()):.4f}"
        )
    return probs


def _check_ax(ax):
    if ax is not None:
        from matplotlib.axes import Axes

        as_instance(ax, "ax", Axes, "a matplotlib Axes")


def plot_accuracy_by_context(
    labels, accuracies: dict, title: str, *, xlabel: str = "group of positions", reference=None, ax=None
):
    """Top-1 accuracy per group of positions (one label per group on the x axis, ``xlabel``), one marker per model.

    ``accuracies`` is ``{model: [run, ...]}``, each run a list of accuracies (fractions), one per group.
    The groups are categories, so the models sit side by side in each group and nothing joins the groups;
    several runs (seeds) are drawn as their median with an error bar from the lowest to the highest. The
    model named ``reference`` (e.g. the grammar, the best achievable on fresh text) is a black bar across
    each group. Returns the Figure.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> fig = plot_accuracy_by_context(["1", "2"], {"a": [[0.5, 0.2]], "b": [[0.4, 0.3], [0.6, 0.1]]}, "t")
    >>> fig.axes[0].get_ylabel()
    'top-1 accuracy (%)'
    """
    import matplotlib.pyplot as plt

    if not isinstance(labels, (list, tuple)) or not labels or not all(isinstance(t, str) for t in labels):
        raise TypeError(f"labels must be a non-empty list of str, one per group; got {labels!r}"[:200])
    if not isinstance(accuracies, dict) or not accuracies:
        raise TypeError("accuracies must be a non-empty dict of model → list of runs")
    checked = {}
    for name, runs in accuracies.items():
        runs = as_array(runs, f"accuracies[{name!r}]", shape=(None, len(labels)), layout="(runs, groups)")
        if runs.min() < 0 or runs.max() > 1:
            raise ValueError(
                f"accuracies[{name!r}] must hold fractions in 0 … 1; got {runs.min()} … {runs.max()}"
            )
        checked[name] = runs
    title = as_str(title, "title", allow_empty=True)
    xlabel = as_str(xlabel, "xlabel", allow_empty=True)
    if reference is not None and reference not in accuracies:
        raise ValueError(f"reference must be None or one of the models {list(accuracies)}; got {reference!r}")
    _check_ax(ax)
    use_style()
    fig, ax = plt.subplots(figsize=(7.5, 3.9)) if ax is None else (ax.figure, ax)
    x = np.arange(len(labels))
    models = [name for name in checked if name != reference]
    colours = iter(PALETTE[i] for i in (0, 2, 4, 3, 5, 1, 6))  # neighbours far apart for colour-blind eyes
    width = 0.8 / max(len(models), 1)
    if reference is not None:
        ref = 100 * checked[reference][0]
        for i, value in enumerate(ref):
            ax.plot(
                [i - 0.45, i + 0.45],
                [value, value],
                color="black",
                linestyle="--",
                linewidth=1.5,
                label=f"{reference} (best on fresh text)" if i == 0 else None,
            )
    for m, name in enumerate(models):
        runs = 100 * checked[name]
        colour, where = next(colours), x + (m - (len(models) - 1) / 2) * width
        median = np.median(runs, axis=0)
        if len(runs) > 1:
            ax.errorbar(
                where,
                median,
                yerr=[median - runs.min(axis=0), runs.max(axis=0) - median],
                color=colour,
                marker="oDs^v"[m % 5],
                linestyle="",
                capsize=3,
                label=f"{name} ({len(runs)} runs: median, bar = range)",
            )
        else:
            ax.plot(
                where, median, color=colour, marker="oDs^v"[m % 5], linestyle="", markersize=7, label=name
            )
    ax.set_xticks(x, labels)
    ax.set(ylim=(0, 100), xlabel=xlabel, ylabel="top-1 accuracy (%)", title=title)
    ax.legend(fontsize=8.5, loc="upper right", ncols=2)
    return fig


class NextWordView(View):
    """The next-word explorer: a network's next-word probabilities at a temperature τ beside the grammar's.

    ``step(index, h) -> (probs, h)`` is one RNN step (see :func:`generate`) and ``h0`` its initial state.
    Built once; a move changes only the bars, their labels, the grammar's marks and the title. The bars
    are the distribution the network samples from at τ (:func:`with_temperature`), for its ``k``
    likeliest words; a black mark on each row is the grammar's true probability of that word (none
    where the grammar never starts a sentence so). ``view(tau=..., prefix=...)`` returns ``(fig, info)``
    with ``τ``, ``prefix`` (the words read, unknown ones as ``<unk>``), ``top`` (word, probability at τ),
    ``grammar`` (its three likeliest next words, or a note), ``sentence`` (one sample from the prefix) and
    ``grammatical`` (how many of ``samples`` sentences sampled at τ the grammar can write).
    """

    def __init__(self, step, vocab: Vocabulary, h0, *, k: int = 6, samples: int = 20):
        import matplotlib.pyplot as plt

        self.step, self.vocab, self.h0 = _model(step, vocab, h0)
        self.k = as_int(k, "k", minimum=1, maximum=len(vocab) - 1)
        self.samples = as_int(samples, "samples", minimum=1)
        use_style()
        fig, ax = plt.subplots(figsize=(7.5, 3.6))
        super().__init__(fig)
        self.rows = np.arange(self.k)[::-1]
        bars = ax.barh(self.rows, np.zeros(self.k), height=0.6, color=PALETTE[0], label="the network, at τ")
        self.bars = self.dynamic(*bars)
        self.labels = self.dynamic(*(ax.text(0.0, r, "", va="center", fontsize=9.5) for r in self.rows))
        mark = dict(linestyle="", marker="|", markersize=20, markeredgewidth=2.5, color="black")
        self.truth = self.dynamic(ax.plot([], [], label="the grammar's true probability", **mark)[0])
        self.title = self.dynamic(ax.set_title(" "))
        ax.set_yticks(self.rows, [str(i + 1) for i in range(self.k)])
        ax.set(
            xlim=(0, 1.15),
            ylim=(-0.7, self.k - 0.3),
            xlabel="probability of the next word",
            ylabel="the network's rank",
        )
        ax.legend(loc="lower right", fontsize=9)

    def update(self, tau: float = 1.0, prefix: str = "The cat is sitting on the") -> dict:
        from .corpus import is_sentence, next_word_probabilities

        tau = as_float(tau, "tau (τ)", minimum=0.0)
        words = tokenize(prefix) if isinstance(prefix, str) else None
        if not words:
            raise ValueError(f"type a prefix of at least one word; got {prefix!r}")
        probs, h = _read(self.step, self.vocab, words, self.h0)
        top = top_k(with_temperature(np.asarray(probs, dtype=float), tau), self.vocab.words, self.k)
        read = " ".join(w if w in self.vocab else _UNK for w in words)
        try:
            truth = next_word_probabilities(words)
        except ValueError:
            truth = None
        marks = [truth.get(w, 0.0) for w, _ in top] if truth else [0.0] * self.k
        for bar, label, row, mark, (word, p) in zip(
            self.bars, self.labels, self.rows, marks, top, strict=True
        ):
            bar.set_width(p)
            label.set_position((max(p, mark) + 0.015, row))  # right of the bar and of the grammar's mark
            label.set_text(word)
        self.truth.set_data(marks if truth else [], self.rows if truth else [])
        self.title.set_text(f"After “{read} …” at τ = {tau:.1f}")
        sentences = [
            _continue(self.step, self.vocab, words, probs, h, tau, np.random.default_rng(seed))
            for seed in range(self.samples)
        ]
        if truth is None:
            grammar = "no sentence of the grammar starts like this"
        else:
            grammar = [(w, round(p, 2)) for w, p in sorted(truth.items(), key=lambda item: -item[1])[:3]]
        return {
            "τ": round(tau, 2),
            "prefix": read,
            "top": [(w, round(p, 2)) for w, p in top],
            "grammar": grammar,
            "sentence": " ".join(sentences[0]),
            "grammatical": f"{sum(is_sentence(s) for s in sentences)} of {self.samples}",
        }
