"""Reference solutions for lesson 05 · Next-word prediction. Try the exercises first!"""

import numpy as np

from rnnlib import text


def _vocab_and_pairs():
    train, _ = text.load_corpus()
    vocab = text.Vocabulary(train)
    X, y = text.make_pairs([vocab.encode(s) for s in train])
    return vocab, X, y


def exercise_1():
    vocab, _, _ = _vocab_and_pairs()
    # tokenize lower-cases and turns the final full stop into the token "."; each token has one index.
    return [vocab[word] for word in text.tokenize("The dog sleeps on the rug.")]


def exercise_2():
    vocab, _, _ = _vocab_and_pairs()
    # Every possible next word (all indices but the padding 0) has p = 1 / (V - 1), so exp(-log p) = V - 1.
    return len(vocab) - 1


def exercise_3():
    vocab, X, y = _vocab_and_pairs()
    bigram = text.BigramLM(len(vocab)).fit(X, y)
    probs = bigram.predict(vocab.encode("The cat is sitting on the")[None], verbose=0)[0]
    return vocab.words[int(np.argmax(probs))]
