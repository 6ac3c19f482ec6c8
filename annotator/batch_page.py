"""One page of a batch run -> its summary row and its highlight rows, or an error row naming what is wrong with it.

A page is refused before it is parsed when it is over the size limit, binary (a PDF or an image saved as a
response), or not in the encoding it declares; an unreadable record or a page over its time limit is refused too.
A page that declares no encoding is decoded as `caveat annotate` decodes it (BOM, <meta>, else a guess)."""
from __future__ import annotations

import codecs
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .annotate import annotate, annotate_text
from .context import Context
from .deadline import Deadline, PageTimeout
from .errors import AnnotatorError
from .kb import KnowledgeBase
from .levels import ALL_LEVELS
from .results import Annotations
from .batch_inputs import PageProblem, RawPage, Ref, read_page
from .batch_tables import Row

_MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
          (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip data"), (b"RIFF", "RIFF media"), (b"\x00asm", "wasm"),
          (b"OggS", "Ogg media"))
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20_000_000
    page_timeout: float | None = 60.0


@dataclass(frozen=True)
class Outcome:
    page: Row
    highlights: tuple[Row, ...]


def run_page(path: str, kind: str, ref: Ref, kb: KnowledgeBase, limits: Limits) -> Outcome:
    began = time.perf_counter()
    key: Row = {"input": path, "record": ref.record, "url": ref.url or None}
    size = ref.size
    try:
        if ref.problem:
            raise PageProblem(ref.problem)
        if ref.size > limits.max_bytes:
            raise PageProblem(f"over --max-bytes: {ref.size} bytes (limit {limits.max_bytes})")
        with Deadline(limits.page_timeout):
            raw = read_page(path, kind, ref)
            key["url"] = raw.url or None
            size = len(raw.content)
            result = _annotate(raw, kb)
            highlights = tuple(_highlight_rows(key, result))
    except PageTimeout:
        return _error(key, size, f"over --page-timeout ({limits.page_timeout} s)", kb, began)
    except (PageProblem, AnnotatorError, RecursionError) as exc:
        return _error(key, size, str(exc), kb, began)
    except OSError as exc:
        return _error(key, size, f"unreadable: {exc.strerror or exc}", kb, began)
    levels = Counter(h["level"] for h in highlights)
    page: Row = {**key, "status": "ok", "error": None, "bytes": size, "highlights": len(highlights),
            "treatments": len(result.treatments), **{level: levels[level] for level in ALL_LEVELS},
            "kb_version": kb.version, "seconds": round(time.perf_counter() - began, 6)}
    return Outcome(page, highlights)


def _error(key: Row, size: int, problem: str, kb: KnowledgeBase, began: float) -> Outcome:
    page: Row = {**key, "status": "error", "error": problem, "bytes": size, "highlights": 0, "treatments": 0,
            **{level: 0 for level in ALL_LEVELS}, "kb_version": kb.version,
            "seconds": round(time.perf_counter() - began, 6)}
    return Outcome(page, ())


def _annotate(raw: RawPage, kb: KnowledgeBase) -> Annotations:
    if isinstance(raw.content, str):
        if "\x00" in raw.content:
            raise PageProblem("binary content (NUL characters)")
        return annotate_text(raw.content, kb) if raw.is_text else annotate(raw.content, kb)
    return annotate(decode(raw.content, raw.charset), kb)


def decode(content: bytes, declared: str | None) -> str | bytes:
    """The page's text in the encoding it declares (HTTP header, BOM or <meta>); the bytes as they are when it
    declares none. Raises PageProblem for binary content, an unknown encoding or bytes not valid in it."""
    bom = next((name for mark, name in _BOMS if content.startswith(mark)), None)
    if bom is None:
        head = content[:4096]
        kind = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
        if kind is not None or b"\x00" in head:
            raise PageProblem(f"binary content ({kind or 'NUL bytes'})")
    meta = _META_CHARSET.search(content[:4096]) if bom is None else None
    charset = declared or bom or (meta.group(1).decode("ascii", "replace") if meta else None)
    if charset is None:
        return content
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise PageProblem(f"bad encoding: unknown charset {charset!r}") from None
    try:
        return content.decode(codec.name)
    except UnicodeDecodeError as exc:
        raise PageProblem(f"bad encoding: not valid {charset} at byte {exc.start}") from None


def _highlight_rows(key: Row, result: Annotations) -> Iterator[Row]:
    ctx = Context(result.text)
    for h in result.highlights:
        lo, hi = ctx.sentence(h.start, h.end)
        yield {**key, "start": h.start, "end": h.end, "treatment": h.treatment, "exact": h.exact,
               "sentence": " ".join(result.text[lo:hi].split()), "indication": h.indication, "level": h.level,
               "evidence": h.evidence, "risk": h.risk, "match": h.match, "kb_version": result.kb_version}
