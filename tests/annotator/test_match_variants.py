"""Real writing varies: each spelling here must reach its entry without an alias of its own."""
import pytest

from caveat.annotator import annotate, annotate_text


def found(text, kb):
    return [(h.exact, h.treatment) for h in annotate_text(text, kb).highlights]


@pytest.mark.parametrize("variant, treatment", [
    ("Stem Cell Therapy", "stem-cell-therapy"),
    ("stem-cell therapy", "stem-cell-therapy"),
    ("stemcell therapy", "stem-cell-therapy"),
    ("stem cell therapies", "stem-cell-therapy"),
    ("stem cell–based therapies", "stem-cell-therapy"),
    ("“stem cell” therapy", "stem-cell-therapy"),
    ("stem cell pain treatments", "stem-cell-therapy"),
    ("Platelet Rich Plasma", "platelet-rich-plasma"),
    ("ivermetcin", "ivermectin"),
    ("chelaton therapy", "chelation-therapy"),
    ("hydroxychloroquin", "hydroxychloroquine"),
    ("Myers’ cocktail", "myers-cocktail"),
    ("Myers' cocktail", "myers-cocktail"),
    ("WegovyTM", "semaglutide"),   # "Wegovy™" as copied into plain text
])
def test_variant_matches_its_entry(variant, treatment, kb):
    # a highlight starts and ends on a word: an opening quote before the name stays outside it
    assert found(f"Her manager booked {variant} at a clinic abroad.", kb) == [(variant.lstrip("“"), treatment)]


@pytest.mark.parametrize("variant", ["células madre", "celulas madre"])
def test_a_spanish_name_matches_in_spanish_text_only(variant, kb):
    spanish = f"El paciente viajó al extranjero para recibir inyecciones de {variant} en la rodilla."
    assert found(spanish, kb) == [(f"inyecciones de {variant}", "stem-cell-therapy")]   # the longer name wins
    assert found(f"Her manager booked {variant} at a clinic abroad for the treatment of her knee.", kb) == []


def test_variant_split_by_tags_in_html(kb):
    result = annotate("<p>He paid for <b>stem</b> cell <i>therapy</i> in Mexico.</p>", kb)
    assert [(h.exact, h.treatment) for h in result.highlights] == [("stem cell therapy", "stem-cell-therapy")]


@pytest.mark.parametrize("text", [
    "The prp of the file",            # acronym in lower case
    "A CBDx kit",                     # acronym inside a word
    "She holds an MMS degree in management.",
])
def test_acronyms_never_match_loosely(text, kb):
    assert found(text, kb) == []


def test_short_words_never_match_fuzzily(kb):
    for text in ("He took NMD daily.", "The PRB was approved."):
        assert all(h.match == "exact" for h in annotate_text(text, kb).highlights)


def test_a_word_with_another_chemical_ending_is_another_compound_not_a_typo(kb):
    """"Fluorite" is a mineral, one letter from fluoride; a misspelt "flouride" is still fluoride."""
    assert found("Fluorite is a mineral prized by collectors.", kb) == []
    assert [h.treatment for h in annotate_text("Brush with flouride toothpaste.", kb).highlights] == ["fluoride"]


@pytest.mark.parametrize("text, exact, treatment", [
    ("She takes vitamin C a day for colds.", "vitamin C", "high-dose-vitamin-c"),
    ("I take vitamin D3 a day in winter.", "vitamin D3", "vitamin-d-supplements"),
    ("They sell vitamin B17 - a food supplement - for cancer.", "vitamin B17", "laetrile"),
])
def test_a_skipped_word_never_leads_to_a_one_letter_word(text, exact, treatment, kb):
    # "vitamin [C] a" is not vitamin A: a one-letter word never follows a skipped one
    assert [(h.exact, h.treatment) for h in annotate_text(text, kb).highlights] == [(exact, treatment)]


def test_and_or_or_is_never_skipped_inside_a_name(kb):
    # "hydrolysed or collagen peptides" names two things; "testosterone — or supplements" is not testosterone supplements
    assert [h.exact for h in annotate_text("Take hydrolysed or collagen peptides daily.", kb).highlights] == \
        ["collagen peptides"]
    assert [h.exact for h in annotate_text("Men try testosterone — or supplements — for energy.", kb).highlights] == \
        ["testosterone"]


def test_a_word_that_ends_another_treatments_name_is_never_skipped(kb):
    # "hydrogen [peroxide] water" is not hydrogen water: "hydrogen peroxide" is a name of its own
    text = "Give the plant people swear by a hydrogen peroxide water soak for cancer."
    assert [(h.exact, h.treatment) for h in annotate_text(text, kb).highlights] == \
        [("hydrogen peroxide", "hydrogen-peroxide-therapy")]
    # a word skipped after a shorter name of the same treatment still is: "stem cell-based products"
    assert [h.exact for h in annotate_text("Clinics sell stem cell-based products for knees.", kb).highlights] == \
        ["stem cell-based products"]


@pytest.mark.parametrize("text, shown", [
    ("Patients were treated with intravenous chelation therapy for heart disease.",
     [("chelation therapy", "chelation-therapy")]),
    ("IV ketamine therapy remains an option for depression.", [("ketamine therapy", "ketamine")]),
    # a skipped word that names nothing alone still may be skipped, and one that begins the same treatment's name
    ("My rheumatologist put me on a low dose of naltrexone for fibromyalgia.",
     [("low dose of naltrexone", "low-dose-naltrexone")]),
    ("Unlicensed Ayurvedic herbal remedies may contain lead.", [("Ayurvedic herbal remedies", "ayurveda")]),
    ("NAD+ IV drips claim to recharge your cells.", [("NAD+ IV drips", "nad-iv-therapy")]),
])
def test_a_word_that_alone_names_another_treatment_is_never_skipped(text, shown, kb):
    # "intravenous [chelation] therapy" is chelation therapy, not intravenous therapy with a word skipped
    assert [(h.exact, h.treatment) for h in annotate_text(text, kb).highlights] == shown


def test_a_dash_set_off_by_spaces_ends_a_name(kb):
    # "the high-dose B vitamin — a treatment" is no vitamin A; a hyphen inside a name still joins ("stem-cell")
    text = "The FDA approved the high-dose B vitamin — a treatment long used against chemotherapy's side effects."
    assert [h.treatment for h in annotate_text(text, kb).highlights] == ["chemotherapy"]
    assert [h.exact for h in annotate_text("Clinics sell stem-cell therapy for knees.", kb).highlights] == \
        ["stem-cell therapy"]


def test_overlaps_resolved_longest_wins(kb):
    result = annotate_text("The clinic sold platelet-rich plasma therapy and stem cell therapy.", kb)
    spans = [(h.start, h.end) for h in result.highlights]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert [h.treatment for h in result.highlights] == ["platelet-rich-plasma", "stem-cell-therapy"]


def test_match_never_spans_paragraphs(kb):
    assert found("We talked about stem cell\n\ntherapy later.", kb) == []
    assert annotate("<p>stem cell</p><p>therapy</p>", kb).highlights == ()
    assert annotate("<td>stem cell</td><td>therapy</td>", kb).highlights == ()


def test_match_does_not_cross_a_sentence(kb):
    assert found("We studied the stem cell. Therapy came later.", kb) == []


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_an_acronym_in_the_possessive_still_names_its_treatment(apostrophe, kb):
    text = f"Clinics sell PRP for knee pain. This review covers PRP{apostrophe}s mechanisms of action in the knee."
    assert found(text, kb) == [("PRP", "platelet-rich-plasma"), ("PRP", "platelet-rich-plasma")]



def test_a_typo_of_a_brand_is_taken_only_where_it_is_capitalised(kb):
    """A brand is written with a capital: "Celebrx" is a slip, "cause celebre" is French."""
    assert found("She took Celebrx for her arthritis pain.", kb) == [("Celebrx", "nsaids")]
    assert found("A 1932 cause celebre, it made an international star out of its star.", kb) == []
