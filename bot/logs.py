"""Application logging set-up shared by every Vern process."""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    """`level` is the settings' LOG_LEVEL (an unknown level is INFO there, and DEBUG is never the default)."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger().setLevel(level)
    # Annex rule and privacy by design: no personal data in application logs,
    # whichever library writes the record.
    from bot.pii.log_masking import install_log_masking

    install_log_masking()
