"""Caveat's HTTP server: the annotation API for the browser extension and the maintainers' playground."""
from .app import create_app

__all__ = ["create_app"]
