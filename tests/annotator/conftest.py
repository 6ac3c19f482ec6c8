import json
from importlib import resources

import jsonschema
import pytest

from caveat.annotator import KnowledgeBase


@pytest.fixture(scope="session")
def kb():
    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def output_validator():
    schema = json.loads(resources.files("caveat.annotator").joinpath("schemas/annotations.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)
