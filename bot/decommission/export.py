"""`vern decommission export`: what the controller is entitled to get back, as one signed archive.

A tar.gz with JSON per table (cases and their history with the contact addresses decrypted, consent records,
consent events and guardian invitations, the audit log and its sealed head), a freshly signed audit checkpoint,
and `manifest.json`: each file's SHA-256 and size, signed with the deployment's key (bot.decommission.signing).
003 §7.2 (option B) asks for JSON. More sections plug in through `register_section` or, when the package
exists, `bot.compliance.decommission.export_files(settings)` (the record of processing, Art. 30)."""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import tarfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select, table, text
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.decommission.signing import sign_document
from bot.keys import KeyRing, Purpose
from bot.private_files import write_private_bytes

MANIFEST = "manifest.json"
# name -> (settings, engine) -> {file name in the archive: content}
Section = Callable[[Settings, Engine], dict[str, bytes]]
_SECTIONS: dict[str, Section] = {}
COMPLIANCE_HOOK = "bot.compliance.decommission"


def register_section(name: str, section: Section) -> None:
    _SECTIONS[name] = section


def _json(value: Any) -> bytes:
    def plain(item: Any) -> Any:
        return item.isoformat() if isinstance(item, (datetime, date)) else item

    return (json.dumps(value, indent=1, ensure_ascii=False, default=plain, sort_keys=True) + "\n").encode("utf-8")


def _rows(engine: Engine, name: str, order: str) -> list[dict[str, Any]]:
    if name not in inspect(engine).get_table_names():
        return []
    with engine.connect() as connection:
        result = connection.execute(select(text("*")).select_from(table(name)).order_by(text(order)))
        return [dict(row._mapping) for row in result]


def _cases(settings: Settings, engine: Engine) -> dict[str, bytes]:
    from bot.cases.errors import ContactUnreadable
    from bot.cases.keys import ContactCipher

    keys = KeyRing.from_settings(settings)
    cipher = ContactCipher(keys.key(Purpose.CASE_CONTACTS), legacy_key=keys.legacy(Purpose.CASE_CONTACTS))
    contacts = []
    for row in _rows(engine, "subject_contacts", "id"):
        try:
            row["email"] = cipher.decrypt(row.pop("encrypted_email"))  # after the purge nobody could decrypt it
        except ContactUnreadable:
            row["email"] = None  # written under another SECRET_KEY: said so, never guessed
            row["unreadable"] = True
        contacts.append(row)
    return {"cases/cases.json": _json(_rows(engine, "cases", "id")),
            "cases/case_events.json": _json(_rows(engine, "case_events", "id")),
            "cases/subject_contacts.json": _json(contacts)}


def _consent(settings: Settings, engine: Engine) -> dict[str, bytes]:
    return {"consent/consent_records.json": _json(_rows(engine, "consent_records", "record_id")),
            "consent/consent_events.json": _json(_rows(engine, "consent_events", "id")),
            "consent/guardian_invitations.json": _json(_rows(engine, "guardian_invitations", "record_id"))}


def _audit(settings: Settings, engine: Engine) -> dict[str, bytes]:
    from bot.audit.service import AuditTrail
    from bot.clock import utc_now

    trail = AuditTrail(engine, utc_now, KeyRing.from_settings(settings),
                       settings.audit_signing_key.reveal() if settings.audit_signing_key else None)
    files = {"audit/audit_log.json": _json(_rows(engine, "audit_log", "seq")),
             "audit/audit_head.json": _json(_rows(engine, "audit_head", "id"))}
    try:
        files["audit/checkpoint.json"] = (trail.checkpoint().to_json() + "\n").encode()
    except ValueError as error:  # a broken chain is exported as it is, and said so
        files["audit/checkpoint-refused.txt"] = f"{error}\n".encode()
    files["audit/cuts.json"] = _json([row for row in _rows(engine, "audit_log", "seq")
                                      if row.get("event") == "audit.pruned"])
    return files


def _record_of_processing(settings: Settings, engine: Engine) -> dict[str, bytes]:
    try:
        hook = importlib.import_module(COMPLIANCE_HOOK)
    except ImportError:
        return {}
    export_files = getattr(hook, "export_files", None)
    return dict(export_files(settings)) if callable(export_files) else {}


for _name, _section in (("cases", _cases), ("consent", _consent), ("audit", _audit),
                        ("record_of_processing", _record_of_processing)):
    register_section(_name, _section)


def export_archive(settings: Settings, engine: Engine, out: Path, now: datetime) -> dict[str, Any]:
    files: dict[str, bytes] = {}
    sections: dict[str, list[str]] = {}
    for name, section in _SECTIONS.items():
        produced = section(settings, engine)
        sections[name] = sorted(produced)
        files.update(produced)
    manifest = sign_document({
        "kind": "vern-decommission-export-v1",
        "controller": settings.controller_name,
        "created_at": now.replace(microsecond=0).isoformat(),
        "sections": sections,
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                  for name, data in sorted(files.items())},
    }, settings)
    files[MANIFEST] = _json(manifest)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            archive.addfile(info, io.BytesIO(data))
    write_private_bytes(out, buffer.getvalue())  # personal data: only the operator reads it
    return manifest


def read_archive(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    files: dict[str, bytes] = {}
    with tarfile.open(path, mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile():
                handle = archive.extractfile(member)
                files[member.name] = handle.read() if handle else b""
    return json.loads(files.pop(MANIFEST)), files
