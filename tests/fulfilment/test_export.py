"""The export file a person receives: machine-readable, complete, explained."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timezone

from bot.fulfilment.export import build_export
from bot.fulfilment.holdings import Holdings


def holdings() -> Holdings:
    return Holdings(
        email="kari@example.org",
        cases=[{"reference": "VRN-ABCD-EF", "type": "access", "status": "verified", "language": "nb",
                "channel": "rest", "received_at": "2026-11-22T12:00:00", "verified_at": "2026-11-22T12:01:00",
                "due": "2026-12-22", "closed_at": None, "details": {"request_scope": "alt"}}],
        case_history=[{"reference": "VRN-ABCD-EF", "at": "2026-11-22T12:00:00", "what": "opened",
                       "from_status": None, "to_status": "received", "by": "bot"}],
        conversations=[{"conversation": "chat-1", "messages": [
            {"at": 1.0, "from": "you", "text": "hva vet dere om meg?"},
            {"at": 2.0, "from": "Vern", "text": "Jeg kan hjelpe deg med innsyn."}]}],
    )


def test_the_zip_holds_json_csv_and_a_readme_explaining_every_field() -> None:
    archive = zipfile.ZipFile(io.BytesIO(build_export(holdings(), datetime(2026, 11, 22, tzinfo=timezone.utc))))
    assert sorted(archive.namelist()) == ["README.txt", "case_history.csv", "cases.csv", "conversations.csv",
                                          "data.json"]
    data = json.loads(archive.read("data.json"))
    assert data["email"] == "kari@example.org" and data["cases"][0]["reference"] == "VRN-ABCD-EF"
    readme = archive.read("README.txt").decode()
    for field in ("reference", "status", "received_at", "due", "details", "from_status", "conversation", "text"):
        assert field in readme
    cases = list(csv.DictReader(io.StringIO(archive.read("cases.csv").decode())))
    assert cases[0]["type"] == "access" and json.loads(cases[0]["details"]) == {"request_scope": "alt"}
    lines = list(csv.DictReader(io.StringIO(archive.read("conversations.csv").decode())))
    assert [line["from"] for line in lines] == ["you", "Vern"]
