"""The examples in the library's docstrings are run, so they cannot drift from what the code does."""
import doctest
import importlib
import pkgutil

import pytest

import caveat.annotator

MODULES = ["caveat.annotator"] + [f"caveat.annotator.{m.name}" for m in pkgutil.iter_modules(caveat.annotator.__path__)
                                  if m.name != "__main__"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
