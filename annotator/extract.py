"""HTML -> the visible text of a page, as paragraphs, in the coordinate space every offset refers to.

The extracted text is built like this (docs/annotations.md repeats it for the server and the extension):
each block element (p, li, td, h1-h6, div, ...) and each <br> ends a paragraph; inside a paragraph every run of
white space becomes one space and the ends are trimmed; empty paragraphs are dropped; paragraphs are joined with a
blank line ("\n\n"). Text that a reader does not see is skipped: script, style, noscript, template, svg, head,
form fields, and elements marked hidden.

Pages are parsed with lxml and walked over lxml's own tree, which is several times faster than building
BeautifulSoup's Python tree of the same page; a caller who already has a BeautifulSoup object can pass it, and the
same rules walk that tree instead (a test holds both walks to the same text on every fixture and on generated
pages).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag, UnicodeDammit
from lxml import etree

from .errors import AnnotatorError
from .page import MAX_TITLE, Page

PARAGRAPH_SEPARATOR = "\n\n"

_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object", "canvas",
    "input", "textarea", "select", "option", "button", "datalist",
})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend",
})

# Phrasing elements that never end a paragraph (none of _SKIP or _BLOCKS): their tags are stripped before the walk.
_INLINE = (
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
    "label", "link", "mark", "meta", "picture", "q", "s", "samp", "small", "source", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr",
)
_MARKED = etree.XPath("//@hidden/.. | //@style/..")  # the elements _hidden may have to read (much faster than
                                                     # //*[@hidden or @style], which tests every element)

_PARSER = etree.HTMLParser(encoding="utf-8")  # plain elements: lxml.html's element classes cost a Python call each


def _root(html: str | bytes | bytearray) -> etree._Element | None:
    """The page's <html> element (None for a page with no markup at all). Bytes are decoded as BeautifulSoup
    decodes them (declared encoding, byte-order mark, else a guess), so both walks see the same characters."""
    if not isinstance(html, (str, bytes, bytearray)):
        raise AnnotatorError(f"expected the page as str or bytes, got {type(html).__name__}")
    text = html if isinstance(html, str) else UnicodeDammit(bytes(html), is_html=True).unicode_markup or ""
    if not text.strip():
        return None
    try:
        return etree.fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if "empty" in str(exc).lower():
            return None
        raise AnnotatorError(f"could not parse the page as HTML: {exc}") from None


def _hidden(attrs: Mapping[str, Any] | etree._Element) -> bool:
    """Marked hidden by the `hidden` attribute or an inline display:none / visibility:hidden. Takes a soup tag's
    attributes or an lxml element itself (its `get` reads attributes without building an attribute mapping)."""
    if attrs.get("hidden") is not None:
        return True
    style = attrs.get("style")
    if style:
        style = "".join(style.split()).lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


class _Paragraphs:
    """Collects text into paragraphs: a block element ends the one before it and its own."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.parts: list[str] = []

    def flush(self) -> None:
        if self.parts:
            para = " ".join("".join(self.parts).split())
            if para:
                self.out.append(para)
            self.parts.clear()


def _prune(root: etree._Element) -> None:
    """Cut from lxml's tree, in C where lxml can, what the walk would only step over: skipped and hidden elements,
    comments and processing instructions (keeping their tails), and the tags of common inline elements (their text
    joins the text around them, as it does in the walk). The walk then takes a Python step only for block elements
    and the rarer inline ones. A hidden element (found through its attributes, the few there are) is renamed to a
    skipped tag and cut with them: lxml moves its tail in C, while setting text from Python refuses the control
    characters a page may hold."""
    for element in _MARKED(root):
        if element is not root and _hidden(element):
            element.tag = "template"
    etree.strip_elements(root, *_SKIP, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_tags(root, *_INLINE)


def _lxml_paragraphs(root: etree._Element, found: dict[str, int]) -> list[str]:
    """Walk a pruned tree with lxml's own iterator (no recursion, so deep pages are fine; lxml moves between elements
    in C): an element's text on the way in, its tail on the way out, into the parent's flow."""
    paras = _Paragraphs()
    parts = paras.parts
    want_h1 = True
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            tag = element.tag
            if tag in _BLOCKS:
                if parts:
                    paras.flush()
                if want_h1 and tag == "h1":
                    found["h1"] = len(paras.out)
                    want_h1 = False
            if element.text:
                parts.append(element.text)
        else:
            if parts and element.tag in _BLOCKS:
                paras.flush()
            if element.tail and element is not root:
                parts.append(element.tail)
    paras.flush()
    return paras.out


def _soup_paragraphs(soup: BeautifulSoup, found: dict[str, int]) -> list[str]:
    """The same rules over a BeautifulSoup tree, for a caller who already has one."""
    paras = _Paragraphs()
    want_h1 = True
    stack = [(iter(soup.contents), False)]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            if stack.pop()[1]:
                paras.flush()
            continue
        if type(node) is NavigableString:  # exact types: a Comment or a Doctype is a NavigableString too
            paras.parts.append(node)
        elif type(node) is Tag and node.name not in _SKIP and not _hidden(node.attrs):
            block = node.name in _BLOCKS
            if block:
                paras.flush()
                if want_h1 and node.name == "h1":
                    found["h1"] = len(paras.out)
                    want_h1 = False
            stack.append((iter(node.contents), block))
    paras.flush()
    return paras.out


def extract_text(html: str | bytes | BeautifulSoup) -> str:
    return extract_page(html)[0]


def extract_page(html: str | bytes | BeautifulSoup) -> tuple[str, Page]:
    """The visible text, and what the page says about itself: its <title>, first <h1> and declared language."""
    found: dict[str, int] = {}
    if isinstance(html, BeautifulSoup):
        paras = _soup_paragraphs(html, found)
        title = html.title.get_text(" ") if html.title else ""
        root_tag = html.find("html")
        lang = root_tag.get("lang") if isinstance(root_tag, Tag) else None
    else:
        root = _root(html)
        if root is None:
            return "", Page()
        title_el = root.find(".//title")
        title = "".join(title_el.itertext()) if title_el is not None else ""
        lang = root.get("lang")
        _prune(root)  # after the title is read: <title> is skipped text
        paras = _lxml_paragraphs(root, found)
    headline = paras[found["h1"]] if found.get("h1", len(paras)) < len(paras) else ""
    page = Page(" ".join(title.split())[:MAX_TITLE], headline[:MAX_TITLE],
                lang.strip() if isinstance(lang, str) and lang.strip() else None)
    return PARAGRAPH_SEPARATOR.join(paras), page
