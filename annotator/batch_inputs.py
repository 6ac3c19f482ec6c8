"""What a batch run reads: HTML files, folders of them, WARC / WARC.gz crawls and JSON Lines of {url, html|text}.

Each input is first indexed (which pages it holds, where each starts, how big it is) so that a run knows its total
for the progress bar, can hand out pages by record to any worker (a worker seeks to a record's offset and reads only
that record), and can resume by (input, record). Reading one page either returns it or raises PageProblem, whose
message becomes the page's error row."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_TYPES = ("text/html", "application/xhtml+xml")


class PageProblem(Exception):
    """Why one page cannot be annotated; the message names the problem for the page's error row."""


@dataclass(frozen=True)
class Ref:
    """One page of an input. `record` counts WARC records (every kind) or JSON lines from 0; an HTML file is 0."""
    record: int
    offset: int      # byte offset where the record starts
    size: int        # bytes of the record (WARC: its content, HTTP headers included)
    url: str = ""    # from the WARC header; a JSON line's url is read with the page
    problem: str = ""  # found while indexing (a truncated record): the page becomes an error row unread


@dataclass(frozen=True)
class Index:
    input: str       # the absolute path
    kind: str        # "html", "warc" or "jsonl"
    pages: tuple[Ref, ...]
    skipped: int = 0  # WARC records that are not HTML responses


@dataclass(frozen=True)
class RawPage:
    url: str
    content: bytes | str    # bytes of an HTML page, or the str of a JSON line's html / text
    is_text: bool = False   # plain text (a JSON line's `text`), not HTML
    charset: str | None = None  # declared by the HTTP header


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (("warc", WARC_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("html", HTML_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def expand(inputs: list[str]) -> list[tuple[str, str]]:
    """(absolute path, kind) of every input: folders recursively (files of a known kind, in name order); a file
    named on the command line with an unknown suffix is read as HTML. Raises FileNotFoundError for a missing one."""
    found: list[tuple[str, str]] = []
    for given in inputs:
        path = Path(given).resolve()
        if path.is_dir():
            found += [(str(p), kind) for p in sorted(path.rglob("*"))
                      if p.is_file() and (kind := kind_of(p)) is not None]
        elif path.is_file():
            found.append((str(path), kind_of(path) or "html"))
        else:
            raise FileNotFoundError(f"{given}: no such file or folder")
    return list(dict.fromkeys(found))


def index_input(path: str, kind: str) -> Index:
    if kind == "warc":
        return _index_warc(path)
    if kind == "jsonl":
        return Index(path, kind, tuple(_index_lines(path)))
    return Index(path, kind, (Ref(0, 0, os.path.getsize(path), Path(path).as_uri()),))


def _index_lines(path: str) -> Iterator[Ref]:
    offset = 0
    with open(path, "rb") as f:
        for number, line in enumerate(f):
            if line.strip():
                yield Ref(number, offset, len(line))
            offset += len(line)


def _index_warc(path: str) -> Index:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages: list[Ref] = []
    skipped = seen = 0  # records read to their end
    with open(path, "rb") as f:
        records = ArchiveIterator(f)
        try:
            for record in records:
                size = record.length or 0
                while record.raw_stream.read(1 << 20):  # to the record's end: its offset is known only then
                    pass
                seen += 1
                if not _is_html_response(record):
                    skipped += 1
                    continue
                missing = record.raw_stream.limit
                problem = f"truncated WARC record ({size - missing} of {size} bytes)" if missing else ""
                pages.append(Ref(seen - 1, records.get_record_offset(), size,
                                 record.rec_headers.get_header("WARC-Target-URI") or "", problem))
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            pages.append(Ref(seen, 0, 0, "", " ".join(f"unreadable WARC from here on: {exc}".split())[:300]))
    return Index(path, "warc", tuple(pages), skipped)


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in HTML_TYPES


def read_page(path: str, kind: str, ref: Ref) -> RawPage:
    if kind == "warc":
        return _read_warc(path, ref)
    if kind == "jsonl":
        return _read_line(path, ref)
    return RawPage(ref.url, Path(path).read_bytes())


def _read_warc(path: str, ref: Ref) -> RawPage:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as f:
        f.seek(ref.offset)
        record = next(iter(ArchiveIterator(f)))
        content = record.content_stream().read()
        content_type = record.http_headers.get_header("Content-Type") or ""
    charset = next((p.split("=", 1)[1].strip(" \"'") for p in content_type.split(";")[1:]
                    if p.strip().lower().startswith("charset=")), None)
    return RawPage(ref.url, content, charset=charset or None)


def _read_line(path: str, ref: Ref) -> RawPage:
    with open(path, "rb") as f:
        f.seek(ref.offset)
        line = f.read(ref.size)
    try:
        data = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PageProblem(f"bad encoding: JSON line is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise PageProblem(f"not valid JSON (truncated?): {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, dict) or not isinstance(data.get("url", ""), str):
        raise PageProblem("a JSON line must be an object with a string url and html or text")
    for field, is_text in (("html", False), ("text", True)):
        if isinstance(data.get(field), str):
            return RawPage(data.get("url", ""), data[field], is_text)
    raise PageProblem("a JSON line needs html or text as a string")
