"""Fixtures for the server's tests: a tiny KB copied from the bundled one, an app on it, and a test client that
checks every response it receives against the OpenAPI document."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from caveat.server import create_app

from openapi_check import check
from tiny_kb import copy_kb



class CheckedClient(FlaskClient):
    """Every response a test sees has been validated against the OpenAPI document first."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        check(request.method, request.path, response.status_code, response.mimetype, response.get_data())
        return response


@pytest.fixture
def tiny_kb(tmp_path) -> Path:
    return copy_kb(tmp_path / "kb")


@pytest.fixture
def app(tiny_kb):
    app = create_app({"KB_PATH": str(tiny_kb)})
    app.test_client_class = CheckedClient
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_app(tiny_kb):
    """An app on the tiny KB with more settings (a shared instance's), whose client checks the OpenAPI document."""
    def make(**settings):
        app = create_app({"KB_PATH": str(tiny_kb), **settings})
        app.test_client_class = CheckedClient
        return app
    return make
