"""Builds a small corpus of every input kind `caveat batch` reads, with a page of every kind of failure."""
from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "annotator" / "examples"
ARTICLE = (EXAMPLES / "celebrity-stem-cells.html").read_bytes()
TEXT = "She flew abroad for stem cell therapy for her back pain.\n\nHer friend took ivermectin for COVID-19."
PLAIN_HTML = f"<html><body><p>{TEXT}</p></body></html>"


def write_html_folder(folder: Path) -> None:
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / "celebrity.html").write_bytes(ARTICLE)
    (folder / "nested" / "retreat.htm").write_bytes((EXAMPLES / "longevity-retreat.html").read_bytes())
    (folder / "nested" / "deeper" / "plain.html").write_text(PLAIN_HTML, encoding="utf-8")
    (folder / "nested" / "notes.txt").write_text("not an input: no known suffix")


def write_warc(path: Path, gzip: bool = True, truncate: int = 0) -> None:
    """Three HTML responses around a request, an image and a PDF-typed response (skipped: not HTML)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "caveat tests"}))
    _response(writer, "https://news.example/1", ARTICLE)
    writer.write_record(writer.create_warc_record("https://news.example/1", "request",
                                                  payload=io.BytesIO(b"GET /1 HTTP/1.1\r\n\r\n")))
    _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n...", "image/png")
    _response(writer, "https://news.example/2", PLAIN_HTML.encode("latin-1"),
              "text/html; charset=ISO-8859-1")
    _response(writer, "https://news.example/report.pdf", b"%PDF-1.4 ...", "application/pdf")
    _response(writer, "https://news.example/3", ARTICLE.replace(b"ivermectin", b"Ivermectin pills"))
    data = buf.getvalue()
    path.write_bytes(data[:len(data) - truncate])


def _response(writer: WARCWriter, url: str, payload: bytes, content_type: str = "text/html; charset=utf-8") -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))


def write_jsonl(path: Path) -> None:
    lines = [json.dumps({"url": "https://forum.example/a", "html": ARTICLE.decode("utf-8")}),
             json.dumps({"url": "https://forum.example/b", "text": TEXT}),
             "",
             json.dumps({"url": "https://forum.example/c", "text": TEXT})[:40]]  # cut short
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_failures(folder: Path) -> dict[str, str]:
    """Pages that must become error rows: file name -> words the error must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary")
    (folder / "nul.html").write_bytes(b"<p>stem cell\x00\x00\x01 therapy</p>")
    (folder / "bad-utf8.html").write_bytes(b'<meta charset="utf-8"><p>caf\xe9 ivermectin</p>')
    (folder / "odd-charset.html").write_bytes(b'<meta charset="x-klingon"><p>ivermectin</p>')
    (folder / "huge.html").write_bytes(b"<p>" + b"ivermectin for COVID-19. " * 2000 + b"</p>")
    return {"report.html": "binary content (PDF)", "nul.html": "binary content (NUL bytes)",
            "bad-utf8.html": "bad encoding: not valid utf-8 at byte", "odd-charset.html": "unknown charset 'x-klingon'",
            "huge.html": "over --max-bytes"}


def write_corpus(root: Path) -> list[str]:
    """Every kind of input under `root`; returns the inputs to give `caveat batch`."""
    write_html_folder(root / "site")
    write_warc(root / "crawl.warc.gz")
    write_warc(root / "plain.warc", gzip=False)
    write_jsonl(root / "pages.jsonl")
    return [str(root / "site"), str(root / "crawl.warc.gz"), str(root / "plain.warc"), str(root / "pages.jsonl")]
