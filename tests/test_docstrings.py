"""Every example in rnnlib's docstrings runs and prints what it says (doctest)."""

import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import rnnlib

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(rnnlib.__path__, prefix="rnnlib.")
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module,
        extraglobs={"np": np},
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.failed == 0, (
        f"{result.failed} docstring example(s) failed in {name}; run: python -m doctest -v"
    )
