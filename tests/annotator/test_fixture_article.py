"""A hand-written celebrity health story (annotator/examples) with its exact expected highlights."""
from importlib import resources

from caveat.annotator import annotate

EXAMPLE = resources.files("caveat.annotator").joinpath("examples/celebrity-stem-cells.html").read_bytes()

EXPECTED = [
    # (exact, treatment, level, indication)
    ("Muse stem cell treatment", "muse-cells", "danger", "joints, pain and anti-ageing (clinic use)"),
    ("platelet-rich plasma", "platelet-rich-plasma", "caution", "knee osteoarthritis"),
    ("NAD+ drip", "nad-iv-therapy", "warning", "anti-ageing, energy and longevity"),
    ("exosome facials", "exosomes", "warning", "skin, hair and beauty treatments"),
    ("Myers’ cocktail", "myers-cocktail", "depends", None),  # its uses differ, and nothing here names one
    ("ivermectin", "ivermectin", "warning", "COVID-19"),
    ("stem cell transplant", "stem-cell-therapy", "established",
     "blood cancers and some blood or immune disorders (transplant)"),
    ("physical therapy", "physical-therapy", "established", None),
    ("corticosteroid injection", "corticosteroid-injection", "caution", "sciatica (epidural injection)"),
]


def test_expected_highlights(kb):
    result = annotate(EXAMPLE, kb)
    assert [(h.exact, h.treatment, h.level, h.indication) for h in result.highlights] == EXPECTED


def test_script_title_and_form_field_are_not_read(kb):
    text = annotate(EXAMPLE, kb).text
    assert "analytics" not in text and "miracle” comeback | Glow" not in text
    assert "newsletter" not in text


def test_cards_for_every_highlight_and_nothing_else(kb, output_validator):
    result = annotate(EXAMPLE, kb).to_dict()
    output_validator.validate(result)
    assert set(result["treatments"]) == {t for _, t, _, _ in EXPECTED}
    for card in result["treatments"].values():
        assert card["sources"] and all(s["url"].startswith("https://") for s in card["sources"])
