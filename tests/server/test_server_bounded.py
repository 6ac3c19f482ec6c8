"""Bounded work per request: caps that answer with a 422 naming the limit, a deadline, a busy answer when every
annotation slot stays taken, work that stops when the client goes, and /healthz answering while the worst
requests run."""
from __future__ import annotations

import json
import socket
import threading

import pytest

from caveat.server import create_app
from caveat.server.state import state
from live_server import start_server, wait_until
from openapi_check import check

WORST = json.dumps({"text": "ivermectin covid " * 120_000}).encode()  # ~2 MB, a highlight every 17 characters


def app_with(tiny_kb, **config):
    app = create_app({"KB_PATH": str(tiny_kb), **config})
    return app


def post(app, payload):
    response = app.test_client().post("/api/v1/annotate", json=payload)
    check("POST", "/api/v1/annotate", response.status_code, response.mimetype, response.get_data())
    return response.status_code, response.get_json()


def test_more_highlights_than_the_cap_is_a_422_naming_the_limit(tiny_kb):
    status, body = post(app_with(tiny_kb, MAX_HIGHLIGHTS=10), {"text": "ivermectin covid. " * 11})
    assert status == 422 and body["error"]["code"] == "too_many_highlights"
    assert "CAVEAT_MAX_HIGHLIGHTS" in body["error"]["message"] and "10" in body["error"]["message"]
    assert post(app_with(tiny_kb, MAX_HIGHLIGHTS=10), {"text": "ivermectin covid. " * 10})[0] == 200


def test_an_answer_over_the_byte_cap_is_a_422_naming_the_limit(tiny_kb):
    status, body = post(app_with(tiny_kb, MAX_RESPONSE_BYTES=2000), {"text": "ivermectin for covid"})
    assert status == 422 and body["error"]["code"] == "response_too_large"
    assert "CAVEAT_MAX_RESPONSE" in body["error"]["message"]


def test_no_free_slot_in_time_is_a_503(tiny_kb):
    app = app_with(tiny_kb, QUEUE_TIMEOUT=0.3, ANNOTATE_SLOTS=1)
    slots = state(app).slots
    slots.acquire()  # another request holds the only slot
    try:
        status, body = post(app, {"text": "ivermectin"})
    finally:
        slots.release()
    assert status == 503 and body["error"]["code"] == "server_busy"
    assert "CAVEAT_QUEUE_TIMEOUT" in body["error"]["message"]


def test_work_past_the_deadline_is_stopped_with_a_422(tmp_path):
    with start_server(env={"CAVEAT_DEADLINE": "0.2"}, log_dir=tmp_path) as server:
        status, body = server.post_json("/api/v1/annotate", json.loads(WORST))
        assert status == 422 and body["error"]["code"] == "too_much_work"
        assert "CAVEAT_DEADLINE" in body["error"]["message"]
        assert server.post_json("/api/v1/annotate", {"text": "ivermectin"})[0] == 200  # the next one is fine


def test_a_page_of_sentence_marks_is_answered_and_leaves_the_worker_free(tmp_path):
    """The deadline cannot stop one call into C, which also holds the worker's GIL (its watchdog and every other
    thread wait): a run of end marks once cost the sentence split the square of its length in one regular expression
    call, and this 1 MB page held the only worker for hours. No call may grow faster than the text."""
    with start_server(log_dir=tmp_path) as server:
        status, body = server.post_json("/api/v1/annotate", {"text": "My aunt took ivermectin for covid" + "." * 1_000_000})
        assert status == 200 and [h["exact"] for h in body["highlights"]] == ["ivermectin"]
        assert server.get_json("/healthz")["status"] == "ok"


@pytest.fixture(scope="module")
def patient_server(tmp_path_factory):
    """Deadline long enough that the worst requests are still at work while the test looks; two workers."""
    with start_server(workers=2, env={"CAVEAT_DEADLINE": "120"},
                      log_dir=tmp_path_factory.mktemp("patient")) as server:
        yield server


def send_worst(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=300)
    sock.sendall(b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + str(len(WORST)).encode() + b"\r\n\r\n" + WORST)
    return sock


def test_work_stops_when_the_client_goes(patient_server):
    send_worst(patient_server).close()
    line = f"POST /api/v1/annotate 400 in={len(WORST)}B"  # client_gone, long before the 120 s deadline
    wait_until(lambda: line in patient_server.log(), 100, "the abandoned request to stop")


def test_health_answers_while_eight_worst_case_requests_run(patient_server):
    finished, healthy = [], []

    def worst():
        with send_worst(patient_server) as sock:
            sock.recv(100)
            finished.append(len(healthy))

    clients = [threading.Thread(target=worst) for _ in range(8)]
    for client in clients:
        client.start()
    try:
        while not finished and len(healthy) < 5000:  # bounded; asks all the time the eight are at work
            healthy.append(patient_server.get_json("/healthz")["status"])
        assert len(healthy) >= 10 and set(healthy) == {"ok"}
    finally:
        for client in clients:
            client.join()
