"""What a municipality's page loads: one script with the widget, its words and the vendored socket.io client."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.config import PROJECT_ROOT, load_settings
from bot.i18n.widget import WIDGET_STRINGS
from bot.web.app import content_security_policy, widget_bundle

VENDOR = PROJECT_ROOT / "scripts" / "vendor"


def _config(bundle: str) -> dict:  # type: ignore[type-arg]
    first_line = bundle.split("\n", 1)[0]
    assert first_line.startswith("window.VernWidgetConfig = ")
    return json.loads(first_line[len("window.VernWidgetConfig = "):].rstrip(";"))


def test_the_bundle_carries_the_socket_address_and_every_language_filled_in(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "CHAT_SOCKET_URL": "https://chat.example.no/",
                              "CONTROLLER_NAME": "Eksempel kommune"})
    config = _config(widget_bundle(settings))
    assert config["socketUrl"] == "https://chat.example.no"
    assert sorted(config["strings"]) == ["da", "en", "nb", "nn"]
    for language, strings in config["strings"].items():
        assert set(strings) == set(WIDGET_STRINGS["en"]), language
        assert "Eksempel kommune" in strings["notice"] and "15" in strings["notice"]
        # Only the widget's own {count} (what the person typed) is left for the browser to fill in.
        assert not any("{" in text.replace("{count}", "") for text in strings.values()), "placeholders filled in"


def test_a_controller_name_cannot_close_the_script_early(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "CONTROLLER_NAME": "</script><script>alert(1)"})
    first_line = widget_bundle(settings).split("\n", 1)[0]
    assert "</script>" not in first_line
    assert "</script><script>alert(1)" in _config(widget_bundle(settings))["strings"]["nb"]["notice"]


def test_every_language_of_the_widget_is_translated() -> None:
    for key, english in WIDGET_STRINGS["en"].items():
        for language in ("nb", "nn", "da"):
            assert WIDGET_STRINGS[language][key].strip(), (language, key)
        if key not in ("send", "bot"):
            assert WIDGET_STRINGS["nb"][key] != english, key


def test_vendored_files_are_the_pinned_npm_versions() -> None:
    pins = json.loads((VENDOR / "package.json").read_text())["dependencies"]
    lock = json.loads((VENDOR / "package-lock.json").read_text())["packages"]
    client = (PROJECT_ROOT / "bot" / "web" / "static" / "vendor" / "socket.io.min.js").read_text()
    axe = (PROJECT_ROOT / "tests" / "support" / "vendor" / "axe.min.js").read_text()
    assert re.search(r"Socket\.IO v([\d.]+)", client).group(1) == pins["socket.io-client"]  # type: ignore[union-attr]
    assert re.search(r"axe v([\d.]+)", axe).group(1) == pins["axe-core"]  # type: ignore[union-attr]
    assert lock["node_modules/socket.io-client"]["version"] == pins["socket.io-client"]
    assert lock["node_modules/axe-core"]["version"] == pins["axe-core"]
    # The standard Rasa widget the browser tests drive: its standalone build, committed, so tests need no Node.js.
    assert lock["node_modules/rasa-webchat"]["version"] == pins["rasa-webchat"] == "1.0.1"
    webchat = (PROJECT_ROOT / "tests" / "support" / "vendor" / "rasa-webchat.js").read_text()
    assert "e.WebChat=t()" in webchat[:400], "the UMD build that defines window.WebChat"


def test_vern_pages_may_connect_only_to_themselves_and_the_chat_socket(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "CHAT_SOCKET_URL": "https://chat.example.no"})
    policy = content_security_policy(settings)
    assert "connect-src 'self' https://chat.example.no wss://chat.example.no;" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "script-src 'self';" in policy
