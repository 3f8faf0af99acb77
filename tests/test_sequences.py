import numpy as np
import pytest

from rnnlib import sequences as s

GENERATORS = [
    (lambda seed: s.temperature(48, seed=seed), [(48,), (48,)]),
    (lambda seed: s.random_walk(30, seed=seed), (30,)),
    (lambda seed: s.heart_rate(2, seed=seed), [(120,), (120,)]),
    (lambda seed: s.speech_like("ae", seed=seed), [(5280,), (5280,)]),
    (lambda seed: s.moving_dot_video(5, 10, seed=seed), [(5, 10, 10), (5, 2)]),
]


def _shapes(result):
    return [r.shape for r in result] if isinstance(result, tuple) else result.shape


@pytest.mark.parametrize(("make", "shapes"), GENERATORS)
def test_generators_are_deterministic_with_documented_shapes(make, shapes):
    a, b, c = make(1), make(1), make(2)
    assert _shapes(a) == shapes
    flat = lambda r: np.concatenate([np.ravel(x) for x in (r if isinstance(r, tuple) else (r,))])  # noqa: E731
    np.testing.assert_array_equal(flat(a), flat(b))
    assert not np.array_equal(flat(a), flat(c))


def test_temperature_has_a_daily_cycle():
    t, temp = s.temperature(24 * 20, seed=0)
    by_hour = temp.reshape(20, 24).mean(axis=0)
    assert 13 <= int(np.argmax(by_hour)) <= 17 and int(np.argmin(by_hour)) <= 5
    assert s.lag_autocorrelation(temp, 1) > 0.9


def test_heart_rate_rises_when_climbing_and_recovers():
    t, bpm = s.heart_rate(10, seed=0)
    assert bpm[200:230].mean() < 75 < 100 < bpm[320:330].mean() and bpm[-30:].mean() < 75


def test_video_dot_stays_inside_and_is_brightest_at_its_position():
    video, pos = s.moving_dot_video(12, 16, seed=3)
    assert np.all((pos >= 1) & (pos <= 14)) and video.min() >= 0 and video.max() <= 1
    for f in range(12):
        r, c = np.unravel_index(np.argmax(video[f]), video[f].shape)
        assert abs(r - pos[f, 0]) <= 0.5 and abs(c - pos[f, 1]) <= 0.5


def test_split_words_and_index_words_match_the_design_document():
    tokens = s.split_words("The cat is sitting on the mat.")
    vocab, idx = s.index_words(tokens)
    assert vocab == {"the": 1, "cat": 2, "is": 3, "sitting": 4, "on": 5, "mat": 6}
    assert idx.tolist() == [1, 2, 3, 4, 5, 1, 6]
    assert s.split_words("Don't stop, cat's tail!") == ["don't", "stop", "cat's", "tail"]


def test_dna_and_one_hot():
    seq = s.dna_sequence(50, seed=4)
    assert set(seq) <= set("ACGT") and len(seq) == 50
    oh = s.one_hot_dna(seq)
    assert oh.shape == (50, 4) and np.all(oh.sum(axis=1) == 1)
    assert "".join("ACGT"[i] for i in oh.argmax(axis=1)) == seq
    assert s.one_hot_dna("gat").tolist() == s.one_hot_dna("GAT").tolist()


def test_spectrogram_finds_a_pure_tone():
    fs = 8000
    t = np.arange(fs) / fs
    times, freqs, p = s.spectrogram(np.sin(2 * np.pi * 1000 * t), fs)
    assert p.shape == (times.size, freqs.size) and p.max() == 0
    assert abs(freqs[np.argmax(p.mean(axis=0))] - 1000) <= freqs[1]


def test_speech_formants_show_in_the_spectrum():
    _, x = s.speech_like("i", seed=0)
    _, freqs, p = s.spectrogram(x, 8000)
    low = p[:, (freqs > 200) & (freqs < 400)].mean()
    mid = p[:, (freqs > 1000) & (freqs < 1500)].mean()
    assert low > mid + 10  # /i/ has F1 ≈ 270 Hz and nothing near 1.2 kHz


def test_lag_autocorrelation_falls_after_shuffling():
    _, temp = s.temperature(200, seed=0)
    shuffled = np.random.default_rng(0).permutation(temp)
    assert s.lag_autocorrelation(temp) > 0.9 > 0.3 > abs(s.lag_autocorrelation(shuffled))


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: s.temperature(1), ValueError, "hours must be ≥ 2"),
        (lambda: s.temperature(10, seed=-1), ValueError, "seed must be ≥ 0"),
        (lambda: s.random_walk(10, volatility=float("nan")), ValueError, "volatility must be finite"),
        (lambda: s.speech_like("xyz"), ValueError, "vowels must be a non-empty string"),
        (lambda: s.one_hot_dna("GATX"), ValueError, "only the letters A, C, G, T; got 'X'"),
        (lambda: s.one_hot_dna(""), ValueError, "sequence must not be empty"),
        (lambda: s.one_hot_dna(42), TypeError, "sequence must be a str"),
        (lambda: s.index_words("the cat"), TypeError, "tokens must be a list of words"),
        (lambda: s.lag_autocorrelation(np.ones(10)), ValueError, "x must vary"),
        (lambda: s.lag_autocorrelation(np.zeros((3, 3))), ValueError, "x must be \\(time,\\)"),
        (
            lambda: s.spectrogram(np.zeros(100), 8000, window=256),
            ValueError,
            "window must be ≤ the signal length 100",
        ),
        (lambda: s.moving_dot_video(frames=2.5), TypeError, "frames must be an integer"),
    ],
)
def test_bad_input_gives_clear_errors(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
