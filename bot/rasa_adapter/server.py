"""The Rasa server, started in-process so the API token never shows in `ps`.

The HTTP API is always enabled with a token (RASA_API_TOKEN): handoff and the
guardian bot use it, and it must never be open. It shares the port with the
public chat channels, so `api_guard` refuses its paths to anyone outside
RASA_API_NETWORKS (see docs/rasa-clients.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings, export_environment, get_settings
from bot.rasa_adapter.model import ensure_model, rasa_environment

logger = logging.getLogger(__name__)


def export_endpoint_variables(settings: Settings) -> None:
    """endpoints.yml reads these through Rasa's ${...} expansion."""
    export_environment({"ACTION_SERVER_URL": settings.action_server_url,
                        "ACTION_SERVER_SECRET": settings.action_server_secret.reveal()})


def serve(settings: Settings | None = None, train_if_missing: bool = True, model_file: Path | None = None) -> None:
    settings = settings or get_settings()
    export_environment(rasa_environment(), overwrite=False)
    export_environment({"RASA_TELEMETRY_ENABLED": "false"})
    export_endpoint_variables(settings)

    from functools import partial

    from rasa.core.run import close_resources, configure_app, create_http_input_channels, load_agent_on_start
    from rasa.core.utils import AvailableEndpoints, number_of_sanic_workers

    from bot.rasa_adapter.api_guard import install_api_guard

    configure_rasa_logging(settings.log_level)
    from bot.rasa_adapter.turn_speedups import apply_turn_speedups

    apply_turn_speedups(settings.turn_speedups)
    if model_file is not None:
        model = model_file  # `vern dev`'s quick model (bot/rasa_adapter/quick_model.py)
    else:
        model = ensure_model(settings) if train_if_missing else _existing_model(settings)
    endpoints = AvailableEndpoints.read_endpoints(str(PROJECT_ROOT / "endpoints.yml"))
    # What rasa.core.run.serve_application does, with Vern's guard on the HTTP API before it runs.
    channels = create_http_input_channels(None, str(PROJECT_ROOT / "credentials.yml"))
    app = configure_app(channels, None, settings.rasa_api_token.reveal(), True, port=settings.rasa_port,
                        endpoints=endpoints)
    public = ["/webhooks"] + [c.socketio_path for c in channels if getattr(c, "socketio_path", None)]
    install_api_guard(app, settings, public)
    app.register_listener(partial(load_agent_on_start, str(model), endpoints, None), "before_server_start")
    app.register_listener(close_resources, "after_server_stop")
    logger.info("Rasa server listening on %s:%s; its HTTP API only for %s", settings.host, settings.rasa_port,
                ", ".join(settings.rasa_api_networks))
    app.run(host=settings.host, port=settings.rasa_port, backlog=settings.rasa_backlog,
            workers=number_of_sanic_workers(endpoints.lock_store))


def configure_rasa_logging(log_level: str) -> None:
    """`rasa run` sets these up itself; in-process we must, or Rasa's structlog
    prints debug events (with what people typed) to stdout."""
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from bot.logs import configure_logging

    level = logging.getLevelName(log_level)
    configure_logging_and_warnings(level, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(level)
    configure_logging(log_level)


def _existing_model(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.rasa_adapter.model import model_path

    path = model_path(settings)
    if not path.exists():
        raise SystemExit("No trained model for the current data: run `vern model ensure` first.")
    return path
