"""Who may call the API (Host and Origin checks), response headers, and the promise that page content and URLs
never reach a log."""
from __future__ import annotations

import json
import uuid

import pytest

from caveat.server.config import CHROME_EXTENSION_ORIGIN

FIREFOX_ORIGIN = "moz-extension://0b6c2a4e-6f0e-4d7b-9a35-0a4c1f3e2d11"
PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
ALLOWED = [CHROME_EXTENSION_ORIGIN, FIREFOX_ORIGIN]
FORBIDDEN = ["https://evil.example", "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "moz-extension://not-a-uuid",
             "null", "http://127.0.0.1.evil.example"]


@pytest.mark.parametrize("origin", ALLOWED)
def test_preflight_and_request_from_caveats_extension_are_allowed(caveat_server, origin):
    status, headers, _ = caveat_server.request("OPTIONS", "/api/v1/annotate", headers={"Origin": origin, **PREFLIGHT})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    status, headers, _ = caveat_server.request("POST", "/api/v1/annotate", json.dumps({"text": "x"}).encode(),
                                               {"Origin": origin, "Content-Type": "application/json"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.parametrize("origin", FORBIDDEN)
def test_preflight_and_request_from_other_origins_get_403(caveat_server, origin):
    status, headers, body = caveat_server.request("OPTIONS", "/api/v1/annotate",
                                                  headers={"Origin": origin, **PREFLIGHT})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert json.loads(body)["error"]["code"] == "origin_not_allowed"
    status, headers, body = caveat_server.request("POST", "/api/v1/annotate", json.dumps({"text": "x"}).encode(),
                                                  {"Origin": origin, "Content-Type": "application/json"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert json.loads(body)["error"]["code"] == "origin_not_allowed"


def test_configured_origin_is_allowed(tiny_kb):
    from caveat.server import create_app

    app = create_app({"KB_PATH": str(tiny_kb), "ALLOWED_ORIGINS": ["https://maintainers.example"]})
    client = app.test_client()
    allowed = client.options("/api/v1/kb", headers={"Origin": "https://maintainers.example", **PREFLIGHT})
    assert allowed.status_code == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://maintainers.example"
    assert client.get("/api/v1/kb", headers={"Origin": "https://other.example"}).status_code == 403


def test_same_origin_playground_requests_are_allowed(caveat_server):
    status, _, _ = caveat_server.request("GET", "/api/v1/kb", headers={"Origin": caveat_server.url})
    assert status == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8737", "127.0.0.1.nip.io", "192.168.1.10:8737"])
def test_dns_rebinding_host_names_get_403(caveat_server, host):
    status, _, body = caveat_server.request("GET", "/api/v1/kb", headers={"Host": host})
    assert status == 403 and json.loads(body)["error"]["code"] == "host_not_allowed"


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST", "127.0.0.2"])
def test_loopback_host_names_are_allowed(caveat_server, host):
    status, _, _ = caveat_server.request("GET", "/api/v1/kb", headers={"Host": host.format(port=caveat_server.port)})
    assert status == 200


def test_configured_host_name_is_allowed(app):
    app.config["ALLOWED_HOSTS"] = ["caveat.lan"]
    assert app.test_client().get("/healthz", headers={"Host": "caveat.lan:8737"}).status_code == 200
    assert app.test_client().get("/healthz", headers={"Host": "other.lan"}).status_code == 403


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/v1/kb", "/api/v1/nope", "/static/playground.js"])
def test_responses_carry_nosniff(client, path):
    assert client.get(path).headers["X-Content-Type-Options"] == "nosniff"


def test_playground_has_a_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_playground_script_never_writes_html(client):
    script = client.get("/static/playground.js").get_data(as_text=True)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_page_content_and_urls_never_reach_the_log(caveat_server):
    marker = f"caveatmarker{uuid.uuid4().hex}"
    url = f"https://{marker}.example/{marker}?q={marker}"
    requests = [{"html": f"<p>{marker} took ivermectin</p>", "url": url}, {"text": f"{marker} ivermectin"},
                {"blocks": [marker]}, {"html": 5, "url": url}, {"text": marker, "url": url, marker: 1}]
    for payload in requests:
        caveat_server.post_json("/api/v1/annotate", payload)
    caveat_server.request("POST", "/api/v1/annotate", f'{{"text": "{marker}'.encode(),
                          {"Content-Type": "application/json"})
    caveat_server.request("GET", f"/api/v1/treatments?q={marker}")
    caveat_server.request("GET", f"/{marker}")
    caveat_server.request("GET", f"/api/v1/treatments/{marker}%0aFORGED")  # a path parameter with a newline
    caveat_server.post_json("/api/v1/annotate", {"text": "x"})  # a request after them, so the log has been flushed
    log = caveat_server.log()
    assert "POST /api/v1/annotate 200" in log  # the log is the one the server writes to
    assert marker not in log
    assert not any(line.startswith("FORGED") for line in log.splitlines())
    assert "GET /api/v1/treatments/<treatment_id> 404" in log  # the route template, not the client's path
