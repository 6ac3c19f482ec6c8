"""The typed vocabulary of verdicts: the Literal types of annotator/levels.py, the tuples the code orders by, and the
JSON Schemas (the contract the server and extension read) say the same words in the same order."""
import json
from importlib import resources
from typing import get_args

from caveat.annotator.levels import ALL_LEVELS, EVIDENCE, LEVELS, RISKS, Evidence, Level, Risk, ShownLevel


def schema(name: str) -> dict:
    return json.loads(resources.files("caveat.annotator").joinpath(f"schemas/{name}").read_text("utf-8"))


def test_literal_types_match_the_ordered_tuples():
    assert get_args(Evidence) == EVIDENCE
    assert get_args(Risk) == RISKS
    assert get_args(Level) == LEVELS
    assert get_args(ShownLevel) == ALL_LEVELS


def test_literal_types_match_the_annotations_schema():
    defs = schema("annotations.schema.json")["$defs"]
    assert tuple(defs["evidence"]["enum"]) == get_args(Evidence)
    assert tuple(defs["risk"]["enum"]) == get_args(Risk)
    assert tuple(defs["level"]["enum"]) == get_args(Level)
    assert tuple(defs["shown_level"]["enum"]) == get_args(ShownLevel)


def test_both_packages_say_they_are_typed():
    for package in ("caveat.annotator", "caveat.server"):
        assert resources.files(package).joinpath("py.typed").is_file(), package
