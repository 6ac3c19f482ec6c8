"""A result can be shared: nothing a caller does to it, or to the JSON made from it, changes a later answer."""
import dataclasses

import pytest

from caveat.annotator import annotate_text

TEXT = "He took ivermectin for COVID-19."


def test_cards_in_results_are_frozen(kb):
    result = annotate_text(TEXT, kb)
    card = result.treatments["ivermectin"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.summary = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.treatments["ivermectin"] = card  # type: ignore[index]
    with pytest.raises(TypeError):
        card.regulatory["US"] = card.regulatory["US"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        card.risks.append("x")  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.highlights[0].level = "established"  # type: ignore[misc]


def test_to_dict_is_a_copy(kb):
    first = annotate_text(TEXT, kb).to_dict()
    before = annotate_text(TEXT, kb).to_dict()
    first["treatments"]["ivermectin"]["summary"] = "changed"
    first["treatments"]["ivermectin"]["risks"].append("changed")
    first["treatments"]["ivermectin"]["regulatory"]["US"]["sources"].append("changed")
    first["treatments"]["ivermectin"]["sources"][0]["url"] = "https://changed.example"
    first["highlights"][0]["level"] = "established"
    assert annotate_text(TEXT, kb).to_dict() == before
    assert kb.card("ivermectin").to_dict() == before["treatments"]["ivermectin"]


def test_summaries_are_copies(kb):
    kb.summaries()[0]["name"] = "changed"
    kb.search("ivermectin")[0]["name"] = "changed"
    assert "changed" not in {s["name"] for s in kb.summaries() + kb.search("ivermectin")}
