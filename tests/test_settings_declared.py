"""Settings are declared once (bot/config.py): the page that documents them is written from the declarations,
every declared setting is used somewhere, `vern config` hides secrets, and only the settings loader (and the
launchers that hand settings to Rasa's processes) touch the environment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import PROJECT_ROOT, declared, load_settings, setting_from_env
from bot.settings_page import PAGE, render

# The one module under bot/ that touches os.environ / os.getenv: it reads the settings, and it is where a process
# hands its environment to a child (child_environment) or to a library that reads its switches there
# (export_environment).
ENVIRONMENT_WRITERS = {
    "bot/config.py": "the settings loader: the one place settings are read",
}


def test_the_settings_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), "run `vern config docs` and commit docs/configuration.md"


def test_a_stale_settings_page_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "configuration.md"
    stale.write_text(render().replace("`LOG_LEVEL`", "`LOG_LEVELS`"), encoding="utf-8")
    assert main(["config", "docs", "--check", "--out", str(stale)]) == 1
    assert "out of date: run `vern config docs`" in capsys.readouterr().err
    assert main(["config", "docs", "--out", str(stale)]) == 0
    assert main(["config", "docs", "--check", "--out", str(stale)]) == 0


def test_every_variable_is_declared_once_and_documented() -> None:
    variables = [declaration.env for _path, _default, declaration in declared()]
    assert len(variables) == len(set(variables))
    page = PAGE.read_text(encoding="utf-8")
    assert all(f"| `{variable}` |" in page for variable in variables)


def _code_outside_config() -> str:
    files = [*sorted((PROJECT_ROOT / "bot").rglob("*.py")), *sorted((PROJECT_ROOT / "actions").rglob("*.py"))]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f != PROJECT_ROOT / "bot" / "config.py")


def test_every_declared_setting_is_read_somewhere() -> None:
    code = _code_outside_config()
    unread = [path for path, _default, _declaration in declared()
              if not re.search(rf"\.{re.escape(path.rsplit('.', 1)[-1])}\b", code)]
    assert unread == [], f"declared in bot/config.py but read nowhere in bot/ or actions/: {unread}"


def test_vern_config_prints_every_setting_and_hides_secrets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VERN_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("SMTP_URL", "smtp://vern:pw-hunter2@mail.example.org:587")
    monkeypatch.setenv("CONTROLLER_NAME", "Demo kommune")
    monkeypatch.setenv("REDIS_URL", "redis://:redis-pw-hunter2@cache:6379/0")
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "pw-hunter2" not in out
    assert re.search(r"^REDIS_URL +redis://:\*\*\*@cache:6379/0$", out, flags=re.M)
    assert re.search(r"^SMTP_URL +\(set, hidden\)$", out, flags=re.M)
    assert re.search(r"^CONTROLLER_NAME +Demo kommune$", out, flags=re.M)
    assert {line.split()[0] for line in out.splitlines()} == {d.env for _p, _v, d in declared()}


def test_only_the_settings_loader_reads_the_environment() -> None:
    touching = sorted(str(path.relative_to(PROJECT_ROOT)) for path in (PROJECT_ROOT / "bot").rglob("*.py")
                      if re.search(r"os\.environ|os\.getenv|\bgetenv\(|from os import", path.read_text("utf-8")))
    assert [path for path in touching if path not in ENVIRONMENT_WRITERS] == [], "read it from the settings object"
    assert [path for path in ENVIRONMENT_WRITERS if path not in touching] == [], "gone: take it off ENVIRONMENT_WRITERS"


def test_a_setting_read_alone_agrees_with_the_settings_object(tmp_path: Path) -> None:
    env = {"VERN_VAR_DIR": str(tmp_path), "RETENTION_POLICY_FILE": str(tmp_path / "policy.yml"), "LOG_LEVEL": "loud"}
    settings = load_settings({**env, "RETENTION_POLICY_FILE": ""})
    assert setting_from_env("retention_policy_file", env) == tmp_path / "policy.yml"
    assert setting_from_env("retention_policy_file", {}) == settings.retention_policy_file
    assert setting_from_env("log_level", env) == load_settings(env).log_level == "INFO"  # unknown level: INFO
