"""Lesson 09's translation task, its shipped data, the numpy encoder–decoder against Keras, and the explorer."""

import numpy as np
import pytest

from rnnlib import translation
from rnnlib.datasets import _DATA_DIR, _verified_path
from rnnlib.translation import BOS, EOS, PAD

# -- the rule and the data -------------------------------------------------------------------------------------


def test_the_rule_reads_back_every_number_it_writes():
    numbers = list(range(1, 2000)) + list(range(2000, 1_000_000, 997)) + [999_999, 100_000, 100_001, 700_005]
    for n in numbers:
        words = translation.number_to_words(n)
        assert translation.words_to_number(words) == n, words
        assert len(words.split()) <= 9


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fourty two", "did you mean 'forty'"),
        ("one hundred and five", "without 'and'"),
        ("zero", "1 … 999 999"),
        ("", "type a number"),
        ("twelve hundred", "not how this task writes"),
        ("five five", "not how this task writes"),
        ("one thousand thousand", "not how this task writes"),
        ("hundred", "not how this task writes"),
        ("nine hundred ninety nine thousand nine hundred ninety nine one", "at most 9 words"),
    ],
)
def test_words_to_number_explains_what_it_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        translation.words_to_number(text)


def test_words_are_read_case_and_hyphen_blind():
    assert translation.words_to_number("Forty-Two") == 42
    with pytest.raises(TypeError, match="str"):
        translation.words_to_number(42)


def test_number_to_words_refuses_what_it_cannot_write():
    for bad in (0, 10**12, -5):
        with pytest.raises(ValueError):
            translation.number_to_words(bad)
    for bad in (7.0, "7", True):
        with pytest.raises(TypeError):
            translation.number_to_words(bad)


# -- the length knob: max_digits 6 … 12 -------------------------------------------------------------------------


def test_the_knob_reads_back_every_long_number_it_writes():
    rng = np.random.default_rng(0)
    longest = {6: 9, 7: 11, 8: 12, 9: 14, 10: 16, 11: 17, 12: 19}
    for digits, max_words in longest.items():
        numbers = [10 ** (digits - 1), 10**digits - 1, *rng.integers(10 ** (digits - 1), 10**digits, 300)]
        numbers += [translation._draw(rng, digits) for _ in range(300)]  # zero-rich, as in the data
        for n in map(int, numbers):
            words = translation.number_to_words(n)
            assert translation.words_to_number(words, max_digits=digits) == n, words
            assert translation.words_to_number(words, max_digits=12) == n, words
            assert len(words.split()) <= max_words
        assert len(translation.number_to_words(10**digits - 1).split()) == max_words
    assert translation.number_to_words(1_000_000) == "one million"
    assert translation.number_to_words(2_000_000_003) == "two billion three"
    assert translation.number_to_words(5_000_070_000) == "five billion seventy thousand"


@pytest.mark.parametrize(
    ("text", "max_digits", "message"),
    [
        ("one million", 6, "max_digits=7 or more"),
        ("one billion", 9, "max_digits=10 or more"),
        ("one million million", 12, "not how this task writes"),
        ("one thousand million", 12, "not how this task writes"),
        ("one million billion", 12, "not how this task writes"),
        ("zero", 9, "1 … 999 999 999"),
        ("fourty", 12, "did you mean 'forty'"),
        ("one " * 20, 12, "at most 19 words"),
    ],
)
def test_the_knob_explains_what_it_rejects(text, max_digits, message):
    with pytest.raises(ValueError, match=message):
        translation.words_to_number(text, max_digits=max_digits)


def test_generate_pairs_at_the_default_is_the_shipped_file():
    assert translation.generate_pairs() == translation.load_pairs()
    assert translation.generate_pairs(max_digits=6) == translation.load_pairs()


@pytest.mark.parametrize("max_digits", [7, 9, 12])
def test_longer_tasks_share_nothing_and_have_the_promised_shape(max_digits):
    train, heldout = translation.generate_pairs(max_digits=max_digits)
    lengths = range(3, max_digits + 1)
    assert len(train) == 4096 and len(heldout) == 200 * len(lengths)
    assert len(set(train)) == len(train) and len(set(heldout)) == len(heldout)
    assert not set(train) & set(heldout)
    assert not {d for _, d in train} & {d for _, d in heldout}
    assert [len(d) for _, d in heldout] == [n for n in lengths for _ in range(200)]
    assert {len(d) for _, d in train} == {1, 2, *lengths}
    assert all(translation.words_to_number(w, max_digits=max_digits) == int(d) for w, d in train + heldout)
    # below 10**6 the held-out pool is the shipped one: no short training number is a shipped held-out number
    _, shipped_heldout = translation.load_pairs()
    assert not {d for _, d in train} & {d for _, d in shipped_heldout}
    x = translation.encode_words([w for w, _ in train], max_digits=max_digits)
    y_in, y = translation.encode_digits([d for _, d in train], max_digits=max_digits)
    assert x.shape == (4096, translation._max_words(max_digits)) and y.shape == y_in.shape == (
        4096,
        max_digits + 1,
    )
    assert x.max() < len(translation.LONG_SOURCE_VOCAB)
    assert translation.digits_from_tokens(y) == [d for _, d in train]


def test_more_training_pairs_keep_the_held_out_set():
    train, heldout = translation.generate_pairs(max_digits=9)
    more, same = translation.generate_pairs(max_digits=9, n_train=16_384)
    assert same == heldout and len(more) == 16_384 and len(set(more)) == len(more)
    assert not {d for _, d in more} & {d for _, d in heldout}
    assert len(translation.generate_pairs(n_train=100)[0]) == 100


def test_the_knob_leaves_the_lesson_task_as_it_was():
    assert translation.LONG_SOURCE_VOCAB[: len(translation.SOURCE_VOCAB)] == translation.SOURCE_VOCAB
    assert translation.encode_words("seven thousand five").shape == (1, 9)
    assert translation.encode_digits("7005")[0].shape == (1, 7)
    with pytest.raises(ValueError, match="max_digits=7 or more"):
        translation.encode_words("seven million five")
    with pytest.raises(ValueError, match="numbers\\[0\\] must be a string of 1 … 6 digits"):
        translation.encode_digits("7000005")
    x = translation.encode_words(["seven million five", "one billion"], max_digits=12)
    assert [translation.LONG_SOURCE_VOCAB[i] for i in x[0, :3]] == ["seven", "million", "five"]
    assert x[1, 1] == translation.LONG_SOURCE_VOCAB.index("billion") and np.all(x[:, 3:] == PAD)


def test_word_by_word_is_right_exactly_when_no_zero_is_hidden():
    assert translation.word_by_word("three hundred forty two") == "342"
    assert translation.word_by_word("one hundred twelve") == "112"
    assert translation.word_by_word("seven thousand five") == "75"
    assert translation.word_by_word("forty") == "4"
    for n in range(1, 20_000, 7):
        guess = translation.word_by_word(translation.number_to_words(n))
        assert 1 <= len(guess) <= 6
        if "0" not in str(n):
            assert guess == str(n)


def test_the_shipped_file_is_the_generator_output():
    text = (_DATA_DIR / translation._FILE).read_text(encoding="utf-8")
    assert text == translation._csv_text()
    _verified_path(translation._FILE)


def test_write_pairs_reproduces_the_file(tmp_path):
    translation._write_pairs(tmp_path)
    assert (tmp_path / translation._FILE).read_bytes() == (_DATA_DIR / translation._FILE).read_bytes()
    assert (tmp_path / f"{translation._FILE}.sha256").read_text() == (
        _DATA_DIR / f"{translation._FILE}.sha256"
    ).read_text()


def test_the_split_shares_nothing_and_has_the_promised_shape():
    train, heldout = translation.load_pairs()
    assert len(train) == 4096 and len(heldout) == 800
    assert len(set(train)) == len(train) and len(set(heldout)) == len(heldout)
    assert not {d for _, d in train} & {d for _, d in heldout}
    assert [len(d) for _, d in heldout] == [n for n in (3, 4, 5, 6) for _ in range(200)]
    assert {int(d) for _, d in train} >= set(range(1, 100))
    assert all(translation.words_to_number(w) == int(d) for w, d in train + heldout)
    # zero-rich by design: about 30 % of the digits after the first are 0 (random numbers: 10 %)
    later = "".join(d[1:] for _, d in train if len(d) >= 4)
    assert 0.25 < later.count("0") / len(later) < 0.35


# -- tokens and scores -----------------------------------------------------------------------------------------


def test_encoding_pads_at_the_end_and_shifts_the_decoder_input():
    x = translation.encode_words(["seven thousand five", "one"])
    assert x.shape == (2, 9) and x.dtype == np.int32
    assert [translation.SOURCE_VOCAB[i] for i in x[0, :3]] == ["seven", "thousand", "five"]
    assert np.all(x[0, 3:] == PAD) and np.all(x[1, 1:] == PAD)
    y_in, y = translation.encode_digits(["7005", "999999"])
    digit = y[:, :-1] >= 3
    assert np.array_equal(y_in[:, 1:][digit], y[:, :-1][digit])  # the input is the target shifted by one
    assert y_in[0, 0] == BOS and y[0, 4] == EOS and y[1, 6] == EOS
    assert translation.digits_from_tokens(y) == ["7005", "999999"]


@pytest.mark.parametrize("bad", ["70a5", "", "1234567", 7005, None])
def test_encode_digits_refuses_what_is_not_a_digit_string(bad):
    with pytest.raises((ValueError, TypeError)):
        translation.encode_digits([bad])


def test_digits_from_tokens_cuts_at_eos_and_marks_stray_markers():
    assert translation.digits_from_tokens([[3 + 4, 3 + 2, EOS, 3 + 9, 0, 0, 0]]) == ["42"]
    assert translation.digits_from_tokens([[BOS, 3, 3, 3, 3, 3, 3]]) == ["?000000"]


def test_exact_match_and_token_accuracy():
    _, y = translation.encode_digits(["7005", "42", "100"])
    _, guess = translation.encode_digits(["7005", "41", "1000"])
    assert translation.exact_match(guess, y).tolist() == [True, False, False]
    # 5 + 3 + 4 target tokens; wrong: '1' of 41 and the <eos> of 100 (a 0 instead)
    assert translation.token_accuracy(guess, y) == pytest.approx(10 / 12)
    junk = guess.copy()
    junk[y == PAD] = 5  # anything after the target's <eos> is ignored
    assert translation.exact_match(junk, y).tolist() == [True, False, False]
    with pytest.raises(ValueError, match="tokens"):
        translation.exact_match(guess[:, :3], y)


# -- the numpy model against Keras -----------------------------------------------------------------------------


def _model(attention, units=8, seed=0):
    """The lesson's architecture (small), with non-default weights everywhere."""
    import keras

    keras.utils.set_random_seed(seed)
    words = keras.Input((9,), dtype="int32")
    previous = keras.Input((7,), dtype="int32")
    x = keras.layers.Embedding(len(translation.SOURCE_VOCAB), 5, mask_zero=True, name="word_embedding")(words)
    H, h_T = keras.layers.GRU(units, return_sequences=True, return_state=True, name="encoder")(x)
    y = keras.layers.Embedding(len(translation.TARGET_VOCAB), 5, name="digit_embedding")(previous)
    S = keras.layers.GRU(units, return_sequences=True, name="decoder")(y, initial_state=h_T)
    if attention:
        keys = keras.layers.Dense(units, use_bias=False, name="keys")(H)
        S = keras.layers.Concatenate()([S, keras.layers.Attention(name="attention")([S, H, keys])])
    out = keras.layers.Dense(len(translation.TARGET_VOCAB), activation="softmax", name="readout")(S)
    model = keras.Model([words, previous], out)
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(0, 1.0, w.shape).astype("float32") for w in model.get_weights()])
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


SENTENCES = [
    "seven thousand five",
    "one",
    "nine hundred ninety nine thousand nine hundred ninety nine",
    "forty two",
]


@pytest.mark.parametrize("attention", [False, True])
def test_numpy_greedy_decoding_matches_keras(attention):
    model = _model(attention)
    weights = translation.numpy_weights(model)
    assert ("W_a" in weights) == attention
    x = translation.encode_words(SENTENCES)
    tokens, alpha = translation.translate(weights, x)
    fed_back = np.concatenate([np.full((len(x), 1), BOS), tokens[:, :-1]], axis=1)
    keras_probs = model([x, fed_back]).numpy()
    assert np.array_equal(keras_probs.argmax(axis=2), tokens)
    if attention:
        assert alpha.shape == (len(x), 7, 9)
        assert np.allclose(alpha.sum(axis=2), 1) and np.all(alpha[x[:, None, :].repeat(7, 1) == PAD] == 0)
    else:
        assert alpha is None


def test_run_encoder_skips_padding_like_keras():
    import keras

    model = _model(True)
    weights = translation.numpy_weights(model)
    x = translation.encode_words(SENTENCES)
    H, h_T, mask = translation.run_encoder(weights, x)
    inside = keras.Model(model.inputs, model.get_layer("encoder").output)
    H_keras, h_keras = (np.asarray(a) for a in inside([x, np.zeros((len(x), 7), "int32")]))
    assert np.max(np.abs(h_T - h_keras)) < 1e-5
    assert np.max(np.abs(H - H_keras)[mask]) < 1e-5
    assert np.array_equal(mask, x != PAD)


def test_restart_is_a_new_run_from_the_seed():
    import keras

    def fresh(seed):
        keras.utils.set_random_seed(seed)
        words = keras.Input((3,))
        model = keras.Model(words, keras.layers.Dense(2, name="d")(keras.layers.Dense(4)(words)))
        model.compile(keras.optimizers.Adam(0.1), "mse")
        return model

    x, y = np.ones((8, 3)), np.zeros((8, 2))
    model = fresh(0)
    model.fit(x, y, epochs=2, verbose=0)  # weights and optimizer state move away from the start
    translation.restart(model, 5)
    start = model.get_weights()
    assert all(
        float(np.max(np.abs(v.numpy()))) == 0 for v in model.optimizer.variables if v.name != "learning_rate"
    )
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.1)
    translation.restart(model, 5)
    assert all(
        np.array_equal(a, b) for a, b in zip(start, model.get_weights(), strict=True)
    )  # same seed, same start
    translation.restart(model, 6)
    assert not all(np.array_equal(a, b) for a, b in zip(start, model.get_weights(), strict=True))
    # training after restart is training a new model that starts from those weights
    translation.restart(model, 5)
    reference = fresh(1)
    reference.set_weights(start)
    keras.utils.set_random_seed(3)
    model.fit(x, y, epochs=2, verbose=0)
    keras.utils.set_random_seed(3)
    reference.fit(x, y, epochs=2, verbose=0)
    assert all(np.allclose(a, b) for a, b in zip(model.get_weights(), reference.get_weights(), strict=True))


def test_keras_helpers_refuse_what_they_cannot_use():
    import keras

    words = keras.Input((3,))
    model = keras.Model(words, keras.layers.Dense(2)(words))
    with pytest.raises(ValueError, match="compiled"):
        translation.restart(model, 0)
    with pytest.raises(ValueError, match="name the layers"):
        translation.numpy_weights(model)
    with pytest.raises(TypeError, match="numpy_weights"):
        translation.translate({"W_hy": 1}, translation.encode_words("one"))


def test_decoder_inputs_are_checked():
    weights = translation.numpy_weights(_model(False))
    with pytest.raises(ValueError, match="token ids"):
        translation.run_encoder(weights, np.full((1, 9), 99))
    with pytest.raises(ValueError, match="x must be"):
        translation.run_encoder(weights, np.zeros(9, dtype=int))


# -- figures and the explorer ----------------------------------------------------------------------------------


def test_plot_length_curves_and_attention():
    fig = translation.plot_length_curves(
        {"a": [[0.9, 0.8], [0.95, 0.7]], "b": [[1.0, 1.0]]},
        [3, 4],
        baselines={"dict": [0.5, 0.2]},
        note="gap",
    )
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() and fig.legends
    with pytest.raises(ValueError, match="lengths"):
        translation.plot_length_curves({"a": [[0.9, 0.8, 0.7]]}, [3, 4])
    alpha = np.eye(7, 9)
    fig = translation.plot_attention(
        [{"words": "seven thousand five", "output": "7005", "alpha": alpha, "label": "x"}]
    )
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["7", "0", "0", "5", "<eos>"]
    fig = translation.plot_attention(
        [{"words": "nine hundred four thousand", "output": "9040000", "alpha": alpha, "label": "no <eos>"}]
    )
    assert len(fig.axes[0].get_yticklabels()) == 7
    with pytest.raises(ValueError):
        translation.plot_attention([])


@pytest.fixture(scope="module")
def view_weights():
    return translation.numpy_weights(_model(False)), translation.numpy_weights(_model(True, seed=1))


def test_translation_view_shows_the_latest_choice(view_weights):
    plain, attention = view_weights
    _, heldout = translation.load_pairs()
    view = translation.TranslationView(plain, attention, heldout)
    fig, info = view(example=3, digits=4, words="")
    assert info["input"] == [w for w, d in heldout if len(d) == 4][3]
    assert info["rule"] == [d for w, d in heldout if len(d) == 4][3]
    _, info = view(example=3, digits=4, words="seven thousand five")
    assert info["input"] == "seven thousand five" and info["rule"] == "7005"
    _, info = view(example=4, digits=4, words="seven thousand five")  # the slider moved: back to held-out
    assert info["rule"] == [d for w, d in heldout if len(d) == 4][4]
    _, info = view(
        example=4, digits=4, words="twelve hundred"
    )  # typed again: not how the task writes numbers
    assert info["input"] == "twelve hundred" and info["rule"] == "—"
    with pytest.raises(ValueError, match="forty"):
        view(example=4, digits=4, words="fourty")
    with pytest.raises(ValueError, match="digits"):
        view(example=0, digits=2, words="")
    with pytest.raises(ValueError, match="example"):
        view(example=200, digits=6, words="")
    with pytest.raises(ValueError, match="W_a"):
        translation.TranslationView(plain, plain, heldout)


def test_blocking_a_word_gives_it_no_weight(view_weights):
    plain, attention = view_weights
    _, heldout = translation.load_pairs()
    view = translation.TranslationView(plain, attention, heldout)
    _, info = view(words="seven thousand five", block=2)
    assert info["blocked"] == "thousand"
    x = translation.encode_words("seven thousand five")
    tokens, alpha = translation._decode(attention, x, block=1)
    assert np.all(alpha[0, :, 1] == 0) and np.allclose(alpha.sum(axis=2), 1)
    assert translation.digits_from_tokens(tokens)[0] == info["attention, blocked"]
    assert view.mesh.get_array()[:, 1].filled(0).max() == 0  # the heatmap shows the blocked run
    _, info = view(words="seven thousand five", block=0)
    assert "blocked" not in info
    with pytest.raises(ValueError, match="block"):
        view(words="seven thousand five", block=4)
    with pytest.raises(ValueError, match="block"):
        view(words="seven", block=1)


def test_translation_view_in_the_explorer_is_fast_and_keeps_errors_in_the_readout(view_weights):
    import ipywidgets

    from rnnlib import ui

    _, heldout = translation.load_pairs()
    controls = {
        "example": ipywidgets.IntSlider(0, 0, 199),
        "digits": ipywidgets.IntSlider(6, 3, 6),
        "words": ipywidgets.Text(""),
    }
    box = ui.explorer(translation.TranslationView(*view_weights, heldout), controls)
    image = box.image.value
    controls["example"].value = 5
    assert box.image.value != image and "input" in box.readout.value
    controls["words"].value = "fourty two"
    assert box.readout.value.startswith("⚠") and "forty" in box.readout.value
