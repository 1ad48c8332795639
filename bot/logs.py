"""Application logging set-up shared by every Vern process."""

from __future__ import annotations

import logging
import os


def log_level() -> str:
    level = (os.environ.get("LOG_LEVEL") or "INFO").upper()
    # Debug logs of Rasa carry message texts and slot values; they are for a
    # developer's machine only and never the default.
    return level if level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL") else "INFO"


def configure_logging(level: str | None = None) -> None:
    logging.basicConfig(
        level=level or log_level(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger().setLevel(level or log_level())
    # Annex rule and privacy by design: no personal data in application logs,
    # whichever library writes the record.
    from bot.pii.log_masking import install_log_masking

    install_log_masking()
