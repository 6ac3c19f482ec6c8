"""The API through app.test_client(): every call here is also checked against the OpenAPI document."""
from __future__ import annotations

import json

import jsonschema
import pytest
from openapi_spec_validator import validate

from caveat.annotator import KnowledgeBase, annotate_text
from openapi_check import SPEC, check

ARTICLE = "My aunt swears by ivermectin for covid.\n\nHer doctor prescribed Ozempic for type 2 diabetes instead."


def annotate(client, **body):
    response = client.post("/api/v1/annotate", json=body)
    assert response.status_code == 200, response.json
    return response.json


def test_annotate_text_returns_highlights_cards_and_kb_version(client, tiny_kb):
    result = annotate(client, text=ARTICLE)
    assert result["kb"]["version"] == KnowledgeBase.load(tiny_kb).version
    found = {h["treatment"]: h for h in result["highlights"]}
    assert set(found) == {"ivermectin", "semaglutide"}
    assert found["ivermectin"]["indication"] == "COVID-19"
    assert set(result["treatments"]) == {"ivermectin", "semaglutide"}
    assert result["treatments"]["ivermectin"]["name"] == "Ivermectin"


def test_annotate_html_offsets_match_the_library(client, tiny_kb):
    html = "<html><body><p>Some take <b>ivermectin</b> for covid.</p><script>ivermectin()</script></body></html>"
    result = annotate(client, html=html)
    assert [h["exact"] for h in result["highlights"]] == ["ivermectin"]
    assert "block" not in result["highlights"][0]


def test_annotate_blocks_gives_block_index_and_offsets_within_the_block(client):
    blocks = ["Nothing here.", "A friend took ivermectin for covid."]
    result = annotate(client, blocks=blocks)
    (highlight,) = result["highlights"]
    assert highlight["block"] == 1
    assert blocks[1][highlight["start"]:highlight["end"]] == highlight["exact"] == "ivermectin"


def test_annotate_gives_the_same_result_as_the_library(client, tiny_kb):
    assert annotate(client, text=ARTICLE) == annotate_text(ARTICLE, KnowledgeBase.load(tiny_kb)).to_dict()


def test_repeated_page_is_served_from_the_cache(client):
    first = client.post("/api/v1/annotate", json={"text": ARTICLE})
    again = client.post("/api/v1/annotate", json={"text": ARTICLE})
    assert "annotate;" in first.headers["Server-Timing"]
    assert "annotate;" not in again.headers["Server-Timing"]
    assert again.get_data() == first.get_data()


def test_only_a_valid_body_is_cached_and_its_content_type_is_still_checked(client):
    bad = b'{"text": "x", "title": 5}'
    for _ in range(2):  # a refused body is never stored, so its repeat is refused again
        assert client.post("/api/v1/annotate", data=bad, content_type="application/json").status_code == 422
    good = json.dumps({"text": ARTICLE}).encode()
    assert client.post("/api/v1/annotate", data=good, content_type="application/json").status_code == 200
    assert client.post("/api/v1/annotate", data=good, content_type="text/plain").status_code == 415


def test_treatments_lists_every_entry(client, tiny_kb):
    listed = client.get("/api/v1/treatments").json
    assert [t["id"] for t in listed["treatments"]] == KnowledgeBase.load(tiny_kb).ids()
    assert set(listed["treatments"][0]) >= {"id", "name", "evidence", "risk", "level"}


def test_treatments_fuzzy_search_by_alias(client):
    found = client.get("/api/v1/treatments?q=ozempik").json["treatments"]
    assert found[0]["id"] == "semaglutide"


def test_treatment_card(client):
    card = client.get("/api/v1/treatments/ivermectin").json
    assert card["id"] == "ivermectin" and card["sources"]


def test_unknown_treatment_is_404(client):
    response = client.get("/api/v1/treatments/snake-oil")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "unknown_treatment"


def test_kb_status_and_health(client, tiny_kb):
    status = client.get("/api/v1/kb").json
    assert status["entries"] == 3 and status["errors"] == []
    assert client.get("/healthz").json == {"status": "ok", "kb_version": status["version"]}


def test_openapi_document_is_valid_and_served(client):
    validate(SPEC)
    assert client.get("/api/v1/openapi.json").json == SPEC


def test_every_route_is_documented(app):
    documented = {(path, method.upper()) for path, ops in SPEC["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        path = rule.rule.replace("<", "{").replace(">", "}").replace("{path:", "{").replace("{treatment_id}", "{id}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {rule.rule} is not in openapi.json"


def test_every_documented_route_exists(app):
    adapter = app.url_map.bind("127.0.0.1")
    for path, operations in SPEC["paths"].items():
        concrete = path.replace("{id}", "ivermectin").replace("{name}", "x").replace("{filename}", "playground.js")
        for method in operations:
            adapter.match(concrete, method=method.upper())  # raises NotFound / MethodNotAllowed


@pytest.mark.parametrize("broken", [
    lambda r: r["highlights"][0].update(colour="red"),                 # unknown property
    lambda r: r["highlights"][0].update(level="catastrophic"),         # not in the enum
    lambda r: r["kb"].pop("version"),                                  # missing field
    lambda r: r["treatments"]["ivermectin"].update(summary=None),      # wrong type inside a card
])
def test_a_wrong_response_fails_validation(client, broken):
    result = annotate(client, text=ARTICLE)
    broken(result)
    with pytest.raises(jsonschema.ValidationError):
        check("POST", "/api/v1/annotate", 200, "application/json", json.dumps(result).encode())


def test_an_undocumented_status_fails_the_check():
    with pytest.raises(AssertionError):
        check("GET", "/api/v1/kb", 418, "application/json", b"{}")


def test_body_limit_is_configurable(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/v1/annotate", json={"text": "x" * 2000})
    assert response.status_code == 413 and "1000 bytes" in response.json["error"]["message"]
    assert client.post("/api/v1/annotate", json={"text": "x" * 900}).status_code == 200


def test_response_cache_is_bounded_by_bytes():
    from caveat.server.cache import ResponseCache
    cache = ResponseCache(max_entries=100, max_bytes=1000)
    for i in range(20):
        cache.put((str(i), "v"), b"x" * 100)
    assert cache.get(("19", "v")) is not None and cache.get(("0", "v")) is None
    assert sum(cache.get((str(i), "v")) is not None for i in range(20)) == 10
    cache.put(("huge", "v"), b"x" * 900)  # over an eighth of the budget: never kept
    assert cache.get(("huge", "v")) is None


def test_the_page_title_is_context_and_part_of_the_cache_key(client):
    blocks = ["Many of his friends now take semaglutide."]
    plain = annotate(client, blocks=blocks)
    dementia = annotate(client, blocks=blocks, title="Can semaglutide prevent Alzheimer's disease?", lang="en-GB")
    assert (plain["highlights"][0]["level"], plain["highlights"][0]["indication"]) == ("depends", None)
    assert dementia["highlights"][0]["indication"] == "Alzheimer's disease"
    assert annotate(client, blocks=blocks)["highlights"] == plain["highlights"]


@pytest.mark.parametrize("body, word", [
    ({"text": "x", "title": 5}, "'title' must be a string"),
    ({"text": "x", "headline": "h" * 1001}, "longer than 1000"),
    ({"text": "x", "lang": "english please"}, "language tag"),
    ({"html": "<p>x</p>", "title": "t"}, "an html page gives its own"),
])
def test_bad_page_context_is_a_422_that_names_the_field(client, body, word):
    response = client.post("/api/v1/annotate", json=body)
    assert response.status_code == 422 and word in response.json["error"]["message"], response.json


def test_an_html_answer_carries_the_text_its_offsets_count_in(client):
    html = "<html><body><h2>News</h2><p>Some take <b>ivermectin</b> for covid.</p></body></html>"
    result = annotate(client, html=html)
    (h,) = result["highlights"]
    assert result["text"][h["start"]:h["end"]] == h["exact"] == "ivermectin"
    assert "text" not in annotate(client, text="Some take ivermectin for covid.")


def test_the_openapi_limits_are_the_annotators():
    """The request schema in server/openapi.json is what the server checks; its limits must be the library's."""
    from caveat.annotator.page import MAX_TITLE
    from caveat.server import openapi

    fields = openapi.document()["components"]["schemas"]["AnnotateRequest"]["properties"]
    assert fields["title"]["maxLength"] == fields["headline"]["maxLength"] == MAX_TITLE
