"""What can go wrong, by what the person can do about it.

Every expected failure in Vern derives from one of five kinds. Where it is raised, the code says what
happened (a case that does not exist, a register that does not answer); the kind says what the person is
told and which HTTP status a program gets. The words are chosen in one place for actions
(`bot.rasa_adapter.action_errors`) and one place for HTTP (`bot.web.errors`), so a module that raises
never has to know whether a chat or a web page called it.

Messages of these exceptions go to logs: they name operations and kinds, never an address, a code or what
someone typed.
"""

from __future__ import annotations


class Explained(Exception):
    """An error whose words for the console's reader are a catalog message: `key` (locales/source/console.yml)
    with `values` for its placeholders. The exception's own message stays the English of logs and the CLI; the
    console says `key` in its language (bot.web.console.pages.explain)."""

    def __init__(self, *args: object, key: str | None = None, values: dict[str, object] | None = None) -> None:
        super().__init__(*args)
        self.key = key
        self.values = values or {}


class VernError(Explained):
    """An expected failure. `words` is the bot.i18n key of what the person is told; `status_code` the HTTP status."""

    words = "error_internal"
    status_code = 500


class Unavailable(VernError):
    """A store, register or mail server Vern needs did not answer: try again later; nothing was half done."""

    words = "service_unavailable"
    status_code = 503


class NotFound(VernError):
    """What was asked for does not exist (or no longer exists)."""

    words = "error_not_found"
    status_code = 404


class Refused(VernError):
    """The asker may not do this: not theirs, not verified, not in the register."""

    words = "error_refused"
    status_code = 403


class Invalid(VernError):
    """What was sent cannot be used as it is (an address that is not one, details too large)."""

    words = "error_invalid"
    status_code = 400


class Conflict(VernError):
    """The thing is no longer in a state where this can happen (a closed case, an answered invitation)."""

    words = "error_conflict"
    status_code = 409


UNEXPECTED_WORDS = VernError.words
UNEXPECTED_STATUS = VernError.status_code


def words_key(error: BaseException) -> str:
    """The bot.i18n key of what a person is told about `error` (anything unexpected: "something went wrong")."""
    return error.words if isinstance(error, VernError) else UNEXPECTED_WORDS


def http_status(error: BaseException) -> int:
    return error.status_code if isinstance(error, VernError) else UNEXPECTED_STATUS


__all__ = ["Conflict", "Explained", "Invalid", "NotFound", "Refused", "Unavailable", "VernError", "http_status",
           "words_key"]
