"""Bad input against the real gunicorn server: a clear JSON error with the right 4xx status, never a 500 or a
traceback, and the server keeps answering afterwards."""
from __future__ import annotations

import json

import pytest

from openapi_check import check

JSON = {"Content-Type": "application/json"}


def body(payload) -> bytes:
    return json.dumps(payload).encode()


CASES = [
    # name, method, path, body, headers, status, error code, a word the message must contain
    ("malformed JSON", "POST", "/api/v1/annotate", b'{"html": ', JSON, 400, "malformed_json", "JSON"),
    ("empty body", "POST", "/api/v1/annotate", b"", JSON, 400, "malformed_json", "JSON"),
    ("binary garbage as JSON", "POST", "/api/v1/annotate", bytes(range(256)) * 64, JSON, 400, "malformed_json", ""),
    ("JSON nested 100,000 deep", "POST", "/api/v1/annotate", b"[" * 100_000, JSON, 400, "malformed_json", "nested"),
    ("integer of 5,000 digits", "POST", "/api/v1/annotate", b'{"text": ' + b"9" * 5000 + b"}", JSON, 400,
     "malformed_json", "JSON"),
    ("wrong content type", "POST", "/api/v1/annotate", body({"html": "x"}), {"Content-Type": "text/plain"}, 415,
     "unsupported_media_type", "application/json"),
    ("binary garbage", "POST", "/api/v1/annotate", bytes(range(256)) * 64,
     {"Content-Type": "application/octet-stream"}, 415, "unsupported_media_type", "application/json"),
    ("no content type", "POST", "/api/v1/annotate", body({"html": "x"}), {}, 415, "unsupported_media_type", ""),
    ("no field", "POST", "/api/v1/annotate", body({}), JSON, 422, "invalid_field", "html, text or blocks"),
    ("two fields", "POST", "/api/v1/annotate", body({"html": "a", "text": "b"}), JSON, 422, "invalid_field",
     "html and text"),
    ("html not a string", "POST", "/api/v1/annotate", body({"html": 5}), JSON, 422, "invalid_field", "'html'"),
    ("text null", "POST", "/api/v1/annotate", body({"text": None}), JSON, 422, "invalid_field", "'text'"),
    ("blocks not a list", "POST", "/api/v1/annotate", body({"blocks": "abc"}), JSON, 422, "invalid_field",
     "'blocks'"),
    ("a block not a string", "POST", "/api/v1/annotate", body({"blocks": ["ok", 3]}), JSON, 422, "invalid_field",
     "'blocks[1]'"),
    ("url is not a field", "POST", "/api/v1/annotate", body({"text": "x", "url": "https://example.org/"}), JSON,
     422, "invalid_field", "unknown field 'url'"),
    ("unknown field", "POST", "/api/v1/annotate", body({"text": "x", "htlm": "y"}), JSON, 422, "invalid_field",
     "'htlm'"),
    ("array body", "POST", "/api/v1/annotate", body(["html"]), JSON, 422, "invalid_field", "object"),
    ("10 MB body", "POST", "/api/v1/annotate", body({"text": "x" * 10_000_000}), JSON, 413, "body_too_large",
     "CAVEAT_MAX_BODY"),
    ("unknown route", "GET", "/api/v2/annotate", b"", {}, 404, "not_found", "/api/v1"),
    ("wrong method", "GET", "/api/v1/annotate", b"", {}, 405, "method_not_allowed", "method"),
    ("wrong method on kb", "DELETE", "/api/v1/kb", b"", {}, 405, "method_not_allowed", "method"),
    ("unknown treatment", "GET", "/api/v1/treatments/snake-oil", b"", {}, 404, "unknown_treatment", "snake-oil"),
    ("unknown sample", "GET", "/samples/nope", b"", {}, 404, "unknown_sample", "sample"),
    ("query too long", "GET", "/api/v1/treatments?q=" + "a" * 500, b"", {}, 422, "invalid_field", "'q'"),
]


@pytest.mark.parametrize("name,method,path,payload,headers,status,code,word", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_json_error(caveat_server, name, method, path, payload, headers, status, code, word):
    got, response_headers, raw = caveat_server.request(method, path, payload, headers)
    assert got == status, raw
    assert response_headers.get_content_type() == "application/json"
    error = json.loads(raw)["error"]
    assert error["code"] == code and word in error["message"]
    assert "Traceback" not in raw.decode()
    check(method, path.split("?")[0], got, "application/json", raw)
    assert caveat_server.get_json("/healthz")["status"] == "ok"


@pytest.mark.parametrize("payload", [
    {"html": "<div>" * 100_000 + "ivermectin for covid" + "</div>" * 100_000},
    {"text": "a" * 5_000_000},
    {"html": "<p>" + "b" * 5_000_000},
    {"blocks": ["c" * 1_000_000] * 4},
    {"text": "\ud800 lone surrogate, then ivermectin for covid \udfff"},
    {"blocks": ["<script>alert(1)</script> ivermectin", "\x00\x01\x02 ivermectin \u202e"]},
], ids=["html nested 100,000 deep", "text: one 5 MB word", "html: one 5 MB word", "four 1 MB blocks",
        "lone surrogates", "control characters"])
def test_hostile_but_valid_pages_are_annotated(caveat_server, payload):
    status, result = caveat_server.post_json("/api/v1/annotate", payload)
    assert status == 200, result
    check("POST", "/api/v1/annotate", status, "application/json", json.dumps(result).encode())
    assert caveat_server.get_json("/healthz")["status"] == "ok"


def test_the_server_survived_everything(caveat_server):
    """Same gunicorn master, still answering, and nothing logged a traceback."""
    assert caveat_server.process.poll() is None
    status, result = caveat_server.post_json("/api/v1/annotate", {"text": "He took ivermectin for covid."})
    assert status == 200 and result["highlights"]
    assert "Traceback" not in caveat_server.log()


def test_chunked_body_over_the_limit_is_413_not_cut(tmp_path):
    """A body sent without Content-Length (chunked) is measured too: cutting it at the limit would turn a too-large
    page into a JSON syntax error, or silently annotate part of it."""
    import http.client

    from live_server import start_server

    with start_server(log_dir=tmp_path, env={"CAVEAT_MAX_BODY": "100000"}) as server:
        def chunked(payload: bytes):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            conn.putrequest("POST", "/api/v1/annotate")
            conn.putheader("Content-Type", "application/json")
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            for i in range(0, len(payload), 8192):
                part = payload[i:i + 8192]
                conn.send(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            conn.send(b"0\r\n\r\n")
            response = conn.getresponse()
            return response.status, json.loads(response.read())

        status, answer = chunked(json.dumps({"text": "x" * 200_000}).encode())
        assert (status, answer["error"]["code"]) == (413, "body_too_large")
        status, answer = chunked(json.dumps({"text": "ivermectin " * 1000}).encode())
        assert status == 200 and len(answer["highlights"]) == 1000


def test_utf16_json_body_is_refused():
    from caveat.server.app import create_app

    client = create_app({"TESTING": True}).test_client()
    response = client.post("/api/v1/annotate", data=json.dumps({"text": "ivermectin"}).encode("utf-16"),
                           content_type="application/json", headers={"Host": "127.0.0.1"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "malformed_json"
