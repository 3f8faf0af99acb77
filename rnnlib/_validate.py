"""Argument checks shared by rnnlib: clear errors instead of numpy tracebacks.

Every public function validates what it is given and raises ``TypeError`` (wrong kind of thing)
or ``ValueError`` (right kind, wrong value) with a message that names the argument, says what was
expected and shows what came, e.g.::

    ValueError: x must be (batch, time, features) = (?, ?, 3); got shape (5, 3)
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def as_int(value, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as a Python int, or raise naming ``name``.

    Accepts Python and numpy integers (not bools, not floats such as ``7.0``).

    >>> as_int(np.int64(7), "window", minimum=1)
    7
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {_describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be ≥ {minimum}; got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be ≤ {maximum}; got {value}")
    return value


def as_float(value, name: str, *, minimum: float | None = None, maximum: float | None = None) -> float:
    """Return ``value`` as a finite Python float, or raise naming ``name``.

    >>> as_float(2, "scale", minimum=0)
    2.0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be ≥ {minimum}; got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be ≤ {maximum}; got {value}")
    return value


def as_array(
    value,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    shape: tuple | None = None,
    layout: str | None = None,
    dtype=float,
    allow_empty: bool = False,
    finite: bool = True,
) -> np.ndarray:
    """Convert ``value`` to a numpy array and check it, raising errors that name ``name``.

    Parameters
    ----------
    value : array-like
    name : str
        The argument's name, used in error messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    shape : tuple, optional
        Expected shape; ``None`` entries match any size, e.g. ``(None, None, 3)``.
    layout : str, optional
        Names of the axes for messages, e.g. ``"(batch, time, features)"``.
    dtype : numpy dtype or None
        Convert to this dtype (``float`` by default); ``None`` keeps the array's own dtype.
    allow_empty : bool
        Whether an array with no elements is acceptable.
    finite : bool
        Reject NaN and infinity (for numeric dtypes).

    Examples
    --------
    >>> as_array([[1, 2, 3]], "x", shape=(None, 3), layout="(time, features)").shape
    (1, 3)
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of numbers; got {_describe(value)}")
    try:
        arr = np.asarray(value) if dtype is None else np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers; got {_describe(value)} ({exc})") from None
    if arr.dtype == object:
        raise TypeError(
            f"{name} must be a rectangular array of numbers; got ragged or mixed {_describe(value)}"
        )
    expected_ndim = (ndim,) if isinstance(ndim, int) else ndim
    if shape is not None:
        expected_ndim = (len(shape),)
    if expected_ndim is not None and arr.ndim not in expected_ndim:
        what = (
            layout or _shape_text(shape) if (layout or shape) else f"{' or '.join(map(str, expected_ndim))}-D"
        )
        raise ValueError(f"{name} must be {what}; got shape {arr.shape}")
    if shape is not None:
        for got, want in zip(arr.shape, shape, strict=True):
            if want is not None and got != want:
                where = f"{layout} = " if layout else ""
                raise ValueError(f"{name} must be {where}{_shape_text(shape)}; got shape {arr.shape}")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    if finite and np.issubdtype(arr.dtype, np.number) and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must contain only finite numbers; got {bad} NaN or infinite value(s)")
    return arr


def _shape_text(shape) -> str:
    if shape is None:
        return "?"
    inner = ", ".join("?" if s is None else str(s) for s in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def one_of(value, name: str, options) -> object:
    """Check that ``value`` is one of ``options``.

    >>> one_of("tanh", "activation", ("tanh", "relu"))
    'tanh'
    """
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value


def as_bool(value, name: str) -> bool:
    """Return ``value`` as a Python bool, or raise naming ``name`` (``"no"`` or ``None`` is not a bool).

    >>> as_bool(np.True_, "balanced")
    True
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_describe(value)}")
    return bool(value)


def as_str(value, name: str, *, allow_empty: bool = False) -> str:
    """Return ``value`` if it is a str (non-empty unless ``allow_empty``), or raise naming ``name``.

    >>> as_str("paris", "word")
    'paris'
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str; got {_describe(value)}")
    if not allow_empty and not value.strip():
        raise ValueError(f"{name} must not be empty; got {value!r}")
    return value


def as_instance(value, name: str, cls, what: str | None = None):
    """Return ``value`` if it is an instance of ``cls``, or raise a TypeError naming ``name``.

    >>> as_instance(3, "n", int)
    3
    """
    if not isinstance(value, cls):
        what = what or (cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls))
        raise TypeError(f"{name} must be {what}; got {_describe(value)}")
    return value


def as_indices(
    value,
    name: str,
    *,
    high: int | None = None,
    low: int = 0,
    ndim: int | tuple[int, ...] | None = None,
    shape: tuple | None = None,
    layout: str | None = None,
    allow_empty: bool = False,
) -> np.ndarray:
    """Convert ``value`` to an int64 array of indices in ``low … high − 1``, raising errors that name ``name``.

    Whole-valued floats (``2.0``) are accepted; fractions (``2.5``) are not rounded but rejected.

    >>> as_indices([0, 2.0, 1], "y", high=3).tolist()
    [0, 2, 1]
    """
    arr = as_array(value, name, ndim=ndim, shape=shape, layout=layout, dtype=None, allow_empty=allow_empty)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must hold integer indices; got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.integer):
        if np.iscomplexobj(arr) or not np.all(arr == np.round(arr)):
            raise TypeError(
                f"{name} must hold integer indices; got fractions such as {arr[arr != np.round(arr)][0]}"
            )
        arr = arr.astype(np.int64)
    arr = arr.astype(np.int64, copy=False)
    if arr.size and (arr.min() < low or (high is not None and arr.max() >= high)):
        bad = arr[(arr < low) | ((arr >= high) if high is not None else False)][0]
        span = f"{low} … {high - 1}" if high is not None else f"≥ {low}"
        raise ValueError(f"{name} must hold indices in {span}; got {int(bad)}")
    return arr


def as_folder(value, name: str = "data_dir"):
    """Return ``value`` as a ``pathlib.Path`` to an existing folder, or raise naming ``name``.

    >>> as_folder(".", "data_dir").is_dir()
    True
    """
    import os
    from pathlib import Path

    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a folder (a str or pathlib.Path); got {_describe(value)}")
    path = Path(value)
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise ValueError(f"{name} must be an existing folder; got {str(value)!r}, which {what}")
    return path
