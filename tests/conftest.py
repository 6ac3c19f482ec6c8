"""Shared fixtures. `caveat_server` is one real gunicorn server on the bundled KB for the whole session."""
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_server import start_server  # noqa: E402


@pytest.fixture(scope="session")
def caveat_server(tmp_path_factory):
    with start_server(log_dir=tmp_path_factory.mktemp("caveat-server")) as server:
        yield server


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory):
    """The wheel built from this tree (as `python -m build` would for a release), and what the build printed."""
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out),
                           str(Path(__file__).resolve().parents[1])], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("caveat-*.whl")
    return wheel, done.stdout + done.stderr
