"""The guardian register by phone, inside Telegram: the guardian shares their own account's number with a button.

A Telegram account is no address a register lists, but the phone number behind
it can be: Telegram's "share contact" button (request_contact) sends the
account's own number, with `user_id` set to the sender. A contact whose
`user_id` is anyone else's (a forwarded or picked contact) proves nothing and is
refused. The number is asked of the register once and lives only in the
handler's local variables: never in a record, the audit log, a log line or
this process's memory after the answer. What is kept in memory, by the
account's keyed hash, is which link the guardian is answering, which button
they pressed, and whether the register said yes for that link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from telegram import KeyboardButton, ReplyKeyboardMarkup

from bot.i18n import translate

# The region a number without a country code is read in, by the deployment's language: Telegram sends
# international numbers (without "+"), so this only matters for odd clients. No country setting exists.
_REGIONS = {"da": "DK"}
DEFAULT_REGION = "NO"


@dataclass(frozen=True)
class PendingAnswer:
    """A guardian's open register question for one link: no phone number, only what they chose."""

    invitation_id: str
    approve: bool | None = None  # the button pressed, None until then
    verified: bool = False  # the register listed this account's own number for this link's child


def phone_region(default_language: str) -> str:
    return _REGIONS.get(default_language, DEFAULT_REGION)


def shared_phone(raw: str | None, region: str) -> str | None:
    """The number in E.164 (+ and digits, as the register compares it), or None when it is no valid number."""
    digits = re.sub(r"[^\d+]", "", raw or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    # Telegram gives "4791234567": international digits without the "+". Read that first, then the national form.
    tries = [(digits, None)] if digits.startswith("+") else [("+" + digits, None), (digits, region)]
    for text, where in tries:
        try:
            number = phonenumbers.parse(text, where)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def share_button_text(language: str) -> str:
    return translate("tg_button_share_phone", language)


def share_keyboard(language: str) -> ReplyKeyboardMarkup:
    """One button that makes Telegram send the account's own number; it goes away once pressed."""
    return ReplyKeyboardMarkup([[KeyboardButton(share_button_text(language), request_contact=True)]],
                               one_time_keyboard=True, resize_keyboard=True)
