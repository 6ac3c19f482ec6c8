"""`python -m server [--host] [--port] [--kb PATH] [--workers N] [--dev]`: the same as `caveat serve`."""
import sys

from .cli import main

raise SystemExit(main(sys.argv[1:]))
