"""Lesson 09's translation task: English number words into digits, and the encoder–decoder that learns it.

The task: ``"seven thousand five"`` → ``"7005"``, for every number from 1 to 999 999. The two sides have their
own vocabularies (29 words; 10 digits), different lengths, and the output depends on the whole input: the zeros
of 7005 are written nowhere in the words, only implied by what follows ``thousand``.

The length knob: ``max_digits`` (6, the shipped data, … 12) of :func:`generate_pairs`, :func:`encode_words`,
:func:`encode_digits` and :func:`words_to_number` makes the numbers longer, with "million" (7 … 9 digits) and
"billion" (10 … 12): up to 19 words and 12 digits (``LONG_SOURCE_VOCAB``).

This module holds what the lesson uses besides its own cells: the rule that writes and reads number words
(:func:`number_to_words`, :func:`words_to_number`), the shipped pairs (:func:`load_pairs`, file
``data/number_words.csv``, rewritten by ``python -m rnnlib.translation``), the conversion to token ids, the
word-for-word baseline, the scores, the numpy encoder and decoder step that run a trained Keras model's weights,
the figures and the translation explorer (:class:`TranslationView`).

numpy only at import; pyplot is imported by the figure functions, Keras by :func:`restart` and
:func:`numpy_weights`.
"""

from __future__ import annotations

import difflib

import numpy as np

from ._validate import as_array, as_int
from .gated import _gru_step, gru_params_from_keras
from .ui import PALETTE, View, use_style

__all__ = [
    "BOS",
    "EOS",
    "LONG_SOURCE_VOCAB",
    "PAD",
    "SOURCE_VOCAB",
    "TARGET_VOCAB",
    "TranslationView",
    "decoder_step",
    "digits_from_tokens",
    "encode_digits",
    "encode_words",
    "exact_match",
    "generate_pairs",
    "load_pairs",
    "number_to_words",
    "numpy_weights",
    "plot_attention",
    "plot_length_curves",
    "restart",
    "run_encoder",
    "token_accuracy",
    "translate",
    "word_by_word",
    "words_to_number",
]

_ONES = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

#: The input vocabulary: token id → word (id 0 is padding).
SOURCE_VOCAB = ("<pad>", *_ONES, *_TENS, "hundred", "thousand")
#: The input vocabulary of the longer tasks (``max_digits`` 7 … 12): the same ids, then "million" and "billion".
LONG_SOURCE_VOCAB = (*SOURCE_VOCAB, "million", "billion")
#: The output vocabulary: token id → digit or marker.
TARGET_VOCAB = ("<pad>", "<bos>", "<eos>", *"0123456789")
#: Padding (both vocabularies), beginning and end of the digit sequence (output vocabulary).
PAD, BOS, EOS = 0, 1, 2

_WORD_ID = {word: i for i, word in enumerate(LONG_SOURCE_VOCAB) if i}
_SCALES = ("thousand", "million", "billion")  # the scale word of each group of three digits after the last
_MAX_DIGITS = 6
#: The knob's range: numbers of up to 6 (the shipped data) … 12 digits.
_LONGEST = 12
#: The longest input: "nine hundred ninety nine thousand nine hundred ninety nine" has 9 words.
_MAX_WORDS = 9
#: Decoder steps: 6 digits and <eos>.
_MAX_STEPS = _MAX_DIGITS + 1

# The shipped file and the generator that writes it.
_FILE = "number_words.csv"
_SEED = 9
_N_TRAIN = 4096
_N_HELDOUT = 200  # per number of digits, 3 … 6
_P_ZERO = 0.3  # each digit after the first is 0 with this probability (else 1 … 9)
_HELDOUT_SHARE = 0.25  # share of the numbers ≥ 100 set aside, once, for the held-out set


# -- the rule ---------------------------------------------------------------------------------------------------


def _below_1000(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [_ONES[hundreds - 1], "hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens - 2])
        if ones:
            words.append(_ONES[ones - 1])
    elif rest:
        words.append(_ONES[rest - 1])
    return words


def number_to_words(n) -> str:
    """The number in English words, the way this task writes it (no "and", no hyphens).

    Parameters
    ----------
    n : int
        1 … 999 999 (the lesson's task); up to 999 999 999 999 for the longer tasks (``max_digits`` up to 12),
        with "million" and "billion".

    Examples
    --------
    >>> number_to_words(7005)
    'seven thousand five'
    >>> number_to_words(120_340)
    'one hundred twenty thousand three hundred forty'
    >>> number_to_words(3_000_000_017)
    'three billion seventeen'
    """
    n = as_int(n, "n", minimum=1, maximum=10**_LONGEST - 1)
    groups = []  # groups of three digits, the last first
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words = []
    for k in range(len(groups) - 1, 0, -1):
        if groups[k]:
            words += [*_below_1000(groups[k]), _SCALES[k - 1]]
    return " ".join(words + _below_1000(groups[0]))


def _max_words(max_digits: int) -> int:
    """Words in the longest sentence of ``max_digits`` digits: 9 for 6 digits, 19 for 12."""
    return len(number_to_words(10**max_digits - 1).split())


def _vocabulary(max_digits: int) -> tuple:
    """The words a task of ``max_digits`` digits uses: "million" from 7 digits on, "billion" from 10."""
    return LONG_SOURCE_VOCAB[: len(SOURCE_VOCAB) + (max_digits > 6) + (max_digits > 9)]


def _knob(max_digits):
    return as_int(max_digits, "max_digits", minimum=_MAX_DIGITS, maximum=_LONGEST)


def _texts(value, name: str) -> list:
    """A str or a non-empty list/tuple of them, as a list (the items are checked by the caller)."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise TypeError(
            f"{name} must be a str or a non-empty list of str; got {type(value).__name__} {value!r:.60}"
        )
    return list(value)


def _split_words(text, name: str = "text", max_digits: int = _MAX_DIGITS) -> list[str]:
    """Lower-case words of ``text`` (hyphens count as spaces); every word must be in the vocabulary of a task of
    ``max_digits`` digits, and there must be at most as many as its longest sentence has.

    Every error message starts with ``name``, the argument the words came in.
    """
    vocabulary = _vocabulary(max_digits)
    longest, max_words = f"{10**max_digits - 1:,}".replace(",", " "), _max_words(max_digits)
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str such as 'seven thousand five'; got {type(text).__name__}")
    words = text.lower().replace("-", " ").split()
    if not words:
        raise ValueError(f"{name}: type a number in words, such as 'seven thousand five'")
    for word in words:
        if word not in vocabulary[1:]:
            if word in _WORD_ID:
                raise ValueError(
                    f"{name}: '{word}' is beyond this task's numbers (up to {longest}); a longer task has it "
                    f"(max_digits={7 if word == 'million' else 10} or more)"
                )
            if word == "and":
                raise ValueError(
                    f"{name}: this task writes numbers without 'and': 'one hundred five', not 'one hundred "
                    "and five'"
                )
            if word == "zero":
                raise ValueError(f"{name}: the task covers 1 … {longest}: 'zero' is not in its vocabulary")
            close = difflib.get_close_matches(word, list(vocabulary[1:]), n=1)
            suggestion = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(
                f"{name}: '{word}' is not in the vocabulary{suggestion}; it has the {len(vocabulary) - 1} words "
                f"one … nineteen, twenty … ninety, {', '.join(vocabulary[28:])}"
            )
    if len(words) > max_words:
        raise ValueError(f"{name}: the models read at most {max_words} words; got {len(words)}")
    return words


def words_to_number(text, max_digits=_MAX_DIGITS) -> int:
    """Read number words back into the number: the exact rule the models have to learn from examples.

    Only the way :func:`number_to_words` writes a number is accepted ("two hundred five", not "two hundred and
    five" or "twenty one hundred"); anything else raises ``ValueError`` saying why.

    Parameters
    ----------
    text : str
    max_digits : int, default 6
        The task's longest number: 6 (up to 999 999) … 12 (with "million" and "billion").

    Examples
    --------
    >>> words_to_number("seven thousand five")
    7005
    >>> words_to_number("fourty two")
    Traceback (most recent call last):
    ...
    ValueError: text: 'fourty' is not in the vocabulary (did you mean 'forty'?); ...
    >>> words_to_number("three billion seventeen", max_digits=12)
    3000000017
    """
    max_digits = _knob(max_digits)
    words = _split_words(text, "text", max_digits)
    value = {w: i + 1 for i, w in enumerate(_ONES)} | {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
    scale = {w: 1000 ** (k + 1) for k, w in enumerate(_SCALES)}
    total = group = 0
    for word in words:
        if word == "hundred":
            group *= 100
        elif word in scale:
            total, group = total + group * scale[word], 0
        else:
            group += value[word]
    n = total + group
    if not 1 <= n < 10**max_digits or number_to_words(n).split() != words:
        raise ValueError(f"text: '{' '.join(words)}' is not how this task writes a number")
    return n


def word_by_word(text) -> str:
    """The word-for-word baseline: each word becomes the digits it stands for, side by side.

    Units and teens become their digits, tens their first digit ("forty" → 4), "hundred" and "thousand"
    nothing. Right whenever no zero has to be written; wrong for 7005, 40 or 300.

    Examples
    --------
    >>> word_by_word("three hundred forty two"), word_by_word("seven thousand five")
    ('342', '75')
    """
    words = _split_words(text)
    pieces = {w: str(i + 1) for i, w in enumerate(_ONES)} | {w: str(i + 2) for i, w in enumerate(_TENS)}
    return "".join(pieces.get(word, "") for word in words)


# -- the data ---------------------------------------------------------------------------------------------------


def _draw(rng, digits: int) -> int:
    first = int(rng.integers(1, 10))
    rest = [0 if rng.random() < _P_ZERO else int(rng.integers(1, 10)) for _ in range(digits - 1)]
    return int("".join(map(str, [first, *rest])))


def _generate_pairs(seed: int = _SEED, max_digits: int = _MAX_DIGITS, n_train: int = _N_TRAIN):
    """The training and held-out numbers: two lists of ints that share no number.

    Every number from 100 up is assigned once, at random, to the held-out pool (a quarter) or to training;
    all numbers below 100 are training numbers (the words' meanings). Training: those 99 and distinct
    numbers of 3 … ``max_digits`` digits (the length drawn uniformly); held-out: 200 distinct numbers of each
    length 3 … ``max_digits``. Below 10**6 the pool is one random draw per number (the shipped file); from 7
    digits on, a number's own random draw (seeded by ``seed`` and the number) decides, so that the pool stays
    the same whatever the length.

    >>> train, heldout = _generate_pairs()
    >>> len(train), len(heldout), len(set(train) & set(heldout))
    (4096, 800, 0)
    """
    rng = np.random.default_rng(seed)
    heldout_pool = rng.random(10**_MAX_DIGITS) < _HELDOUT_SHARE
    heldout_pool[:100] = False

    def held_out(n):
        if n < len(heldout_pool):
            return bool(heldout_pool[n])
        return bool(np.random.default_rng([seed, n]).random() < _HELDOUT_SHARE)

    heldout = []
    for digits in range(3, max_digits + 1):
        chosen = set()
        while len(chosen) < _N_HELDOUT:
            n = _draw(rng, digits)
            if held_out(n):
                chosen.add(n)
        heldout += sorted(chosen)
    train, seen = list(range(1, 100)), set(range(1, 100))
    while len(train) < n_train:
        n = _draw(rng, int(rng.integers(3, max_digits + 1)))
        if not held_out(n) and n not in seen:
            train.append(n)
            seen.add(n)
    order = rng.permutation(len(train))
    return [train[i] for i in order], heldout


def _csv_text(seed: int = _SEED) -> str:
    train, heldout = _generate_pairs(seed)
    lines = ["split,digits,words"]
    lines += [f"train,{n},{number_to_words(n)}" for n in train]
    lines += [f"heldout,{n},{number_to_words(n)}" for n in heldout]
    return "\n".join(lines) + "\n"


def _write_pairs(data_dir=None):
    """Write ``data/number_words.csv`` and its checksum; returns the checksum file's path."""
    from pathlib import Path

    from .datasets import _DATA_DIR, _write_checksum

    base = _DATA_DIR if data_dir is None else Path(data_dir)
    (base / _FILE).write_text(_csv_text(), encoding="utf-8")
    return _write_checksum(_FILE, base)


def generate_pairs(max_digits=_MAX_DIGITS, n_train=_N_TRAIN):
    """Training and held-out pairs of a task with numbers of up to ``max_digits`` digits: the length knob.

    Made by the same rule and recipe as the shipped file: ``n_train`` training pairs (all numbers 1 … 99, the
    rest of 3 … ``max_digits`` digits, the length drawn uniformly) and 200 held-out pairs of each length 3 …
    ``max_digits``; no number is in both. ``generate_pairs(6)`` gives exactly :func:`load_pairs`' pairs. The
    held-out pairs do not depend on ``n_train``.

    Parameters
    ----------
    max_digits : int, default 6
        6 … 12. From 7 digits the words include "million", from 10 "billion" (``LONG_SOURCE_VOCAB``); the
        longest sentence has 9 words at 6 digits, 14 at 9 and 19 at 12.
    n_train : int, default 4096
        100 … 100 000 training pairs.

    Returns
    -------
    train, heldout : list of (str, str)
        As :func:`load_pairs`; the held-out pairs sorted by number of digits.

    Examples
    --------
    >>> train, heldout = generate_pairs(max_digits=9)
    >>> len(train), len(heldout), heldout[-1][1]
    (4096, 1400, '990222097')
    """
    max_digits = _knob(max_digits)
    n_train = as_int(n_train, "n_train", minimum=100, maximum=100_000)
    train, heldout = _generate_pairs(_SEED, max_digits, n_train)
    return [(number_to_words(n), str(n)) for n in train], [(number_to_words(n), str(n)) for n in heldout]


def load_pairs(data_dir=None):
    """The shipped pairs of ``data/number_words.csv``: training and held-out, as (words, digits) strings.

    Returns
    -------
    train, heldout : list of (str, str)
        4096 and 800 pairs such as ``("seven thousand five", "7005")``; no pair is in both. The held-out
        pairs are sorted by number of digits (200 each of 3, 4, 5 and 6 digits).

    Examples
    --------
    >>> train, heldout = load_pairs()
    >>> len(train), len(heldout), heldout[0][1]
    (4096, 800, '102')
    """
    from .datasets import load_csv

    table = load_csv(_FILE, data_dir, columns=("split", "digits", "words"))
    pairs = {"train": [], "heldout": []}
    for split, digits, words in zip(table["split"], table["digits"], table["words"], strict=True):
        pairs[str(split)].append((str(words), str(digits)))
    return pairs["train"], pairs["heldout"]


# -- tokens -----------------------------------------------------------------------------------------------------


def encode_words(sentences, max_digits=_MAX_DIGITS) -> np.ndarray:
    """Token ids of number-word sentences, padded with 0 at the end: the encoder's input.

    Parameters
    ----------
    sentences : str or sequence of str
        Each at most 9 words of the vocabulary (``SOURCE_VOCAB``); for a longer task, as many words as its
        longest sentence has (``LONG_SOURCE_VOCAB``).
    max_digits : int, default 6
        The task's longest number (6 … 12): it sets the width, 9 words at 6 digits, 14 at 9, 19 at 12.

    Returns
    -------
    ndarray of int32, shape (n, 9), or (n, words of the longest sentence)

    Examples
    --------
    >>> encode_words(["seven thousand five"])
    array([[ 7, 29,  5,  0,  0,  0,  0,  0,  0]], dtype=int32)
    >>> encode_words(["seven million five"], max_digits=9).shape
    (1, 14)
    """
    max_digits = _knob(max_digits)
    sentences = _texts(sentences, "sentences")
    x = np.zeros((len(sentences), _max_words(max_digits)), dtype=np.int32)
    for row, sentence in enumerate(sentences):
        if not isinstance(sentence, str):
            raise TypeError(f"sentences[{row}] must be a str of number words; got {type(sentence).__name__}")
        words = _split_words(sentence, f"sentences[{row}]", max_digits)
        x[row, : len(words)] = [_WORD_ID[w] for w in words]
    return x


def encode_digits(numbers, max_digits=_MAX_DIGITS):
    """The decoder's input and target for digit strings, with teacher forcing.

    The input starts with ``<bos>`` and is the target shifted right by one step: at step j the decoder is
    given the correct digit j − 1 and asked for digit j. The target ends with ``<eos>``; both are padded
    with 0 after that.

    Parameters
    ----------
    numbers : str or sequence of str
        Digit strings of 1 … 6 digits (1 … ``max_digits``), such as ``"7005"``.
    max_digits : int, default 6
        The task's longest number (6 … 12): ``max_digits`` + 1 steps.

    Returns
    -------
    y_in, y : ndarray of int32, shape (n, 7), or (n, max_digits + 1)

    Examples
    --------
    >>> y_in, y = encode_digits(["7005"])
    >>> [TARGET_VOCAB[t] for t in y_in[0, :5]], [TARGET_VOCAB[t] for t in y[0, :5]]
    (['<bos>', '7', '0', '0', '5'], ['7', '0', '0', '5', '<eos>'])
    """
    max_digits = _knob(max_digits)
    numbers = _texts(numbers, "numbers")
    y_in = np.zeros((len(numbers), max_digits + 1), dtype=np.int32)
    y = np.zeros_like(y_in)
    for row, digits in enumerate(numbers):
        if (
            not isinstance(digits, str)
            or not digits.isascii()
            or not digits.isdigit()
            or not 1 <= len(digits) <= max_digits
        ):
            raise ValueError(f"numbers[{row}] must be a string of 1 … {max_digits} digits; got {digits!r}")
        ids = [TARGET_VOCAB.index(c) for c in digits]
        y_in[row, : len(ids) + 1] = [BOS, *ids]
        y[row, : len(ids) + 1] = [*ids, EOS]
    return y_in, y


def digits_from_tokens(tokens) -> list[str]:
    """Read decoder outputs as digit strings, each cut at its first ``<eos>``.

    Parameters
    ----------
    tokens : array-like of int, shape (n, steps)

    Examples
    --------
    >>> digits_from_tokens([[10, 3, 3, 8, 2, 2, 2]])
    ['7005']
    """
    tokens = as_array(tokens, "tokens", ndim=2, layout="(n, steps)", dtype=None)
    if not np.issubdtype(tokens.dtype, np.integer) or tokens.min() < 0 or tokens.max() >= len(TARGET_VOCAB):
        raise ValueError(
            f"tokens must be token ids 0 … {len(TARGET_VOCAB) - 1} (integers); got {tokens.dtype} values"
        )
    texts = []
    for row in tokens:
        text = ""
        for t in row:
            if t == EOS:
                break
            text += TARGET_VOCAB[t] if 3 <= t < len(TARGET_VOCAB) else "?"
        texts.append(text)
    return texts


# -- scores -----------------------------------------------------------------------------------------------------


def _pair(tokens, y):
    y = as_array(y, "y", ndim=2, layout="(n, steps)", dtype=None)
    tokens = as_array(tokens, "tokens", shape=y.shape, layout="(n, steps)", dtype=None)
    for name, value in (("tokens", tokens), ("y", y)):
        if not np.issubdtype(value.dtype, np.integer):
            raise TypeError(f"{name} must hold integer token ids; got dtype {value.dtype}")
    if not np.any(y != PAD):
        raise ValueError("y holds only padding: nothing to score")
    return tokens, y


def exact_match(tokens, y) -> np.ndarray:
    """Whether each output is exactly right: every digit and the ``<eos>`` in its place.

    Parameters
    ----------
    tokens : array-like of int, shape (n, steps)
        What a model wrote (anything after the target's ``<eos>`` is ignored).
    y : array-like of int, shape (n, steps)
        Targets from :func:`encode_digits`.

    Returns
    -------
    ndarray of bool, shape (n,)

    Examples
    --------
    >>> _, y = encode_digits(["7005", "42"])
    >>> _, guess = encode_digits(["7005", "41"])
    >>> exact_match(guess, y).tolist()
    [True, False]
    """
    tokens, y = _pair(tokens, y)
    return np.all((tokens == y) | (y == PAD), axis=1)


def token_accuracy(tokens, y) -> float:
    """Share of target tokens (digits and ``<eos>``) that the output has right, position by position.

    Examples
    --------
    >>> _, y = encode_digits(["7005"])
    >>> _, guess = encode_digits(["7050"])
    >>> token_accuracy(guess, y)  # 7, 0 and <eos> right; 0 and 5 swapped
    0.6
    """
    tokens, y = _pair(tokens, y)
    target = y != PAD
    return float(np.sum((tokens == y) & target) / np.sum(target))


# -- Keras models as numpy weights ------------------------------------------------------------------------------


def restart(model, seed) -> None:
    """Give a compiled Keras model fresh random weights and a fresh optimizer: a new training run from ``seed``.

    The weights are drawn by the layers' own initializers (the same seed gives the same weights), and the
    optimizer's state and step count go back to 0. Unlike building and compiling the model again, this keeps
    Keras' prepared training step, which costs about 2 s of set-up per new model on a laptop CPU.

    Parameters
    ----------
    model : keras.Model
        Built and compiled (``model.compile(...)``).
    seed : int
    """
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(f"model must be a keras.Model; got {type(model).__name__}")
    seed = as_int(seed, "seed", minimum=0, maximum=2**32 - 1)
    if getattr(model, "optimizer", None) is None:
        raise ValueError("model must be compiled (model.compile(...)) before restart")
    keras.utils.set_random_seed(seed)
    model.set_weights(keras.models.clone_model(model).get_weights())
    for variable in model.optimizer.variables:  # step count and moment estimates; a fixed learning rate stays
        if variable is not getattr(model.optimizer, "_learning_rate", None):
            variable.assign(np.zeros(variable.shape, dtype=variable.dtype))


def numpy_weights(model) -> dict:
    """Copy a trained encoder–decoder's weights into numpy, in the lesson's column-vector notation.

    The model's layers must carry the lesson's names: ``word_embedding``, ``encoder`` (GRU),
    ``digit_embedding``, ``decoder`` (GRU), ``readout`` (Dense) and, with attention, ``keys`` (Dense
    without bias).

    Returns
    -------
    dict
        ``E_x`` (source words, embedding) and ``E_y`` (target tokens, embedding): one row per token;
        ``encoder`` and ``decoder``: GRU weights as in :func:`rnnlib.gated.gru_params_from_keras`;
        ``W_hy`` (tokens, features) and ``b_y`` of the read-out; with attention ``W_a`` (units, units),
        so that the key of encoder state h_t is W_a h_t.
    """
    if not hasattr(model, "layers") or not hasattr(model, "get_layer"):
        raise TypeError(f"model must be a trained keras.Model; got {type(model).__name__}")
    names = {layer.name for layer in model.layers}
    needed = {"word_embedding", "encoder", "digit_embedding", "decoder", "readout"}
    if not needed <= names:
        raise ValueError(f"model lacks layer(s) {sorted(needed - names)}: name the layers as the lesson does")
    layer = model.get_layer
    weights = {
        "E_x": np.asarray(layer("word_embedding").get_weights()[0], dtype=float),
        "E_y": np.asarray(layer("digit_embedding").get_weights()[0], dtype=float),
        "encoder": gru_params_from_keras(layer("encoder")),
        "decoder": gru_params_from_keras(layer("decoder")),
    }
    kernel, bias = layer("readout").get_weights()
    weights["W_hy"], weights["b_y"] = np.asarray(kernel, dtype=float).T, np.asarray(bias, dtype=float)
    if "keys" in names:
        weights["W_a"] = np.asarray(layer("keys").get_weights()[0], dtype=float).T
    return weights


def _check_weights(weights, name="weights"):
    if not isinstance(weights, dict) or not {"E_x", "E_y", "encoder", "decoder", "W_hy", "b_y"} <= set(
        weights
    ):
        raise TypeError(f"{name} must be the dict of numpy_weights(model); got {type(weights).__name__}")
    return weights


def run_encoder(weights, x):
    """Run the encoder GRU over a batch of padded sentences; padding steps leave the state unchanged.

    Parameters
    ----------
    weights : dict from :func:`numpy_weights`
    x : array-like of int, shape (n, words)
        Token ids from :func:`encode_words`.

    Returns
    -------
    H : ndarray, shape (n, words, units)
        The encoder states h_1 … h_T (after the last word, padding steps repeat h_T).
    h_T : ndarray, shape (n, units)
        The state after each sentence's last word: the plain decoder's only view of the input.
    mask : ndarray of bool, shape (n, words)
        True at real words, False at padding.
    """
    weights = _check_weights(weights)
    x = as_array(x, "x", ndim=2, layout="(n, words)", dtype=None)
    if not np.issubdtype(x.dtype, np.integer) or x.min() < 0 or x.max() >= len(weights["E_x"]):
        raise ValueError(f"x must hold token ids 0 … {len(weights['E_x']) - 1} (from encode_words)")
    mask = x != PAD
    units = weights["encoder"]["W_hz"].shape[0]
    h = np.zeros((len(x), units))
    states = np.zeros((*x.shape, units))
    embedded = weights["E_x"][x]
    for t in range(x.shape[1]):
        (new,), _ = _gru_step(embedded[:, t], h, weights["encoder"])
        h = np.where(mask[:, t, None], new, h)
        states[:, t] = h
    return states, h, mask


def decoder_step(weights, y_prev, s_prev):
    """One decoder step: s_j = GRU(embedding of y_{j−1}, s_{j−1}).

    Parameters
    ----------
    weights : dict from :func:`numpy_weights`
    y_prev : array-like of int, shape (n,)
        The previous output token (``BOS`` at the first step).
    s_prev : array-like, shape (n, units)

    Returns
    -------
    ndarray, shape (n, units)
    """
    weights = _check_weights(weights)
    y_prev = as_array(y_prev, "y_prev", ndim=1, layout="(n,)", dtype=None)
    if not np.issubdtype(y_prev.dtype, np.integer) or y_prev.min() < 0 or y_prev.max() >= len(weights["E_y"]):
        raise ValueError(f"y_prev must hold token ids 0 … {len(weights['E_y']) - 1}")
    units = weights["decoder"]["W_hz"].shape[0]
    s_prev = as_array(s_prev, "s_prev", shape=(len(y_prev), units), layout="(n, units)")
    return _gru_step(weights["E_y"][y_prev], s_prev, weights["decoder"])[0][0]


def _attend(s, H, keys, mask):
    """Context and weights of one step; ``mask`` False at padding and at a blocked word (its weight is then 0 and
    the others are renormalised to sum to 1)."""
    scores = np.einsum("nu,ntu->nt", s, keys)
    scores = np.where(mask, scores, -np.inf)
    alpha = np.exp(scores - scores.max(axis=1, keepdims=True))
    alpha /= alpha.sum(axis=1, keepdims=True)
    return np.einsum("nt,ntu->nu", alpha, H), alpha


def translate(weights, x, steps: int = _MAX_STEPS):
    """Greedy decoding with numpy: the most likely token at each step, fed back in as the next input.

    Parameters
    ----------
    weights : dict from :func:`numpy_weights` (with ``W_a``: the attention model)
    x : array-like of int, shape (n, words)
    steps : int, default 7

    Returns
    -------
    tokens : ndarray of int, shape (n, steps)
    alpha : ndarray, shape (n, steps, words), or None without attention
        The attention weights of each decoder step over the input words.
    """
    weights = _check_weights(weights)
    steps = as_int(steps, "steps", minimum=1)
    return _decode(weights, x, steps)


def _decode(weights, x, steps=_MAX_STEPS, block=None):
    """translate() without the checks; ``block`` (a word position, 0-based) gets attention weight 0."""
    H, s, mask = run_encoder(weights, x)
    if block is not None:
        mask = mask.copy()
        mask[:, block] = False
    keys = H @ weights["W_a"].T if "W_a" in weights else None
    y = np.full(len(H), BOS)
    tokens, alphas = [], []
    for _ in range(steps):
        s = decoder_step(weights, y, s)
        features = s
        if keys is not None:
            context, alpha = _attend(s, H, keys, mask)
            features = np.concatenate([s, context], axis=1)
            alphas.append(alpha)
        y = np.argmax(features @ weights["W_hy"].T + weights["b_y"], axis=1)
        tokens.append(y)
    return np.stack(tokens, axis=1), (np.stack(alphas, axis=1) if alphas else None)


# -- figures ----------------------------------------------------------------------------------------------------


def plot_length_curves(
    curves, lengths, baselines=None, note=None, title="Held-out exact match against length"
):
    """Exact match against the number of digits: one line per model (mean over seeds, ± 1 sd), baselines dashed.

    Parameters
    ----------
    curves : dict of str to array-like, shape (seeds, lengths)
        Exact match (0 … 1) of each seed at each length.
    lengths : sequence of int
        The numbers of digits on the x-axis.
    baselines : dict of str to array-like, shape (lengths,), optional
    note : str, optional
        A remark printed in the figure's lower right corner.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    if not isinstance(curves, dict) or not curves or len(curves) > 5:
        raise TypeError("curves must be a dict of 1 … 5 label → exact match array (seeds, lengths)")
    if baselines is not None and (not isinstance(baselines, dict) or len(baselines) > 3):
        raise TypeError("baselines must be a dict of at most 3 label → array (lengths,)")
    if not isinstance(lengths, (list, tuple, range, np.ndarray)) or len(lengths) == 0:
        raise TypeError(f"lengths must be a sequence of numbers of digits; got {lengths!r:.60}")
    use_style()
    lengths = [as_int(n, f"lengths[{i}]", minimum=1) for i, n in enumerate(lengths)]
    fig, ax = plt.subplots(figsize=(7.5, 4.4), layout="constrained")
    markers = "osD^v"
    for k, (label, values) in enumerate(curves.items()):
        values = 100 * as_array(
            values, f"curves[{label!r}]", shape=(None, len(lengths)), layout="(seeds, lengths)"
        )
        mean, sd = (
            values.mean(axis=0),
            values.std(axis=0, ddof=1) if len(values) > 1 else np.zeros(len(lengths)),
        )
        colour = PALETTE[k]
        xs = np.asarray(lengths) + 0.05 * (k - (len(curves) - 1) / 2)  # side by side: no marker hides another
        for seed_values in values:
            ax.plot(xs, seed_values, color=colour, alpha=0.25, linewidth=1)
        seeds = f"{len(values)} seeds" if len(values) > 1 else "1 seed"
        ax.errorbar(
            xs,
            mean,
            yerr=sd,
            color=colour,
            marker=markers[k],
            capsize=4,
            label=f"{label} ({seeds})",
            zorder=10 - k,
        )  # the first curves on top
        ax.annotate(
            f"{mean[-1]:.1f} %",
            (xs[-1], mean[-1]),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            color=colour,
            fontsize=10,
        )
    for k, (label, values) in enumerate((baselines or {}).items()):
        values = 100 * as_array(values, f"baselines[{label!r}]", shape=(len(lengths),))
        ax.plot(lengths, values, color=PALETTE[7 - k], linestyle="--", marker=".", label=label)
    ax.set(
        xticks=lengths,
        xlim=(lengths[0] - 0.3, lengths[-1] + 0.7),
        ylim=(0, 103),
        title=title,
        xlabel="number of digits in the held-out number",
        ylabel="exact match (%, mean ± sd)",
    )
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize=9)
    if note:
        ax.text(
            0.98,
            0.04,
            str(note),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=9,
            bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "0.7"},
        )
    return fig


def _heatmap(ax, words, output, alpha):
    alpha = np.asarray(alpha, dtype=float)
    rows = min(len(output) + 1, alpha.shape[0])  # the digits and <eos>, or every step if <eos> never came
    ax.imshow(alpha[:rows, : len(words)], vmin=0, vmax=1, aspect="auto", cmap="viridis")
    ax.set_xticks(range(len(words)), words, rotation=55, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(rows), [*output, "<eos>"][:rows])
    ax.grid(False)


def plot_attention(examples, title="Where the decoder looks while writing each digit"):
    """Attention weights of a few translations as heatmaps: rows are output steps, columns input words.

    Parameters
    ----------
    examples : sequence of dict
        Each with ``words`` (str), ``output`` (the digits the model wrote, str), ``alpha`` (array of
        shape (steps, words)) and ``label`` (the panel's title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    needed = {"words", "output", "alpha", "label"}
    if (
        not isinstance(examples, (list, tuple))
        or not examples
        or not all(isinstance(e, dict) and needed <= set(e) for e in examples)
    ):
        raise ValueError("examples must be a non-empty list of dicts with words, output, alpha and label")
    checked = []
    for k, example in enumerate(examples):
        words = _split_words(example["words"], f"examples[{k}]['words']")
        alpha = as_array(example["alpha"], f"examples[{k}]['alpha']", ndim=2, layout="(steps, words)")
        if alpha.shape[1] < len(words) or np.any(alpha < 0) or np.any(alpha > 1):
            raise ValueError(
                f"examples[{k}]['alpha'] must hold weights 0 … 1, one column per input word at least; "
                f"got shape {alpha.shape} for {len(words)} words"
            )
        checked.append((words, str(example["output"]), alpha))
    use_style()
    fig, axes = plt.subplots(1, len(examples), figsize=(2.6 * len(examples) + 1.2, 3.9), squeeze=False)
    for ax, example, (words, output, alpha) in zip(axes[0], examples, checked, strict=True):
        _heatmap(ax, words, output, alpha)
        ax.set_title(example["label"], fontsize=10)
        ax.set_xlabel("input word")
    axes[0, 0].set_ylabel("output (decoder step)")
    image = axes[0, 0].images[0]
    fig.colorbar(image, ax=axes[0].tolist(), label="attention weight α", shrink=0.8)
    fig.suptitle(title)
    return fig


class TranslationView(View):
    """The translation explorer: a held-out example or your own words, both models' outputs, the attention.

    ``update(example, digits, block, words)`` shows held-out example ``example`` (0 … 199) among the numbers
    with ``digits`` digits, or, if ``words`` was just changed to a non-empty text, those words. The most recent
    change wins, so moving a slider after typing shows the slider's example again. ``block`` = t (1 … 9) blocks
    input word t: the attention model gives it weight 0 (the other weights renormalised to sum to 1), and the
    heatmap and the "word t blocked" line show that run; 0 blocks nothing.

    Parameters
    ----------
    plain, attention : dict from :func:`numpy_weights`
    heldout : list of (str, str)
        The held-out pairs of :func:`load_pairs`.
    """

    def __init__(self, plain, attention, heldout):
        import matplotlib.pyplot as plt

        use_style()
        self.plain, self.attention = _check_weights(plain, "plain"), _check_weights(attention, "attention")
        if "W_a" not in attention:
            raise ValueError("attention must be the weights of the model with attention (they have W_a)")
        if not isinstance(heldout, (list, tuple)) or not heldout:
            raise TypeError("heldout must be the list of (words, digits) pairs from load_pairs()")
        self.by_length = {}
        for pair in heldout:
            if not (
                isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
            ):
                raise TypeError(
                    f"heldout must hold (words, digits) pairs of str, as load_pairs() gives; got {pair!r:.60}"
                )
            self.by_length.setdefault(len(pair[1]), []).append(tuple(pair))
        self._last, self._mode = None, "heldout"
        fig = plt.figure(figsize=(8.6, 4.2), layout="none")
        super().__init__(fig)
        ax = fig.add_axes((0.12, 0.3, 0.4, 0.58))
        blank = np.ma.masked_all((_MAX_STEPS, _MAX_WORDS))
        edges_x, edges_y = np.arange(_MAX_WORDS + 1) - 0.5, np.arange(_MAX_STEPS + 1) - 0.5
        # a mesh, not imshow: drawing it again at each move takes well under a millisecond
        self.mesh = self.dynamic(ax.pcolormesh(edges_x, edges_y, blank, vmin=0, vmax=1, cmap="viridis"))
        ax.set(xlim=(-0.5, _MAX_WORDS - 0.5), ylim=(_MAX_STEPS - 0.5, -0.5), xticks=[], yticks=[])
        ax.grid(False)
        self.heat_title = self.dynamic(
            ax.set_title("attention weights α of the model with attention", fontsize=10)
        )
        ax.text(
            -0.17,
            0.5,
            "digit written (decoder step j)",
            transform=ax.transAxes,
            rotation=90,
            ha="center",
            va="center",
            fontsize=9,
        )
        ax.text(0.5, -0.42, "input word (encoder step t)", transform=ax.transAxes, ha="center", fontsize=9)
        self.columns = [
            self.dynamic(
                ax.text(
                    t + 0.2,
                    _MAX_STEPS - 0.35,
                    "",
                    rotation=50,
                    ha="right",
                    va="top",
                    rotation_mode="anchor",
                    fontsize=9,
                )
            )
            for t in range(_MAX_WORDS)
        ]
        self.rows = [
            self.dynamic(ax.text(-0.65, j, "", ha="right", va="center", fontsize=9))
            for j in range(_MAX_STEPS)
        ]
        fig.colorbar(self.mesh, cax=fig.add_axes((0.535, 0.3, 0.015, 0.58)))
        panel = fig.add_axes((0.62, 0.06, 0.37, 0.84))
        panel.axis("off")
        # Text is what a move costs most (each string is laid out and drawn anew): few, plain text artists.
        self.lines = {}
        for key, label, y, colour in (
            ("rule", "the rule", 0.84, "black"),
            ("plain", "plain", 0.74, PALETTE[0]),
            ("attention", "attention", 0.64, PALETTE[1]),
            ("blocked", "", 0.54, PALETTE[2]),
        ):
            if label:
                panel.text(0, y, label, transform=panel.transAxes, va="top", fontsize=10, color=colour)
            else:  # its label changes with the blocked word
                self.block_label = self.dynamic(
                    panel.text(0, y, "", transform=panel.transAxes, va="top", fontsize=10, color=colour)
                )
            self.lines[key] = self.dynamic(
                panel.text(
                    0.32,
                    y,
                    "",
                    transform=panel.transAxes,
                    va="top",
                    fontsize=10,
                    color=colour,
                )
            )
        panel.text(
            0,
            0.22,
            "The plain decoder sees only h_T, the encoder's\nlast state. The other also reads every h_t,\n"
            "with the weights α on the left. Blocking a\nword sets its weight to 0 (the rest sum to 1).",
            transform=panel.transAxes,
            fontsize=8.5,
            va="top",
            color="0.35",
        )
        fig.suptitle("Translating number words into digits", fontsize=12)

    def _source(self, example, digits, words):
        """Which input to show: the held-out pick or the typed words, whichever changed last."""
        typed = words.strip()
        picked = (example, digits)
        if self._last is None:
            mode = "typed" if typed else "heldout"
        elif picked != self._last[0]:
            mode = "heldout"
        elif typed != self._last[1]:
            mode = "typed" if typed else "heldout"
        else:
            mode = self._mode
        if mode == "typed":
            text = " ".join(
                _split_words(typed, "words")
            )  # a clear message for an unknown word, before anything changes
            try:
                answer = str(words_to_number(text))
            except ValueError:
                answer = None
            return mode, "your words", text, answer
        pairs = self.by_length.get(digits)
        if not pairs:
            raise ValueError(f"digits must be one of {sorted(self.by_length)}; got {digits}")
        example = as_int(example, "example", minimum=0, maximum=len(pairs) - 1)
        text, answer = pairs[example]
        return mode, f"held-out example {example} of the {len(pairs)} with {digits} digits", text, answer

    def update(self, example=0, digits=6, block=0, words="") -> dict:
        if not isinstance(words, str):
            raise TypeError(f"words must be a str; got {type(words).__name__}")
        digits = as_int(digits, "digits")
        block = as_int(block, "block", minimum=0, maximum=_MAX_WORDS)
        self._mode, source, text, answer = self._source(example, digits, words)
        self._last = ((example, digits), words.strip())
        x = encode_words([text])
        n_words = len(text.split())
        if block > n_words or (block and n_words == 1):
            raise ValueError(
                f"block must be 0 (none) or a word position 1 … {n_words if n_words > 1 else 0} of "
                f"'{text}' (a one-word input cannot lose its only word); got {block}"
            )
        plain = digits_from_tokens(_decode(self.plain, x)[0])[0]
        tokens, alpha = _decode(self.attention, x)
        attention = digits_from_tokens(tokens)[0]
        shown_output = attention
        if block:
            tokens, alpha = _decode(self.attention, x, block=block - 1)
            shown_output = digits_from_tokens(tokens)[0]
        n_steps = min(len(shown_output) + 1, _MAX_STEPS)
        shown = np.full((_MAX_STEPS, _MAX_WORDS), np.nan)
        shown[:n_steps, :n_words] = alpha[0, :n_steps, :n_words]
        self.mesh.set_array(np.ma.masked_invalid(shown))
        for t, label in enumerate(self.columns):
            label.set_text(text.split()[t] if t < n_words else "")
        row_labels = [*shown_output, "<eos>"]
        for j, label in enumerate(self.rows):
            label.set_text(row_labels[j] if j < n_steps else "")

        def verdict(output):
            return "" if answer is None else ("  ✓" if output == answer else "  ✗")

        self.lines["rule"].set_text(answer or "— not how this task\n   writes a number")
        self.lines["plain"].set_text(f"{plain or '(nothing)'}{verdict(plain)}")
        self.lines["attention"].set_text(f"{attention or '(nothing)'}{verdict(attention)}")
        blocked_word = text.split()[block - 1] if block else ""
        self.block_label.set_text(f"'{blocked_word}'\nblocked" if block else "")
        self.heat_title.set_text(
            f"attention weights α with '{blocked_word}' blocked"
            if block
            else "attention weights α of the model with attention"
        )
        self.lines["blocked"].set_text(
            f"{shown_output or '(nothing)'}{verdict(shown_output)}" if block else ""
        )
        info = {"input": text, "rule": answer or "—", "plain": plain, "attention": attention}
        if block:
            info |= {"blocked": blocked_word, "attention, blocked": shown_output}
        return info


if __name__ == "__main__":  # python -m rnnlib.translation
    print("wrote", _FILE, "and", _write_pairs().name)
