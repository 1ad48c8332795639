from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.pii.log_masking import PiiLogFilter, install_log_masking, uninstall_log_masking


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def captured() -> Iterator[ListHandler]:
    handler = ListHandler()
    logger = logging.getLogger("vern.test.pii")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    install_log_masking()
    try:
        yield handler
    finally:
        uninstall_log_masking()
        logger.removeHandler(handler)


def test_every_logger_has_personal_data_masked(captured: ListHandler) -> None:
    logging.getLogger("vern.test.pii").info("user said %s", "jeg heter Kari, kari@example.org, 91234567")
    assert captured.lines == ["user said jeg heter <name>, <email>, <number>"]


def test_exception_text_is_masked(captured: ListHandler) -> None:
    try:
        int("kari@example.org")
    except ValueError:
        logging.getLogger("vern.test.pii").exception("parse failed")
    assert "kari@example.org" not in "\n".join(captured.lines)
    assert "<email>" in "\n".join(captured.lines)


def test_a_filter_for_handlers_of_other_libraries() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "code %s", ("kari@example.org",), None)
    assert PiiLogFilter().filter(record)
    assert record.getMessage() == "code <email>"


def test_operational_lines_stay_readable_while_people_are_masked(captured: ListHandler) -> None:
    log = logging.getLogger("vern.test.pii")
    log.info("Starting Rasa server on http://127.0.0.1:43211")
    log.info("Server Started")
    log.info("case opened for Kari Nordmann, ring 41234567")
    assert captured.lines == [
        "Starting Rasa server on http://127.0.0.1:43211",
        "Server Started",
        "case opened for <name>, ring <number>",
    ]
