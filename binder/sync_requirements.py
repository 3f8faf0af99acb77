"""Write binder/requirements.txt from requirements.txt: the same pins, resolved for Binder's machine.

requirements.txt is the one source of truth. Binder (repo2docker on Linux x86_64, Python 3.11) gets:

- every pinned line whose environment marker holds on that machine, without the marker
  (so ``tensorflow-cpu``, never the full ``tensorflow`` wheel);
- no ``-e .``: the local package is installed by binder/postBuild, after the requirements, so the
  heavy requirements layer stays cached between commits.

Usage (from the repository root)::

    python binder/sync_requirements.py          # rewrite binder/requirements.txt
    python binder/sync_requirements.py --check  # exit 1 if it is out of date (tests/test_binder.py does this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "requirements.txt"
TARGET = ROOT / "binder" / "requirements.txt"

# The machine mybinder.org builds for (binder/runtime.txt says python-3.11).
BINDER_ENVIRONMENT = {
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
    "os_name": "posix",
    "python_version": "3.11",
    "python_full_version": "3.11.0",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}

HEADER = """\
# GENERATED from ../requirements.txt by `python binder/sync_requirements.py`: do not edit by hand.
# The same pins, for Binder's Linux x86_64 / Python 3.11 (tensorflow-cpu); the local package is
# installed by binder/postBuild so that this layer stays cached between commits.
"""


def binder_requirements(text: str) -> str:
    """The text of binder/requirements.txt for the text of requirements.txt.

    >>> print(binder_requirements('numpy==2.4.6\\n'
    ...     'tensorflow-cpu==2.21.0 ; sys_platform == "linux" and platform_machine == "x86_64"\\n'
    ...     'tensorflow==2.21.0 ; sys_platform != "linux"\\n-e .\\n'), end="")  # doctest: +ELLIPSIS
    # GENERATED ...
    numpy==2.4.6
    tensorflow-cpu==2.21.0
    """
    lines = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-e") or line.startswith("--editable"):
            continue
        if line.startswith("-"):
            raise ValueError(f"requirements.txt: expected only pins and '-e .', got option line {raw!r}")
        req = Requirement(line)
        if req.url or len(req.specifier) != 1 or next(iter(req.specifier)).operator != "==":
            raise ValueError(f"requirements.txt: expected an exact pin 'name==version', got {raw!r}")
        if req.marker is not None and not req.marker.evaluate(BINDER_ENVIRONMENT):
            continue
        extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
        lines.append(f"{req.name}{extras}{req.specifier}")
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    wanted = binder_requirements(SOURCE.read_text())
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text() != wanted:
            print("binder/requirements.txt is out of date: run `python binder/sync_requirements.py`")
            return 1
        print("binder/requirements.txt matches requirements.txt")
        return 0
    TARGET.write_text(wanted)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
