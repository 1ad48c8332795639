"""Settings: safe embedded defaults for development, no working defaults for production secrets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import AgeBands, ConfigError, Secret, load_settings


def test_development_runs_on_embedded_defaults(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'vern.sqlite3'}"
    assert settings.redis_url is None
    assert settings.smtp_url is None
    assert settings.telegram_token is None
    assert settings.languages == ("nb", "nn", "da", "en")
    assert settings.default_language == "nb"
    assert (settings.web_port, settings.rasa_port, settings.action_port) == (8000, 5005, 5055)
    # Unset: the retention policy file's periods hold (bot.retention.announced).
    assert settings.retention.mask_within_minutes is None
    assert settings.retention.masked_chat_days is None
    assert settings.age_bands == AgeBands(13, 16, 18)


def test_development_secrets_are_generated_once_and_shared(tmp_path: Path) -> None:
    first = load_settings({"VERN_VAR_DIR": str(tmp_path)})
    second = load_settings({"VERN_VAR_DIR": str(tmp_path)})
    assert first.action_server_secret.reveal()
    assert first.action_server_secret == second.action_server_secret
    assert first.rasa_api_token != first.action_server_secret
    assert oct((tmp_path / "dev-secrets.json").stat().st_mode & 0o777) == "0o600"


PRINT_SECRETS = (
    "import sys; from bot.config import load_settings; "
    "s = load_settings({'VERN_VAR_DIR': sys.argv[1]}); "
    "print(s.secret_key.reveal(), s.action_server_secret.reveal())"
)


def test_processes_starting_at_once_on_a_fresh_var_folder_share_one_set_of_secrets(tmp_path: Path) -> None:
    """Vern's processes start side by side; each one that finds no secret must not make its own."""
    starts = [subprocess.Popen([sys.executable, "-c", PRINT_SECRETS, str(tmp_path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(6)]
    outcomes = [process.communicate(timeout=120) for process in starts]
    assert all(process.returncode == 0 for process in starts), [err for _, err in outcomes]
    assert len({out for out, _ in outcomes}) == 1, "every process reads the same secrets"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [], "no temporary file is left"


def test_production_without_secrets_fails_naming_each_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({"VERN_ENV": "production", "VERN_VAR_DIR": str(tmp_path)})
    for name in ("SECRET_KEY", "RASA_API_TOKEN", "ACTION_SERVER_SECRET", "SMTP_URL", "DATABASE_URL"):
        assert name in str(error.value)
    assert not (tmp_path / "dev-secrets.json").exists()


def test_production_refuses_short_secrets(tmp_path: Path) -> None:
    env = {
        "VERN_ENV": "production",
        "SECRET_KEY": "short",
        "RASA_API_TOKEN": "x" * 32,
        "ACTION_SERVER_SECRET": "y" * 32,
        "SMTP_URL": "smtp://mail.example.org:587",
        "DATABASE_URL": "postgresql://vern@db/vern",
    }
    with pytest.raises(ConfigError, match="SECRET_KEY is too short"):
        load_settings(env)
    env["SECRET_KEY"] = "z" * 32
    settings = load_settings(env)
    assert settings.is_production


def test_secrets_never_print() -> None:
    secret = Secret("hunter2-hunter2")
    assert "hunter2" not in repr(secret)
    assert "hunter2" not in str(secret)
    settings = load_settings({"SMTP_URL": "smtp://user:pw-secret@mail:25", "TELEGRAM_TOKEN": "123:tg-secret"})
    assert "pw-secret" not in repr(settings)
    assert "tg-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LANGUAGES": "nb,sv"}, "LANGUAGES"),
        ({"DEFAULT_LANGUAGE": "en", "LANGUAGES": "nb,da"}, "DEFAULT_LANGUAGE"),
        ({"WEB_PORT": "eighty"}, "WEB_PORT"),
        ({"MINOR_GUARDIAN_ONLY_BELOW": "17", "MINOR_JOINT_CONSENT_BELOW": "16"}, "Age bands"),
        ({"VERN_ENV": "staging"}, "VERN_ENV"),
        ({"TELEGRAM_TOKEN": "1:x", "TELEGRAM_MODE": "webhook"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"TELEGRAM_MODE": "carrier-pigeon"}, "TELEGRAM_MODE"),
        ({"TELEGRAM_WEBHOOK_SECRET": "short"}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"TURN_SPEEDUPS": "maybe"}, "TURN_SPEEDUPS"),
    ],
)
def test_invalid_settings_are_explained(tmp_path: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings({"VERN_VAR_DIR": str(tmp_path), **env})


def test_age_bands_are_configurable(tmp_path: Path) -> None:
    settings = load_settings(
        {"VERN_VAR_DIR": str(tmp_path), "MINOR_GUARDIAN_ONLY_BELOW": "15", "MINOR_JOINT_CONSENT_BELOW": "15"}
    )
    assert settings.age_bands == AgeBands(15, 15, 18)


def test_the_chat_socket_opens_only_to_vern_own_pages_by_default(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "WEB_PORT": "8123", "PUBLIC_URL": "https://vern.example.no/x"})
    assert settings.widget_origins == ("https://vern.example.no", "http://127.0.0.1:8123", "http://localhost:8123")


def test_widget_origins_are_origins_and_never_a_wildcard(tmp_path: Path) -> None:
    env = {"VERN_VAR_DIR": str(tmp_path), "WIDGET_ORIGINS": "https://www.example.kommune.no, http://localhost:9000/"}
    assert load_settings(env).widget_origins == ("https://www.example.kommune.no", "http://localhost:9000")
    for bad in ("*", "https://example.no/page", "example.no", "javascript:alert(1)"):
        with pytest.raises(ConfigError, match="WIDGET_ORIGINS"):
            load_settings({"VERN_VAR_DIR": str(tmp_path), "WIDGET_ORIGINS": bad})
