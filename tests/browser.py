"""Where the tests find Debian's Chromium, and what happens when it is missing: on a laptop the browser tests
skip, but under CI=true they fail, so that a missing install step shows."""
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/lib/chromium/chromium"


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        give_up = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
        give_up(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
