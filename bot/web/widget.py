"""widget.js as served: what a municipality's page loads with one <script> tag (bot.web.static serves it)."""

from __future__ import annotations

import json

from bot.config import Settings
from bot.i18n.widget import LANGUAGE_NAMES, WIDGET_STRINGS
from bot.retention.announced import announced_periods, period_words
from bot.web.static_files import STATIC_DIR


def widget_bundle(settings: Settings) -> str:
    """widget.js as served: its settings and words, the vendored socket.io client, and the widget itself.

    The client is bundled inside a scope where the host page's module loaders
    (AMD `define`, CommonJS `module`) cannot capture it, and a host page's own
    `window.io` is put back afterwards."""
    periods = announced_periods(settings)
    values = {"controller": settings.controller_name, "contact": settings.controller_contact,
              "minutes": periods.mask_minutes, "limit": settings.max_message_chars}
    config = {
        "socketUrl": settings.chat_socket_url,
        "socketPath": "/socket.io",
        "maxChars": settings.max_message_chars,
        "languages": list(settings.languages),
        "defaultLanguage": settings.default_language,
        "languageNames": {code: LANGUAGE_NAMES[code] for code in settings.languages},
        "strings": {code: {key: text.format(**values, keep=period_words(periods.masked_days, code))
                           for key, text in WIDGET_STRINGS[code].items()}
                    for code in settings.languages},
    }
    # JSON inside a script: a "</" in some text must not end the script early.
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    client = (STATIC_DIR / "vendor" / "socket.io.min.js").read_text(encoding="utf-8")
    widget_js = (STATIC_DIR / "widget.js").read_text(encoding="utf-8")
    return (
        f"window.VernWidgetConfig = {config_json};\n"
        "window.VernWidgetConfig.scriptUrl = document.currentScript ? document.currentScript.src : \"\";\n"
        "(function () {\n  var define, module, exports; var hostIo = window.io;\n"
        f"{client}\n"
        "  window.VernWidgetConfig.io = window.io;\n"
        "  if (hostIo === undefined) { try { delete window.io; } catch (e) { window.io = undefined; } }\n"
        "  else { window.io = hostIo; }\n})();\n"
        f"{widget_js}"
    )
