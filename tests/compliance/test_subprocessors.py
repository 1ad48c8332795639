"""The sub-processor list: a service Vern is configured to use but that is not listed stops production at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.compliance.subprocessors import DEFAULT_FILE, load_subprocessors
from bot.config import ConfigError, load_settings


def _production(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"VERN_VAR_DIR": str(tmp_path), "VERN_ENV": "production", "SECRET_KEY": "s" * 32,
            "RASA_API_TOKEN": "t" * 32, "ACTION_SERVER_SECRET": "a" * 32, "SMTP_URL": "smtp://mail.example.org:587",
            "DATABASE_URL": "postgresql://vern@db/vern", **extra}


def _file(tmp_path: Path, covers: str, location: str = "NO") -> str:
    path = tmp_path / "subprocessors.yml"
    path.write_text("version: 1\nsubprocessors:\n"
                    f"  - {{id: host, name: Example Hosting AS, role: runs Vern, location: {location},\n"
                    f"     transfer_basis: not needed, data_categories: [everything], covers: [{covers}]}}\n",
                    encoding="utf-8")
    return str(path)


def test_the_shipped_list_covers_every_service_and_its_open_points_are_marked() -> None:
    entries = load_subprocessors(DEFAULT_FILE)
    assert {service for entry in entries for service in entry.covers} == {"hosting", "backups", "smtp", "telegram"}
    telegram = next(entry for entry in entries if entry.id == "telegram")
    assert "transfer_basis" in telegram.todos() and telegram.outside_eea is None


def test_production_with_telegram_configured_but_not_listed_refuses_to_start(tmp_path: Path) -> None:
    listed = _file(tmp_path, "hosting, backups, smtp")
    assert load_settings(_production(tmp_path, SUBPROCESSORS_FILE=listed)).is_production
    with pytest.raises(ConfigError, match=r"does not list: telegram \(TELEGRAM_TOKEN is set\)"):
        load_settings(_production(tmp_path, SUBPROCESSORS_FILE=listed, TELEGRAM_TOKEN="1:abc",
                                  TELEGRAM_WEBHOOK_SECRET="w" * 24))


def test_production_with_smtp_but_no_mail_provider_listed_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"smtp \(SMTP_URL is set\)"):
        load_settings(_production(tmp_path, SUBPROCESSORS_FILE=_file(tmp_path, "hosting, backups")))


def test_development_tolerates_a_gap_but_not_a_broken_file(tmp_path: Path) -> None:
    gap = _file(tmp_path, "hosting")
    assert not load_settings({"VERN_VAR_DIR": str(tmp_path), "SUBPROCESSORS_FILE": gap,
                              "TELEGRAM_TOKEN": "1:abc"}).is_production
    with pytest.raises(ConfigError, match=r"`covers` may list only .*'mail'"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "SUBPROCESSORS_FILE": _file(tmp_path, "mail")})
    with pytest.raises(ConfigError, match="country codes"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "SUBPROCESSORS_FILE": _file(tmp_path, "hosting", "Oslo 1")})
    with pytest.raises(ConfigError, match="cannot be read"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "SUBPROCESSORS_FILE": str(tmp_path / "missing.yml")})


def test_a_location_outside_the_eea_is_a_transfer(tmp_path: Path) -> None:
    (entry,) = load_subprocessors(Path(_file(tmp_path, "hosting", "US")))
    assert entry.outside_eea is True
    (entry,) = load_subprocessors(Path(_file(tmp_path, "hosting", "NO")))  # YAML reads a bare NO as false
    assert entry.countries == ("NO",) and entry.outside_eea is False
