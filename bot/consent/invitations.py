"""One-time guardian links and short codes, bound to one pending consent.

A child who needs a guardian's consent (or whose guardian must be informed)
gets a link to pass on: a Telegram deep link carrying a random token, and a
short code for typing instead. Both are stored only as keyed hashes, are
valid for 72 hours and can be answered once. Whoever opens the link last is
recorded (pseudonymously), and only that account may answer it: a button
press from another account, or a replayed one, changes nothing.

Vern cannot prove parenthood, but it refuses the obvious: each invitation
keeps the keyed hashes of the child's own addresses and account (the verified
address, every address the chat asked a code for, the Telegram account the
chat came from), and none of them may open or answer it. The refusal is noted
for the child's chat, which is told why.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
import secrets
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.consent.ages import guardian_audience
from bot.consent.models import GuardianInvitation
from bot.consent.service import ConsentError, ConsentService, ConsentView, NotAllowed
from bot.models.conversation import utc_naive

logger = logging.getLogger(__name__)
INVITATIONS = GuardianInvitation.__table__
VALID_FOR = timedelta(hours=72)
# No 0/O, 1/I/L: the code is read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class InvitationIntent(str, Enum):
    APPROVE = "approve"  # the guardian consents (under 13, and 13-15 together with the child)
    INFORM = "inform"  # 16-17: the guardian is informed; the child's consent already stands


class InvitationProblem(str, Enum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    NOT_OPENER = "not_opener"
    WITHDRAWN = "withdrawn"
    CHILD_ITSELF = "child_itself"  # the answering address or account is the child's own


# What a guardian is told for each problem (bot.i18n keys), in Telegram and on the web page alike.
PROBLEM_TEXT = {
    InvitationProblem.UNKNOWN: "tg_unknown",
    InvitationProblem.EXPIRED: "tg_expired",
    InvitationProblem.USED: "tg_used",
    InvitationProblem.NOT_OPENER: "tg_not_opener",
    InvitationProblem.WITHDRAWN: "tg_withdrawn_before",
    InvitationProblem.CHILD_ITSELF: "tg_child_itself",
}
SELF_ANSWER = "self_answer"  # what the child's chat is told (bot.i18n key guardian_self_answer_child)


class InvitationError(ConsentError):
    def __init__(self, problem: InvitationProblem, invitation_id: str | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.invitation_id = invitation_id  # set for CHILD_ITSELF, so the child's chat can be told


@dataclass(frozen=True)
class IssuedInvitation:
    invitation_id: str
    token: str  # shown once, to the child; never stored
    code: str  # the same, short and typeable
    expires_at: datetime


@dataclass(frozen=True)
class OpenInvitation:
    invitation_id: str
    record_id: str
    purpose_id: str
    intent: InvitationIntent
    language: str
    expires_at: datetime
    child_reference: str | None = None  # the controller's reference for the child, for the register question
    # The words the guardian is shown (bot.consent.ages.guardian_audience): the child's for a child under 13.
    audience: str = "adult"


@dataclass(frozen=True)
class ChildNotice:
    """An answer the child's chat has not been told yet."""

    invitation_id: str
    purpose_id: str
    answer: str
    audience: str | None = None  # the words the child was shown (child, young, adult): told in the same words


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalise_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


class GuardianInvitations:
    def __init__(self, engine: Engine, consents: ConsentService, clock: Callable[[], datetime],
                 secret_key: bytes, *, legacy_key: bytes | None = None) -> None:
        self._engine = engine
        self._consents = consents
        self._clock = clock
        self._secret = secret_key
        # Links and codes given before the keys were derived (bot.keys) stay good for their 72 hours.
        self._legacy = legacy_key

    def _hash(self, kind: str, value: str, secret: bytes | None = None) -> str:
        return hmac.new(secret or self._secret, f"guardian-{kind}:".encode() + value.encode(),
                        hashlib.sha256).hexdigest()

    def _hashes(self, kind: str, value: str) -> list[str]:
        return [self._hash(kind, value, secret) for secret in (self._secret, self._legacy) if secret]

    def _now(self) -> datetime:
        return utc_naive(self._clock())

    def issue(self, record_id: str, intent: InvitationIntent, language: str,
              conversation_id: str | None, excluded_keys: Iterable[str] = (),
              child_reference: str | None = None) -> IssuedInvitation:
        """A link for the child to pass on; `excluded_keys` are the child's own pseudonyms, which may not answer."""
        token = secrets.token_urlsafe(24)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        now = self._now()
        invitation_id = str(uuid.uuid4())
        with self._engine.begin() as connection:
            connection.execute(INVITATIONS.insert().values(
                invitation_id=invitation_id, token_hash=self._hash("token", token), code_hash=self._hash("code", code),
                record_id=record_id, intent=intent.value, language=language,
                conversation_id=(conversation_id or None) and conversation_id[:128], child_told=False,
                created_at=now, expires_at=now + VALID_FOR, excluded_keys=_joined(excluded_keys),
                refusal_untold=False, child_reference=(child_reference or None) and child_reference[:64],
            ))
        return IssuedInvitation(invitation_id, token, format_code(code), now + VALID_FOR)

    def describe(self, invitation_id: str) -> OpenInvitation:
        """What an invitation is about, by id (a button names it); no check of who asks."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(INVITATIONS).where(INVITATIONS.c.invitation_id == invitation_id)
            ).first()
        if row is None:
            raise InvitationError(InvitationProblem.UNKNOWN)
        record = self._consents.get(row.record_id)
        return OpenInvitation(row.invitation_id, row.record_id, record.purpose_id, InvitationIntent(row.intent),
                              row.language, row.expires_at, row.child_reference,
                              guardian_audience(record.notice_version))

    def peek(self, token: str) -> OpenInvitation:
        """What a link is about, without binding it to anyone (the web page, before the e-mail code)."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(INVITATIONS).where(INVITATIONS.c.token_hash.in_(self._hashes("token", token.strip())))
            ).first()
        if row is None:
            raise InvitationError(InvitationProblem.UNKNOWN)
        self._check_usable(row)
        record = self._consents.get(row.record_id)
        return OpenInvitation(row.invitation_id, row.record_id, record.purpose_id, InvitationIntent(row.intent),
                              row.language, row.expires_at, row.child_reference,
                              guardian_audience(record.notice_version))

    def open(self, token_or_code: str, opener_key: str) -> OpenInvitation:
        """The guardian followed the link (or typed the code): bind it to their account, show what it is about."""
        text = token_or_code.strip()
        if TOKEN_PATTERN.match(text) and len(normalise_code(text)) != CODE_LENGTH:
            condition = INVITATIONS.c.token_hash.in_(self._hashes("token", text))
        else:
            condition = INVITATIONS.c.code_hash.in_(self._hashes("code", normalise_code(text)))
        with self._engine.connect() as connection:
            row = connection.execute(select(INVITATIONS).where(condition)).first()
        if row is None:
            raise InvitationError(InvitationProblem.UNKNOWN)
        self._check_usable(row)
        self._refuse_the_child(row, opener_key)
        with self._engine.begin() as connection:
            connection.execute(update(INVITATIONS).where(INVITATIONS.c.invitation_id == row.invitation_id)
                               .values(opened_by=opener_key))
        record = self._consents.get(row.record_id)
        return OpenInvitation(row.invitation_id, row.record_id, record.purpose_id, InvitationIntent(row.intent),
                              row.language, row.expires_at, row.child_reference,
                              guardian_audience(record.notice_version))

    def _check_usable(self, row: Any) -> None:
        if row.used_at is not None:
            raise InvitationError(InvitationProblem.USED)
        if row.expires_at <= self._now():
            raise InvitationError(InvitationProblem.EXPIRED)
        if self._consents.get(row.record_id).status in ("withdrawn", "refused", "expired"):
            raise InvitationError(InvitationProblem.WITHDRAWN)

    def _refuse_the_child(self, row: Any, key: str) -> None:
        if key in (row.excluded_keys or "").split():
            with self._engine.begin() as connection:
                connection.execute(update(INVITATIONS).where(INVITATIONS.c.invitation_id == row.invitation_id)
                                   .values(refusal_untold=True))
            raise InvitationError(InvitationProblem.CHILD_ITSELF, row.invitation_id)

    def forget_opener(self, key: str) -> int:
        """/stop: links this account opened are no longer bound to it (a guardian may open them again)."""
        with self._engine.begin() as connection:
            return int(connection.execute(update(INVITATIONS).where(INVITATIONS.c.opened_by == key)
                                          .values(opened_by=None)).rowcount or 0)

    def exclude_for_chat(self, conversation_id: str, key: str) -> None:
        """The child's chat used another address after making the link: that one may not answer either."""
        with self._engine.begin() as connection:
            rows = connection.execute(
                select(INVITATIONS.c.invitation_id, INVITATIONS.c.excluded_keys)
                .where(INVITATIONS.c.conversation_id == conversation_id[:128], INVITATIONS.c.used_at.is_(None))
            ).all()
            for row in rows:
                connection.execute(update(INVITATIONS).where(INVITATIONS.c.invitation_id == row.invitation_id)
                                   .values(excluded_keys=_joined([*(row.excluded_keys or "").split(), key])))

    def answer(self, invitation_id: str, guardian_key: str, approve: bool, relation: str,
               method: str, verified: str | None = None, notice_language: str | None = None) -> ConsentView:
        """The guardian's answer; only the account that opened the link may give it, and only once.

        `verified` says how the guardian was proven (bot.guardians.check decides it before this call)."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(INVITATIONS).where(INVITATIONS.c.invitation_id == invitation_id)
            ).first()
        if row is None:
            raise InvitationError(InvitationProblem.UNKNOWN)
        if row.opened_by is None or not hmac.compare_digest(row.opened_by, guardian_key):
            raise InvitationError(InvitationProblem.NOT_OPENER)
        self._check_usable(row)
        self._refuse_the_child(row, guardian_key)
        now = self._now()
        with self._engine.begin() as connection:
            claimed = connection.execute(
                update(INVITATIONS).where(INVITATIONS.c.invitation_id == invitation_id,
                                          INVITATIONS.c.used_at.is_(None))
                .values(used_at=now, child_reference=None)  # the register was asked; the reference goes
            ).rowcount
        if not claimed:
            raise InvitationError(InvitationProblem.USED)  # two taps at once: the first one counts
        intent = InvitationIntent(row.intent)
        try:
            if intent is InvitationIntent.INFORM:
                self._consents.mark_guardian_informed(row.record_id, guardian_key, relation, method, verified,
                                                      notice_language or row.language)
                outcome, view = "informed", self._consents.get(row.record_id)
            else:
                view = self._consents.guardian_answer(row.record_id, guardian_key, relation, approve, method,
                                                      verified, notice_language or row.language)
                outcome = "approved" if approve else "declined"
        except NotAllowed:
            raise InvitationError(InvitationProblem.USED) from None
        with self._engine.begin() as connection:
            connection.execute(update(INVITATIONS).where(INVITATIONS.c.invitation_id == invitation_id)
                               .values(answer=outcome))
        return view

    def untold_answers(self, conversation_id: str) -> list[ChildNotice]:
        """Answers the child's chat should hear; the chat id is dropped once they are told."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(INVITATIONS.c.invitation_id, INVITATIONS.c.record_id, INVITATIONS.c.answer)
                .where(INVITATIONS.c.conversation_id == conversation_id, INVITATIONS.c.answer.is_not(None),
                       INVITATIONS.c.child_told.is_(False))
                .order_by(INVITATIONS.c.used_at)
            ).all()
        records = [(row, self._consents.get(row.record_id)) for row in rows]
        notices = [ChildNotice(row.invitation_id, record.purpose_id, row.answer, record.notice_version)
                   for row, record in records]
        notices = self._untold_refusals(conversation_id) + notices
        if notices:
            with self._engine.begin() as connection:
                connection.execute(
                    update(INVITATIONS).where(INVITATIONS.c.invitation_id.in_([n.invitation_id for n in notices]))
                    .values(child_told=True, conversation_id=None)
                )
        return notices

    def _untold_refusals(self, conversation_id: str) -> list[ChildNotice]:
        """Refused answers from the child's own address or account; the link stays open for the real guardian."""
        with self._engine.begin() as connection:
            rows = connection.execute(
                select(INVITATIONS.c.invitation_id, INVITATIONS.c.record_id)
                .where(INVITATIONS.c.conversation_id == conversation_id, INVITATIONS.c.refusal_untold.is_(True))
            ).all()
            if rows:
                connection.execute(update(INVITATIONS)
                                   .where(INVITATIONS.c.invitation_id.in_([row.invitation_id for row in rows]))
                                   .values(refusal_untold=False))
        return [ChildNotice(row.invitation_id, self._consents.get(row.record_id).purpose_id, SELF_ANSWER)
                for row in rows]

    def conversation_of(self, invitation_id: str) -> str | None:
        with self._engine.connect() as connection:
            conversation_id: str | None = connection.execute(
                select(INVITATIONS.c.conversation_id).where(INVITATIONS.c.invitation_id == invitation_id)
            ).scalar()
            return conversation_id

    def expire(self) -> int:
        """Pending consents whose every invitation ran out become `expired`; chat ids are dropped."""
        now = self._now()
        with self._engine.begin() as connection:
            stale = connection.execute(
                select(INVITATIONS.c.record_id).where(INVITATIONS.c.expires_at <= now,
                                                      INVITATIONS.c.used_at.is_(None))
            ).scalars().all()
            connection.execute(update(INVITATIONS).where(INVITATIONS.c.expires_at <= now)
                               .values(conversation_id=None, child_reference=None))
        return sum(self._consents.expire_pending(record_id) for record_id in set(stale))


def _joined(keys: Iterable[str]) -> str | None:
    unique = sorted({key for key in keys if key})
    return " ".join(unique) or None


async def tell_child_of_refusal(invitations: GuardianInvitations, notify_child: Callable[[str], Awaitable[None]]
                                | None, error: InvitationError) -> None:
    """After a CHILD_ITSELF refusal, the child's chat hears why (the out-of-turn path that carries answers)."""
    if error.problem is not InvitationProblem.CHILD_ITSELF or error.invitation_id is None or notify_child is None:
        return
    try:
        conversation = await asyncio.to_thread(invitations.conversation_of, error.invitation_id)
        if conversation:
            await notify_child(conversation)
    except Exception as failure:  # noqa: BLE001 - the refusal stands; the chat hears it when it next asks
        logger.warning("child's chat not told of the refusal (%s)", type(failure).__name__)
