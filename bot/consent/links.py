"""Where a guardian answers: a Telegram deep link when the bot is set up, and always a web page
(for a guardian without Telegram, who confirms with an e-mail code instead)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.consent.invitations import IssuedInvitation

WEB_PATH = "/guardian/"


@dataclass(frozen=True)
class GuardianLinks:
    telegram: str | None
    web: str
    code: str
    bot_username: str | None


def guardian_links(settings: Settings, invitation: IssuedInvitation) -> GuardianLinks:
    username = settings.telegram_bot_username if settings.telegram_token is not None else None
    telegram = f"https://t.me/{username}?start={invitation.token}" if username else None
    # The token goes in the fragment-free path; the page never echoes it back into a third-party request.
    web = settings.public_url.rstrip("/") + WEB_PATH + invitation.token
    return GuardianLinks(telegram, web, invitation.code, username)
