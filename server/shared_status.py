"""A small board that the gunicorn master writes and every worker reads: what the master last found on disk.

Workers are forked from the master and never load the KB themselves, so when an edit fails to load, only the
master knows why. It writes the outcome here, a JSON document in an anonymous shared mapping made before the fork
(no file, no lock a dead worker could hold): a sequence number that is odd while a write is under way lets a
reader retry instead of reading half a document."""
from __future__ import annotations

import json
import mmap
import struct

SIZE = 256 * 1024
HEADER = struct.Struct("<QI")  # sequence number, length of the JSON document


class SharedStatus:
    def __init__(self, size: int = SIZE):
        self._map = mmap.mmap(-1, size)  # anonymous and MAP_SHARED: the same memory in the master and its workers
        self._capacity = size - HEADER.size
        self.write({})

    def write(self, status: dict) -> None:
        """Only one process writes (the master, or the one process of the dev server and tests)."""
        data = json.dumps(status, separators=(",", ":")).encode("utf-8")
        if len(data) > self._capacity:
            raise ValueError(f"a status of {len(data)} bytes does not fit the board's {self._capacity}")
        sequence = HEADER.unpack_from(self._map)[0]
        HEADER.pack_into(self._map, 0, sequence + 1, 0)
        self._map[HEADER.size:HEADER.size + len(data)] = data
        HEADER.pack_into(self._map, 0, sequence + 2, len(data))

    def read(self) -> dict:
        while True:
            sequence, length = HEADER.unpack_from(self._map)
            data = self._map[HEADER.size:HEADER.size + length]
            if sequence % 2 == 0 and HEADER.unpack_from(self._map)[0] == sequence:
                return json.loads(data)
