"""The files in deploy/ describe the Vern of this checkout: every command is a `vern` command, every
variable a setting Vern reads, every probe a health endpoint, and HAProxy accepts the shipped config.
They cannot be built or run here (no container runtime), so this is what keeps them from rotting."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from bot.cli import build_parser
from bot.config import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
# Variables that belong to Python, TensorFlow, Rasa or the container images, not to Vern's settings.
FOREIGN = re.compile(r"^(PYTHON\w+|PIP_\w+|TF_\w+|RASA_TELEMETRY_ENABLED|POSTGRES_\w+)$")
HEALTH = {"rasa": "/", "actions": "/health", "web": "/health", "telegram": "/health"}


def documented_settings() -> set[str]:
    text = (PROJECT_ROOT / "docs" / "configuration.md").read_text()
    rows = re.findall(r"^\| (`[A-Z].*?) \|", text, flags=re.M)  # a row may name several: `A` / `B`
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}


def vern_commands() -> set[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001 - argparse has no API
    return set(subparsers.choices)  # type: ignore[arg-type]


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def kubernetes() -> list[dict]:
    return [doc for doc in yaml.safe_load_all((DEPLOY / "k8s" / "vern.yaml").read_text()) if doc]


def test_every_compose_service_runs_a_real_vern_command_with_known_settings():
    known, commands = documented_settings(), vern_commands()
    vern_services = {name: s for name, s in compose()["services"].items() if s.get("image") == "vern:latest"}
    assert {"migrate", "rasa-1", "rasa-2", "actions-1", "actions-2", "web", "retention", "telegram"} <= set(
        vern_services)
    for name, service in vern_services.items():
        assert service["command"][0] in commands, name
        unknown = {v for v in service.get("environment", {}) if v not in known and not FOREIGN.match(v)}
        assert not unknown, (name, unknown)


def test_the_example_environment_and_the_image_set_only_real_settings():
    known = documented_settings()
    example = [line.split("=", 1)[0].lstrip("# ").strip() for line in (DEPLOY / "vern.env.example").read_text()
               .splitlines() if re.match(r"^#? ?[A-Z][A-Z_]+=", line)]
    assert example and not [v for v in example if v not in known]
    image_env = re.findall(r"^\s+([A-Z][A-Z0-9_]+)=", (DEPLOY / "Containerfile").read_text(), flags=re.M)
    assert "VERN_ENV" in image_env and not [v for v in image_env if v not in known and not FOREIGN.match(v)]


def test_kubernetes_probes_ask_each_process_its_health_endpoint_and_secrets_come_from_a_secret():
    known, commands = documented_settings(), vern_commands()
    deployments = {d["metadata"]["name"]: d for d in kubernetes() if d["kind"] == "Deployment"}
    assert deployments["vern-rasa"]["spec"]["replicas"] >= 2 and deployments["vern-actions"]["spec"]["replicas"] >= 2
    for name, deployment in deployments.items():
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert container["args"][0] in commands
        process = name.removeprefix("vern-")
        if process in HEALTH:
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                assert container[probe]["httpGet"]["path"] == HEALTH[process], (name, probe)
        assert {"secretRef": {"name": "vern-secrets"}} in container["envFrom"]
        assert not [e["name"] for e in container["env"] if e["name"] not in known]
        # No secret is written into the manifest itself.
        assert not [e for e in container["env"] if "SECRET" in e["name"] or "TOKEN" in e["name"]]
    config_map = next(d for d in kubernetes() if d["kind"] == "ConfigMap")
    assert not [v for v in config_map["data"] if v not in known]
    ingress = next(d for d in kubernetes() if d["kind"] == "Ingress")
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"


def test_haproxy_accepts_the_shipped_config_with_the_compose_environment(tmp_path: Path):
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    assert Path(haproxy).exists(), ".ci/run installs Debian's haproxy package"
    env = {k: str(v) for k, v in compose()["services"]["proxy"]["environment"].items()}
    used = set(re.findall(r"\$\{(\w+)\}", (DEPLOY / "haproxy.cfg").read_text()))
    assert used == set(env), used ^ set(env)
    checked = subprocess.run([haproxy, "-c", "-f", str(DEPLOY / "haproxy.cfg")], env=env, capture_output=True,
                             text=True, timeout=30, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Configuration file is valid" in checked.stdout + checked.stderr
