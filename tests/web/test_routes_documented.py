"""The fuzz tests (tests/e2e/test_api_fuzz.py) reach every route of the web app and console only if the
OpenAPI description lists it: a route added without its description fails here."""

from __future__ import annotations

import re

import yaml

from bot.config import PROJECT_ROOT, load_settings
from bot.web.app import create_web_app


def _documented() -> set[tuple[str, str]]:
    spec = yaml.safe_load((PROJECT_ROOT / "docs" / "openapi" / "web.yaml").read_text(encoding="utf-8"))
    return {(method.upper(), re.sub(r"\{[^}]+\}", "{}", path).rstrip("/"))
            for path, operations in spec["paths"].items() for method in operations}


def _served() -> set[tuple[str, str]]:
    app = create_web_app(load_settings(), name="vern_web_routes_documented")
    # Trailing slashes aside ("/" is "", "/console/" is "/console"), as Sanic's router keeps them.
    return {(method, "/" + re.sub(r"<[^>]+>", "{}", route.path).strip("/"))
            for route in app.router.routes for method in route.methods}


def test_every_route_of_the_web_app_and_console_is_described_for_the_fuzz_tests() -> None:
    documented = _documented()
    missing = sorted((method, path) for method, path in _served() if (method, path.rstrip("/")) not in documented)
    assert not missing, f"add these to docs/openapi/web.yaml: {missing}"
