import pytest

from caveat.annotator import KnowledgeBase


@pytest.fixture(scope="session")
def kb():
    return KnowledgeBase.load()
