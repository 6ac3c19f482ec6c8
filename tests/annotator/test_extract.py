import pytest

from caveat.annotator import AnnotatorError
from caveat.annotator.extract import extract_text


def test_visible_text_only():
    html = """<html><head><title>T</title><style>p{}</style><script>var stem = 1;</script></head>
    <body><noscript>nojs</noscript><template><p>tpl</p></template><svg><text>svgtext</text></svg>
    <p>Shown <span hidden>hidden</span><span style="display: none">gone</span> text</p>
    <form><input value="typed"><textarea>draft</textarea><select><option>opt</option></select></form>
    <!-- a comment --></body></html>"""
    assert extract_text(html) == "Shown text"


def test_blocks_and_br_are_paragraph_breaks():
    html = "<p>one <b>two</b></p><ul><li>three</li><li>four</li></ul>five<br>six<table><tr><td>a</td><td>b</td></tr></table>"
    assert extract_text(html).split("\n\n") == ["one two", "three", "four", "five", "six", "a", "b"]


def test_whitespace_collapses_inside_paragraph_and_inline_tags_join():
    assert extract_text("<p>  stem\n\t <b>cell</b><i>s</i>   here </p>") == "stem cells here"


def test_entities_decoded():
    assert extract_text("<p>Myers&rsquo; cocktail &amp; more&nbsp;text</p>") == "Myers’ cocktail & more text"


def test_bytes_with_declared_encoding():
    page = "<meta charset='iso-8859-1'><p>células madre</p>".encode("iso-8859-1")
    assert extract_text(page) == "células madre"


@pytest.mark.parametrize("page", ["", b"", "   ", "<html></html>", "<<<>>>", b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 50])
def test_empty_or_garbage_gives_a_result(page):
    assert isinstance(extract_text(page), str)


def test_deeply_nested_html_does_not_crash():
    depth = 100_000
    html = "<div>" * depth + "<p>ivermectin</p>" + "</div>" * depth
    assert isinstance(extract_text(html), str)


def test_unclosed_tags():
    assert extract_text("<p>one<p>two<div>three") == "one\n\ntwo\n\nthree"


@pytest.mark.parametrize("bad", [None, 42, ["<p>x</p>"], {"html": "x"}])
def test_wrong_type_is_one_clear_error(bad):
    with pytest.raises(AnnotatorError, match="expected the page as str or bytes"):
        extract_text(bad)


# The lxml walk against the BeautifulSoup walk (kept for callers who pass a BeautifulSoup object): the same text,
# title, headline and language on every fixture page, on generated pages and on random markup.
import importlib.util  # noqa: E402
import random  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from caveat.annotator import annotate  # noqa: E402
from caveat.annotator.extract import extract_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(ROOT.glob("tests/e2e/fixtures/*.html")) + sorted(ROOT.glob("annotator/examples/*.html"))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_annotator", ROOT / "benchmarks" / "bench_annotator.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def both(raw):
    return extract_page(raw), extract_page(BeautifulSoup(raw, "lxml"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_both_walks_agree_on_every_fixture(path):
    fast, soup = both(path.read_bytes())
    assert fast == soup and fast[0]


@pytest.mark.parametrize("size", [2_000, 20_000, 200_000])
def test_both_walks_agree_on_generated_pages(size):
    bench = _bench()
    bench.RNG.seed(size)
    page = bench.synthetic_page(size, ["stem cell therapy", "ivermectin", "NAD+ drip"])
    fast, soup = both(page.encode())
    assert fast == soup


TAGS = ["p", "b", "i", "li", "td", "span", "div", "br", "script", "style", "a", "h1", "h2", "head", "title",
        "template", "noscript", "svg", "table", "tr", "pre", "button", "section", "em", "img", "font", "x-widget"]
markup = st.lists(st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(['<p hidden>', '<div style="display: none">', '<span style="visibility:hidden">', "<!-- c -->",
                     '<a hidden>', '<em style="DISPLAY :none">', '<h1 hidden>', '<b style="color: red">', "\x1f",
                     "&amp;", "&nbsp;", "<?pi x?>", "<![CDATA[x]]>", "\n", "  ", "<html lang='pt'>"]),
), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup)
def test_both_walks_agree_on_random_markup(html):
    fast, soup = both(html)
    assert fast[0] == soup[0]


def test_inline_tags_stripped_before_the_walk_are_neither_blocks_nor_skipped():
    from caveat.annotator.extract import _BLOCKS, _INLINE, _SKIP
    assert not set(_INLINE) & (_BLOCKS | _SKIP)


def test_a_beautifulsoup_object_is_annotated_like_its_bytes(kb):
    raw = (ROOT / "annotator/examples/celebrity-stem-cells.html").read_bytes()
    assert annotate(BeautifulSoup(raw, "lxml"), kb).to_dict() == annotate(raw, kb).to_dict()


@pytest.mark.parametrize("raw", [b"", b"   ", bytes(range(256)) * 50, "\ud800 lone surrogate <p>x</p>",
                                 b"<p>" + b"x" * 2_000_000, random.Random(1).randbytes(100_000)])
def test_odd_input_gives_text_or_nothing_never_a_crash(raw):
    text, _ = extract_page(raw)
    assert isinstance(text, str)
