"""200 slow or stalled clients (heads and bodies sent a byte at a time) do not hold the worker's threads: a normal
client is answered while every one of them is still connected, and stalled ones are closed with a 408."""
from __future__ import annotations

import json

from live_server import start_server
from raw_http import exchange
from slow_clients import SLOW_BODY, SlowClients


def test_a_normal_client_is_served_while_200_slow_clients_hang_on(tmp_path):
    with start_server(workers=2, log_dir=tmp_path) as server:
        slow = SlowClients(server.port, count=200)
        try:
            answers = [server.post_json("/api/v1/annotate", {"text": f"ivermectin for covid {i}"})[0]
                       for i in range(20)] + [server.request("GET", "/healthz")[0] for _ in range(20)]
            assert answers == [200] * 40
            assert slow.still_open() == 200  # served while all of them were still there, not after a timeout
        finally:
            slow.close()


def test_a_stalled_request_gets_a_408_in_json(tmp_path):
    with start_server(env={"CAVEAT_HEAD_TIMEOUT": "0.5", "CAVEAT_REQUEST_TIMEOUT": "1"}, log_dir=tmp_path) as server:
        for stalled in (SLOW_BODY, b"GET /healthz HTTP/1.1\r\nHost: localh"):
            response = exchange(server.port, stalled)  # never finished: the server gives up and says why
            assert response.status == 408 and response.headers["x-content-type-options"] == "nosniff"
            assert json.loads(response.body)["error"]["code"] == "request_timeout"
