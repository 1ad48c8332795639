"""/child in the guardian bot: the consents this account answered for a child, with a withdraw button each.

The account is known only through the links it answered (its keyed hash is the records' guardian key), so
it sees exactly those records, and only those a guardian decides (not a 16-17-year-old's, where the guardian
was informed). `/child <number>` narrows the list to one child (the controller's reference, compared as its
keyed hash). Access and erasure for a child need the guardian's e-mail address and the register, so they
are asked in the chat, which the reply points to."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.consent.service import ConsentService, ConsentView
from bot.guardians.registry import normalise_reference
from bot.i18n import translate

CHILD_COMMANDS = ("child", "barn", "born")


async def child_records(consents: ConsentService, guardian_key: str, args: list[str]) -> list[ConsentView]:
    reference = normalise_reference(args[0]) if args else None
    if reference:
        return await asyncio.to_thread(consents.records_for_child, guardian_key, reference)
    records = await asyncio.to_thread(consents.records_for_guardian, guardian_key)
    return [record for record in records if record.rule.needs_guardian]


async def reply_child(message: Message, records: list[ConsentView], language: str, controller: str,
                      titles: dict[str, str]) -> None:
    if not records:
        await message.reply_text(translate("tg_child_none", language, controller=controller))
        return
    await message.reply_text(translate("tg_child_intro", language, controller=controller))
    for record in records:
        line = translate("consent_line", language, title=titles.get(record.purpose_id, record.purpose_id),
                         status=translate(f"consent_status_{record.status}", language))
        markup = None
        if record.status in ("given", "pending_guardian"):
            # The same confirm-then-withdraw buttons as /consents; the server checks the account again.
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                translate("consent_withdraw_button", language), callback_data=f"w:{record.record_id}")]])
        await message.reply_text(line, reply_markup=markup)
