"""No dead link for a learner: every link in the README, the docs and the lessons' markdown resolves.

Relative targets must exist and their anchors must name a heading there; no URL may contain binder/REPO's
placeholder (OWNER/NAME). External URLs are not fetched (the test runs offline). The README's launch links
are checked as they are (the placeholder: no launch link at all) and as `binder/links.py readme --write`
would write them for a real owner/name.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("links", ROOT / "binder" / "links.py")
links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(links)

MARKDOWN_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']""")
BARE_URL = re.compile(r"https?://[^\s)\]>'\"`]+")


def documents() -> list[Path]:
    """Every Markdown file a learner or lecturer reads, and every lesson notebook."""
    files = [ROOT / "README.md", *sorted(ROOT.glob("*.md")), *sorted((ROOT / "docs").glob("**/*.md"))]
    files += [ROOT / "data" / "README.md", *sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    return sorted({f for f in files if f.exists()})


def markdown_of(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def _without_code(text: str) -> str:
    """Markdown without fenced code blocks and inline code (a command is not a link)."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def targets(text: str) -> list[str]:
    text = _without_code(text)
    found = MARKDOWN_LINK.findall(text) + HTML_LINK.findall(text)
    found += [u for u in BARE_URL.findall(text) if not any(u in f for f in found)]
    return found


def heading_anchors(path: Path) -> set[str]:
    """Anchors a heading gets on GitHub (and, for notebooks, in JupyterLab)."""
    anchors = set()
    for line in _without_code(markdown_of(path)).splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            title = re.sub(r"\$[^$]*\$", lambda m: m.group(0).strip("$"), match.group(1))
            title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title).strip()
            github = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
            anchors |= {github, title.replace(" ", "-")}
    return anchors


def problems(path: Path, text: str | None = None) -> list[str]:
    text = markdown_of(path) if text is None else text
    found = []
    for target in targets(text):
        where = f"{path.relative_to(ROOT)}: {target}"
        if links.PLACEHOLDER in target or "OWNER/" in target:
            found.append(f"{where} contains the placeholder {links.PLACEHOLDER}")
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http(s), mailto ...: not fetched
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.exists():
            found.append(
                f"{where}: no such file {resolved.relative_to(ROOT) if ROOT in resolved.parents else resolved}"
            )
        elif anchor and resolved.suffix in (".md", ".ipynb") and anchor not in heading_anchors(resolved):
            found.append(f"{where}: no heading with the anchor #{anchor} in {resolved.name}")
    return found


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_resolves(path):
    assert not problems(path), "\n".join(problems(path))


def test_readme_launch_links_follow_binder_repo():
    """`python binder/links.py readme --check` passes: the README was written from binder/REPO."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    repo = links.read_repo()
    assert links.with_launch_block(text, repo, links.lessons()) == text, (
        "README's launch links do not follow binder/REPO: run `python binder/links.py readme --write`"
    )
    if repo == links.PLACEHOLDER:
        assert "mybinder.org/v2" not in text and "colab.research.google.com/github" not in text


def test_readme_with_a_real_owner_name_has_working_launch_links():
    """What `readme --write` would write for a published repository: every lesson, Binder and Colab, no dead link."""
    text = links.with_launch_block(
        (ROOT / "README.md").read_text(encoding="utf-8"), "ada/rnn-lessons", links.lessons()
    )
    assert not problems(ROOT / "README.md", text)
    for lesson in links.lessons():
        assert links.binder_url("ada/rnn-lessons", lesson) in text
        assert links.colab_url("ada/rnn-lessons", lesson) in text
    opened = re.findall(r"/notebooks/(\d\d_[a-z0-9_]+)\.ipynb", text)
    assert set(opened) == set(links.lessons()) and all(
        (ROOT / "notebooks" / f"{n}.ipynb").exists() for n in opened
    )


def test_the_link_checker_finds_dead_links(tmp_path):
    """A checker that cannot fail proves nothing: a dead file, a dead anchor and the placeholder are all caught."""
    page = ROOT / "README.md"
    text = (
        "[a](no-such-file.md) [b](LICENSE#nothing-here) [c](#no-such-heading) [d](https://x.org/OWNER/NAME)"
    )
    found = problems(page, text)
    assert (
        len(found) == 3 and any("no such file" in f for f in found) and any("placeholder" in f for f in found)
    )
    assert any("#no-such-heading" in f for f in found)
