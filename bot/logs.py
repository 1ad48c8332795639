"""Application logging set-up shared by every Vern process."""

from __future__ import annotations

import logging


def log_level() -> str:
    """LOG_LEVEL, for code that sets up logging before (or without) the settings object; an unknown level is
    INFO, and DEBUG is never the default (bot.config declares it)."""
    from bot.config import setting_from_env

    return str(setting_from_env("log_level"))


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
