"""Browser fixture for the end-to-end tests: the machine's Chromium, driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.stack import VernStack

CHROMIUM = "/usr/bin/chromium"  # Debian's package; a browser is never downloaded


@pytest.fixture
def browser(stack: VernStack) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Any:
    return browser.new_page()
