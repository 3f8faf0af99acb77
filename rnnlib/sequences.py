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
    "FORMANTS",
    "dna_sequence",
    "draw_mappings",
    "heart_rate",
    "index_words",
    "lag_autocorrelation",
    "moving_dot_video",
    "one_hot_dna",
    "plot_film_strip",
    "plot_lag",
    "plot_one_hot",
    "plot_spectrogram",
    "random_walk",
    "speech_like",
    "spectrogram",
    "split_words",
    "temperature",
]

_DNA_ALPHABET = "ACGT"
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")  # digits as subscripts, for figure labels


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


#: First two formant frequencies (Hz) of five vowels spoken by an adult man (Peterson & Barney, 1952):
#: the resonances of the mouth and throat that make an *a* sound different from an *i*.
FORMANTS = {"a": (730, 1090), "e": (530, 1840), "i": (270, 2290), "o": (570, 840), "u": (300, 870)}
_VOWEL_SECONDS, _GAP_SECONDS = 0.25, 0.08


def speech_like(vowels: str = "aiu", fs: int = 8000, pitch: float = 120.0, seed: int = 0):
    """A speech-like signal: vowels sung one after another at one steady pitch.

    A voice at pitch ``pitch`` (Hz) is a sum of harmonics at ``pitch``, ``2 * pitch``, ``3 * pitch`` ...;
    the mouth makes the harmonics near the vowel's two :data:`FORMANTS` loud and the others quiet (each
    harmonic's amplitude is a bump around F1 plus a smaller bump around F2), which is what gives a vowel
    its colour. Each vowel lasts 0.25 s and is followed by 0.08 s of near-silence. Returns ``t`` (time,)
    in seconds and ``signal`` (time,), the amplitude in [-1, 1].

    >>> t, s = speech_like("a", fs=8000); s.shape
    (2640,)
    """
    if not isinstance(vowels, str) or not vowels or any(v not in FORMANTS for v in vowels):
        raise ValueError(
            f"vowels must be a non-empty string of the letters {''.join(FORMANTS)}; got {vowels!r}"
        )
    fs = as_int(fs, "fs", minimum=2000)
    pitch = as_float(pitch, "pitch", minimum=50.0, maximum=fs / 8)
    rng = _rng(seed)
    pieces = []
    n_voiced, n_gap = int(_VOWEL_SECONDS * fs), int(_GAP_SECONDS * fs)
    tv = np.arange(n_voiced) / fs
    envelope = np.sin(np.pi * tv / tv[-1]) ** 0.5
    harmonics = pitch * np.arange(1, int(0.45 * fs / pitch) + 1)  # (harmonics,) in Hz, below 0.45 fs
    for vowel in vowels:
        f1, f2 = FORMANTS[vowel]
        weights = np.exp(-(((harmonics - f1) / 90.0) ** 2)) + 0.6 * np.exp(-(((harmonics - f2) / 120.0) ** 2))
        voiced = (weights + 0.02) @ np.sin(2 * np.pi * harmonics[:, None] * tv)
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


# The DNA generator's probabilities of the next base (columns A, C, G, T) given the base before it (rows).
_DNA_TRANSITIONS = (
    (0.3, 0.2, 0.2, 0.3),
    (0.36, 0.24, 0.04, 0.36),  # after a C, a G is 5 times less likely than elsewhere
    (0.3, 0.2, 0.2, 0.3),
    (0.3, 0.2, 0.2, 0.3),
)


def dna_sequence(length: int = 24, seed: int = 0) -> str:
    """A DNA-like sequence over the letters A, C, G, T, with one feature of real genomes: the pair CG is rare.

    Each base is drawn given the one before it (a first-order Markov chain): A and T with probability 0.3,
    C and G with 0.2, except that right after a C a G has probability 0.04 (and A, C, T share the rest).
    In the human genome the pair CG appears only a fifth to a quarter as often as the frequencies of C and
    G predict ("CpG depletion"); in this chain 0.24 times as often. Real DNA has far more structure (genes,
    repeats) than this one rule.

    >>> dna_sequence(8, seed=0)
    'GAAATTGT'
    """
    import bisect

    length = as_int(length, "length", minimum=1)
    rng = _rng(seed)
    cumulative = np.cumsum(_DNA_TRANSITIONS, axis=1).tolist()  # (4, 4): row = previous base
    bases = [0]  # the first base is drawn as if after an A
    for u in rng.random(length).tolist():
        bases.append(min(bisect.bisect(cumulative[bases[-1]], u), 3))
    return "".join(_DNA_ALPHABET[b] for b in bases[1:])


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
    """Pearson correlation between a series and itself shifted by ``lag`` steps: ``corr(x[:-lag], x[lag:])``.

    Near 1: each value lies close to a straight-line function of the value ``lag`` steps before (rising
    with it); near -1: the same, falling; near 0: no *straight-line* relation at that lag. It is one simple
    measure: a series can depend completely on its past and still score 0 (a curved or longer-range
    dependence). ``x`` is a series (time,).

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
    """Show the frames of a video ``(frames, height, width)`` side by side, left to right in time, labelled
    t = 1, 2, ...; ``positions`` (frames, 2), the object's centre (row, column) in each frame, is marked with
    a cross.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> [t.get_text() for t in plot_film_strip(moving_dot_video(frames=3)[0]).axes[0].get_xticklabels()]
    ['t = 1', 't = 2', 't = 3']
    """
    import matplotlib.pyplot as plt

    video = as_array(video, "video", ndim=3, layout="(frames, height, width)")
    frames, height, width = video.shape
    if positions is not None:
        positions = as_array(
            positions, "positions", shape=(frames, 2), layout="(frames, 2), one (row, column) a frame"
        )
    use_style()
    gap = max(1, width // 8)  # white columns between frames
    strip = np.full((height, frames * (width + gap) - gap), np.nan)
    for f in range(frames):
        strip[:, f * (width + gap) : f * (width + gap) + width] = video[f]
    fig, ax = plt.subplots(figsize=(min(1.2 * frames, 12), 1.9))
    cmap = plt.get_cmap("gray").with_extremes(bad="white")
    ax.imshow(strip, cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    offsets = np.arange(frames) * (width + gap)
    if positions is not None:
        ax.plot(positions[:, 1] + offsets, positions[:, 0], "+", color=PALETTE[1], markersize=6)
    ax.set_xticks(offsets + (width - 1) / 2, [f"t = {f + 1}" for f in range(frames)])  # steps from 1
    ax.tick_params(axis="x", length=0)
    ax.set(yticks=[], xlabel="frame (time step) →", title=title)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
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


def plot_lag(series: dict, lag: int = 1):
    """Lag plots: for each series, every value against the value ``lag`` steps later, one panel each.

    ``series`` maps a name to ``(x, unit)``, ``x`` a series (time,). Each panel's title gives the series'
    :func:`lag_autocorrelation` at that lag, so the picture and the number can be compared.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> len(plot_lag({"a line": (np.arange(10.0), "m"), "its square": (np.arange(10.0) ** 2, "m²")}).axes)
    2
    """
    import matplotlib.pyplot as plt

    if not isinstance(series, dict) or not series:
        raise TypeError(f"series must be a non-empty dict of name -> (x, unit); got {type(series).__name__}")
    lag = as_int(lag, "lag", minimum=1)
    panels = []
    for name, item in series.items():
        if not isinstance(item, tuple) or len(item) != 2 or not isinstance(item[1], str):
            raise TypeError(f"series[{name!r}] must be a pair (x, unit), unit a str; got {item!r}"[:200])
        x = as_array(item[0], f"series[{name!r}]", ndim=1, layout="(time,)")
        try:
            r = lag_autocorrelation(x, lag)
        except ValueError as exc:
            raise ValueError(f"series[{name!r}]: {exc}") from None
        panels.append((name, x, item[1], r))
    use_style()
    fig, axes = plt.subplots(1, len(series), figsize=(min(3.7 * len(series), 12.0), 3.5), squeeze=False)
    for k, (ax, (name, x, unit, r)) in enumerate(zip(axes[0], panels, strict=True)):
        ax.plot(x[:-lag], x[lag:], "o", markersize=3, alpha=0.6, color=PALETTE[k % len(PALETTE)])
        unit = f" ({unit})" if unit else ""
        later = "xₜ₊" + str(lag).translate(_SUB)  # x_{t+lag}, plain text (mathtext is slow to start)
        ax.set(xlabel=f"xₜ{unit}", ylabel=f"{later}{unit}", title=f"{name}\nr = {r:.2f}")
        ax.locator_params(nbins=4)  # few ticks: readable, and quicker to lay out
    fig.suptitle(f"Each value against the value {lag} step{'s' if lag > 1 else ''} later (lag plots)")
    return fig


def plot_spectrogram(
    t, signal, times, freqs, power_db, title: str = "Speech-like sound", vowels: str | None = None
):
    """Waveform ``signal`` over ``t`` (time,) above, the :func:`spectrogram` (``times``, ``freqs``,
    ``power_db``) below, sharing the time axis. For a signal from :func:`speech_like`, pass its ``vowels``
    to name each vowel and mark its two formants (dashed lines)."""
    import matplotlib.pyplot as plt

    t = as_array(t, "t", ndim=1, layout="(time,) seconds")
    signal = as_array(signal, "signal", shape=t.shape, layout="(time,), one value per entry of t")
    times = as_array(times, "times", ndim=1, layout="(frames,) seconds")
    freqs = as_array(freqs, "freqs", ndim=1, layout="(frequencies,) Hz")
    power_db = as_array(
        power_db, "power_db", shape=(len(times), len(freqs)), layout="(frames, frequencies), one row per time"
    )
    if vowels is not None and (
        not isinstance(vowels, str) or not vowels or any(v not in FORMANTS for v in vowels)
    ):
        raise ValueError(
            f"vowels must be None or a non-empty string of the letters {''.join(FORMANTS)}; got {vowels!r}"[
                :200
            ]
        )
    use_style()
    # a tall spectrogram panel: the harmonics, 120 Hz apart at the lesson's pitch, must show as separate lines
    fig, (ax1, ax2) = plt.subplots(
        2, 1, figsize=(7.5, 6.6), sharex=True, gridspec_kw={"height_ratios": (1, 2.8)}
    )
    ax1.plot(t, signal, linewidth=0.6, color=PALETTE[0])
    ax1.set(ylabel="amplitude", title=f"{title}: waveform (top) and spectrogram (bottom)")
    mesh = ax2.pcolormesh(times, freqs, power_db.T, cmap=_CMAP, shading="auto", vmin=-70, vmax=0)
    ax2.set(ylabel="frequency (Hz)", xlabel="time (s)", ylim=(0, 2500))
    ax2.grid(False)
    fig.colorbar(mesh, ax=ax2, label="power (dB relative to the loudest bin)")
    for k, vowel in enumerate(vowels or ""):
        start = k * (_VOWEL_SECONDS + _GAP_SECONDS)
        end = start + _VOWEL_SECONDS
        ax1.text((start + end) / 2, 1.02, vowel, ha="center", va="bottom", fontsize=12, weight="bold")
        for name, f in zip(("F1", "F2"), FORMANTS[vowel], strict=True):
            ax2.plot([start, end], [f, f], "--", color="white", lw=1)
            ax2.text(end + 0.005, f, name, color="white", fontsize=8, va="center")
    if vowels:
        ax1.set_ylim(-1.1, 1.3)
    return fig


def _box(ax, xy, text, color, w=0.7, h=0.5):
    from matplotlib.patches import FancyBboxPatch

    x, y = xy
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.04", facecolor=color, edgecolor="black", lw=1
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=10, color="white")


def _arrow(ax, start, end, dashed=False):
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(  # no shrinking: the ends are given exactly, and shrinking is slow to draw
            start,
            end,
            shrinkA=0,
            shrinkB=0,
            arrowstyle="-|>",
            mutation_scale=10,
            lw=1,
            color="black",
            linestyle="--" if dashed else "-",
        )
    )


# The mappings: name -> (steps that read an input, steps that give an output, outputs fed back in?, example,
# where the panel sits in the figure). Steps are numbered from 1; the encoder-decoder reads 3 steps, writes 2.
_MAPPINGS = {
    "one-to-one": ([1], [1], False, "image → class", (0.0, 3.35)),
    "many-to-one": ([1, 2, 3, 4], [4], False, "review → sentiment", (2.2, 3.35)),
    "one-to-many": ([1], [1, 2, 3, 4], True, "image → caption", (7.4, 3.35)),
    "many-to-many, synced": (
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        False,
        "label every step: word tags",
        (0.0, 0.0),
    ),
    "many-to-many, encoder–decoder": ([1, 2, 3], [4, 5], True, "sentence → translation", (6.4, 0.0)),
}


def draw_mappings():
    """Draw the input/output mappings (one-to-one ... many-to-many, synced or encoder–decoder) as unrolled
    networks.

    Inputs x (blue) feed hidden states h (green) that pass their state to the right; outputs ŷ (orange)
    come out on top. A dashed arrow feeds an output back in as the next step's input (generation).
    One panel per mapping; time runs left to right, steps numbered from 1.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> len(draw_mappings().axes)
    1
    """
    import matplotlib.pyplot as plt

    use_style()
    fig, ax = plt.subplots(figsize=(10, 6.2))
    dy = 0.9  # vertical distance between the rows of boxes
    for name, (ins, outs, feedback, example, (x0, y0)) in _MAPPINGS.items():
        steps = max(ins + outs)
        for t in range(1, steps + 1):
            x = x0 + t - 1
            h, y_hat = y0 + dy, y0 + 2 * dy  # rows: x at y0, h above it, ŷ on top
            _box(ax, (x, h), f"h{t}".translate(_SUB), PALETTE[2])
            if t in ins:
                _box(ax, (x, y0), f"x{t}".translate(_SUB), PALETTE[0])
                _arrow(ax, (x, y0 + 0.27), (x, h - 0.27))
            if t in outs:
                _box(ax, (x, y_hat), f"ŷ{outs.index(t) + 1}".translate(_SUB), PALETTE[1])
                _arrow(ax, (x, h + 0.27), (x, y_hat - 0.27))
                if feedback and t < steps:
                    _arrow(ax, (x + 0.3, y_hat - 0.27), (x + 0.7, h + 0.27), dashed=True)
            if t > 1:
                _arrow(ax, (x - 0.63, h), (x - 0.37, h))
        ax.text(
            x0 + (steps - 1) / 2,
            y0 + 2 * dy + 0.4,
            f"{name}\n{example}",
            ha="center",
            va="bottom",
            fontsize=10,
        )
    x0, y0 = _MAPPINGS["many-to-many, encoder–decoder"][4]
    ax.text(x0 + 1, y0 - 0.35, "encoder: reads T_in = 3 steps", ha="center", va="top", fontsize=9)
    ax.text(x0 + 3.5, y0, "decoder:\nwrites T_out = 2", ha="center", va="center", fontsize=9)
    ax.set(xlim=(-0.45, 10.95), ylim=(-0.6, 6.0), aspect="equal")
    ax.axis("off")
    ax.set_title("Ways to map inputs to outputs (time runs left to right; dashed: an output fed back in)")
    return fig
