"""Collects one whole HTTP/1.1 request, its head and its body, from bytes as they arrive, before any thread of
the server sees it: a slow or stalled client then costs a socket and this buffer, never a worker thread.

It reads only what it needs to find where the request ends (Content-Length, or the chunked framing) and leaves
every other rule to gunicorn's parser, which reads the finished request from memory. A body over the limit, or a
chunked body that is malformed, is refused here with the status and message the client gets."""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEAD = 64 * 1024
MAX_CHUNK_LINE = 1024
CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")
EXPECT = re.compile(rb"(?im)^expect:[^\r\n]*\r\n")


@dataclass(frozen=True)
class Refusal(Exception):
    status: int
    code: str
    message: str


class RequestBuffer:
    def __init__(self, max_body: int, data: bytes = b""):
        self.max_body = max_body
        self.data = bytearray(data)
        self.head_end: int | None = None    # index just past the blank line that ends the head
        self.wants_continue = False         # the client waits for "100 Continue" before it sends the body
        self._body: tuple[str, int] | None = None  # ("length", end) or ("chunked", parse position)
        self._chunked_size = 0
        self.end = 0                        # once complete: where this request ends (a next one may follow)

    def feed(self, chunk: bytes) -> bool:
        self.data += chunk
        return self.complete()

    def complete(self) -> bool:
        """True once the whole request is in; raises Refusal for one the server will not take."""
        if self.head_end is None and not self._read_head():
            return False
        assert self.head_end is not None
        kind, at = self._body or ("length", self.head_end)
        if kind == "length":
            self.end = at
            return len(self.data) >= at
        return self._read_chunks()

    def request(self) -> bytes:
        return bytes(self.data[:self.end])

    def rest(self) -> bytes:
        """What the client sent after this request (HTTP pipelining): the start of the next one."""
        return bytes(self.data[self.end:])

    def _read_head(self) -> bool:
        end = self.data.find(b"\r\n\r\n")
        if end < 0:
            if len(self.data) > MAX_HEAD:
                raise Refusal(431, "headers_too_large", f"the request's head is larger than {MAX_HEAD} bytes")
            return False
        if end + 4 > MAX_HEAD:
            raise Refusal(431, "headers_too_large", f"the request's head is larger than {MAX_HEAD} bytes")
        head = bytes(self.data[:end + 2])
        headers = _headers(head)
        expects = headers.get(b"expect", b"").lower() == b"100-continue"
        if expects:  # answered by the worker: gunicorn must not send a second "100 Continue"
            head = EXPECT.sub(b"", head)
            self.data[:end + 4] = head + b"\r\n"
        self.head_end = len(head) + 2
        coding = headers.get(b"transfer-encoding", b"")
        length = headers.get(b"content-length")
        if coding and length is None and coding.split(b",")[-1].strip().lower() == b"chunked":
            self._body = ("chunked", self.head_end)
        elif length is not None and not coding and length.isdigit():
            if int(length) > self.max_body:
                raise _too_large(self.max_body)
            self._body = ("length", self.head_end + int(length))
        # anything else (no body, both headers, an unknown coding, a malformed length) is gunicorn's to refuse
        self.wants_continue = expects and self._body is not None
        return True

    def _read_chunks(self) -> bool:
        assert self._body is not None
        _, at = self._body
        while True:
            line_end = self.data.find(b"\r\n", at, at + MAX_CHUNK_LINE)
            if line_end < 0:
                if len(self.data) - at >= MAX_CHUNK_LINE:
                    raise _malformed("a chunk-size line is too long")
                return False
            size_text = bytes(self.data[at:line_end]).split(b";", 1)[0].strip()
            if not CHUNK_SIZE.fullmatch(size_text):
                raise _malformed("a chunk size is not a hexadecimal number")
            size = int(size_text, 16)
            if size == 0:
                return self._read_trailers(line_end + 2)
            if self._chunked_size + size > self.max_body:
                raise _too_large(self.max_body)
            data_end = line_end + 2 + size
            if len(self.data) < data_end + 2:
                return False
            if self.data[data_end:data_end + 2] != b"\r\n":
                raise _malformed("a chunk is longer than its size says")
            self._chunked_size += size
            at = data_end + 2
            self._body = ("chunked", at)

    def _read_trailers(self, at: int) -> bool:
        if self.data[at:at + 2] == b"\r\n":
            self.end = at + 2
            return True
        end = self.data.find(b"\r\n\r\n", at)
        if end < 0 and len(self.data) - at > MAX_HEAD:
            raise _malformed("the trailers after the last chunk are too long")
        self.end = end + 4
        return end >= 0


def _too_large(limit: int) -> Refusal:
    return Refusal(413, "body_too_large", f"the request body is larger than the server's limit of {limit} bytes "
                                          "(CAVEAT_MAX_BODY)")


def _malformed(what: str) -> Refusal:
    return Refusal(400, "malformed_body", f"the chunked request body is malformed: {what}")


def _headers(head: bytes) -> dict[bytes, bytes]:
    """Header names (lower case) and values; a repeated header keeps its last value (gunicorn refuses the
    repeats that matter, such as two Content-Lengths)."""
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return headers
