"""The verdict depends on the use the article talks about."""
import pytest

from caveat.annotator import Page, annotate_text


def only(text, kb, page=Page()):
    (h,) = annotate_text(text, kb, page).highlights
    return h


@pytest.mark.parametrize("text, treatment, evidence", [
    ("A stem cell transplant for leukemia saved her life.", "stem-cell-therapy", "established"),
    ("He got stem cell therapy for back pain in Panama.", "stem-cell-therapy", "unproven"),
    ("Ivermectin treats river blindness.", "ivermectin", "established"),
    ("People took ivermectin for COVID-19.", "ivermectin", "disproven"),
    ("La quelación es un tratamiento médico probado en la intoxicación por plomo.", "chelation-therapy",
     "established"),
    ("Le ofrecieron terapia de quelación para el autismo de su hijo.", "chelation-therapy", "unproven"),
    ("Chelation therapy is the treatment for lead poisoning.", "chelation-therapy", "established"),
])
def test_condition_words_pick_the_indication(text, treatment, evidence, kb):
    h = only(text, kb)
    assert (h.treatment, h.evidence) == (treatment, evidence)
    assert h.indication is not None


def test_no_use_named_and_uses_differ_in_level_depends(kb):
    h = only("The clinic down the road now offers stem cell therapy.", kb)
    card = kb.card("stem-cell-therapy")
    assert len({i.level for i in card.indications}) > 1
    assert (h.indication, h.evidence, h.risk, h.level) == (None, card.evidence, card.risk, "depends")


def test_no_use_named_and_uses_share_a_level_gives_that_level(kb):
    card = kb.card("black-salve")
    assert {i.level for i in card.indications} | {card.level} == {card.level}
    h = only("A neighbour gave her some black salve.", kb)
    assert (h.indication, h.level) == (None, card.level)


def test_a_harm_claim_is_no_use_and_leaves_the_uses_shared_level(kb):
    card = kb.card("vaccines")
    assert {i.level for i in card.indications} != {"established"}   # the autism claim is not
    assert only("The pharmacy offers vaccinations every Saturday.", kb).level == "established"
    claim = only("Her uncle insists that vaccines cause autism, but they do not.", kb)
    assert (claim.indication, claim.level) == ("claims that vaccines cause autism", "warning")


def test_a_claim_beyond_a_proven_treatments_uses_leaves_the_uses_shared_level(kb):
    """Statins against dementia is a claim (`claim: true`): where named it picks the card, elsewhere a bare
    "statins" keeps the level of the proven uses."""
    assert only("Take your statins every evening.", kb).level == "established"
    h = only("Statins may offer protection against dementia, scientists have revealed.", kb)
    assert (h.indication, h.level) == ("preventing dementia or cognitive decline", "warning")


def test_same_sentence_beats_same_paragraph(kb):
    text = "Ivermectin has cured river blindness in millions. In 2021 some took ivermectin for COVID-19."
    first, second = annotate_text(text, kb).highlights
    assert first.evidence == "established"
    assert second.evidence == "disproven"


def test_same_clause_beats_the_rest_of_the_sentence(kb):
    text = ("While doctors agree that testosterone therapy is beneficial in hypogonadal men, they worry about "
            "clinics that push testosterone as a cure-all for ageing.")
    first, second = annotate_text(text, kb).highlights
    assert (first.level, second.level) == ("established", "warning")


def test_a_list_comma_does_not_end_the_clause(kb):
    h = only("Celebrities swear by ashwagandha thanks to its stress-soothing, anxiety-quelling powers.", kb)
    assert h.indication == kb.card("ashwagandha").indications[1].condition   # anxiety: the more cautious of two


def test_paragraph_is_the_fallback(kb):
    text = "Doctors saw a rise in COVID-19 cases. Some patients asked for ivermectin."
    assert only(text, kb).evidence == "disproven"


def test_more_cautious_verdict_wins_when_two_are_near(kb):
    h = only("Ivermectin, known for scabies, was pushed for COVID-19.", kb)
    assert h.evidence == "disproven"


def test_on_equal_strength_the_cautious_use_wins_over_a_longer_phrase_further_off(kb):
    text = ("The TGA seized a substantial amount of medication, including compounded semaglutide, the active "
            "ingredient in the diabetes turned weight-loss drug Ozempic.")
    first = annotate_text(text, kb).highlights[0]
    assert (first.exact, first.level) == ("semaglutide", "danger")


def test_on_a_page_about_copies_a_copy_word_anywhere_in_the_sentence_describes_the_generic_name(kb):
    """Far from the copy word, "semaglutide" is the copy where the page's title names one; a brand is still itself."""
    text = ("The FBI is warning the public about counterfeit compounded weight loss drugs on the market that claim "
            "to contain semaglutide, the active ingredient in Ozempic and Wegovy.")
    shown = lambda page: {h.exact: h.level for h in annotate_text(text, kb, page).highlights}   # noqa: E731
    assert shown(Page(title="FBI warns of counterfeit semaglutide")) == {
        "semaglutide": "danger", "Ozempic": "established", "Wegovy": "established"}
    assert shown(Page(title="FBI warning on weight loss drugs"))["semaglutide"] == "established"
    # a copy word after the mention does not make a prescribed drug the copy (the second review)
    text = "Patients who take semaglutide prescribed for type 2 diabetes should not switch to compounded products."
    assert shown(Page(title="FBI warns about compounded semaglutide"))["semaglutide"] == "established"


def test_words_that_name_a_harm_are_not_a_use(kb):
    text = ("The FDA allows donor stem cells only to treat leukaemia, due to documented risks of blindness, "
            "tumour formation and infections.")
    assert only(text, kb).level == "established"
    # "risk of" after a verb that lowers it names the use
    h = only("Wegovy lowered the risk of heart attacks and strokes in people with heart disease.", kb)
    assert h.indication == "heart attack and stroke prevention in people with heart disease and overweight"


@pytest.mark.parametrize("text, level", [
    ("Experts warn about the risks of stem cell therapy for autism.", "danger"),   # the harm names the treatment
    ("Doctors warned of the dangers of ivermectin for COVID-19.", "warning"),
    ("Despite the risks of infection, clinics sell stem cells for knee pain.", "danger"),
    ("Side effects such as nausea did not stop patients taking ketamine for depression.", "warning"),
    ("Stem cells carry risks of infection, but the FDA has approved them to treat leukaemia.", "established"),
])
def test_harms_end_at_the_next_treatment_name_or_clause(text, level, kb):
    assert annotate_text(text, kb).highlights[0].level == level


def test_harms_end_only_at_a_highlighted_treatment(kb):
    # "testosterone" here is a level, not a highlight: it does not end the harms, so "depression" is one of them
    text = "Patients took ketamine despite side effects such as low testosterone and depression."
    assert only(text, kb).level == "depends"
    # a name that is highlighted ends them, in the title too, and an abbreviation the text defines counts
    assert only("Stem cell injections are sold in Panama.", kb,
                Page(title="The risks of stem cell therapy for autism")).level == "danger"
    text = "Some take fenbendazole (FZ) too. Walking is safer than the risks of FZ for cancer."
    assert [h.indication for h in annotate_text(text, kb).highlights] == ["cancer"] * 3


def test_harm_phrases_count_only_as_written(kb):
    assert only("He took ketamine, which carries risks, of course, of little benefit for depression.", kb).level == \
        "warning"
    titled = Page(title="FDA warns of the risks of blindness from stem cell clinics")
    assert annotate_text("Stem cell injections are sold in Panama.", kb, titled).highlights[0].level == "depends"


def test_the_transplants_own_name_picks_its_use_under_a_broad_title(kb):
    page = Page(title="HSCT on Panorama - MS Society forum")
    (h,) = annotate_text("Just to warn you, this is a programme about HSCT as a miracle cure.", kb, page).highlights
    assert h.indication == "highly active relapsing multiple sclerosis (autologous transplant)"


def test_artemisia_tea_for_malaria_is_not_the_malaria_medicines_verdict(kb):
    (tea,) = annotate_text("Artemisia annua tea is sold to treat malaria.", kb).highlights
    assert tea.level == "danger" and tea.indication.startswith("Artemisia plant remedies")
    (drug,) = annotate_text("Artesunate is the treatment for severe malaria.", kb).highlights
    assert drug.level == "established"


def test_a_claim_blamed_on_heavy_metals_is_the_claim_not_the_poisoning(kb):
    text = ("Practitioners use chelation to treat autism and coronary artery disease, which they blame on heavy metal "
            "poisoning.")
    assert [h.level for h in annotate_text(text, kb).highlights] == ["danger"]


@pytest.mark.parametrize("text, level", [
    ("Facial botox leaves your skin looking smoother and less wrinkled.", "established"),
    ("Let's keep getting jabs into arms and hit that 80 per cent double-dose threshold.", "established"),
])
def test_everyday_forms_of_use_words_pick_the_use(text, level, kb):
    assert [h.level for h in annotate_text(text, kb).highlights] == [level]


@pytest.mark.parametrize("text, level", [
    # the established use only names what the drug is; the sentence is about the claim
    ("He discussed the anti-parasitic drug ivermectin, which he said was a cure for cancer.", "warning"),
    # alone, the class still says which use the drug is for
    ("He discussed the anti-parasitic drug ivermectin.", "established"),
    # the same use named as what it does, not as a class, counts as close
    ("Ivermectin kills parasites, and some say it was a cure for cancer.", "established"),
])
def test_a_use_named_as_the_drugs_class_is_a_description_not_the_use(text, level, kb):
    assert only(text, kb).level == level


def test_a_class_label_gives_way_to_the_use_the_page_names(kb):
    text = "There have been reports of poisoning by the anti-parasite drug Ivermectin."
    title = Page(title="How do you feel about people trying to use Ivermectin to treat COVID?")
    assert [h.level for h in annotate_text(text, kb, page=title).highlights] == ["warning"]
    assert [h.level for h in annotate_text(text, kb).highlights] == ["established"]   # nothing else: the class
    # a brand sold for the use is that use, whatever the page says
    ozempic = "Diabetes drug Ozempic has been praised as a miracle slimming injection."
    assert annotate_text(ozempic, kb, page=Page(title="Fake Ozempic pens sold online")).highlights[0].level == \
        "established"
