"""The admins' breach register in the console: the same register and deadlines as `vern breach`."""

from __future__ import annotations

import re

from tests.console.conftest import ConsoleWeb
from tests.console.helpers import body, mails_to, signed_in

PAGE = "/console/admin/breaches"
CONTROLLER = "personvern@example.org"  # BREACH_CONTACT defaults to CONTROLLER_CONTACT


def test_an_admin_opens_completes_notifies_and_closes_a_breach(console_web: ConsoleWeb) -> None:
    admin, _ = signed_in(console_web, "admin")
    listed = admin.call("GET", PAGE)
    assert listed.status == 200 and "Register a breach" in listed.text
    csrf = admin.csrf(PAGE)
    opened = admin.call("POST", PAGE, {"csrf": csrf, "what_happened": "Printed case list left on a train",
                                       "discovered_at": "2026-11-30T10:15", "subjects_approx": "12"})
    assert opened.status == 302, opened.text[:400]
    path = opened.location or ""
    reference = re.search(r"BR-\d{8}-[A-Z0-9]{4}", path).group(0)  # type: ignore[union-attr]

    shown = admin.call("GET", path)
    assert shown.status == 200 and "2026-12-01T10:15:00Z" in shown.text and "2026-12-03T10:15:00Z" in shown.text
    assert "OVERDUE" in shown.text, "discovered days ago and not yet told: the console says so"
    assert "Printed case list left on a train" in admin.call("GET", PAGE).text

    saved = admin.call("POST", path, {"csrf": csrf, "records_approx": "12", "measures": "Train operator asked"})
    assert saved.status == 302
    assert "Train operator asked" in admin.call("GET", path).text

    sent = admin.call("POST", f"{path}/notify", {"csrf": csrf, "language": "en"})
    assert sent.status == 302
    mail = next(m for m in mails_to(console_web, CONTROLLER, at_least=1) if reference in m["Subject"])
    assert "Notice to you due by: 2026-12-01 10:15 UTC" in body(mail)
    assert "Measures taken or proposed: Train operator asked" in body(mail)
    assert "The controller was notified at" in admin.call("GET", path).text

    draft = admin.call("GET", f"{path}/draft?lang=nb")
    assert draft.status == 200 and "Utkast: melding om brudd" in draft.text
    assert admin.call("POST", f"{path}/close", {"csrf": csrf}).status == 302
    assert "<strong>closed</strong>" in admin.call("GET", path).text
    again = admin.call("POST", f"{path}/close", {"csrf": csrf})
    assert again.status == 400 and "closed already" in again.text


def test_only_admins_and_only_with_the_forms_token(console_web: ConsoleWeb) -> None:
    caseworker, _ = signed_in(console_web)
    assert caseworker.call("GET", PAGE).status == 403
    assert caseworker.call("POST", PAGE, {"csrf": caseworker.csrf(), "what_happened": "x"}).status == 403
    admin, _ = signed_in(console_web, "admin")
    assert admin.call("POST", PAGE, {"csrf": "forged", "what_happened": "x"}).status == 403
    bad = admin.call("POST", PAGE, {"csrf": admin.csrf(PAGE), "what_happened": "x", "subjects_approx": "lots"})
    assert bad.status == 400 and "whole number" in bad.text and "Traceback" not in bad.text
    assert admin.call("GET", f"{PAGE}/BR-20200101-AAAA").status == 404
