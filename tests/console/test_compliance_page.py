"""The admins' "Compliance" page: this deployment's record and DPIA draft, downloadable, and nobody else's business."""

from __future__ import annotations

import json

from tests.console.conftest import ALLOWED, ConsoleWeb
from tests.console.helpers import OFFICE, signed_in
from tests.support.console_client import ConsoleClient


def test_an_admin_reads_and_downloads_the_record_and_dpia_of_the_running_configuration(
        console_web: ConsoleWeb) -> None:
    admin, _ = signed_in(console_web, "admin")
    assert 'href="/console/admin/compliance"' in admin.call("GET", "/console/").text
    norwegian = admin.call("GET", "/console/admin/compliance")
    assert norwegian.status == 200
    assert "Protokoll over behandlingsaktiviteter" in norwegian.text and "Vurdering av personvernkonsekvenser" in \
        norwegian.text
    english = admin.call("GET", "/console/admin/compliance?lang=en")
    assert english.status == 200 and "Record of processing activities (GDPR Art. 30)" in english.text
    # What this deployment is configured with, not the demo defaults: its allow-list and its mail server.
    assert f"The console answers only these networks: {ALLOWED}." in english.text
    assert "yes (SMTP_URL is set)" in english.text
    assert "<th>Likelihood</th>" in english.text and "TODO" in english.text
    assert "href='/console/admin/breaches'" in english.text
    assert "download?document=dpia&amp;lang=en&amp;format=json" in english.text

    record = admin.call("GET", "/console/admin/compliance/download?document=record&lang=en&format=json")
    assert record.status == 200
    document = json.loads(record.text)
    assert document["document"] == "record_of_processing" and document["language"] == "en"
    dpia = admin.call("GET", "/console/admin/compliance/download?document=dpia&lang=nb&format=md")
    assert dpia.status == 200 and dpia.text.startswith("# Vurdering av personvernkonsekvenser")


def test_caseworkers_and_strangers_get_neither_page_nor_download(console_web: ConsoleWeb) -> None:
    caseworker, _ = signed_in(console_web)
    assert caseworker.call("GET", "/console/admin/compliance").status == 403
    assert caseworker.call("GET", "/console/admin/compliance/download?document=record").status == 403
    assert 'href="/console/admin/compliance"' not in caseworker.call("GET", "/console/").text
    stranger = ConsoleClient(console_web.url, OFFICE)
    refused = stranger.call("GET", "/console/admin/compliance/download?document=record&format=json")
    assert refused.status == 302 and refused.location == "/console/login"


def test_unknown_documents_and_languages_are_told_plainly(console_web: ConsoleWeb) -> None:
    admin, _ = signed_in(console_web, "admin")
    for path in ("/console/admin/compliance?lang=xx", "/console/admin/compliance/download?document=secrets",
                 "/console/admin/compliance/download?document=record&format=pdf"):
        reply = admin.call("GET", path)
        assert reply.status == 400 and "Traceback" not in reply.text
