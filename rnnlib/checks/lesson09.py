"""Exercise checks for lesson 09 · Encoder–decoder and attention."""

from __future__ import annotations

import numpy as np

from .. import translation
from ._answers import number
from ._feedback import correct, hint, not_answered

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

_REASONS = "abcd"
#: Sentences the check of exercise 3 reverses: different lengths, so that padding sits at different places.
_SENTENCES = (
    "seven thousand five",
    "forty two",
    "nine hundred ninety nine thousand nine hundred ninety nine",
    "one",
    "six hundred thousand",
)


def exercise_1(answer) -> object:
    """Which model fails first as numbers grow, and why: a tuple ("plain" or "attention", "a" … "d")."""
    if answer is None:
        return not_answered('a tuple ("plain" or "attention", "a", "b", "c" or "d")')
    if (
        not isinstance(answer, (tuple, list))
        or len(answer) != 2
        or not all(isinstance(part, str) for part in answer)
    ):
        return hint("type", 'give a tuple of two strings, e.g. ("plain", "a"): the model, then the reason')
    model, reason = (part.strip().lower() for part in answer)
    if model not in ("plain", "attention"):
        return hint("model", f'the model is "plain" or "attention"; got {answer[0]!r}')
    if reason not in _REASONS:
        return hint("reason", f'the reason is one of "a", "b", "c", "d"; got {answer[1]!r}')
    if model == "attention":
        return hint(
            "which", "look at the figure of section 6 again: which curve falls as the numbers get longer?"
        )
    if reason == "c":
        return correct(
            "the plain decoder knows the sentence only through h_T; trained four times longer it fits nearly every "
            "6-digit training number, so 32 numbers can hold them, but learning to pack them takes far longer "
            "than reading each word's state with attention"
        )
    if reason == "a":
        return hint(
            "parameters",
            "the control in section 6 has 64 units, 2.7 times the attention model's parameters, and still "
            "falls off at 6 digits: more parameters move the drop, they do not remove it",
        )
    if reason == "b":
        return hint(
            "rare",
            "count them: section 1 prints the training numbers by length, and there are more 5- and 6-digit "
            "numbers than 3-digit ones",
        )
    return hint(
        "capacity",
        "look at the plain model trained four times longer in section 6: on the training pairs it gets nearly "
        "every 6-digit number right, so 32 numbers are enough to hold one; what is the difference, then?",
    )


def _buggy_decode(weights, x, max_steps=7):
    """The exercise's loop: every step starts again from h_T instead of the decoder's previous state."""
    H, h_T, mask = translation.run_encoder(weights, x)
    tokens = np.zeros((len(x), max_steps), dtype=int)
    previous = np.full(len(x), translation.BOS)
    for j in range(max_steps):
        s_j = translation.decoder_step(weights, previous, h_T)
        tokens[:, j] = np.argmax(s_j @ weights["W_hy"].T + weights["b_y"], axis=1)
        previous = tokens[:, j]
    return tokens


def _call(function, *args):
    """Run a learner's function; returns (result, None) or (None, a hint) instead of a traceback."""
    try:
        return function(*args), None
    except Exception as error:  # noqa: BLE001 (any error in the learner's code becomes a hint)
        return None, hint("error", f"your function raised {type(error).__name__}: {error}")


def exercise_2(fixed_decode, weights, x) -> object:
    """The corrected greedy decoding loop: ``fixed_decode(weights, x)`` must return the tokens, shape (n, steps).

    Translations are compared, not raw tokens: each row is read up to its first ``<eos>``, so a loop that stops a
    row there (and pads the rest, or stops once every row has ended) is as right as one that runs all 7 steps.
    """
    weights = translation._check_weights(weights)
    translation.run_encoder(weights, x)  # checks x: (n, words) token ids, before any answer is looked at
    x = np.asarray(x)
    if fixed_decode is None:
        return not_answered("your corrected function fixed_decode(w, x, max_steps=7)")
    if not callable(fixed_decode):
        return hint("type", "fixed_decode must be a function: def fixed_decode(w, x, max_steps=7): ...")
    expected = translation.translate(weights, x)[0]
    tokens, problem = _call(fixed_decode, weights, x)
    if problem is not None:
        return problem
    try:
        tokens = np.asarray(tokens)
    except (TypeError, ValueError):
        return hint("shape", f"return the tokens as an array of shape {expected.shape}")
    if tokens.ndim == 3 and tokens.shape[:2] == expected.shape:
        return hint("probabilities", "return the chosen tokens (argmax), not the scores of every token")
    if tokens.ndim != 2 or tokens.shape[0] != len(x) or not 1 <= tokens.shape[1] <= expected.shape[1]:
        return hint(
            "shape",
            f"return the tokens as an array of shape {expected.shape} (one row per sentence, one column per "
            f"step, at most {expected.shape[1]} steps); got shape {tokens.shape}",
        )
    if not np.issubdtype(tokens.dtype, np.integer):
        return hint("dtype", "return token ids (integers from np.argmax), not probabilities or logits")
    if tokens.min() < 0 or tokens.max() >= len(translation.TARGET_VOCAB):
        return hint(
            "value",
            f"token ids run from 0 to {len(translation.TARGET_VOCAB) - 1} (translation.TARGET_VOCAB); "
            f"got values from {tokens.min()} to {tokens.max()}",
        )
    mine = translation.digits_from_tokens(tokens)
    right = translation.digits_from_tokens(expected)
    if mine == right:
        return correct(
            "each step now continues from the state the step before left: s_j carries what has been written so "
            "far, and h_T only starts it"
        )
    if mine == translation.digits_from_tokens(_buggy_decode(weights, x)):
        return hint(
            "same_bug",
            "still the same translations as the loop with the bug. For one sentence, print the first few numbers "
            "of the decoder's state after steps 1, 2 and 3, in your loop and in section 3's, and compare what "
            "each step starts from with the decoder's equation in section 2",
        )
    return hint(
        "different",
        f"{np.mean([a == b for a, b in zip(mine, right, strict=True)]):.0%} of the translations (read up to <eos>) match the "
        "greedy loop of section 3; print the tokens your loop feeds in and the state it starts each step from, "
        "for one sentence",
    )


def exercise_3(reverse_words) -> object:
    """``reverse_words(x)``: each row's words reversed, the padding (0) kept at the end, the input unchanged."""
    if reverse_words is None:
        return not_answered("a function reverse_words(x)")
    if not callable(reverse_words):
        return hint("type", "reverse_words must be a function: def reverse_words(x): ...")
    x = translation.encode_words(list(_SENTENCES))
    original = x.copy()
    result, problem = _call(reverse_words, x)
    if problem is not None:
        return problem
    if not np.array_equal(x, original):
        return hint(
            "in_place", "your function changed its input x; build a new array (np.zeros_like(x)) instead"
        )
    try:
        result = np.asarray(result)
    except (TypeError, ValueError):
        return hint("shape", f"return an array of shape {x.shape}, like x")
    if result.shape != x.shape:
        return hint("shape", f"return an array of the same shape as x, {x.shape}; got {result.shape}")
    expected = np.zeros_like(x)
    for row, words in enumerate(x):
        n = int(np.sum(words != translation.PAD))
        expected[row, :n] = words[:n][::-1]
    if np.array_equal(result, expected):
        return correct(
            "the encoder now reads the last word first and ends on the first one, the one the decoder needs first"
        )
    if np.array_equal(result, x[:, ::-1]):
        return hint(
            "padding_first",
            "the padding moved to the front: the encoder would start with up to 8 <pad> steps. Reverse only "
            "the real words of each row (row[:n][::-1], with n = its number of non-zero ids) and pad after them",
        )
    if np.array_equal(result, x[::-1]):
        return hint("rows", "you reversed the order of the sentences; reverse the words inside each sentence")
    if np.array_equal(result, x):
        return hint("unchanged", "the rows come back unchanged: reverse the words of each row")
    return hint("value", "for 'seven thousand five' the row should read 'five thousand seven', then padding")


#: Exercise 4: a model "gets them right" at this exact match or more, "fails" below the other bound.
_HIGH, _LOW = 0.9, 0.5
_OUTCOMES = {
    "a": "long training closes most of the gap: the plain model fits its longest training numbers and gets most "
    "held-out ones right; attention gets nearly all of both",
    "b": "the plain model fits its longest training numbers but fails on the held-out ones; attention gets both",
    "c": "the plain model fails on the longest numbers even on its own training pairs; attention gets them right",
    "d": "both models get most of the longest held-out numbers wrong",
}


def _knob_results(results):
    """The four exact matches of exercise 4's run, as floats in 0 … 1; raises TypeError/ValueError otherwise."""
    shape = (
        'results must be the dict the training cell fills in: {"digits": n, "plain": {"train": …, '
        '"heldout": …}, "attention": {"train": …, "heldout": …}}, exact matches in 0 … 1'
    )
    if not isinstance(results, dict) or not {"digits", "plain", "attention"} <= set(results):
        raise TypeError(f"{shape}; got {type(results).__name__} {results!r:.80}")
    scores = {}
    for model in ("plain", "attention"):
        part = results[model]
        if not isinstance(part, dict) or not {"train", "heldout"} <= set(part):
            raise TypeError(f"{shape}; got {model!r}: {part!r:.60}")
        for split in ("train", "heldout"):
            value = number(part[split])
            if not isinstance(value, float) or not 0 <= value <= 1:
                raise ValueError(f"{shape}; got {model!r} {split!r}: {part[split]!r:.40}")
            scores[model, split] = value
    digits = number(results["digits"])
    if not isinstance(digits, float) or digits != int(digits) or not 6 <= digits <= 12:
        raise ValueError(f"{shape}; got digits {results['digits']!r:.40} (the knob runs from 6 to 12)")
    return int(digits), scores


def _outcome(scores):
    """Which of the letters a … d the run shows, or None when it lands between them."""
    plain_train, plain_heldout = scores["plain", "train"], scores["plain", "heldout"]
    attention = min(scores["attention", "train"], scores["attention", "heldout"])
    if attention >= _HIGH:
        if plain_train >= _HIGH:
            return "a" if plain_heldout >= _LOW else "b"
        if plain_train < _LOW and plain_heldout < _LOW:
            return "c"
    elif max(scores["attention", "heldout"], plain_heldout) < _LOW:
        return "d"
    return None


def exercise_4(answer, results) -> object:
    """Turn the length knob: the predicted outcome (a letter "a" … "d"), checked against ``results``, the run.

    ``results`` holds each model's exact match on its training and held-out numbers of the longest length (the
    training cell fills it in; None until it has run). The letter that the run shows is the right one.
    """
    if results is not None:
        digits, scores = _knob_results(results)
    if answer is None:
        return not_answered('your prediction, one of "a", "b", "c" or "d"')
    if not isinstance(answer, str) or answer.strip().lower() not in _OUTCOMES:
        return hint("reason", f'give one letter: "a", "b", "c" or "d"; got {answer!r:.40}')
    answer = answer.strip().lower()
    if results is None:
        return hint(
            "run",
            "your prediction is written down; now run the training cell above (about a minute and a half): it fills in "
            "knob_results, then run this check again",
        )
    shown = (
        f"at {digits} digits, plain: {scores['plain', 'train']:.0%} of the training numbers, "
        f"{scores['plain', 'heldout']:.0%} of the held-out ones; attention: {scores['attention', 'train']:.0%} "
        f"and {scores['attention', 'heldout']:.0%}"
    )
    truth = _outcome(scores)
    if truth is None:
        return hint(
            "between",
            f"this run lands between the four outcomes ({shown}): a model counts as right at "
            f"{_HIGH:.0%} or more and as failing below {_LOW:.0%}. Run it again with another seed "
            "(SEEDS[1] instead of SEEDS[0]) and check again",
        )
    if answer == truth:
        because = {
            "a": "at this length one vector is still enough, given time",
            "b": "it learned its training numbers, not the rule, while the same data taught the decoder with "
            "attention the rule. Is that the vector or the amount of data? Try four times the training pairs",
            "c": "in this training one vector does not carry a sentence this long through to the last digit even for "
            "the numbers it trained on, while the decoder with attention reads each word's state when it needs it",
            "d": "at this length and budget neither model generalises to new numbers",
        }[truth]
        return correct(f"{shown}: {_OUTCOMES[truth]}; {because}")
    if answer == "a" and truth in ("b", "c"):
        return hint(
            "capacity",
            f"{shown}. At 6 digits four times the training closed most of the gap; did it here? Which of its "
            "numbers does the plain model still get wrong?",
        )
    if answer == "b" and truth == "c":
        return hint(
            "training",
            f"{shown}: look at the plain model's training line, not only the held-out one. Does it get its own "
            "training numbers right?",
        )
    if answer == "c" and truth == "b":
        return hint(
            "heldout",
            f"{shown}: the plain model gets its training numbers right. Where does it fail, then?",
        )
    return hint("outcome", f"{shown}. Which of the four sentences does that match?")
