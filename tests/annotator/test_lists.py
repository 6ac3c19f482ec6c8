"""A bare "surgery" or "radiation" is the cancer treatment only as an item of a list beside one (lists.py)."""
import pytest

from caveat.annotator import annotate_text
from caveat.annotator.entry import Cues
from caveat.annotator.lists import resolve
from caveat.annotator.match import Alias, Match

HAD = Cues((), list_openers=frozenset({"had"}), list_modifiers=frozenset({"drug"}))   # as the KB gives them: normalised


def found(text, kb):
    return [(h.exact, h.treatment) for h in annotate_text(text, kb).highlights]


@pytest.mark.parametrize("text, listed", [
    ("For her breast cancer she had surgery, chemotherapy and radiation.",
     [("surgery", "cancer-surgery"), ("radiation", "radiation-therapy")]),
    ("Cancer treatments such as chemotherapy, radiation, and immunotherapy are proven.",
     [("radiation", "radiation-therapy")]),
    ("His brain tumour: he could expect damage from surgery, radiation and chemotherapy.",
     [("surgery", "cancer-surgery"), ("radiation", "radiation-therapy")]),
    ("For such tumours neither surgery nor radiation therapy suffice.", [("surgery", "cancer-surgery")]),
    ("Cancer care:\n\n• Surgery\n• Chemotherapy\n• Radiotherapy", [("Surgery", "cancer-surgery")]),
])
def test_a_bare_name_listed_beside_a_cancer_treatment_is_that_treatment(text, listed, kb):
    assert set(listed) <= set(found(text, kb))


@pytest.mark.parametrize("text", [
    "After her hip surgery and chemotherapy she needed a wheelchair.",          # the item is "hip surgery"
    "She saw a radiation oncologist and a chemotherapy nurse.",                # the item is "radiation oncologist"
    "Chemotherapy and surgery wards were full.",                                # the item is "surgery wards"
    "Despite surgery and chemotherapy, the child was dying.",                   # "Despite" opens no list
    "He had knee surgery last year.",                                           # no cancer treatment beside it
    "Astronauts on Mars would face cosmic radiation for months.",
    # found by the first review: no cancer on the page, a department list, hazards
    "Keloids are treated with steroid injections, surgery followed by radiotherapy, or cryotherapy.",
    "Ectopic pregnancy can be treated with medication, chemotherapy or surgery.",
    "Cancer centre departments: Emergency, Surgery, Chemotherapy Day Unit, Radiology, Maternity.",
    "Cancer risks for staff come from radiation, chemotherapy drugs and sharps injuries.",
])
def test_a_bare_name_outside_such_a_list_is_not_highlighted(text, kb):
    assert not {e.lower() for e, _ in found(text, kb)} & {"surgery", "radiation"}


def test_a_kept_item_is_a_neighbour_for_the_next(kb):
    text = "For her cancer the options were chemotherapy, radiation, surgery and palliative care."
    assert ("surgery", "cancer-surgery") in found(text, kb)


def _match(text, words, entry, listed_with=()):
    start = text.index(words)
    return Match(start, start + len(words), Alias(entry, words, True, listed_with=listed_with), 100, False)


def test_a_listed_name_whose_neighbour_is_gone_goes_too():
    """The second pass, on the final highlights: a vetoed neighbour takes the listed name with it."""
    text = "She had surgery and chemotherapy."
    surgery = _match(text, "surgery", "cancer-surgery", ("chemotherapy",))
    chemo = _match(text, "chemotherapy", "chemotherapy")
    assert resolve([surgery, chemo], text, HAD) == [surgery, chemo]
    assert resolve([surgery], text, HAD) == []


def test_the_first_item_needs_a_word_that_opens_a_list():
    text = "She had surgery and chemotherapy."
    surgery = _match(text, "surgery", "cancer-surgery", ("chemotherapy",))
    chemo = _match(text, "chemotherapy", "chemotherapy")
    assert resolve([surgery, chemo], text, Cues(())) == [chemo]


def test_a_neighbour_that_describes_something_else_is_no_item():
    text = "She had surgery and chemotherapy drugs."
    surgery = _match(text, "surgery", "cancer-surgery", ("chemotherapy",))
    chemo = _match(text, "chemotherapy", "chemotherapy")
    assert resolve([surgery, chemo], text, HAD) == [chemo]


def test_the_page_must_name_one_of_the_listed_names_uses():
    text = "She had surgery and chemotherapy."
    surgery = _match(text, "surgery", "cancer-surgery", ("chemotherapy",))
    chemo = _match(text, "chemotherapy", "chemotherapy")
    assert resolve([surgery, chemo], text, HAD, lambda m: None) == [chemo]


def test_a_use_named_only_in_another_paragraph_needs_two_partners_in_the_list():
    """Where only another paragraph names the cancer, "stress, chemotherapy, surgery" may list causes; "surgery,
    chemotherapy and radiotherapy" is still a list of cancer treatments."""
    text = "She had surgery and chemotherapy."
    surgery = _match(text, "surgery", "cancer-surgery", ("chemotherapy", "radiation-therapy"))
    chemo = _match(text, "chemotherapy", "chemotherapy")
    assert resolve([surgery, chemo], text, HAD, lambda m: "after") == [chemo]   # named only further on
    assert resolve([surgery, chemo], text, HAD, lambda m: "before") == [surgery, chemo]   # named in the lead
    text = "She had surgery, chemotherapy and radiotherapy."
    surgery = _match(text, "surgery", "cancer-surgery", ("chemotherapy", "radiation-therapy"))
    chemo = _match(text, "chemotherapy", "chemotherapy")
    radio = _match(text, "radiotherapy", "radiation-therapy")
    assert resolve([surgery, chemo, radio], text, HAD, lambda m: "after") == [surgery, chemo, radio]


@pytest.mark.parametrize("text", [   # found by the second review: a cancer is named, but in another paragraph
    "Hair loss can follow stress, chemotherapy, surgery or childbirth.\n\nShe was treated for breast cancer.",
    "Ondansetron prevents nausea associated with chemotherapy or surgery.\n\nIt is also used in cancer care.",
])
def test_a_list_of_causes_is_no_list_of_cancer_treatments(text, kb):
    assert ("surgery", "cancer-surgery") not in found(text, kb)


@pytest.mark.parametrize("text", [   # session 35's first review: the lead names the cancer, the list nothing else
    "Last spring my sister was diagnosed with stage 2 breast cancer.\n\nShe had surgery and chemotherapy.",
    "His tumour was found in his colon.\n\nHe had surgery followed by chemotherapy.",
])
def test_a_list_of_nothing_but_treatments_after_a_lead_that_names_the_cancer(text, kb):
    assert ("surgery", "cancer-surgery") in found(text, kb)


def test_a_bulleted_list_of_cancer_treatments_under_its_own_heading(kb):
    """A web page's <li> items are paragraphs of their own: the heading names the cancer, the items each other."""
    text = "Conventional cancer treatments\n\nsurgery\n\nradiotherapy\n\nchemotherapy"
    assert ("surgery", "cancer-surgery") in found(text, kb)
