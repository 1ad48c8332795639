"""Vern's Telegram bot for guardians: open a child's link, approve or decline, see and withdraw consents.

Telegram identities are pseudonymised before they touch a store (a keyed hash
of the account id); chat ids and names are never stored or logged. Every
button names an invitation or a record, and the server checks that this
account may act on it: callback data can be forged like any other input.
For a purpose checked in the controller's guardian register, the guardian
shares their own account's phone number (bot/telegram/register_phone.py); it
is asked of the register and never stored or logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyKeyboardRemove, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.consent.invitations import (
    PROBLEM_TEXT,
    GuardianInvitations,
    InvitationError,
    InvitationIntent,
    tell_child_of_refusal,
)
from bot.consent.local_time import local_time
from bot.consent.purposes import Purpose, notice_text
from bot.consent.service import ConsentError, ConsentService, NotAllowed, RecordNotFound
from bot.guardians.check import REGISTER, NotInRegister, guardian_verification, register_applies
from bot.guardians.registry import GuardianContact, GuardianRegistry, RegistryUnavailable
from bot.i18n import translate
from bot.telegram.child_command import CHILD_COMMANDS, child_records, reply_child
from bot.telegram.register_phone import DEFAULT_REGION, PendingAnswer, share_button_text, share_keyboard, shared_phone

logger = logging.getLogger(__name__)

RELATION = "parent_or_guardian"  # declared by pressing "approve" under a text that says so
METHOD = "telegram"
CONSENTS_COMMANDS = ("samtykker", "samtykke", "consents")
HELP_COMMANDS = ("help", "hjelp", "hjaelp")
LANGUAGE_COMMANDS = ("language", "sprak", "sprog", "maal")
STOP_COMMANDS = ("stop", "stopp")
MAX_PENDING = 10_000  # open register questions kept in memory; the oldest goes first (it can simply be asked again)
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "da": "Dansk", "en": "English"}
Notify = Callable[[str], Awaitable[None]]


def telegram_language(code: str | None, fallback: str) -> str:
    """Telegram's interface language of the guardian, mapped to ours ('no' is bokmål in practice)."""
    code = (code or "").lower()
    if code.startswith("nn"):
        return "nn"
    if code.startswith(("nb", "no")):
        return "nb"
    if code.startswith("da"):
        return "da"
    if code.startswith("en"):
        return "en"
    return fallback


@dataclass(frozen=True)
class GuardianServices:
    consents: ConsentService
    invitations: GuardianInvitations
    purposes: dict[str, Purpose]
    controller_name: str
    default_language: str
    notify_child: Notify | None = None  # tells the child's chat that an answer came (by invitation id's chat)
    registry: GuardianRegistry | None = None  # the controller's guardian register, when configured
    contact: str = ""  # the controller's privacy contact, named when the bot forgets an account
    timezone: str = "Europe/Oslo"  # times a guardian reads are local
    phone_region: str = DEFAULT_REGION  # how a shared number without a country code is read (register by phone)


class GuardianBot:
    def __init__(self, services: GuardianServices) -> None:
        self._s = services
        # A guardian's chosen language (/language), by the account's keyed hash, in this process's memory only:
        # nothing about the account is stored for it, and after a restart Telegram's interface language applies.
        self._languages: dict[str, str] = {}
        # The register question by phone, by the account's keyed hash (bot/telegram/register_phone.py): the link,
        # the button pressed and the register's yes. Never the number itself.
        self._pending: dict[str, PendingAnswer] = {}

    def install(self, application: Application) -> None:  # type: ignore[type-arg]
        application.add_handler(CommandHandler("start", self.start))
        application.add_handler(CommandHandler(list(CONSENTS_COMMANDS), self.list_consents))
        application.add_handler(CommandHandler(list(CHILD_COMMANDS), self.child))
        application.add_handler(CommandHandler(list(HELP_COMMANDS), self.help))
        application.add_handler(CommandHandler(list(LANGUAGE_COMMANDS), self.choose_language))
        application.add_handler(CommandHandler(list(STOP_COMMANDS), self.stop))
        application.add_handler(CallbackQueryHandler(self.button))
        application.add_handler(MessageHandler(filters.CONTACT, self.contact_shared))
        application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, self.text))
        application.add_error_handler(self.error)

    # --- who is asking ------------------------------------------------------------------------
    def _guardian_key(self, update: Update) -> str:
        user = update.effective_user
        assert user is not None
        return self._s.consents.pseudonym(f"telegram:{user.id}")

    def _language(self, update: Update, fallback: str | None = None) -> str:
        user = update.effective_user
        if user is not None:
            chosen = self._languages.get(self._guardian_key(update))
            if chosen:
                return chosen
        return telegram_language(user.language_code if user else None, fallback or self._s.default_language)

    # --- handlers -----------------------------------------------------------------------------
    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is None:
            return
        payload = (context.args or [""])[0]
        if not payload:
            await update.effective_message.reply_text(
                translate("tg_welcome", self._language(update), controller=self._s.controller_name))
            return
        await self._open(update, payload)

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        typed = message.text.strip()
        if 6 <= len(typed) <= 80:
            await self._open(update, typed)  # the short code, typed instead of following the link
        else:
            await message.reply_text(translate("tg_welcome", self._language(update),
                                               controller=self._s.controller_name))

    async def _open(self, update: Update, token_or_code: str) -> None:
        message = update.effective_message
        assert message is not None
        try:
            opened = await asyncio.to_thread(self._s.invitations.open, token_or_code, self._guardian_key(update))
        except InvitationError as error:
            await tell_child_of_refusal(self._s.invitations, self._s.notify_child, error)
            await message.reply_text(translate(PROBLEM_TEXT[error.problem], self._language(update)))
            return
        language = self._language(update, opened.language)
        purpose = self._s.purposes[opened.purpose_id]
        notice = notice_text(purpose, language, opened.audience)  # the version the record hashes
        if opened.intent is InvitationIntent.INFORM:
            text = translate("tg_inform", language, notice=notice)
            buttons = [[InlineKeyboardButton(translate("tg_button_ack", language),
                                             callback_data=f"i:{opened.invitation_id}")]]
        else:
            text = translate("tg_approve_request", language, notice=notice)
            buttons = self._answer_buttons(opened.invitation_id, language)
        await message.reply_text(text, reply_markup=InlineKeyboardMarkup(buttons))
        if opened.intent is InvitationIntent.APPROVE and register_applies(self._s.registry, purpose):
            # The answer counts only from someone the register lists: the account's own phone number, shared
            # with Telegram's contact button, or the web page (e-mail code) as before.
            self._remember(self._guardian_key(update), PendingAnswer(opened.invitation_id))
            await message.reply_text(translate("tg_register_phone_offer", language, controller=self._s.controller_name,
                                               button=share_button_text(language)),
                                     reply_markup=share_keyboard(language))

    @staticmethod
    def _answer_buttons(invitation_id: str, language: str) -> list[list[InlineKeyboardButton]]:
        return [[
            InlineKeyboardButton(translate("tg_button_approve", language), callback_data=f"a:{invitation_id}"),
            InlineKeyboardButton(translate("tg_button_decline", language), callback_data=f"d:{invitation_id}"),
        ]]

    async def list_consents(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        language = self._language(update)
        records = await asyncio.to_thread(self._s.consents.records_for_guardian, self._guardian_key(update))
        if not records:
            await message.reply_text(translate("tg_consents_none", language))
            return
        for record in records:
            line = translate("consent_line", language, title=self._title(record.purpose_id, language),
                             status=translate(f"consent_status_{record.status}", language))
            markup = None
            if record.status in ("given", "pending_guardian") and record.rule.needs_guardian:
                markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                    translate("consent_withdraw_button", language), callback_data=f"w:{record.record_id}")]])
            await message.reply_text(line, reply_markup=markup)

    async def child(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/child [number]: the consents this account answered for a child; access and erasure: the chat."""
        message = update.effective_message
        if message is None:
            return
        language = self._language(update)
        records = await child_records(self._s.consents, self._guardian_key(update), list(context.args or []))
        titles = {record.purpose_id: self._title(record.purpose_id, language) for record in records}
        await reply_child(message, records, language, self._s.controller_name, titles)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is not None:
            await update.effective_message.reply_text(
                translate("tg_help", self._language(update), controller=self._s.controller_name))

    async def choose_language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is None:
            return
        buttons = [[InlineKeyboardButton(name, callback_data=f"l:{code}")] for code, name in LANGUAGE_NAMES.items()]
        await update.effective_message.reply_text(translate("tg_language_choose", self._language(update)),
                                                  reply_markup=InlineKeyboardMarkup(buttons))

    async def stop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message is None:
            return
        language = self._language(update)
        markup = InlineKeyboardMarkup([[
            InlineKeyboardButton(translate("tg_button_forget", language), callback_data="s:yes"),
            InlineKeyboardButton(translate("tg_button_cancel", language), callback_data="x"),
        ]])
        await update.effective_message.reply_text(translate("tg_stop_confirm", language, contact=self._contact()),
                                                  reply_markup=markup)

    def _contact(self) -> str:
        return self._s.contact or self._s.controller_name

    async def _forget(self, key: str) -> int:
        """The account's keyed hash leaves the records and the links it opened; its language choice goes too."""
        self._languages.pop(key, None)
        self._pending.pop(key, None)
        forgotten = await asyncio.to_thread(self._s.consents.forget_guardian, key)
        await asyncio.to_thread(self._s.invitations.forget_opener, key)
        return forgotten

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        action, _, target = (query.data or "").partition(":")
        language = self._language(update)
        key = self._guardian_key(update)
        try:
            if action in ("a", "d") and await self._needs_register(target):
                await self._register_press(query, target, action == "a", key, language)
            elif action in ("a", "d", "i"):
                text = await self._answer(action, target, key, language)
                await query.edit_message_text(text)
            elif action == "w":
                await self._ask_withdraw(query, target, key, language)
            elif action == "c":
                await self._withdraw(query, target, key, language)
            elif action == "l" and target in LANGUAGE_NAMES:
                self._languages[key] = target
                await query.edit_message_text(translate("tg_language_set", target, name=LANGUAGE_NAMES[target]))
            elif action == "s" and target == "yes":
                await self._forget(key)
                await query.edit_message_text(translate("tg_stopped", language, contact=self._contact()))
            else:
                await query.edit_message_text(translate("tg_cancelled", language))
        except InvitationError as error:
            await tell_child_of_refusal(self._s.invitations, self._s.notify_child, error)
            await query.edit_message_text(translate(PROBLEM_TEXT[error.problem], language))
        except (NotAllowed, RecordNotFound):
            await query.edit_message_text(translate("tg_not_yours", language))

    async def _needs_register(self, invitation_id: str) -> bool:
        about = await asyncio.to_thread(self._s.invitations.describe, invitation_id)
        purpose = self._s.purposes.get(about.purpose_id)
        return (purpose is not None and about.intent is InvitationIntent.APPROVE
                and register_applies(self._s.registry, purpose))

    async def _register_press(self, query: object, invitation_id: str, approve: bool, key: str,
                              language: str) -> None:
        """Approve or decline on a purpose checked in the register: recorded only after the register's yes."""
        pending = self._pending.get(key)
        if pending is not None and pending.invitation_id == invitation_id and pending.verified:
            self._pending.pop(key, None)
            text = await self._answer("a" if approve else "d", invitation_id, key, language, REGISTER)
            await query.edit_message_text(text)  # type: ignore[attr-defined]
            return
        # Remembered, not answered: the shared phone number decides. The buttons stay, to change one's mind.
        self._remember(key, PendingAnswer(invitation_id, approve))
        choice = translate("tg_button_approve" if approve else "tg_button_decline", language)
        await query.message.reply_text(  # type: ignore[attr-defined]
            translate("tg_register_phone_wait", language, choice=choice, controller=self._s.controller_name,
                      button=share_button_text(language)),
            reply_markup=share_keyboard(language))

    def _remember(self, key: str, pending: PendingAnswer) -> None:
        self._pending.pop(key, None)
        while len(self._pending) >= MAX_PENDING:
            self._pending.pop(next(iter(self._pending)))
        self._pending[key] = pending

    async def contact_shared(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The guardian pressed "Share my phone number": ask the register, never keep the number."""
        message, user = update.effective_message, update.effective_user
        if message is None or message.contact is None or user is None:
            return
        language = self._language(update)
        key = self._guardian_key(update)
        # Telegram's button sends the account's own number with the sender's id; any other contact (forwarded,
        # picked from the phone book) is someone else's number and proves nothing about this account.
        if message.contact.user_id is None or message.contact.user_id != user.id:
            await message.reply_text(translate("tg_register_phone_not_own", language,
                                               button=share_button_text(language)),
                                     reply_markup=share_keyboard(language))
            return
        pending = self._pending.get(key)
        try:
            applies = pending is not None and await self._needs_register(pending.invitation_id)
        except InvitationError:
            applies = False  # the link is gone (expired and cleaned up)
        if pending is None or not applies:
            await message.reply_text(translate("tg_register_phone_no_link", language),
                                     reply_markup=ReplyKeyboardRemove())
            return
        try:
            listed = await self._ask_register(pending.invitation_id, message.contact.phone_number)
        except RegistryUnavailable:
            # Nothing changes; the button stays for trying again.
            await message.reply_text(translate("guardian_register_unavailable", language, contact=self._contact()),
                                     reply_markup=share_keyboard(language))
            return
        if not listed:
            logger.info("guardian answer refused: phone not in the controller's register")
            self._pending[key] = replace(pending, verified=False)
            await message.reply_text(translate("tg_register_phone_not_listed", language,
                                               controller=self._s.controller_name, contact=self._contact()),
                                     reply_markup=ReplyKeyboardRemove())
            return
        if pending.approve is None:
            # Shared before choosing: the register said yes for this link, so the buttons now count.
            self._pending[key] = replace(pending, verified=True)
            await message.reply_text(translate("tg_register_phone_listed", language,
                                               controller=self._s.controller_name),
                                     reply_markup=ReplyKeyboardRemove())
            await message.reply_text(translate("tg_register_phone_choose", language), reply_markup=InlineKeyboardMarkup(
                self._answer_buttons(pending.invitation_id, language)))
            return
        self._pending.pop(key, None)
        await self._answer_after_register(message, pending, key, language)

    async def _ask_register(self, invitation_id: str, raw_number: str) -> bool:
        """The same check the web page makes after the e-mail code (bot.guardians.check), with the phone."""
        opened = await asyncio.to_thread(self._s.invitations.describe, invitation_id)
        number = shared_phone(raw_number, self._s.phone_region)
        if number is None:
            return False
        try:
            verified = await guardian_verification(self._s.registry, self._s.purposes[opened.purpose_id], opened,
                                                   GuardianContact("phone", number), METHOD)
        except NotInRegister:
            return False
        return verified == REGISTER

    async def _answer_after_register(self, message: Message, pending: PendingAnswer, key: str,
                                     language: str) -> None:
        action = "a" if pending.approve else "d"
        try:
            text = await self._answer(action, pending.invitation_id, key, language, REGISTER)
        except InvitationError as error:
            await tell_child_of_refusal(self._s.invitations, self._s.notify_child, error)
            text = translate(PROBLEM_TEXT[error.problem], language)
        except (NotAllowed, RecordNotFound):
            text = translate("tg_not_yours", language)
        await message.reply_text(text, reply_markup=ReplyKeyboardRemove())

    async def _answer(self, action: str, invitation_id: str, key: str, language: str,
                      verified: str = METHOD) -> str:
        """Records the answer; `verified` is "register" only after the register's yes for this account."""
        approve = action != "d"
        conversation = await asyncio.to_thread(self._s.invitations.conversation_of, invitation_id)
        view = await asyncio.to_thread(self._s.invitations.answer, invitation_id, key, approve, RELATION, METHOD,
                                       verified, language)
        if conversation and self._s.notify_child is not None:
            try:
                await self._s.notify_child(conversation)
            except Exception as error:  # noqa: BLE001 - the answer stands; the child sees it next time they ask
                logger.warning("child's chat not told of the guardian's answer (%s)", type(error).__name__)
        title = self._title(view.purpose_id, language)
        if action == "i":
            return translate("tg_acknowledged", language, title=title)
        if not approve:
            return translate("tg_declined", language, title=title)
        return translate("tg_approved", language, title=title, record=view.record_id,
                         when=local_time(view.updated_at, self._s.timezone))

    async def _ask_withdraw(self, query: object, record_id: str, key: str, language: str) -> None:
        record = await asyncio.to_thread(self._s.consents.get, record_id)
        mine = await asyncio.to_thread(self._s.consents.records_for_guardian, key)
        if record.record_id not in {r.record_id for r in mine if r.rule.needs_guardian}:
            raise NotAllowed("not this guardian's consent")
        markup = InlineKeyboardMarkup([[
            InlineKeyboardButton(translate("tg_button_confirm_withdraw", language), callback_data=f"c:{record_id}"),
            InlineKeyboardButton(translate("tg_button_cancel", language), callback_data="x"),
        ]])
        await query.edit_message_text(  # type: ignore[attr-defined]
            translate("tg_confirm_withdraw", language, title=self._title(record.purpose_id, language)),
            reply_markup=markup)

    async def _withdraw(self, query: object, record_id: str, key: str, language: str) -> None:
        view = await asyncio.to_thread(self._s.consents.withdraw, record_id, key, METHOD)
        await query.edit_message_text(  # type: ignore[attr-defined]
            translate("consent_withdrawn", language, title=self._title(view.purpose_id, language)))


    def _title(self, purpose_id: str, language: str) -> str:
        purpose = self._s.purposes.get(purpose_id)
        return purpose.title[language] if purpose is not None else purpose_id

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Only the kind of failure: an update holds chat ids and names, which never reach a log.
        logger.error("telegram update failed (%s)", type(context.error).__name__)
        if isinstance(update, Update) and update.effective_chat is not None:
            language = self._language(update)
            with contextlib.suppress(Exception):  # nothing more to tell if Telegram itself is gone
                await context.bot.send_message(update.effective_chat.id, translate("tg_unavailable", language))


__all__ = ["ConsentError", "GuardianBot", "GuardianServices", "telegram_language"]
