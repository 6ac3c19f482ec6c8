"""For any HTML at all, every highlight is a faithful selector into the extracted text."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caveat.annotator import annotate, annotate_blocks

NAMES = ["stem cell therapy", "ivermectin", "ivermetcin", "PRP", "MMS", "Myers’ cocktail", "NAD+ drip",
         "chelation", "platelet rich plasma", "colloidal silver", "statins", "ozone therapy", "células madre"]
TAGS = ["p", "b", "i", "li", "td", "span", "div", "br", "script", "a", "h2"]

words = st.one_of(
    st.sampled_from(NAMES),
    st.text(max_size=20).filter(lambda t: not t.startswith("<")),
    st.sampled_from([" ", "\n", "&amp;", "&nbsp;", "–", "“", "”", "😀", ".", "-", "for her cancer", "clinic"]),
)
fragment = st.one_of(
    st.sampled_from(NAMES),
    st.text(max_size=20),
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from([" ", "\n", "&amp;", "&nbsp;", "–", "“", "”", "😀", ".", "-"]),
)


def check_invariants(text, highlights):
    previous_end = -1
    for h in highlights:
        assert text[h.start:h.end] == h.exact
        assert text[max(0, h.start - 32):h.start] == h.prefix
        assert text[h.end:h.end + 32] == h.suffix
        assert h.start >= previous_end, "highlights overlap"
        previous_end = h.end
        assert 0 <= h.score <= 100


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fragment, max_size=40))
def test_html_highlights_are_faithful(kb, parts):
    result = annotate("".join(parts), kb)
    check_invariants(result.text, result.highlights)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(words, max_size=12).map("".join), max_size=6))
def test_block_highlights_are_faithful(kb, blocks):
    result = annotate_blocks(blocks, kb)
    for i, block in enumerate(blocks):
        check_invariants(block, [h for h in result.highlights if h.block == i])
