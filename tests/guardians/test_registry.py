"""The guardian register: a file for small controllers, the controller's system over signed HTTPS."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.guardians.registry import (
    FileGuardianRegistry,
    GuardianContact,
    HttpsGuardianRegistry,
    RegistryConfigError,
    RegistryUnavailable,
    build_registry,
)
from tests.support.guardian_register import GuardianRegister

SECRET = b"register-test-secret-0123456789"


def sha(value: str) -> str:
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


async def test_a_csv_register_matches_normalised_addresses_phones_and_hashed_rows(tmp_path: Path) -> None:
    path = tmp_path / "guardians.csv"
    path.write_text(
        "child_reference,guardian\n"
        "elev-4711,Mor@Example.org\n"
        "ELEV-4711,+47 912 34 567\n"
        f"{sha('ELEV-0815')},{sha('far@example.org')}\n",
        encoding="utf-8")
    register = FileGuardianRegistry(path)
    assert await register.is_guardian("Elev-4711", GuardianContact.email("mor@example.org"))
    assert await register.is_guardian("elev-4711", GuardianContact.phone("0047 91234567"))
    assert await register.is_guardian("elev-0815", GuardianContact.email("FAR@example.org")), "hashed rows"
    assert not await register.is_guardian("elev-0815", GuardianContact.email("mor@example.org")), "another child"
    assert not await register.is_guardian("elev-9999", GuardianContact.email("mor@example.org"))


async def test_a_yaml_register_is_read_and_reread_when_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "guardians.yml"
    path.write_text("guardians:\n  - child: '1001'\n    contacts: [kari@example.org]\n", encoding="utf-8")
    register = FileGuardianRegistry(path)
    assert await register.is_guardian("1001", GuardianContact.email("kari@example.org"))
    path.write_text("guardians:\n  - child: '1001'\n    contacts: [ola@example.org]\n", encoding="utf-8")
    import os
    os.utime(path, (1, 1))  # a different modification time, as an edit makes
    assert not await register.is_guardian("1001", GuardianContact.email("kari@example.org"))
    assert await register.is_guardian("1001", GuardianContact.email("ola@example.org"))


def test_a_broken_register_file_is_named_without_its_content(tmp_path: Path) -> None:
    path = tmp_path / "guardians.csv"
    path.write_text("child_reference,guardian\n4711,not a contact\n", encoding="utf-8")
    with pytest.raises(RegistryConfigError) as error:
        FileGuardianRegistry(path)
    assert "line 2" in str(error.value) and "not a contact" not in str(error.value)
    path.write_text("child,parent\n", encoding="utf-8")
    with pytest.raises(RegistryConfigError, match="header"):
        FileGuardianRegistry(path)


@pytest.fixture
def school() -> Iterator[GuardianRegister]:
    register = GuardianRegister(SECRET, {("4711", "mor@example.org")}).start()
    yield register
    register.stop()


async def test_the_https_register_is_asked_signed_and_answers_only_yes_or_no(school: GuardianRegister) -> None:
    register = HttpsGuardianRegistry(school.url, SECRET)
    assert await register.is_guardian("4711", GuardianContact.email("Mor@Example.org"))
    assert not await register.is_guardian("4711", GuardianContact.email("nabo@example.org"))
    assert school.questions[0] == {"child_reference": "4711", "guardian": {"email": "mor@example.org"}}


async def test_a_wrong_signature_or_a_failing_register_is_no_answer_not_a_yes(school: GuardianRegister) -> None:
    with pytest.raises(RegistryUnavailable):
        await HttpsGuardianRegistry(school.url, b"another-secret-0123456789").is_guardian(
            "4711", GuardianContact.email("mor@example.org"))
    school.status = 500
    with pytest.raises(RegistryUnavailable):
        await HttpsGuardianRegistry(school.url, SECRET).is_guardian("4711", GuardianContact.email("mor@example.org"))
    with pytest.raises(RegistryUnavailable):
        await HttpsGuardianRegistry("http://127.0.0.1:9/none", SECRET, timeout=2).is_guardian(
            "4711", GuardianContact.email("mor@example.org"))


def test_settings_choose_the_register_and_insist_on_signing(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("child_reference,guardian\n1,a@example.org\n", encoding="utf-8")
    assert build_registry(load_settings({"VERN_VAR_DIR": str(tmp_path)})) is None
    assert isinstance(build_registry(load_settings({"VERN_VAR_DIR": str(tmp_path),
                                                    "GUARDIAN_REGISTRY_FILE": str(path)})), FileGuardianRegistry)
    assert isinstance(build_registry(load_settings({
        "VERN_VAR_DIR": str(tmp_path), "GUARDIAN_REGISTRY_FILE": str(path),
        "GUARDIAN_REGISTRY_URL": "https://school.example/guardians", "GUARDIAN_REGISTRY_SECRET": "s" * 20,
    })), HttpsGuardianRegistry)
    with pytest.raises(ConfigError, match="GUARDIAN_REGISTRY_SECRET"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "GUARDIAN_REGISTRY_URL": "https://school.example/g"})
    with pytest.raises(ConfigError, match="TIMEZONE"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "TIMEZONE": "Mars/Olympus"})
