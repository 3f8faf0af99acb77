"""Seeding, validation and lesson 01's figures."""

import random
import subprocess
import sys

import numpy as np
import pytest

import rnnlib
from rnnlib import _validate as v
from rnnlib import sequences as s


def test_seed_everything_repeats_python_and_numpy():
    rnnlib.seed_everything(7)
    a = (random.random(), np.random.rand())
    assert rnnlib.seed_everything(7) == 7
    assert (random.random(), np.random.rand()) == a


def test_seed_everything_does_not_import_tensorflow():
    code = "import sys, rnnlib; rnnlib.seed_everything(1); print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_seed_everything_makes_keras_repeatable_when_imported():
    code = (
        "import rnnlib, keras, numpy as np\n"
        "vals = []\n"
        "for _ in range(2):\n"
        "    rnnlib.seed_everything(3)\n"
        "    layer = keras.layers.Dense(2); layer.build((None, 3))\n"
        "    vals.append(layer.get_weights()[0].tolist() + [float(keras.random.uniform(()))])\n"
        "print(vals[0] == vals[1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "True"
    assert out.stderr == "", "importing rnnlib before TensorFlow keeps stderr quiet"


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: rnnlib.seed_everything(1.5), TypeError, "seed must be an integer; got float 1.5"),
        (lambda: rnnlib.seed_everything(-1), ValueError, "seed must be ≥ 0"),
        (lambda: v.as_array([[1, 2], [3]], "x"), TypeError, "x must be"),
        (
            lambda: v.as_array(
                np.zeros((5, 3)), "x", shape=(None, None, 3), layout="(batch, time, features)"
            ),
            ValueError,
            r"x must be \(batch, time, features\); got shape \(5, 3\)",
        ),
        (
            lambda: v.as_array(
                np.zeros((5, 2, 4)), "x", shape=(None, None, 3), layout="(batch, time, features)"
            ),
            ValueError,
            r"x must be \(batch, time, features\) = \(\?, \?, 3\); got shape \(5, 2, 4\)",
        ),
        (lambda: v.as_float("1", "lr"), TypeError, "lr must be a number; got str '1'"),
        (
            lambda: v.one_of("sigmoid", "activation", ("tanh", "relu")),
            ValueError,
            "activation must be one of",
        ),
    ],
)
def test_errors_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def _titles(fig):
    return [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]


def test_lesson01_figures_have_titles_and_labels():
    video, pos = s.moving_dot_video(6, 12, seed=0)
    fig = s.plot_film_strip(video, pos)
    assert len(fig.axes) == 1 and "frames" in fig.axes[0].get_title()
    seq = s.dna_sequence(10, seed=0)
    fig = s.plot_one_hot(seq, s.one_hot_dna(seq))
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    t, x = s.speech_like("a")
    fig = s.plot_spectrogram(t, x, *s.spectrogram(x, 8000))
    assert fig.axes[1].get_ylabel() == "frequency (Hz)" and fig.axes[1].get_xlabel() == "time (s)"
    fig = s.plot_spectrogram(t, x, *s.spectrogram(x, 8000), vowels="a")
    assert [text.get_text() for text in fig.axes[1].texts] == ["F1", "F2"]
    labels = [t.get_text() for t in s.plot_film_strip(video).axes[0].get_xticklabels()]
    assert labels == [f"t = {k}" for k in range(1, 7)]  # steps are numbered from 1
    fig = s.draw_mappings()
    texts = [text.get_text().split("\n")[0] for text in fig.axes[0].texts]
    assert all(name in texts for name in s._MAPPINGS) and fig.axes[0].get_title()
    assert "decoder:\nwrites T_out = 2" in [text.get_text() for text in fig.axes[0].texts]
    fig = s.plot_lag({"temperature": (s.temperature(48)[1], "°C"), "unitless": (np.arange(5.0), "")})
    assert [a.get_xlabel() for a in fig.axes] == ["xₜ (°C)", "xₜ"] and fig.axes[0].get_title()
    with pytest.raises(ValueError, match=r"one_hot must be \(time, 4\) = \(10, 4\)"):
        s.plot_one_hot(seq, np.zeros((4, 10)))
