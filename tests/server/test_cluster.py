"""Several machines: two Caveat instances share Redis (response cache, rate-limit counters) behind a real nginx
balancer. Many clients send real articles with zero failed requests while the KB changes and while one instance is
killed and restarted; nginx's own errors have Caveat's JSON shape; a Redis that writes to disk is refused."""
from __future__ import annotations

import json
import shutil
import signal
import time
from collections import Counter

import pytest

from caveat.server.config import BUNDLED_KB

from cluster import CLIENTS, JSON, PUBLIC_HOST, Clients, kill_instance, realistic_bodies, shared_env, start_nginx, start_redis
from live_server import start_server, wait_until



@pytest.fixture(autouse=True)
def _bundled_kb(monkeypatch):
    monkeypatch.delenv("CAVEAT_KB", raising=False)  # test_server_cli.py's cli.main() leaves it set


def test_two_instances_behind_nginx_fail_no_request_through_a_kb_change_and_a_restart(tmp_path):
    kbs = [tmp_path / f"kb{i}" for i in (1, 2)]
    for kb in kbs:
        shutil.copytree(BUNDLED_KB, kb)
    with start_redis(tmp_path) as redis_url:
        env = shared_env(redis_url)
        with start_server(kbs[0], env, log_dir=tmp_path / "a") as a, start_server(kbs[1], env, log_dir=tmp_path / "b") as b, \
                start_nginx(tmp_path / "nginx", [a.port, b.port]) as balancer, \
                Clients(balancer, realistic_bodies()) as clients:
            clients.wait_for(20)
            old = a.get_json("/healthz")["kb_version"]
            for kb in kbs:  # a maintainer's edit, deployed to each machine's disk
                entry = kb / "ivermectin.yaml"
                entry.write_text(entry.read_text(encoding="utf-8") + "\n# reviewed again\n", encoding="utf-8")
            new = wait_until(lambda: {s.get_json("/healthz")["kb_version"] for s in (a, b)} - {old}
                             and len({s.get_json("/healthz")["kb_version"] for s in (a, b)}) == 1
                             and a.get_json("/healthz")["kb_version"], 30, "both instances to serve the new KB")
            clients.wait_for(20)
            kill_instance(a)
            clients.wait_for(20)
            with start_server(kbs[0], env, log_dir=tmp_path / "a2", port=a.port) as again:
                assert again.get_json("/healthz")["kb_version"] == new
                # nginx tries the restarted instance again after fail_timeout (5 s), and it takes work again
                wait_until(lambda: "POST /api/v1/annotate 200" in again.log(), 60, "the restarted instance to serve")
                clients.wait_for(20)
    assert clients.statuses == Counter({200: clients.answered()}), clients.statuses
    assert clients.answered() >= 100 and set(clients.versions) == {old, new}


def test_a_crashed_instance_cuts_at_most_the_requests_it_had_in_flight(tmp_path):
    """SIGKILL of one instance (master and workers) under load: nginx retries what had not been answered yet on the
    other, so a request can fail only if it was in flight at the crash (an answer already on its way cannot be
    retried by any balancer), and every request started after the crash is answered."""
    with start_redis(tmp_path) as redis_url:
        env = shared_env(redis_url)
        with start_server(env=env, log_dir=tmp_path / "a") as a, start_server(env=env, log_dir=tmp_path / "b") as b, \
                start_nginx(tmp_path / "nginx", [a.port, b.port]) as balancer, \
                Clients(balancer, realistic_bodies()) as clients:
            clients.wait_for(20)
            crash = time.monotonic()
            kill_instance(a, signal.SIGKILL)
            clients.wait_for(100)
            assert "POST /api/v1/annotate 200" in b.log()
    in_flight = [(start, end) for start, end, _ in clients.timeline if start < crash < end]
    failed = [(start, end, status) for start, end, status in clients.timeline if status != 200]
    assert all(start < crash < end for start, end, _ in failed), failed  # none started after the crash
    assert len(failed) <= len(in_flight) <= CLIENTS
    after = [status for start, _, status in clients.timeline if start > crash]
    assert len(after) >= 100 - CLIENTS and set(after) == {200}


def test_instances_share_the_cache_and_the_rate_limit_counters(tmp_path):
    with start_redis(tmp_path) as redis_url:
        env = shared_env(redis_url, CAVEAT_RATE_LIMIT="5 per minute")
        with start_server(env=env, log_dir=tmp_path / "a") as a, start_server(env=env, log_dir=tmp_path / "b") as b:
            body = json.dumps({"blocks": ["She took ivermectin for COVID-19."]}).encode()
            headers = {**JSON, "Host": PUBLIC_HOST}
            first = a.request("POST", "/api/v1/annotate", body, headers)
            second = b.request("POST", "/api/v1/annotate", body, headers)
            assert first[0] == second[0] == 200 and first[2] == second[2]
            assert "annotate;" in first[1]["Server-Timing"] and "annotate;" not in second[1]["Server-Timing"]
            statuses = [s.request("GET", "/api/v1/treatments", headers=headers)[0] for s in (a, b, a)]
            assert statuses == [200, 200, 200]  # 5 requests counted across both instances, then:
            refused = b.request("GET", "/api/v1/treatments", headers=headers)
            assert refused[0] == 429 and json.loads(refused[2])["error"]["code"] == "rate_limited"


def test_nginx_errors_have_the_json_error_shape(tmp_path):
    with start_redis(tmp_path) as redis_url, start_server(env=shared_env(redis_url), log_dir=tmp_path) as server, \
            start_nginx(tmp_path / "nginx", [server.port]) as balancer:
        status, headers, body = balancer.request("POST", "/api/v1/annotate", b"x" * (6 << 20), JSON)
        assert status == 413 and headers["Content-Type"] == "application/json"
        assert json.loads(body)["error"]["code"] == "body_too_large"
        status, answer = balancer.post_json("/api/v1/annotate", {"page": "x"})  # Caveat's own errors pass through
        assert status == 422 and answer["error"]["code"] == "invalid_field"
        server.stop()
        status, headers, body = balancer.request("GET", "/api/v1/treatments")
        assert status == 502 and json.loads(body)["error"]["code"] == "unavailable"


def test_a_redis_that_writes_to_disk_is_refused(tmp_path):
    with start_redis(tmp_path, "--save", "60 1", "--appendonly", "no") as redis_url:
        with pytest.raises(RuntimeError, match="writes to disk"):
            with start_server(env=shared_env(redis_url), log_dir=tmp_path):
                pass
