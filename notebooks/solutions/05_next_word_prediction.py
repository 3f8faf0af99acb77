"""Reference solutions for lesson 05 · Next-word prediction. Try the exercises first!"""

import math

from rnnlib import corpus, text


def exercise_1():
    train, _ = text.load_corpus()
    vocab = text.Vocabulary(train)
    # tokenize lower-cases and turns the final full stop into the token "."; each token has one index.
    return [vocab[word] for word in text.tokenize("The dog sleeps on the rug.")]


def exercise_2():
    # A model with the grammar's probabilities scores -log p(w) when w comes, and w comes with probability p(w):
    # the average of -log p is the entropy H = -Σ p log p, and the perplexity is exp(H) (about 2.89 here).
    truth = corpus.next_word_probabilities(
        "The cat is sitting on the"
    )  # mat 0.6, floor 0.2, sofa 0.15, chair 0.05
    return math.exp(-sum(p * math.log(p) for p in truth.values()))


def exercise_3():
    # The fruit depends on the person (each has a favourite), who is four tokens back in "Sam is eating a":
    # a 4-gram sees only "is eating a", the same after every name. ("Sam eats a" is not enough: "eats a" plus
    # the name is three tokens, which a 4-gram sees.)
    prefix = "Sam is eating a"
    assert corpus.words_needed(prefix) >= 4
    return prefix
