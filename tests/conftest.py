"""Shared fixtures. `caveat_server` is one real gunicorn server on the bundled KB for the whole session."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_server import start_server  # noqa: E402


@pytest.fixture(scope="session")
def caveat_server(tmp_path_factory):
    with start_server(log_dir=tmp_path_factory.mktemp("caveat-server")) as server:
        yield server
