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
