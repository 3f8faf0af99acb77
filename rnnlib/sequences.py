"""Lesson 01: five kinds of sequential data, deterministic for a seed, and the lesson's figures.

Each generator returns plain numpy arrays with the time axis first, so every sequence can be
read as ``(time, features)`` (and a batch of them as ``(batch, time, features)``). The figure
functions return the matplotlib ``Figure`` they drew (pyplot is imported when they are called).
"""

from __future__ import annotations

import re

import numpy as np

from ._validate import as_array, as_float, as_int
from .ui import _CMAP, PALETTE, use_style

__all__ = [
    "dna_sequence",
    "draw_mappings",
    "heart_rate",
    "index_words",
    "lag_autocorrelation",
    "moving_dot_video",
    "one_hot_dna",
    "plot_film_strip",
    "plot_one_hot",
    "plot_spectrogram",
    "random_walk",
    "speech_like",
    "spectrogram",
    "split_words",
    "temperature",
]

_DNA_ALPHABET = "ACGT"


def _rng(seed) -> np.random.Generator:
    return np.random.default_rng(as_int(seed, "seed", minimum=0))


def temperature(hours: int = 72, seed: int = 0):
    """Hourly air temperature with a daily cycle (warmest mid-afternoon) and persistent weather noise.

    Returns ``t`` (time,), hours since the start, and ``temp`` (time,) in °C.

    >>> t, temp = temperature(hours=48, seed=0)
    >>> t.shape, temp.shape
    ((48,), (48,))
    """
    hours = as_int(hours, "hours", minimum=2)
    rng = _rng(seed)
    t = np.arange(hours, dtype=float)
    daily = 15.0 + 6.0 * np.sin(2 * np.pi * (t - 9.0) / 24.0)  # peak at 15:00
    weather = np.zeros(hours)
    shocks = rng.normal(0.0, 0.5, hours)
    for i in range(1, hours):  # AR(1): today's weather persists into the next hour
        weather[i] = 0.9 * weather[i - 1] + shocks[i]
    return t, daily + weather


def random_walk(days: int = 250, start: float = 100.0, volatility: float = 0.015, seed: int = 0):
    """A stock-like price ``(time,)`` in currency units, ``price[0] == start``: each day's log-return is
    random, so the price wanders.

    >>> p = random_walk(days=5, seed=1); p.shape, float(p[0])
    ((5,), 100.0)
    """
    days = as_int(days, "days", minimum=2)
    start = as_float(start, "start", minimum=1e-9)
    volatility = as_float(volatility, "volatility", minimum=0.0)
    rng = _rng(seed)
    log_returns = rng.normal(0.0003, volatility, days - 1)
    return start * np.exp(np.concatenate([[0.0], np.cumsum(log_returns)]))


def heart_rate(minutes: int = 10, seed: int = 0):
    """Heart rate once a second: resting, a climb up the stairs at minute 4, then recovery.

    Returns ``t`` (time,), seconds since the start, and ``bpm`` (time,), beats per minute.

    >>> t, bpm = heart_rate(minutes=2, seed=0); t.shape
    (120,)
    """
    minutes = as_int(minutes, "minutes", minimum=1)
    rng = _rng(seed)
    t = np.arange(minutes * 60, dtype=float)
    effort = np.clip((t - 240.0) / 30.0, 0.0, 1.0) * (t < 330.0)  # climb from 4:00 to 5:30
    bpm = np.full_like(t, 65.0)
    for i in range(1, t.size):  # the heart follows the effort with a lag of ~20 s
        bpm[i] = bpm[i - 1] + (65.0 + 50.0 * effort[i] - bpm[i - 1]) / 20.0
    breathing = 2.0 * np.sin(2 * np.pi * t / 5.0)  # respiratory sinus arrhythmia, one breath per 5 s
    return t, bpm + breathing + rng.normal(0.0, 1.0, t.size)


def split_words(text: str) -> list[str]:
    """Split a sentence into lower-case words; punctuation is dropped, apostrophes kept (``cat's``).

    >>> split_words("The cat is sitting on the mat.")
    ['the', 'cat', 'is', 'sitting', 'on', 'the', 'mat']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def index_words(tokens):
    """Give each distinct word an index, 1, 2, 3 ... in order of first appearance (0 is kept for padding).

    Returns ``vocab`` (dict of str to int) and the ``indices`` (time,) of the words.

    >>> vocab, idx = index_words(split_words("The cat is sitting on the mat"))
    >>> vocab
    {'the': 1, 'cat': 2, 'is': 3, 'sitting': 4, 'on': 5, 'mat': 6}
    >>> idx.tolist()
    [1, 2, 3, 4, 5, 1, 6]
    """
    if not isinstance(tokens, (list, tuple)) or not all(isinstance(w, str) for w in tokens):
        raise TypeError(
            "tokens must be a list of words (str), e.g. split_words('the cat'); got " + repr(tokens)[:60]
        )
    if len(tokens) == 0:
        raise ValueError("tokens must not be empty")
    vocab: dict[str, int] = {}
    for word in tokens:
        vocab.setdefault(word, len(vocab) + 1)
    return vocab, np.array([vocab[w] for w in tokens], dtype=np.int64)


# First two formant frequencies (Hz) of five vowels, as spoken by an adult.
_FORMANTS = {"a": (730, 1090), "e": (530, 1840), "i": (270, 2290), "o": (570, 840), "u": (300, 870)}


def speech_like(vowels: str = "aiu", fs: int = 8000, seed: int = 0):
    """A speech-like signal: vowels sung at a gliding pitch, each shaped by its two formants.

    Each vowel lasts 0.25 s and is followed by 0.08 s of near-silence. The sound is the sum of the
    harmonics of the pitch (about 120 Hz), each weighted by how close it lies to the vowel's formants,
    which is how a voice gets its vowel colour; a spectrogram shows the formants as bright bands.
    Returns ``t`` (time,) in seconds and ``signal`` (time,), the amplitude in [-1, 1].

    >>> t, s = speech_like("a", fs=8000); s.shape
    (2640,)
    """
    if not isinstance(vowels, str) or not vowels or any(v not in _FORMANTS for v in vowels):
        raise ValueError(
            f"vowels must be a non-empty string of the letters {''.join(_FORMANTS)}; got {vowels!r}"
        )
    fs = as_int(fs, "fs", minimum=2000)
    rng = _rng(seed)
    pieces = []
    n_voiced, n_gap = int(0.25 * fs), int(0.08 * fs)
    tv = np.arange(n_voiced) / fs
    envelope = np.sin(np.pi * tv / tv[-1]) ** 0.5
    for k, vowel in enumerate(vowels):
        f1, f2 = _FORMANTS[vowel]
        f0 = 115.0 + 10.0 * k + 20.0 * tv  # a slight upward glide, like a question
        phase = 2 * np.pi * np.cumsum(f0) / fs
        voiced = np.zeros(n_voiced)
        for h in range(1, int(fs / 2 / 160.0)):
            fh = h * 120.0
            weight = np.exp(-(((fh - f1) / 90.0) ** 2)) + 0.6 * np.exp(-(((fh - f2) / 120.0) ** 2)) + 0.02
            voiced += weight * np.sin(h * phase)
        pieces.append(envelope * voiced / np.max(np.abs(voiced)))
        pieces.append(np.zeros(n_gap))
    signal = np.concatenate(pieces)
    signal = 0.9 * signal + 0.01 * rng.normal(size=signal.size)
    signal /= np.max(np.abs(signal))
    return np.arange(signal.size) / fs, signal


def spectrogram(signal, fs: int, window: int = 256, hop: int = 128):
    """Short-time power spectrum: the signal as a sequence of frequency vectors, ``(time, features)``.

    ``signal`` (time,) sampled at ``fs`` Hz is cut into frames of ``window`` samples, ``hop`` apart (a Hann
    window is applied to each). Returns the frame centres ``times`` (frames,) in seconds, the ``freqs``
    (window // 2 + 1,) in Hz and ``power_db`` (frames, window // 2 + 1), the power in decibels relative to
    the loudest bin (0 dB), floored at -80 dB.

    >>> times, freqs, p = spectrogram(np.zeros(1024), fs=8000)
    >>> p.shape, float(freqs[1])
    ((7, 129), 31.25)
    """
    signal = as_array(signal, "signal", ndim=1, layout="(time,)")
    fs = as_int(fs, "fs", minimum=1)
    window = as_int(window, "window", minimum=2)
    hop = as_int(hop, "hop", minimum=1)
    if window > signal.size:
        raise ValueError(f"window must be ≤ the signal length {signal.size}; got {window}")
    starts = np.arange(0, signal.size - window + 1, hop)
    frames = signal[starts[:, None] + np.arange(window)] * np.hanning(window)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    power_db = 10 * np.log10(np.maximum(power, 1e-12) / max(power.max(), 1e-12))
    return (starts + window / 2) / fs, np.fft.rfftfreq(window, 1 / fs), np.maximum(power_db, -80.0)


def moving_dot_video(frames: int = 8, size: int = 16, seed: int = 0):
    """A tiny greyscale video: a soft dot moving in a straight line and bouncing off the edges.

    Returns ``video`` (frames, size, size), brightness in [0, 1], and ``positions`` (frames, 2), the dot's
    centre (row, column) in pixels in each frame.

    >>> video, pos = moving_dot_video(frames=4, size=12, seed=0)
    >>> video.shape, pos.shape
    ((4, 12, 12), (4, 2))
    """
    frames = as_int(frames, "frames", minimum=1)
    size = as_int(size, "size", minimum=4)
    rng = _rng(seed)
    pos = rng.uniform(2, size - 3, 2)
    vel = rng.uniform(1.0, 2.0, 2) * rng.choice([-1, 1], 2)
    rows, cols = np.mgrid[0:size, 0:size]
    video = np.empty((frames, size, size))
    positions = np.empty((frames, 2))
    for f in range(frames):
        positions[f] = pos
        video[f] = np.exp(-((rows - pos[0]) ** 2 + (cols - pos[1]) ** 2) / 2.0)
        pos = pos + vel
        for d in range(2):  # bounce
            if not 1 <= pos[d] <= size - 2:
                vel[d] = -vel[d]
                pos[d] = np.clip(pos[d], 1, size - 2)
    return video, positions


def dna_sequence(length: int = 24, seed: int = 0) -> str:
    """A random DNA sequence over the letters A, C, G, T.

    >>> dna_sequence(8, seed=0)
    'TGGCCAAA'
    """
    length = as_int(length, "length", minimum=1)
    rng = _rng(seed)
    return "".join(rng.choice(list(_DNA_ALPHABET), size=length))


def one_hot_dna(sequence: str):
    """One-hot encode a DNA string: ``(time, 4)``, one row per base, one column per letter of ``"ACGT"``.

    >>> one_hot_dna("GAT").astype(int).tolist()
    [[0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]]
    """
    if not isinstance(sequence, str):
        raise TypeError(f"sequence must be a str of the letters ACGT; got {type(sequence).__name__}")
    if not sequence:
        raise ValueError("sequence must not be empty")
    sequence = sequence.upper()
    bad = sorted(set(sequence) - set(_DNA_ALPHABET))
    if bad:
        raise ValueError(
            f"sequence must contain only the letters A, C, G, T; got {', '.join(map(repr, bad))}"
        )
    index = np.array([_DNA_ALPHABET.index(b) for b in sequence])
    return np.eye(len(_DNA_ALPHABET))[index]


def lag_autocorrelation(x, lag: int = 1) -> float:
    """Pearson correlation between a series and itself shifted by ``lag`` steps.

    Near 1: each value is close to the one ``lag`` steps before (the order carries information);
    near 0: knowing the past tells you nothing about the next value. ``x`` is a series (time,).

    >>> round(lag_autocorrelation(np.arange(10.0)), 4)
    1.0
    """
    x = as_array(x, "x", ndim=1, layout="(time,)")
    lag = as_int(lag, "lag", minimum=1)
    if x.size < lag + 2:
        raise ValueError(f"x must have at least lag + 2 = {lag + 2} values; got {x.size}")
    a, b = x[:-lag], x[lag:]
    if np.std(a) == 0 or np.std(b) == 0:
        raise ValueError("x must vary: the autocorrelation of a constant series is undefined")
    return float(np.corrcoef(a, b)[0, 1])


# -- figures ------------------------------------------------------------------------------------------------


def plot_film_strip(video, positions=None, title: str = "A video is a sequence of frames"):
    """Show the frames of a video ``(frames, height, width)`` side by side, left to right in time;
    ``positions`` (frames, 2), the object's centre (row, column) in each frame, is marked with a cross.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> len(plot_film_strip(moving_dot_video(frames=3)[0]).axes)
    3
    """
    import matplotlib.pyplot as plt

    video = as_array(video, "video", ndim=3, layout="(frames, height, width)")
    frames = video.shape[0]
    if positions is not None:
        positions = as_array(
            positions, "positions", shape=(frames, 2), layout="(frames, 2), one (row, column) a frame"
        )
    use_style()
    fig, axes = plt.subplots(1, frames, figsize=(min(1.2 * frames, 12), 1.9), squeeze=False)
    for f, ax in enumerate(axes[0]):
        ax.imshow(video[f], cmap="gray", vmin=0, vmax=1)
        if positions is not None:
            ax.plot(positions[f][1], positions[f][0], "+", color=PALETTE[1], markersize=6)
        ax.set_title(f"t = {f}", fontsize=10)
        ax.set(xticks=[], yticks=[])
        ax.grid(False)
    fig.suptitle(title)
    fig.supxlabel("frame (time step) →", fontsize=10)
    return fig


def plot_one_hot(sequence: str, one_hot, title: str = "DNA as a sequence of one-hot vectors"):
    """Draw a one-hot matrix ``(time, 4)`` as a grid: one row per base in ``"ACGT"``, one column per position."""
    import matplotlib.pyplot as plt

    if not isinstance(sequence, str) or not sequence or set(sequence.upper()) - set(_DNA_ALPHABET):
        raise ValueError(f"sequence must be a DNA string of the letters A, C, G, T; got {sequence!r}"[:200])
    one_hot = as_array(one_hot, "one_hot", ndim=2, layout="(time, 4)")
    use_style()
    if one_hot.shape != (len(sequence), 4):
        raise ValueError(
            f"one_hot must be (time, 4) = ({len(sequence)}, 4) for this sequence; got {one_hot.shape}"
        )
    fig, ax = plt.subplots(figsize=(min(0.32 * len(sequence) + 1.5, 12), 2.3))
    ax.imshow(one_hot.T, cmap="Blues", vmin=0, vmax=1.3, aspect="auto")
    ax.set_yticks(range(4), list(_DNA_ALPHABET))
    ax.set_xticks(range(len(sequence)), list(sequence), fontsize=9)
    ax.grid(False)
    ax.set(xlabel="position in the sequence (base)", ylabel="feature (letter)", title=title)
    return fig


def plot_spectrogram(t, signal, times, freqs, power_db, title: str = "Speech-like sound"):
    """Waveform ``signal`` over ``t`` (time,) above, the :func:`spectrogram` (``times``, ``freqs``,
    ``power_db``) below, sharing the time axis."""
    import matplotlib.pyplot as plt

    t = as_array(t, "t", ndim=1, layout="(time,) seconds")
    signal = as_array(signal, "signal", shape=t.shape, layout="(time,), one value per entry of t")
    times = as_array(times, "times", ndim=1, layout="(frames,) seconds")
    freqs = as_array(freqs, "freqs", ndim=1, layout="(frequencies,) Hz")
    power_db = as_array(
        power_db, "power_db", shape=(len(times), len(freqs)), layout="(frames, frequencies), one row per time"
    )
    use_style()
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.5, 4.6), sharex=True)
    ax1.plot(t, signal, linewidth=0.6, color=PALETTE[0])
    ax1.set(ylabel="amplitude", title=f"{title}: waveform (top) and spectrogram (bottom)")
    mesh = ax2.pcolormesh(times, freqs, power_db.T, cmap=_CMAP, shading="auto", vmin=-70, vmax=0)
    ax2.set(ylabel="frequency (Hz)", xlabel="time (s)", ylim=(0, 3000))
    ax2.grid(False)
    fig.colorbar(mesh, ax=ax2, label="power (dB)")
    return fig


def _box(ax, xy, text, color, w=0.7, h=0.5):
    from matplotlib.patches import FancyBboxPatch

    x, y = xy
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.04", facecolor=color, edgecolor="black", lw=1
        )
    )
    ax.text(
        x, y, text, ha="center", va="center", fontsize=10, color="white" if color != PALETTE[6] else "black"
    )


def _arrow(ax, start, end):
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10, lw=1, color="black"))


# The four input/output mappings: name -> (which steps get an input, which steps give an output, example).
_MAPPINGS = {
    "one-to-one": ([0], [0], "image → class (a vanilla NN)"),
    "many-to-one": ([0, 1, 2, 3], [3], "review → sentiment"),
    "one-to-many": ([0], [0, 1, 2, 3], "image → caption"),
    "many-to-many": ([0, 1, 2, 3], [0, 1, 2, 3], "sentence → translation"),
}


def draw_mappings():
    """Draw the four input/output mappings (one-to-one ... many-to-many) as unrolled networks.

    Inputs x (blue) feed hidden states h (green) that pass their state to the right; outputs ŷ
    (orange) come out on top. One panel per mapping.
    """
    import matplotlib.pyplot as plt

    use_style()
    fig, axes = plt.subplots(1, 4, figsize=(11, 3.4))
    for ax, (name, (ins, outs, example)) in zip(axes, _MAPPINGS.items(), strict=True):
        steps = max(max(ins), max(outs)) + 1
        for t in range(steps):
            _box(ax, (t, 1), "h", PALETTE[2])
            if t in ins:
                _box(ax, (t, 0), "x", PALETTE[0])
                _arrow(ax, (t, 0.27), (t, 0.73))
            if t in outs:
                _box(ax, (t, 2), "ŷ", PALETTE[1])
                _arrow(ax, (t, 1.27), (t, 1.73))
            if t > 0:
                _arrow(ax, (t - 0.63, 1), (t - 0.37, 1))
        ax.set(xlim=(-0.6, 3.6), ylim=(-0.5, 2.5), aspect="equal")
        ax.axis("off")
        ax.set_title(f"{name}\n{example}", fontsize=10)
    fig.suptitle("Four ways to map inputs to outputs (time runs left to right)")
    return fig
