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


def test_split_words_and_index_words_number_words_by_first_appearance():
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
    assert s.dna_sequence(10_000, seed=2)[:24] == s.dna_sequence(24, seed=2)  # lesson 01: "its start"


def _observed_over_expected(seq, pair):
    observed = sum(a + b == pair for a, b in zip(seq, seq[1:], strict=False))
    return observed / ((len(seq) - 1) * seq.count(pair[0]) * seq.count(pair[1]) / len(seq) ** 2)


def test_dna_pair_cg_is_rare_only_in_order():
    """The docstring's claims: CG at about a quarter of chance (0.24 exactly for the chain), other pairs near 1."""
    seq = s.dna_sequence(100_000, seed=0)
    assert 0.2 < _observed_over_expected(seq, "CG") < 0.28
    for pair in ("GC", "AT", "TA", "AA", "TT"):  # no C first, no G second: close to independent letters
        assert 0.9 < _observed_over_expected(seq, pair) < 1.1
    shuffled = "".join(np.random.default_rng(0).permutation(list(seq)))
    assert 0.9 < _observed_over_expected(shuffled, "CG") < 1.1


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


@pytest.mark.parametrize("vowel", ["a", "i", "u"])
def test_speech_is_harmonics_of_one_pitch_loudest_near_the_formants(vowel):
    """Lesson 01's sentences: the bright bands are harmonics of the 120 Hz pitch; the loud ones lie near F1, F2."""
    fs, pitch = 8000, 120.0
    _, x = s.speech_like(vowel, fs=fs, pitch=pitch, seed=0)
    spectrum = np.abs(np.fft.rfft(x[: int(0.25 * fs)] * np.hanning(int(0.25 * fs)))) ** 2
    freqs = np.fft.rfftfreq(int(0.25 * fs), 1 / fs)
    db = 10 * np.log10(spectrum / spectrum.max())
    peaks = freqs[1:-1][(db[1:-1] > db[:-2]) & (db[1:-1] > db[2:]) & (db[1:-1] > -12)]
    assert peaks.size >= 2
    assert np.all(
        np.abs(peaks / pitch - np.round(peaks / pitch)) * pitch < 5
    )  # every loud peak is a harmonic
    f1, f2 = s.FORMANTS[vowel]
    assert np.all(np.minimum(np.abs(peaks - f1), np.abs(peaks - f2)) < 2 * pitch)  # ... near a formant
    assert min(abs(peaks - f1)) <= pitch / 2 and min(abs(peaks - f2)) <= pitch / 2  # both formants show


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
        (lambda: s.speech_like("a", pitch=10), ValueError, "pitch must be ≥ 50"),
        (lambda: s.plot_lag([1, 2, 3]), TypeError, "series must be a non-empty dict"),
        (lambda: s.plot_lag({"x": (np.zeros((3, 2)), "m")}), ValueError, r"series\['x'\] must be \(time,\)"),
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


def test_logistic_map_is_determined_by_its_past_yet_has_no_lag_one_autocorrelation():
    """Lesson 01's lag-plot sentence, for several starting values (not only the lesson's 0.4)."""
    for start in (0.2, 0.4, 0.7):
        x = [start]
        for _ in range(4999):
            x.append(4 * x[-1] * (1 - x[-1]))
        assert abs(s.lag_autocorrelation(np.array(x))) < 0.05
