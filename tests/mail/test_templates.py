"""Every mail in every language: what the person reads, and what cannot be smuggled into it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.cases.request_types import RequestType
from bot.mail import templates
from bot.mail.errors import InvalidMail
from bot.mail.i18n import format_date, format_moment
from bot.mail.message import OutgoingMail
from tests.mail.conftest import MAIL_SETTINGS

LANGUAGES = ("nb", "nn", "da", "en")
ADDRESS = "kari@example.no"
DUE = date(2026, 12, 22)
EXPIRES = datetime(2026, 12, 22, 13, 30, tzinfo=timezone.utc)  # 14:30 in Oslo
URL = "https://vern.kommune.example/download/abc123"
RECEIPT = {"record_id": "e2ef4404-2976-4c1f-833b-019cc88cf49f", "timestamp": "2026-11-22T12:00:00Z",
           "purpose": {"id": "newsletter", "version": 1}, "status": "given"}


def every_kind(language: str) -> dict[str, OutgoingMail]:
    s = MAIL_SETTINGS
    return {
        "verification_code": templates.verification_code(ADDRESS, "482913", language, 10, settings=s),
        "case_received": templates.case_received(ADDRESS, "K7Q2-9XPD", DUE, "access", language, settings=s),
        "case_extended": templates.case_extended(ADDRESS, "K7Q2-9XPD", DUE, "Mange krav", language, settings=s),
        "case_completed": templates.case_completed(ADDRESS, "K7Q2-9XPD", language, settings=s),
        "download_link": templates.download_link(ADDRESS, URL, EXPIRES, language, settings=s),
        "consent_receipt": templates.consent_receipt(ADDRESS, RECEIPT, "Nyhetsbrev", "gitt", language, settings=s),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_mail_says_who_sends_it_in_the_persons_language(language):
    for kind, mail in every_kind(language).items():
        assert mail.kind == kind and mail.language == language and mail.to == ADDRESS
        assert mail.subject
        for body in (mail.text, mail.html):
            assert "Eksempel kommune" in body and "personvern@kommune.example" in body
        assert f'<html lang="{language}">' in mail.html


EXPECTED_WORDS = {
    # A few words only that language uses, so a mix-up of catalogues shows.
    "nb": ("ikke", "du ba om"),
    "nn": ("ikkje", "du bad om", "berre"),
    "da": ("ikke", "bedt om", "gælder"),
    "en": ("never", "one-time code"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_code_mail_gives_the_code_and_warns_against_phone_requests(language):
    mail = every_kind(language)["verification_code"]

    assert "482913" in mail.text and "482913" in mail.html
    assert "482913" not in mail.subject  # subjects show on lock screens
    assert "10 minutt" in mail.text or "10 minutes" in mail.text
    for word in EXPECTED_WORDS[language]:
        assert word in mail.text
    never, ignore = {
        "nb": ("aldri om denne koden på telefon", "se bort fra denne e-posten"),
        "nn": ("aldri om denne koden på telefon", "sjå bort frå denne e-posten"),
        "da": ("aldrig om koden over telefonen", "se bort fra denne e-mail"),
        "en": ("never ask you for this code by phone", "ignore this e-mail"),
    }[language]
    assert never in mail.text and ignore in mail.text


def test_nynorsk_mails_are_nynorsk_not_bokmal():
    text = "\n".join(mail.text for mail in every_kind("nn").values())
    for bokmal in (" ikke ", " hva ", " jeg ", " innen én måned", " fra ", " hvis ", " mottatt "):
        assert bokmal not in text
    assert "innan" in every_kind("nn")["case_received"].text


def test_one_minute_is_singular():
    assert "1 minut " in templates.verification_code(ADDRESS, "1", "da", 1, settings=MAIL_SETTINGS).text
    assert "1 minute " in templates.verification_code(ADDRESS, "1", "en", 1, settings=MAIL_SETTINGS).text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "22. desember 2026"), ("nn", "22. desember 2026"), ("da", "22. december 2026"), ("en", "22 December 2026")],
)
def test_due_dates_are_written_the_way_the_language_writes_them(language, expected):
    assert format_date(DUE, language) == expected
    received = every_kind(language)["case_received"]
    extended = every_kind(language)["case_extended"]
    for body in (received.text, received.html, extended.text, extended.html):
        assert expected in body
    assert "K7Q2-9XPD" in received.subject and "K7Q2-9XPD" in received.text


def test_other_months_and_single_digit_days():
    assert format_date(date(2027, 3, 1), "nb") == "1. mars 2027"
    assert format_date(date(2027, 3, 1), "da") == "1. marts 2027"
    assert format_date(date(2027, 5, 9), "da") == "9. maj 2027"
    assert format_date(date(2027, 5, 9), "en") == "9 May 2027"


def test_a_moment_is_shown_on_the_controllers_clock():
    assert format_moment(EXPIRES, "nb") == "22. desember 2026 kl. 14.30 (CET)"
    assert format_moment(EXPIRES, "en") == "22 December 2026, 14:30 (CET)"
    summer = datetime(2026, 6, 30, 22, 15, tzinfo=timezone.utc)
    assert format_moment(summer, "da") == "1. juli 2026 kl. 00.15 (CEST)"
    assert "kl. 14.30" in every_kind("nn")["download_link"].text


@pytest.mark.parametrize("language", LANGUAGES)
def test_case_receipts_name_the_right_in_the_persons_language(language):
    for request_type in RequestType:
        mail = templates.case_received(ADDRESS, "K7Q2-9XPD", DUE, request_type, language, settings=MAIL_SETTINGS)
        name = templates.REQUEST_TYPE_NAMES[request_type.value][language]
        assert f"{name} (" in mail.text and str(request_type.article) in mail.text
    assert {"access", "rectification", "erasure", "restriction", "portability", "objection"} == set(
        templates.REQUEST_TYPE_NAMES
    )
    with pytest.raises(InvalidMail):
        templates.case_received(ADDRESS, "K7Q2-9XPD", DUE, "complaint", language, settings=MAIL_SETTINGS)


def test_the_extension_gives_the_reason():
    mail = templates.case_extended(ADDRESS, "K7Q2-9XPD", DUE, "Saken krever innhenting fra arkivet", "nb",
                                   settings=MAIL_SETTINGS)
    assert "Begrunnelse: Saken krever innhenting fra arkivet" in mail.text


def test_the_download_link_is_shown_and_linked():
    mail = every_kind("da")["download_link"]
    assert URL in mail.text
    assert f'<a href="{URL}">{URL}</a>' in mail.html


def test_every_interpolated_value_is_escaped_in_html():
    evil = '<script>alert("x")</script>'
    settings = MAIL_SETTINGS.__class__(controller_name="Kommune <b>&</b>", controller_contact="a@b.example")
    mails = [
        templates.verification_code(ADDRESS, evil, "nb", 10, settings=settings),
        templates.case_received(ADDRESS, evil, DUE, "erasure", "nn", settings=settings),
        templates.case_extended(ADDRESS, "K7Q2-9XPD", DUE, evil, "da", settings=settings),
        templates.case_completed(ADDRESS, evil, "en", settings=settings),
        templates.download_link(ADDRESS, URL + '?a="><script>', EXPIRES, "en", settings=settings),
    ]
    for mail in mails:
        assert "<script>" not in mail.html and "<b>" not in mail.html
        assert "Kommune &lt;b&gt;&amp;&lt;/b&gt;" in mail.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in mails[0].html
    assert evil in mails[0].text  # the plain-text part shows the value as it is


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "https://", "https://a.example/x y"])
def test_only_web_links_can_be_sent_as_download_links(url):
    with pytest.raises(InvalidMail):
        templates.download_link(ADDRESS, url, EXPIRES, "en", settings=MAIL_SETTINGS)


@pytest.mark.parametrize(
    "bad",
    [
        {"to": "kari@example.no\r\nBcc: all@example.no"},
        {"to": "not-an-address"},
        {"subject": "Hei\nBcc: x@example.no"},
        {"language": "sv"},
        {"kind": "Verification Code"},
        {"kind": "kari@example.no"},
        {"kind": "code_482913"},
    ],
)
def test_mails_that_could_inject_headers_are_refused(bad):
    fields = {"to": ADDRESS, "subject": "Hei", "text": "t", "html": "<p>t</p>", "language": "nb", "kind": "test"}
    with pytest.raises(InvalidMail) as error:
        OutgoingMail(**{**fields, **bad})
    assert "example.no" not in str(error.value)


def test_an_unknown_language_is_refused():
    with pytest.raises(InvalidMail):
        templates.case_completed(ADDRESS, "K7Q2-9XPD", "sv", settings=MAIL_SETTINGS)


def test_the_consent_receipt_carries_the_record_as_a_json_attachment() -> None:
    import json

    from bot.mail.message import build_message

    mail = templates.consent_receipt(ADDRESS, RECEIPT, "Nyhetsbrev på e-post", "gitt", "nb", settings=MAIL_SETTINGS)
    message = build_message(mail, mail_from="Vern <vern@kommune.example>", now=EXPIRES)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "consent-e2ef4404-2976-4c1f-833b-019cc88cf49f.json"
    assert json.loads(attachment.get_content()) == RECEIPT
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "e2ef4404-2976-4c1f-833b-019cc88cf49f" in body.get_content()
    assert message["Content-Language"] == "nb"
