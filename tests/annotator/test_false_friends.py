"""A frozen corpus of text that looks like treatments but is not: Caveat must stay silent on all of it."""
import pytest

from caveat.annotator import annotate, annotate_text

FALSE_FRIENDS = [
    # biology teaching text about stem cells
    "Stem cells are unspecialised cells that can divide and become many kinds of cell. In plants, stem cells sit "
    "in the meristem at the tip of each shoot. Embryonic stem cells were first grown in a lab in 1998.",
    # Muse the band
    "Muse played their new single to a sold-out stadium, and the band said the album was their loudest yet.",
    # MMS the degree, and text messages
    "After her MMS degree she moved to Leeds. Send an MMS message with a photo to enter the draw.",
    # plasma TVs and physics
    "Plasma TVs were popular in 2008, and plasma is the fourth state of matter found in stars.",
    # a silver medal
    "She took a silver medal in the 400 metres and bought a silver necklace to celebrate.",
    # stain vs statin
    "Red wine can stain a carpet; blot the stain quickly and the stains lift.",
    # the ozone layer
    "The ozone layer over Antarctica is healing, and ozone levels in cities rise on hot days.",
    # treatment names inside addresses
    "Read more at https://example.com/stem-cell-therapy-guide or www.ivermectin-facts.example/page and mail "
    "info@chelation-therapy.example today.",
    # everyday words near treatment words
    "The plunge in share prices left investors cold, and the lamp in the office gave too little light.",
    "He ran a detox of his inbox and a cleanse of old files.",
    # a treatment negated inside a word
    "The FDA approved a new, non-opioid prescription pill for acute pain; the surgery was opioid-free.",
    "Type 2 diabetes was once called non-insulin dependent diabetes.",
    # ... or set against in a word
    "The exact origins of the anti-sunscreen conspiracy theory are difficult to pinpoint.",
    "Bruce Hermann said he has studied the data being pushed by the anti-sunscreen crowd.",
]


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_stays_silent(text, kb):
    assert [h.exact for h in annotate_text(text, kb).highlights] == []


def test_url_in_link_text_is_silent(kb):
    assert annotate('<p><a href="/x">example.com/stem-cell-therapy</a></p>', kb).highlights == ()
