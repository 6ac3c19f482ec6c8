"""HTML -> the visible text of a page, as paragraphs, in the coordinate space every offset refers to.

The extracted text is built like this (docs/annotations.md repeats it for the server and the extension):
each block element (p, li, td, h1-h6, div, ...) and each <br> ends a paragraph; inside a paragraph every run of
white space becomes one space and the ends are trimmed; empty paragraphs are dropped; paragraphs are joined with a
blank line ("\n\n"). Text that a reader does not see is skipped: script, style, noscript, template, svg, head,
form fields, and elements marked hidden.
"""
from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.builder import ParserRejectedMarkup

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


def parse(html: str | bytes) -> BeautifulSoup:
    if not isinstance(html, (str, bytes, bytearray)):
        raise AnnotatorError(f"expected the page as str or bytes, got {type(html).__name__}")
    if isinstance(html, bytearray):
        html = bytes(html)
    try:
        return BeautifulSoup(html, "lxml")
    except (ParserRejectedMarkup, ValueError) as exc:
        raise AnnotatorError(f"could not parse the page as HTML: {exc}") from None


def _hidden(tag: Tag) -> bool:
    attrs = tag.attrs
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if style:
        style = "".join(style.split()).lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


def paragraphs(soup: BeautifulSoup, found: dict[str, int] | None = None) -> list[str]:
    """Walk the tree without recursion (pages nest deeply) and cut it into visible paragraphs. `found`, when given,
    gets the index of the paragraph where the first visible <h1> starts (found in the same walk: a separate search
    would walk a big page twice)."""
    out: list[str] = []
    parts: list[str] = []
    want_h1 = found is not None

    def flush() -> None:
        if parts:
            para = " ".join("".join(parts).split())
            if para:
                out.append(para)
            parts.clear()

    stack = [(iter(soup.contents), False)]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            if stack.pop()[1]:
                flush()
            continue
        kind = type(node)
        if kind is NavigableString:
            parts.append(node)
        elif kind is Tag and node.name not in _SKIP and not _hidden(node):
            block = node.name in _BLOCKS
            if block:
                flush()
                if want_h1 and node.name == "h1":
                    found["h1"] = len(out)  # type: ignore[index]
                    want_h1 = False
            stack.append((iter(node.contents), block))
    flush()
    return out


def extract_text(html: str | bytes) -> str:
    return PARAGRAPH_SEPARATOR.join(paragraphs(parse(html)))


def extract_page(html: str | bytes) -> tuple[str, Page]:
    """The visible text, and what the page says about itself: its <title>, first <h1> and declared language."""
    soup = parse(html)
    found: dict[str, int] = {}
    paras = paragraphs(soup, found)
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    headline = paras[found["h1"]] if found.get("h1", len(paras)) < len(paras) else ""
    root = soup.find("html")
    lang = root.get("lang") if isinstance(root, Tag) else None
    page = Page(" ".join(title.split())[:MAX_TITLE], headline[:MAX_TITLE],
                lang if isinstance(lang, str) and lang.strip() else None)
    return PARAGRAPH_SEPARATOR.join(paras), page
