"""A shared instance: a public name, forwarded headers only from the configured proxy, CORS still only for the
extension, per-client rate limits with JSON 429s (per address, or per organisation token), and a /privacy page and
/api/v1/server that say what this server keeps and whose it is. A server on loopback gets none of the limits."""
from __future__ import annotations

import ipaddress

import pytest

from caveat.server import config, start_command
from caveat.server.config import CHROME_EXTENSION_ORIGIN

PUBLIC = "caveat.example.org"
PROXY = "10.0.0.2"
TOKEN = "n3wsr00m-t0ken-0123456789"


def shared(make_app, **settings):
    return make_app(ALLOWED_HOSTS=[PUBLIC], TRUSTED_PROXIES=[ipaddress.ip_network(PROXY)], **settings)


def get(client, path="/api/v1/treatments", peer=PROXY, forwarded_for=None, **headers):
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    return client.get(path, headers={"Host": PUBLIC, **headers}, environ_base={"REMOTE_ADDR": peer})


def test_a_loopback_server_has_no_rate_limits_and_says_it_is_local(client, monkeypatch, tmp_path):
    monkeypatch.setattr(start_command, "CLONE", tmp_path)  # not a clone: an installed package
    for _ in range(70):
        response = client.get("/api/v1/treatments")
        assert response.status_code == 200 and "X-RateLimit-Limit" not in response.headers
    assert client.get("/api/v1/server").json == {"name": "Caveat on this computer", "contact": "", "shared": False,
                                                 "privacy_url": "http://localhost/privacy", "start_command": "caveat serve"}


def test_a_shared_server_limits_each_client_address_and_answers_json_429(make_app):
    client = shared(make_app, RATE_LIMIT="3 per minute").test_client()
    for _ in range(3):
        assert get(client, forwarded_for="198.51.100.7").status_code == 200
    refused = get(client, forwarded_for="198.51.100.7")
    assert refused.status_code == 429 and refused.json["error"]["code"] == "rate_limited"
    assert "3 per 1 minute" in refused.json["error"]["message"] and int(refused.headers["Retry-After"]) > 0
    assert get(client, forwarded_for="198.51.100.8").status_code == 200  # another reader behind the same proxy
    assert get(client, "/healthz", forwarded_for="198.51.100.7").status_code == 200  # balancers' checks are free
    assert get(client, "/privacy", forwarded_for="198.51.100.7").status_code == 200


def test_the_default_limit_of_a_shared_server_is_60_a_minute(make_app):
    client = shared(make_app).test_client()
    assert get(client, forwarded_for="198.51.100.7").headers["X-RateLimit-Limit"] == "60"


def test_forwarded_headers_from_anyone_but_the_proxy_are_ignored(make_app):
    client = shared(make_app, RATE_LIMIT="2 per minute").test_client()
    statuses = [get(client, peer="203.0.113.9", forwarded_for=f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]  # one client, whatever address it claims
    info = get(client, "/api/v1/server", peer="203.0.113.9", **{"X-Forwarded-Proto": "https"}).json
    assert info["privacy_url"] == f"http://{PUBLIC}/privacy"
    info = get(client, "/api/v1/server", **{"X-Forwarded-Proto": "https"}).json
    assert info["privacy_url"] == f"https://{PUBLIC}/privacy" and info["shared"] is True


def test_an_organisation_token_gets_its_own_counter_and_limit(make_app, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text(f"# newsrooms\n{TOKEN} The Daily Example\n")
    client = shared(make_app, RATE_LIMIT="1 per minute", TOKEN_RATE_LIMIT="5 per minute",
                    ACCESS_TOKENS_FILE=str(tokens)).test_client()
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert [get(client, forwarded_for="198.51.100.7", **bearer).status_code for _ in range(6)] == [200] * 5 + [429]
    assert "this organisation" in get(client, forwarded_for="198.51.100.9", **bearer).json["error"]["message"]
    assert get(client, forwarded_for="198.51.100.7").status_code == 200  # the address's own counter is untouched
    wrong = get(client, forwarded_for="198.51.100.7", Authorization="Bearer not-a-token")
    assert wrong.status_code == 401 and wrong.json["error"]["code"] == "invalid_token"


def test_a_malformed_token_file_names_its_line(make_app, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{TOKEN} Daily Example\nshort Someone\n")
    with pytest.raises(SystemExit, match=f"{tokens}:2: want"):
        shared(make_app, ACCESS_TOKENS_FILE=str(tokens))


def test_cors_is_still_only_for_the_extension(make_app):
    client = shared(make_app).test_client()
    allowed = get(client, forwarded_for="198.51.100.7", Origin=CHROME_EXTENSION_ORIGIN)
    assert allowed.headers["Access-Control-Allow-Origin"] == CHROME_EXTENSION_ORIGIN
    refused = get(client, forwarded_for="198.51.100.7", Origin="https://news.example.com")
    assert refused.status_code == 403 and refused.json["error"]["code"] == "origin_not_allowed"
    assert get(client, forwarded_for="198.51.100.7", Host="evil.example").status_code == 403


def test_only_the_extension_may_send_an_access_token_from_a_browser(make_app):
    """The preflight of a request with `Authorization` (the extension's organisation token) allows that header for
    Caveat's extensions only, not for an origin the operator added (a web page could then send a stolen token)."""
    app = shared(make_app, ALLOWED_ORIGINS=["https://tools.example.org"])
    app.test_client_class = None  # Flask's own: a preflight is not an API call the OpenAPI document describes
    client = app.test_client()
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    firefox = "moz-extension://0a1b2c3d-0000-4000-8000-00000000abcd"
    for origin in (CHROME_EXTENSION_ORIGIN, firefox):
        answer = client.options("/api/v1/annotate", headers={"Host": PUBLIC, "Origin": origin, **preflight},
                                environ_base={"REMOTE_ADDR": PROXY})
        assert answer.status_code == 204 and answer.headers["Access-Control-Allow-Origin"] == origin
        assert answer.headers["Access-Control-Allow-Headers"] == "Content-Type, Authorization"
    other = client.options("/api/v1/annotate", headers={"Host": PUBLIC, "Origin": "https://tools.example.org",
                                                        **preflight}, environ_base={"REMOTE_ADDR": PROXY})
    assert other.headers["Access-Control-Allow-Headers"] == "Content-Type"


def test_the_privacy_page_says_what_this_server_keeps(make_app, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{TOKEN} Daily Example\n")
    page = get(shared(make_app, DISPLAY_NAME="The Daily Example", CONTACT="caveat@daily.example",
                      ACCESS_TOKENS_FILE=str(tokens)).test_client(), "/privacy").get_data(as_text=True)
    assert "<h1>Privacy: The Daily Example</h1>" in page and "The Daily Example: caveat@daily.example" in page
    assert "at most 256\n    answers" in page and "at most 60 per minute per address" in page
    assert "600 per minute per organisation" in page and "TLS proxy" in page
    local = make_app(CACHE_ENTRIES=0).test_client().get("/privacy").get_data(as_text=True)
    assert "Nothing: answers are not cached." in local and "No rate limits" in local and "TLS proxy" not in local


@pytest.mark.parametrize("variable, value", [("CAVEAT_CACHE_TTL", "900"), ("CAVEAT_RATE_LIMIT", "lots"),
                                             ("CAVEAT_TRUSTED_PROXIES", "the proxy"), ("CAVEAT_PROXY_HOPS", "0")])
def test_a_bad_shared_setting_is_named(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit, match=variable):
        config.load()
