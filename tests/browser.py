"""Where the tests find Debian's Chromium and Firefox, and what happens when one is missing: on a laptop the
browser tests skip, but under CI=true they fail, so that a missing install step shows."""
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/lib/chromium/chromium"
FIREFOX = "/usr/bin/firefox-esr"


def require(path: str, package: str) -> None:
    if not Path(path).exists():
        give_up = pytest.fail if os.environ.get("CI") == "true" else pytest.skip
        give_up(f"{path} not found (apt-get install {package})")


def require_chromium() -> None:
    require(CHROMIUM, "chromium")
