"""YAML 1.1 surprises never reach a card: keys and values stay the text a maintainer wrote (YAML 1.2 behaviour), and
only a field the schema wants as a number or a yes/no is converted, from YAML 1.2's plain forms only."""
import pytest

from caveat.annotator import KnowledgeBase
from caveat.annotator.kb import read_kb

from test_kb_check import GOOD, TODAY, check

TRICKY = ["NO", "Yes", "on", "1e3", "0x10", "off", "null-ish", "2026-01-01", "1_000", ".inf"]


@pytest.mark.parametrize("word", TRICKY)
def test_tricky_words_stay_text_as_keys_fields_and_list_items(tmp_path, word):
    text = (GOOD.replace("  US:\n", f"  {word}:\n" if word.isupper() else "  US:\n")
            .replace("  - sample remedy\n", f"  - sample remedy\n  - sample remedy {word}\n")
            .replace("    words: [cold, colds]", f"    words: [cold, colds, {word}]")
            .replace("    publisher: Somebody", f"    publisher: {word}"))
    (tmp_path / "sample-cure.yaml").write_text(text)
    assert read_kb(tmp_path, TODAY).problems == []
    kb = KnowledgeBase.load(tmp_path, today=TODAY)
    card = kb.card("sample-cure")
    assert card.sources[1].publisher == word
    assert "sample remedy " + word in [a.name for a in kb.entry("sample-cure").aliases]
    assert card.sources[0].year == 2024 and card.sources[1].year == 2023
    if word.isupper():
        assert list(card.regulatory) == [word]


def test_norway_is_a_region_not_false(tmp_path):
    (tmp_path / "sample-cure.yaml").write_text(GOOD.replace("  US:\n", "  NO:\n"))
    assert list(KnowledgeBase.load(tmp_path, today=TODAY).card("sample-cure").regulatory) == ["NO"]


@pytest.mark.parametrize("year, message", [
    ("1e3", "sample-cure.yaml:29: sources[0].year: '1e3' is not of type 'integer'"),
    ("0x7E8", "sample-cure.yaml:29: sources[0].year: '0x7E8' is not of type 'integer'"),
    ('"2024"', "sample-cure.yaml:29: sources[0].year: '2024' is not of type 'integer'"),
    ("2024.0", "sample-cure.yaml:29: sources[0].year: '2024.0' is not of type 'integer'"),
])
def test_a_number_field_takes_only_a_plain_integer(tmp_path, year, message):
    problems = check(tmp_path, GOOD.replace("year: 2024", f"year: {year}"))
    assert any(p.startswith(message) for p in problems), problems


@pytest.mark.parametrize("value, ok", [("true", True), ("True", True), ("yes", False), ("on", False), ('"true"', False)])
def test_a_yes_no_field_takes_only_true_or_false(tmp_path, value, ok):
    problems = check(tmp_path, GOOD.replace("exact: true", f"exact: {value}"))
    assert (problems == []) is ok, problems
    if not ok:
        assert any(p.startswith("sample-cure.yaml:10: aliases[1].exact: ") for p in problems), problems
