"""What gunicorn's worker answers itself, before Flask sees a request: the same JSON error as the API's, with
nosniff, and log lines without any of the request's bytes."""
from __future__ import annotations

import uuid

import pytest

from openapi_check import check
from raw_http import exchange

MARKER = f"caveatmarker{uuid.uuid4().hex}"
POST_CHUNKED = (b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n")
M = MARKER.encode()

CASES = [
    # name, bytes, half-close after sending, status, code
    ("malformed chunk size", POST_CHUNKED + b"zz" + M + b"\r\n", False, 400, "malformed_body"),
    ("chunk longer than its size", POST_CHUNKED + b"3\r\n" + M + b"\r\n0\r\n\r\n", False, 400, "malformed_body"),
    ("unfinished chunked body", POST_CHUNKED + b"40\r\n{\"text\": \"" + M, True, 400, "incomplete_request"),
    ("body shorter than its length", b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
     b"application/json\r\nContent-Length: 500\r\n\r\n{\"text\": \"" + M, True, 400, "incomplete_request"),
    ("request line too long", b"GET /" + M + b"a" * 9000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n", False, 414,
     "uri_too_long"),
    ("too many header fields", b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
     + b"".join(b"X-" + M + str(i).encode() + b": 1\r\n" for i in range(150)) + b"\r\n", False, 431,
     "headers_too_large"),
    ("a head over 64 KiB", b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-A: " + M * 2000 + b"\r\n\r\n", False, 431,
     "headers_too_large"),
    ("unknown transfer coding", b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip"
     + M + b"\r\n\r\n", False, 501, "not_implemented"),
    ("garbage request line", M + b"\r\n\r\n", False, 400, "bad_request"),
    ("bad header name", b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + M + b"(: 1\r\n\r\n", False, 400,
     "bad_request"),
    ("both length and chunked", b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + M, False, 400, "bad_request"),
]


@pytest.mark.parametrize("name,data,half_close,status,code", CASES, ids=[c[0] for c in CASES])
def test_malformed_requests_get_the_json_error(caveat_server, name, data, half_close, status, code):
    response = exchange(caveat_server.port, data, half_close)
    assert (response.status, response.error()["code"]) == (status, code), response.body
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    check("GET", "/no/such/route", 404, "application/json", response.body)  # the documented Error shape
    assert MARKER not in response.body.decode()
    assert caveat_server.get_json("/healthz")["status"] == "ok"


def test_no_malformed_request_leaves_its_bytes_in_the_log(caveat_server):
    for _, data, half_close, _, _ in CASES:
        exchange(caveat_server.port, data, half_close)
    caveat_server.post_json("/api/v1/annotate", {"text": "x"})  # a request after them, so the log has been flushed
    log = caveat_server.log()
    assert "<refused request> 400 malformed_body" in log
    assert MARKER not in log


def test_a_client_that_waits_for_100_continue_gets_it_once(caveat_server):
    import socket

    body = b'{"text": "ivermectin"}'
    with socket.create_connection(("127.0.0.1", caveat_server.port), timeout=30) as sock:
        sock.sendall(b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: " + str(len(body)).encode()
                     + b"\r\n\r\n")
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 OK") and b"100 Continue" not in answer


def test_pipelined_requests_are_each_answered(caveat_server):
    one = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
    body = b'{"text": "ivermectin"}'
    two = (b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: "
           b"close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    response = exchange(caveat_server.port, one + two)
    assert response.status == 200 and b"HTTP/1.1 200 OK" in response.body
    assert b'"treatment":"ivermectin"' in response.body
