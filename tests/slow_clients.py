"""Slow and stalled clients against a real server on loopback, for tests/server and benchmarks/bench_abuse.py.

Half of them send a request's head a few bytes at a time and never finish it; the other half send a complete head
announcing a body, then the body a few bytes at a time. Each holds its connection open until `close()`; nothing
here sends to any address but 127.0.0.1."""
from __future__ import annotations

import socket
import threading

SLOW_HEAD = b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Slow: "
SLOW_BODY = (b"POST /api/v1/annotate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
             b"Content-Length: 100000\r\n\r\n{\"text\": \"")


class SlowClients:
    def __init__(self, port: int, count: int = 200, interval: float = 0.5, rounds: int = 240):
        """`count` connections that each send one more byte every `interval` seconds, for at most `rounds`."""
        self.sockets = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(count)]
        self._prefixes = [SLOW_HEAD if i % 2 else SLOW_BODY for i in range(count)]
        for sock, prefix in zip(self.sockets, self._prefixes):
            sock.sendall(prefix)
        self._stop = threading.Event()
        self._interval, self._rounds = interval, rounds
        self._thread = threading.Thread(target=self._drip, daemon=True)
        self._thread.start()

    def _drip(self) -> None:
        for _ in range(self._rounds):  # bounded: stops by itself
            if self._stop.wait(self._interval):
                return
            for sock in self.sockets:
                try:
                    sock.send(b"a")
                except OSError:  # the server closed it
                    pass

    def still_open(self) -> int:
        """How many of the slow connections the server has not closed (nor answered)."""
        import select

        readable, _, _ = select.select(self.sockets, [], [], 0)
        return len(self.sockets) - len(readable)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()
