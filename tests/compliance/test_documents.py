"""`vern compliance record|dpia|docs`: the controller's paperwork, as they run it, traceable and never invented."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.compliance.documents import DOCS_DIR, demo_facts, expected, stale
from bot.compliance.dpia import build_dpia
from bot.compliance.dpia_words import DA as DPIA_DA
from bot.compliance.dpia_words import EN as DPIA_EN
from bot.compliance.dpia_words import NB as DPIA_NB
from bot.compliance.measured import read_measurements
from bot.compliance.record import build_record
from bot.compliance.render import render
from bot.compliance.subjects import unclassified
from bot.compliance.words import DA, EN, NB
from bot.config import PROJECT_ROOT
from bot.inventory.stores import STORES


def _rows(document: dict[str, Any]) -> list[dict[str, str]]:
    def walk(sections: list[dict[str, Any]]) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []
        for section in sections:
            found += section.get("rows", []) + walk(section.get("sections", []))
        return found

    return walk(document["sections"])


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def deployment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.setenv("VERN_VAR_DIR", str(tmp_path))
    for name in ("CONSOLE_ALLOWED_NETWORKS", "BACKUP_RETENTION_DAYS", "TELEGRAM_TOKEN", "SUBPROCESSORS_FILE",
                 "KNOWLEDGE_FILE", "PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_committed_documents_are_what_the_code_says() -> None:
    assert stale() == [], "run `vern compliance docs` and commit docs/compliance/"
    names = sorted(path.name for path in expected())
    assert names == sorted(path.name for path in DOCS_DIR.iterdir() if path.suffix in (".md", ".json"))
    assert {"record.nb.md", "record.en.md", "dpia.nb.md", "dpia.en.json"} <= set(names)


def test_docs_check_names_a_drifted_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "compliance", "docs", "--dir", str(tmp_path))[0] == 0
    assert _run(capsys, "compliance", "docs", "--check", "--dir", str(tmp_path))[0] == 0
    record = tmp_path / "record.en.md"
    record.write_text(record.read_text(encoding="utf-8").replace("365 days", "10 years"), encoding="utf-8")
    code, _, err = _run(capsys, "compliance", "docs", "--check", "--dir", str(tmp_path))
    assert code == 1 and "record.en.md is out of date: run `vern compliance docs`" in err


def test_same_configuration_same_bytes_and_every_row_has_a_source() -> None:
    facts = demo_facts()
    for build in (build_record, build_dpia):
        for lang in ("nb", "en", "da"):
            document = build(facts, lang)
            assert render(document, "md") == render(build(demo_facts(), lang), "md")
            assert json.loads(render(document, "json")) == document
            assert all(row.get("source") for row in _rows(document)), "a statement without its source"


def test_the_record_follows_the_settings_of_this_deployment(deployment: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, before, _ = _run(capsys, "compliance", "record", "--lang", "en")
    assert code == 0 and "Set CONSOLE_ALLOWED_NETWORKS" in before and "kept 30 days" in before
    assert "| telegram |" in before and "| no | bot/compliance/subprocessors.yml: telegram |" in before
    deployment.setenv("CONSOLE_ALLOWED_NETWORKS", "10.20.0.0/16")
    deployment.setenv("BACKUP_RETENTION_DAYS", "14")
    deployment.setenv("TELEGRAM_TOKEN", "123:abc")
    code, after, _ = _run(capsys, "compliance", "record", "--lang", "en")
    assert code == 0 and "The console answers only these networks: 10.20.0.0/16." in after
    assert "Set CONSOLE_ALLOWED_NETWORKS" not in after and "kept 14 days" in after
    assert "yes (TELEGRAM_TOKEN is set)" in after


def test_record_in_norwegian_as_json_to_a_file(deployment: pytest.MonkeyPatch, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "record.json"
    assert _run(capsys, "compliance", "record", "--lang", "nb", "--format", "json", "--out", str(out))[0] == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["language"] == "nb" and document["legal_reference"] == "GDPR Art. 30(1)"
    controller = next(s for s in document["sections"] if s["id"] == "controller")["rows"]
    assert {"field": "Personvernombud", "value": "Personvernombudet, personvern@example.org",
            "source": "bot/knowledge/knowledge.yml: dpo.name, dpo.contact"} in controller
    assert [s["id"] for s in document["sections"]][-1] == "todo"


def test_the_dpia_quotes_measurements_with_their_source_and_rates_nothing(
        deployment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = _run(capsys, "compliance", "dpia", "--lang", "en", "--format", "json")
    document = json.loads(text)
    assert code == 0 and document["legal_reference"] == "GDPR Art. 35"
    rows = _rows(document)
    recall = next(row for row in rows if row.get("text", "").startswith("Masking recall"))
    assert recall["source"].startswith("docs/benchmarks.md § Masking quality and speed")
    assert recall["text"].endswith(read_measurements().masking_recall.value)  # type: ignore[union-attr]
    risks = next(s for s in document["sections"] if s["id"] == "risks")
    assert risks["rows"] and all(row["likelihood"] == row["consequence"] == row["residual"] == "TODO"
                                 for row in risks["rows"])
    titles = [s["title"] for s in document["sections"]]
    assert titles[:3] == ["1. Introduction", "2. Description of the processing", "3. Risk assessment"]
    todo = next(s for s in document["sections"] if s["id"] == "todo")["rows"]
    assert any("Rate likelihood" in row["text"] for row in todo)


def test_a_missing_measurement_is_said_not_guessed(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\n## Masking quality and speed\n\nNo table this time.\n", encoding="utf-8")
    measured = read_measurements(page)
    assert measured.masking_recall is None and measured.sweep_capacity is None
    from dataclasses import replace

    facts = replace(demo_facts(), measured=measured)
    text = render(build_dpia(facts, "en"), "md")
    assert "The measurement (masking) was not found in docs/benchmarks.md" in text
    assert "Masking recall on the chat-line corpus" not in text


def test_bad_configuration_is_a_clear_message(deployment: pytest.MonkeyPatch, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    deployment.setenv("KNOWLEDGE_FILE", str(tmp_path / "missing.yml"))
    code, _, err = _run(capsys, "compliance", "record")
    assert code == 2 and "cannot read the configuration" in err and "missing.yml" in err
    deployment.delenv("KNOWLEDGE_FILE")
    broken = tmp_path / "subprocessors.yml"
    broken.write_text("version: 1\nsubprocessors: [{id: x}]\n", encoding="utf-8")
    deployment.setenv("SUBPROCESSORS_FILE", str(broken))
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "compliance", "dpia"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Vern configuration error: sub-processors" in done.stderr and "must be a non-empty" in done.stderr


def test_every_personal_store_says_whose_data_it_holds() -> None:
    assert unclassified(STORES) == [], "add the store to bot/compliance/subjects.py"


def test_every_language_has_every_word() -> None:
    assert set(NB) == set(EN) and set(DPIA_NB) == set(DPIA_EN) == set(DPIA_DA) and set(DA) == set(EN)


def test_the_contract_end_export_carries_the_record(tmp_path: Path) -> None:
    from dataclasses import replace

    from bot.compliance.decommission import export_files
    from bot.compliance.documents import demo_settings

    files = export_files(demo_settings())
    assert sorted(files) == sorted(f"compliance/record.{lang}.{fmt}" for lang in ("nb", "en", "da")
                                   for fmt in ("md", "json"))
    assert json.loads(files["compliance/record.en.json"])["document"] == "record_of_processing"
    broken = export_files(replace(demo_settings(), knowledge_file=tmp_path / "gone.yml"))
    assert list(broken) == ["compliance/record-unavailable.txt"] and b"gone.yml" in broken[
        "compliance/record-unavailable.txt"]
