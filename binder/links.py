"""Launch links for the lessons: mybinder.org for learners, nbgitpuller on a JupyterHub for a class.

The repository's ``owner/name`` lives in one place, ``binder/REPO``; a fork changes that line and runs
``python binder/links.py readme --write`` to point the README's Binder links at itself.

Usage (from the repository root; standard library only)::

    python binder/links.py binder                      # Binder badge + one launch link per lesson (Markdown)
    python binder/links.py hub https://hub.example.edu # nbgitpuller links for your JupyterHub, per lesson
    python binder/links.py image registry.example.edu/rnn-lessons:2026-1  # repo2docker command for the hub image
    python binder/links.py readme --check              # README's Binder links use binder/REPO (tests do this)
    python binder/links.py readme --write              # rewrite them to binder/REPO

>>> binder_url("ada/rnn-lessons", "01_sequential_data")
'https://mybinder.org/v2/gh/ada/rnn-lessons/main?urlpath=lab/tree/notebooks/01_sequential_data.ipynb'
>>> nbgitpuller_url("https://hub.example.edu/", "ada/rnn-lessons", "02_recurrence")  # doctest: +NORMALIZE_WHITESPACE
'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fada%2Frnn-lessons&branch=main&urlpath=lab%2Ftree%2Frnn-lessons%2Fnotebooks%2F02_recurrence.ipynb'
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
REPO_FILE = ROOT / "binder" / "REPO"
BRANCH = "main"
BADGE = "https://mybinder.org/badge_logo.svg"
# The hub image: the same Binder configuration, plus nbgitpuller (which the hub's links need), with the
# repository (and the editable rnnlib) outside /home/jovyan, which JupyterHub mounts per student.
NBGITPULLER = "nbgitpuller==1.3.0"
HUB_REPO_DIR = "/srv/rnn-lessons"

_SLUG = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_LESSON = re.compile(r"^\d\d_[a-z0-9_]+$")
_BINDER_LINK = re.compile(r"(https://mybinder\.org/v2/gh/)([^/\s)]+/[^/\s)]+)/")


def read_repo(path: Path = REPO_FILE) -> str:
    """The ``owner/name`` written in binder/REPO (its first non-empty line)."""
    lines = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    slug = lines[0] if lines else ""
    if not _SLUG.match(slug):
        raise ValueError(f"{path}: expected one line 'owner/name' (a GitHub repository), got {slug!r}")
    return slug


def lessons(root: Path = ROOT) -> list[str]:
    """The lesson notebooks' names without ``.ipynb``, in order: ``['01_sequential_data', ...]``."""
    return sorted(p.stem for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _check(repo: str, lesson: str | None) -> None:
    if not _SLUG.match(repo):
        raise ValueError(f"repo must be 'owner/name', got {repo!r}")
    if lesson is not None and not _LESSON.match(lesson):
        raise ValueError(f"lesson must be a notebook name like '01_sequential_data', got {lesson!r}")


def binder_url(repo: str, lesson: str | None = None, branch: str = BRANCH) -> str:
    """mybinder.org link that opens JupyterLab at ``notebooks/<lesson>.ipynb`` (or at notebooks/)."""
    _check(repo, lesson)
    path = f"notebooks/{lesson}.ipynb" if lesson else "notebooks"
    return f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab/tree/{path}"


def binder_badge(repo: str, lesson: str = "01_sequential_data", branch: str = BRANCH) -> str:
    """The Markdown "launch binder" badge, opening ``lesson``."""
    return f"[![Launch on Binder]({BADGE})]({binder_url(repo, lesson, branch)})"


def nbgitpuller_url(hub: str, repo: str, lesson: str | None = None, branch: str = BRANCH) -> str:
    """A JupyterHub link that clones/updates the repository into the student's home and opens ``lesson``.

    nbgitpuller puts the clone in a folder named after the repository, merges upstream changes
    without touching the student's own edits, and opens JupyterLab there.
    """
    _check(repo, lesson)
    if not re.match(r"^https?://[^\s/]+", hub):
        raise ValueError(f"hub must be the hub's base URL such as 'https://hub.example.edu', got {hub!r}")
    name = repo.split("/")[1]
    path = f"lab/tree/{name}/notebooks/{lesson}.ipynb" if lesson else f"lab/tree/{name}/notebooks"
    query = urlencode(
        {"repo": f"https://github.com/{repo}", "branch": branch, "urlpath": path}, quote_via=quote
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def hub_image_command(repo: str, image: str, branch: str = BRANCH) -> list[str]:
    """The repo2docker command that builds (and pushes) the single-user image for a JupyterHub."""
    _check(repo, None)
    return [
        "jupyter-repo2docker", "--no-run", "--push",
        "--user-id", "1000", "--user-name", "jovyan",
        "--target-repo-dir", HUB_REPO_DIR,
        "--appendix", f"RUN python -m pip install --no-cache-dir {NBGITPULLER}",
        "--image-name", image, "--ref", branch,
        f"https://github.com/{repo}",
    ]  # fmt: skip


def readme_links(text: str) -> list[str]:
    """The ``owner/name`` of every mybinder.org link in ``text``."""
    return [m.group(2) for m in _BINDER_LINK.finditer(text)]


def point_readme_at(text: str, repo: str) -> str:
    """``text`` with every mybinder.org link pointing at ``repo``."""
    _check(repo, None)
    return _BINDER_LINK.sub(lambda m: f"{m.group(1)}{repo}/", text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python binder/links.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("binder", help="Binder badge and per-lesson launch links (Markdown)")
    hub = sub.add_parser("hub", help="nbgitpuller links for a JupyterHub")
    hub.add_argument("hub_url")
    image = sub.add_parser("image", help="repo2docker command for the hub's single-user image")
    image.add_argument("image_name")
    readme = sub.add_parser("readme", help="check or rewrite the README's Binder links")
    readme.add_argument("--write", action="store_true")
    readme.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    repo = read_repo()

    if args.command == "binder":
        print(binder_badge(repo))
        for lesson in lessons():
            print(f"- {lesson}: [launch]({binder_url(repo, lesson)})")
    elif args.command == "hub":
        print(f"- all lessons: {nbgitpuller_url(args.hub_url, repo)}")
        for lesson in lessons():
            print(f"- {lesson}: {nbgitpuller_url(args.hub_url, repo, lesson)}")
    elif args.command == "image":
        print(" ".join(f"'{a}'" if " " in a else a for a in hub_image_command(repo, args.image_name)))
    else:
        path = ROOT / "README.md"
        text = path.read_text()
        wrong = sorted({slug for slug in readme_links(text) if slug != repo})
        if args.write:
            path.write_text(point_readme_at(text, repo))
            print(f"README.md: Binder links now point at {repo}")
        elif wrong:
            print(f"README.md: Binder links point at {wrong}, binder/REPO says {repo}: "
                  "run `python binder/links.py readme --write`")  # fmt: skip
            return 1
        else:
            print(f"README.md: {len(readme_links(text))} Binder links, all at {repo}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
