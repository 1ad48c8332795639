"""The export file: JSON and CSV in one zip, with a README that explains every field (Art. 15 and 20)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime

from bot.fulfilment.holdings import Holdings

README = """Vern: your data export
======================

This archive holds everything Vern, the privacy assistant, stores about the
e-mail address you verified, at the time the export was made ({made}).
The same data is in data.json (one file, machine-readable, for moving to
another service) and in the CSV files (for a spreadsheet).

data.json
  email            the address you verified; Vern keeps it encrypted, only to answer your requests
  cases            your requests to us (one per request)
  case_history     every change to each request
  conversations    chat transcripts Vern still holds that are linked to your requests
  consents         consent records given through Vern with this address: purpose, status
                   (given, pending_guardian, refused, withdrawn), when, and the SHA-256 of the
                   exact notice text you were shown

cases.csv / cases in data.json
  reference        the case reference you were given (VRN-...)
  type             access, rectification, erasure, restriction, portability or objection
  status           received, verified, in_progress, completed, rejected or extended
  language         the language you wrote in
  channel          where you made the request (web chat, Telegram)
  received_at      when the request arrived (UTC)
  verified_at      when you confirmed your address with the code (UTC)
  due              the last day of our answer period (GDPR Art. 12(3))
  closed_at        when the case was closed (UTC), if it is
  details          what you told us in the request, in your words
  notify_recipients  for rectification, erasure and restriction: who we tell of the outcome (GDPR Art. 19)

case_history.csv
  reference, at    which case, and when (UTC)
  what             what happened (opened, verified, status change, extended, ...)
  from_status, to_status   the status before and after
  by               who did it: "bot", "system" or a caseworker's user name

conversations.csv
  conversation     the random id of the chat (not linked to your name)
  at               when the message was written (Unix time)
  from             "you" or "Vern"
  text             the message. Chats are masked within 15 minutes after they end,
                   so names, numbers and addresses may appear as <name>, <number>, <email>.

What Vern does not hold: anything in the controller's other systems. Those are
covered by your case and answered separately.
"""


def _csv(rows: list[dict[str, object]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                         for k, v in row.items()})
    return buffer.getvalue()


def build_export(holdings: Holdings, made_at: datetime) -> bytes:
    data = {
        "email": holdings.email, "cases": holdings.cases, "case_history": holdings.case_history,
        "conversations": holdings.conversations, "consents": holdings.consents,
    }
    messages = [
        {"conversation": c["conversation"], **line} for c in holdings.conversations for line in c["messages"]
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(made=made_at.replace(microsecond=0).isoformat()))
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("cases.csv", _csv(holdings.cases, [
            "reference", "type", "status", "language", "channel", "received_at", "verified_at", "due",
            "closed_at", "details", "notify_recipients"]))
        archive.writestr("case_history.csv", _csv(holdings.case_history, [
            "reference", "at", "what", "from_status", "to_status", "by"]))
        archive.writestr("conversations.csv", _csv(messages, ["conversation", "at", "from", "text"]))
    return buffer.getvalue()
