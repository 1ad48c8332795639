"""Application logs never hold personal data: every record is masked when it is made.

A record factory rather than a handler filter, because Rasa and sanic attach
their own handlers and loggers: the factory sees every record of every logger
in the process, whoever configured the handlers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

MaskText = Callable[[str], str]
_formatter = logging.Formatter()
_state = threading.local()


def mask_record(record: logging.LogRecord, mask_text: MaskText) -> None:
    if getattr(_state, "busy", False):
        return  # a record logged by the masker itself: ours, and free of user text
    _state.busy = True
    try:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg} {record.args}"
        record.msg = mask_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # Exception messages can quote user input ("invalid literal ... '12345678901'").
            record.exc_text = mask_text(_formatter.formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
    finally:
        _state.busy = False


class PiiMaskingRecordFactory:
    def __init__(self, base: Callable[..., logging.LogRecord], mask_text: MaskText) -> None:
        self.base = base
        self._mask_text = mask_text

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.base(*args, **kwargs)
        mask_record(record, self._mask_text)
        return record


class PiiLogFilter(logging.Filter):
    """For a handler that must be safe on its own (for example one given to a library)."""

    def __init__(self, mask_text: MaskText | None = None) -> None:
        super().__init__()
        self._mask_text = mask_text

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record, self._mask_text or _default_mask)
        return True


def _default_mask(text: str) -> str:
    from bot.pii import mask_for_logs

    return mask_for_logs(text)


def install_log_masking(mask_text: MaskText | None = None) -> None:
    """Idempotent: mask every log record made in this process from now on."""
    current = logging.getLogRecordFactory()
    base = current.base if isinstance(current, PiiMaskingRecordFactory) else current
    logging.setLogRecordFactory(PiiMaskingRecordFactory(base, mask_text or _default_mask))


def uninstall_log_masking() -> None:
    current = logging.getLogRecordFactory()
    if isinstance(current, PiiMaskingRecordFactory):
        logging.setLogRecordFactory(current.base)
