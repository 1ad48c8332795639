"""The record of processing for the contract-end export (`vern decommission export`, issue 18 item 5).

The export looks this module up by name (bot.decommission.export.COMPLIANCE_HOOK) and puts the files it
returns into the signed archive: the controller gets back, with its data, the record that describes it."""

from __future__ import annotations

from bot.compliance.facts import gather
from bot.compliance.record import build_record
from bot.compliance.render import render
from bot.compliance.subprocessors import SubprocessorError
from bot.compliance.words import DOCUMENT_LANGUAGES
from bot.config import Settings
from bot.consent.purposes import PurposeError
from bot.knowledge.base import KnowledgeError
from bot.retention.errors import PolicyError


def export_files(settings: Settings) -> dict[str, bytes]:
    """`compliance/record.<lang>.<md|json>` for every document language; when the configuration cannot be read,
    a note saying why instead (the archive is still made: the data matters more than its description)."""
    try:
        facts = gather(settings, settings.retention_policy_file, settings.consent_purposes_file)
    except (KnowledgeError, PolicyError, PurposeError, SubprocessorError) as error:
        return {"compliance/record-unavailable.txt": f"The record of processing could not be built: {error}\n"
                .encode()}
    files = {}
    for lang in DOCUMENT_LANGUAGES:
        document = build_record(facts, lang)
        for fmt in ("md", "json"):
            files[f"compliance/record.{lang}.{fmt}"] = render(document, fmt).encode("utf-8")
    return files
