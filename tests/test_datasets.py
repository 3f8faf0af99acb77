import numpy as np
import pytest

from rnnlib import datasets


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "lines.txt").write_text("the cat sat\n\n  a dog  \n", encoding="utf-8")
    (tmp_path / "table.csv").write_text("date,sales,promo,name\n2024-01-01,3,0,a\n2024-01-02,5.5,1,b\n")
    for name in ("lines.txt", "table.csv"):
        datasets._write_checksum(name, tmp_path)
    return tmp_path


def test_every_shipped_data_file_matches_its_checksum():
    for sidecar in sorted(datasets._DATA_DIR.glob("*.sha256")):
        datasets._verified_path(sidecar.name[: -len(".sha256")])
    for path in datasets._DATA_DIR.iterdir():
        if path.suffix != ".sha256" and path.name != "README.md" and not path.name.startswith("."):
            assert path.with_name(path.name + ".sha256").exists(), f"{path.name} has no checksum"


def test_load_text_lines(data_dir):
    assert datasets._load_text_lines("lines.txt", data_dir) == ["the cat sat", "a dog"]


def test_load_csv_types_columns(data_dir):
    table = datasets.load_csv("table.csv", data_dir, columns=("date", "sales"))
    assert table["date"].dtype == np.dtype("datetime64[D]")
    assert table["sales"].tolist() == [3.0, 5.5] and table["promo"].dtype.kind == "i"
    assert table["name"].tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="lacks column\\(s\\) \\['price'\\]"):
        datasets.load_csv("table.csv", data_dir, columns=("price",))


def test_a_changed_file_is_refused_with_a_clear_error(data_dir):
    with open(data_dir / "lines.txt", "a", encoding="utf-8") as handle:
        handle.write("one more line\n")
    with pytest.raises(
        ValueError, match="lines.txt is corrupted or was changed.*git checkout -- data/lines.txt"
    ):
        datasets._load_text_lines("lines.txt", data_dir)


def test_a_truncated_csv_is_refused_before_parsing(data_dir):
    text = (data_dir / "table.csv").read_text()
    (data_dir / "table.csv").write_text(text[:30])
    with pytest.raises(ValueError, match="corrupted"):
        datasets.load_csv("table.csv", data_dir)


def test_missing_file_and_missing_checksum(data_dir):
    with pytest.raises(FileNotFoundError, match="nope.txt is missing"):
        datasets._verified_path("nope.txt", data_dir)
    (data_dir / "extra.txt").write_text("x")
    with pytest.raises(FileNotFoundError, match="checksum file extra.txt.sha256"):
        datasets._verified_path("extra.txt", data_dir)


def test_ragged_csv_and_non_utf8(data_dir):
    (data_dir / "bad.csv").write_text("a,b\n1,2\n3\n")
    datasets._write_checksum("bad.csv", data_dir)
    with pytest.raises(ValueError, match="line 3: 1 fields, expected 2"):
        datasets.load_csv("bad.csv", data_dir)
    (data_dir / "latin.txt").write_bytes("café".encode("latin-1"))
    datasets._write_checksum("latin.txt", data_dir)
    with pytest.raises(ValueError, match="not UTF-8"):
        datasets._load_text_lines("latin.txt", data_dir)


@pytest.mark.parametrize(("name", "error"), [("../README.md", ValueError), ("", TypeError), (3, TypeError)])
def test_names_must_be_plain_files_in_data(name, error):
    with pytest.raises(error, match="name must be"):
        datasets._verified_path(name)


@pytest.mark.parametrize("name", ["corpus.txt", "fashion_sales.csv"])
def test_a_crlf_copy_of_a_shipped_file_says_what_happened_and_how_to_fix_it(tmp_path, name):
    """Git for Windows with core.autocrlf=true writes CRLF; the learner must learn why and what to run."""
    original = datasets._DATA_DIR / name
    (tmp_path / name).write_bytes(original.read_bytes().replace(b"\n", b"\r\n"))
    (tmp_path / f"{name}.sha256").write_bytes((datasets._DATA_DIR / f"{name}.sha256").read_bytes())
    with pytest.raises(ValueError, match=r"Windows line endings \(CRLF\)") as error:
        datasets._verified_path(name, tmp_path)
    assert f"git checkout -- data/{name}" in str(error.value) and "autocrlf" in str(error.value)


def test_gitattributes_keeps_data_files_and_notebooks_byte_exact():
    """`git check-attr` on the real repository: no line-ending conversion for data/, LF for notebooks and scripts."""
    import shutil
    import subprocess

    root = datasets._DATA_DIR.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(
        ["git", "check-attr", "text", "eol", "--", "data/corpus.txt", "notebooks/01_sequential_data.ipynb", ".ci/run"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "data/corpus.txt: text: unset" in out
    assert "notebooks/01_sequential_data.ipynb: eol: lf" in out and ".ci/run: eol: lf" in out


def _write(folder, name, content: bytes):
    (folder / name).write_bytes(content)
    datasets._write_checksum(name, folder)


def test_load_csv_refuses_non_utf8_like_the_text_loader(tmp_path):
    _write(tmp_path, "latin1.csv", "name,value\ncaf\xe9,1\n".encode("latin-1"))
    with pytest.raises(ValueError, match="latin1.csv is not UTF-8"):
        datasets.load_csv("latin1.csv", tmp_path)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"day,sales\n1,4\n2,five\n3,6\n", "line 3, column 'sales': 'five'"),
        (b"day,sales\n1,4\n2,\n3,6\n", "line 3, column 'sales': ''"),
        (b"date,x\n2024-01-01,a\n,b\n2024-01-03,c\n", "line 3, column 'date'"),
    ],
)
def test_a_stray_cell_in_a_number_column_is_an_error(tmp_path, content, where):
    _write(tmp_path, "stray.csv", content)
    with pytest.raises(ValueError, match=where):
        datasets.load_csv("stray.csv", tmp_path)


@pytest.mark.parametrize("columns", ["sales", ("sales", 3), 3])
def test_load_csv_columns_must_be_names(data_dir, columns):
    with pytest.raises(TypeError, match="columns"):
        datasets.load_csv("table.csv", data_dir, columns=columns)


def test_data_dir_must_be_an_existing_folder(data_dir):
    for bad in (3, data_dir / "no-such-folder", data_dir / "table.csv"):
        with pytest.raises((TypeError, ValueError), match="data_dir"):
            datasets.load_csv("table.csv", bad)
