"""Small data files shipped in ``data/``, each verified against its SHA-256 checksum before use.

Every file ``data/NAME`` has a sidecar ``data/NAME.sha256`` holding its checksum (the format of
``sha256sum``, so ``cd data && sha256sum -c *.sha256`` checks them all by hand). Files are read as
plain text or CSV, never unpickled. A missing file gives a ``FileNotFoundError``, a truncated or
edited one a ``ValueError``, each saying which file and what to do, not a parser traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import numpy as np

from ._validate import as_folder

__all__ = ["load_csv"]

#: Where the lessons' data files live (the repository's ``data/`` folder).
_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _sha256_of(path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _resolve(name: str, data_dir) -> Path:
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a file name in data/, such as 'corpus.txt'; got {name!r}")
    base = as_folder(data_dir, "data_dir") if data_dir is not None else _DATA_DIR
    path = base / name
    if path.resolve().parent != base.resolve():
        raise ValueError(f"name must be a plain file name inside {base}; got {name!r}")
    return path


def _write_checksum(name: str, data_dir=None) -> Path:
    """Write ``data/NAME.sha256`` for ``data/NAME`` (used by the scripts that generate data files)."""
    path = _resolve(name, data_dir)
    sidecar = path.with_name(path.name + ".sha256")
    sidecar.write_text(f"{_sha256_of(path)}  {path.name}\n", encoding="utf-8")
    return sidecar


def _verified_path(name: str, data_dir=None) -> Path:
    """Return the path of ``data/NAME`` after checking it against ``data/NAME.sha256``.

    Raises ``FileNotFoundError`` if the file or its checksum file is missing, ``ValueError`` if the
    checksum does not match.

    >>> _verified_path("no-such-file.txt")
    Traceback (most recent call last):
    ...
    FileNotFoundError: data file no-such-file.txt is missing ...
    """
    path = _resolve(name, data_dir)
    sidecar = path.with_name(path.name + ".sha256")
    if not path.is_file():
        raise FileNotFoundError(
            f"data file {name} is missing (looked in {path.parent}); it ships with the repository: "
            f"restore it with `git checkout -- data/{name}`"
        )
    if not sidecar.is_file():
        raise FileNotFoundError(f"checksum file {sidecar.name} for data file {name} is missing")
    expected = sidecar.read_text(encoding="utf-8").split()[0].lower() if sidecar.stat().st_size else ""
    actual = _sha256_of(path)
    if actual != expected and _crlf_copy_matches(path, expected):
        raise ValueError(
            f"data file {name} has Windows line endings (CRLF): Git converted it when it checked the repository "
            f"out (core.autocrlf=true), so its checksum no longer matches. The repository's .gitattributes keeps "
            f"data files byte-exact; delete data/{name} and run `git checkout -- data/{name}` to get the original "
            f"(or clone again with `git clone -c core.autocrlf=false ...`)"
        )
    if actual != expected:
        raise ValueError(
            f"data file {name} is corrupted or was changed: its SHA-256 is {actual[:12]}…, expected "
            f"{expected[:12] or '(empty checksum file)'}…; restore it with `git checkout -- data/{name}` "
            f"(or, if you changed it on purpose, regenerate its checksum)"
        )
    return path


def _crlf_copy_matches(path: Path, expected: str) -> bool:
    """Whether the file is the original with every LF turned into CRLF (Git's autocrlf on Windows)."""
    data = path.read_bytes()
    return b"\r\n" in data and hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest() == expected


def _load_text_lines(name: str, data_dir=None) -> list[str]:
    """The non-empty lines (stripped) of a verified UTF-8 text file, in file order."""
    text = _read_utf8(_verified_path(name, data_dir), name)
    return [line.strip() for line in text.splitlines() if line.strip()]


def _read_utf8(path: Path, name: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"data file {name} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _parses(kind, value: str) -> bool:
    try:
        kind(value)
    except ValueError:
        return False
    return True


def _date(value: str):
    date = np.datetime64(value, "D")
    if np.isnat(date):  # an empty cell parses as "not a time"
        raise ValueError(f"not a date: {value!r}")
    return date


def _convert_column(file: str, column: str, values: list[str]):
    """Numbers, dates or text; a column of numbers (or dates) with a few other cells is an error, not text."""
    for kind in (int, float, _date):
        good = [_parses(kind, v) for v in values]
        if all(good):
            return (
                np.array(values, dtype="datetime64[D]")
                if kind is _date
                else np.array([kind(v) for v in values])
            )
        if (
            kind is not int and sum(good) > len(values) / 2
        ):  # mostly numbers (dates): one stray cell is a mistake
            row = good.index(False)
            what = "dates" if kind is _date else "numbers"
            raise ValueError(
                f"data file {file}, line {row + 2}, column {column!r}: {values[row]!r} in a column of {what}"
            )
    return np.array(values, dtype=str)


def load_csv(name: str, data_dir=None, *, columns: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """Read a verified CSV file with a header row into a dict of 1-D numpy arrays, one per column.

    Columns of integers become ``int64``, of numbers ``float64``, of ISO dates (``2024-01-31``)
    ``datetime64[D]``, anything else ``str``. A column of numbers (or dates) with a stray cell (``five``,
    an empty cell) raises ``ValueError`` naming its line, rather than quietly becoming text.

    Parameters
    ----------
    name : str
        File name inside ``data/``.
    columns : tuple of str, optional
        Columns that must be present; a missing one raises ``ValueError``.

    Returns
    -------
    dict of str to ndarray, each of shape (rows,)

    Examples
    --------
    >>> table = load_csv("fashion_sales.csv", columns=("date", "sales"))
    >>> table["date"][:2].tolist(), table["sales"].shape
    ([datetime.date(2022, 1, 1), datetime.date(2022, 1, 2)], (1096,))
    """
    if columns is not None and (
        isinstance(columns, str)
        or not isinstance(columns, (tuple, list))
        or not all(isinstance(c, str) for c in columns)
    ):
        raise TypeError(
            f"columns must be a tuple of column names (str), such as ('date', 'sales'); got {columns!r}"
        )
    text = _read_utf8(_verified_path(name, data_dir), name)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not rows[0]:
        raise ValueError(f"data file {name} has no header row")
    header, body = rows[0], [r for r in rows[1:] if r]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ValueError(f"data file {name}, line {number}: {len(row)} fields, expected {len(header)}")
    table = {col: _convert_column(name, col, [row[i] for row in body]) for i, col in enumerate(header)}
    missing = [c for c in (columns or ()) if c not in table]
    if missing:
        raise ValueError(f"data file {name} lacks column(s) {missing}; it has {header}")
    return table
