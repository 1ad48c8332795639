"""The mails Vern sends, in the person's language: their words are catalog entries (locales/source/mail.yml,
docs/translating.md), one key per paragraph or label, `<mail>_<field>`.

Each function returns a finished `OutgoingMail`; nothing here sends. The
controller's name and contact come from `settings` (the process settings
when not given), because every mail must say who sends it (Art. 12(1),
13(1)(a)). Interpolated values go through `layout`, which escapes them for
the HTML part.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.config import Settings
from bot.i18n import MESSAGES, translate
from bot.mail import i18n
from bot.mail.errors import InvalidMail
from bot.mail.layout import Block, Facts, Footer, Highlight, Link, Paragraph, render_html, render_text
from bot.mail.message import Attachment, OutgoingMail

ARTICLES = {"access": 15, "rectification": 16, "erasure": 17, "restriction": 18, "portability": 20, "objection": 21}


class _RequestTypeNames(Mapping[str, Mapping[str, str]]):
    """request type -> language -> the right's name ("Innsyn"), from the catalogs (mail_request_<type>)."""

    def __getitem__(self, request_type: str) -> Mapping[str, str]:
        if request_type not in ARTICLES:
            raise KeyError(request_type)
        return MESSAGES[f"mail_request_{request_type}"]

    def __iter__(self) -> Iterator[str]:
        return iter(ARTICLES)

    def __len__(self) -> int:
        return len(ARTICLES)


# The rights of Articles 15-18, 20 and 21, as the person's language names them.
REQUEST_TYPE_NAMES: Mapping[str, Mapping[str, str]] = _RequestTypeNames()


def request_type_name(request_type: str, language: str) -> str:
    """"Innsyn (personvernforordningen artikkel 15)"; accepts the RequestType enum or its value."""
    key = str(getattr(request_type, "value", request_type))
    if key not in ARTICLES:
        raise InvalidMail(f"unknown request type; expected one of {', '.join(ARTICLES)}")
    language = i18n.check_language(language)
    law = translate("mail_law", language, article=ARTICLES[key])
    return f"{translate(f'mail_request_{key}', language)} ({law})"


def _sender(settings: Settings | None) -> Settings:
    # The controller's name and contact sign every mail; they come from the caller's settings.
    if settings is None:
        raise TypeError("a mail needs the deployment's settings (controller name and contact)")
    return settings


def _compose(
    *, to: str, kind: str, language: str, subject: str, blocks: Sequence[Block], settings: Settings | None,
    idempotency_key: str | None = None,
) -> OutgoingMail:
    sender = _sender(settings)
    who = {"controller": sender.controller_name, "contact": sender.controller_contact}
    full: list[Block] = [
        Paragraph(translate("mail_greeting", language)),
        *blocks,
        Paragraph(translate("mail_signature", language, **who)),
        Footer(translate("mail_footer", language, **who)),
    ]
    return OutgoingMail(
        to=to, subject=subject, text=render_text(full), html=render_html(full, language=language, title=subject),
        language=language, kind=kind, idempotency_key=idempotency_key,
    )


def _texts(
    mail: tuple[str, tuple[str, ...]], language: str, settings: Settings | None, **values: str
) -> dict[str, str]:
    """A mail's texts by field: `mail` is its catalog prefix and fields (key `<prefix>_<field>`)."""
    sender = _sender(settings)
    values = {"controller": sender.controller_name, "contact": sender.controller_contact, **values}
    prefix, fields = mail
    language = i18n.check_language(language)
    return {field: translate(f"{prefix}_{field}", language, **values) for field in fields}


def _label(field: str, language: str) -> str:
    return translate(f"mail_label_{field}", language)


_VERIFICATION_CODE = ("mail_code", ("subject", "intro", "validity", "never", "ignore"))


def verification_code(
    to: str, code: str, language: str, minutes_valid: int, *, settings: Settings | None = None
) -> OutgoingMail:
    # The code stays out of the subject: subjects show on lock screens and in notification previews.
    t = _texts(_VERIFICATION_CODE, language, settings, minutes=i18n.minutes(minutes_valid, language))
    blocks: list[Block] = [
        Paragraph(t["intro"]), Highlight(str(code)), Paragraph(t["validity"]), Paragraph(t["never"]),
        Paragraph(t["ignore"]),
    ]
    return _compose(to=to, kind="verification_code", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


# The guardian web page's code: the same mail, but the code goes into that page, not into a chat.
_GUARDIAN_PAGE_CODE = ("mail_guardian_code", ("intro", "validity"))


def guardian_page_code(
    to: str, code: str, language: str, minutes_valid: int, *, settings: Settings | None = None
) -> OutgoingMail:
    """The code for the guardian web page: it says to type the code there (not "in the chat with Vern")."""
    values = {"minutes": i18n.minutes(minutes_valid, language)}
    t = {**_texts(_VERIFICATION_CODE, language, settings, **values),
         **_texts(_GUARDIAN_PAGE_CODE, language, settings, **values)}
    blocks: list[Block] = [
        Paragraph(t["intro"]), Highlight(str(code)), Paragraph(t["validity"]), Paragraph(t["never"]),
        Paragraph(t["ignore"]),
    ]
    return _compose(to=to, kind="verification_code", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


_CASE_RECEIVED = ("mail_received", ("subject", "intro", "deadline", "quote"))


def case_received(
    to: str, reference: str, due_date: date, request_type: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    t = _texts(_CASE_RECEIVED, language, settings, reference=reference)
    facts = Facts((
        (_label("reference", language), reference),
        (_label("type", language), request_type_name(request_type, language)),
        (_label("due", language), i18n.format_date(due_date, language)),
    ))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["deadline"]), Paragraph(t["quote"])]
    return _compose(to=to, kind="case_received", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:received")


_CASE_EXTENDED = ("mail_extended", ("subject", "intro", "law", "complain"))


def case_extended(
    to: str, reference: str, new_due_date: date, reason: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    # Art. 12(3): the person is told of the extension "together with the reasons for the delay".
    t = _texts(_CASE_EXTENDED, language, settings, reference=reference)
    facts = Facts((
        (_label("reference", language), reference),
        (_label("new_due", language), i18n.format_date(new_due_date, language)),
        (_label("reason", language), reason),
    ))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["law"]), Paragraph(t["complain"])]
    return _compose(to=to, kind="case_extended", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:extended:{new_due_date.isoformat()}")


_CASE_COMPLETED = ("mail_completed", ("subject", "intro", "next"))


def case_completed(to: str, reference: str, language: str, *, settings: Settings | None = None) -> OutgoingMail:
    t = _texts(_CASE_COMPLETED, language, settings, reference=reference)
    facts = Facts(((_label("reference", language), reference),))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["next"])]
    return _compose(to=to, kind="case_completed", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:completed")


_DOWNLOAD_LINK = ("mail_download", ("subject", "intro", "expiry", "personal", "ignore"))


def download_link(
    to: str, url: str, expires_at: datetime, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    parts = urlsplit(url)
    # Only web links: a javascript: or data: "link" in a mail is an attack, not a download.
    if parts.scheme not in ("https", "http") or not parts.netloc or any(ch.isspace() for ch in url):
        raise InvalidMail("a download link must be an http(s) URL without spaces")
    t = _texts(_DOWNLOAD_LINK, language, settings, expires=i18n.format_moment(expires_at, language))
    blocks: list[Block] = [
        Paragraph(t["intro"]), Link(url), Paragraph(t["expiry"]), Paragraph(t["personal"]), Paragraph(t["ignore"]),
    ]
    return _compose(to=to, kind="download_link", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


_EXPORT_READY = ("mail_export", ("subject", "intro", "link", "once", "other"))


def export_ready(
    to: str, reference: str, url: str, expires_at: datetime, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    t = _texts(_EXPORT_READY, language, settings, reference=reference,
               expires=i18n.format_moment(expires_at, language))
    blocks: list[Block] = [Paragraph(t["intro"]), Paragraph(t["link"] + ":"), Link(url), Paragraph(t["once"]),
                           Paragraph(t["other"])]
    return _compose(to=to, kind="export_ready", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:export")


_CONSENT_RECEIPT = ("mail_receipt", ("subject", "intro", "withdraw", "record", "purpose", "status", "given", "by",
                                      "verified"))
# Who consented (the receipt's `consented_by`) and how the guardian was checked, in words (mail_receipt_by_<who>,
# mail_receipt_verified_<how>); a value without words is shown as it is.
_CONSENTED_BY = ("subject", "guardian", "both", "none")
_VERIFIED_BY = ("register", "email", "telegram")


def consent_receipt(
    to: str, receipt: dict[str, Any], title: str, status: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """The consent receipt, on the person's request: a summary and the JSON record attached."""
    t = _texts(_CONSENT_RECEIPT, language, settings, title=title)
    record_id = str(receipt["record_id"])
    rows = [(t["record"], record_id), (t["purpose"], title), (t["status"], status),
            (t["given"], str(receipt["timestamp"]))]
    if receipt.get("consented_by"):
        by = str(receipt["consented_by"])
        rows.append((t["by"], translate(f"mail_receipt_by_{by}", language) if by in _CONSENTED_BY else by))
    if receipt.get("guardian_verified"):
        verified = str(receipt["guardian_verified"])
        rows.append((t["verified"], translate(f"mail_receipt_verified_{verified}", language)
                     if verified in _VERIFIED_BY else verified))
    facts = Facts(tuple(rows))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["withdraw"])]
    mail = _compose(to=to, kind="consent_receipt", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)
    data = json.dumps(receipt, ensure_ascii=False, indent=2).encode("utf-8")
    return dataclasses.replace(mail, attachments=(Attachment(f"consent-{record_id}.json", "application/json", data),))


_GUARDIAN_INFORMED = ("mail_informed", ("subject", "intro", "ack", "child"))


def guardian_informed(
    to: str, notice: str, link: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """16-17: Vern tells the guardian itself (the notice the young person saw, and where to acknowledge it)."""
    t = _texts(_GUARDIAN_INFORMED, language, settings, link=link)
    blocks: list[Block] = [Paragraph(t["intro"]), *[Paragraph(line) for line in notice.split("\n") if line.strip()],
                           Paragraph(t["ack"]), Paragraph(t["child"])]
    return _compose(to=to, kind="guardian_informed", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


_CHAT_COPY = ("mail_copy", ("subject", "intro", "after", "you", "bot", "caseworker"))


def chat_copy(
    to: str, lines: Sequence[tuple[str, str]], language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """The person's own copy of a chat: `lines` are (who, text) with who in you/bot/caseworker."""
    t = _texts(_CHAT_COPY, language, settings)
    transcript = Facts(tuple((t.get(who, who), text) for who, text in lines))
    blocks: list[Block] = [Paragraph(t["intro"]), transcript, Paragraph(t["after"])]
    return _compose(to=to, kind="chat_copy", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


# A 16-17-year-old is told that a guardian acted for them (bot.guardians.young_notice): short, plain words.
# What the guardian asked for: mail_young_what_<kind>; any other kind reads as access.
_YOUNG_WHAT = ("access", "erasure", "consents")
_YOUNG_TOLD = ("mail_young", ("subject", "intro", "caseworker", "object", "until", "ok"))


def young_person_told(
    to: str, request_type: str, link: str, until: date, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """16-17: a guardian asked on the young person's behalf; the one-click objection link."""
    parts = urlsplit(link)
    if parts.scheme not in ("https", "http") or not parts.netloc or any(ch.isspace() for ch in link):
        raise InvalidMail("an objection link must be an http(s) URL without spaces")
    language = i18n.check_language(language)
    kind = str(getattr(request_type, "value", request_type))
    what = translate(f"mail_young_what_{kind if kind in _YOUNG_WHAT else 'access'}", language)
    t = _texts(_YOUNG_TOLD, language, settings, what=what, until=i18n.format_date(until, language))
    blocks: list[Block] = [Paragraph(t["intro"]), Paragraph(t["caseworker"]), Paragraph(t["object"]), Link(link),
                           Paragraph(t["until"]), Paragraph(t["ok"])]
    return _compose(to=to, kind="young_person_told", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)
