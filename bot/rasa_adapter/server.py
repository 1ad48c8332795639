"""The Rasa server, started in-process so the API token never shows in `ps`.

The HTTP API is always enabled with a token (RASA_API_TOKEN): handoff and the
guardian bot use it, and it must never be open.
"""

from __future__ import annotations

import logging
import os

from bot.config import PROJECT_ROOT, Settings, get_settings
from bot.rasa_adapter.model import ensure_model, rasa_environment

logger = logging.getLogger(__name__)


def export_endpoint_variables(settings: Settings) -> None:
    """endpoints.yml reads these through Rasa's ${...} expansion."""
    os.environ["ACTION_SERVER_URL"] = settings.action_server_url
    os.environ["ACTION_SERVER_SECRET"] = settings.action_server_secret.reveal()


def serve(settings: Settings | None = None, train_if_missing: bool = True) -> None:
    settings = settings or get_settings()
    for key, value in rasa_environment().items():
        os.environ.setdefault(key, value)
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    # Rasa's default listen backlog (100) resets connections when a few hundred people write at
    # once (tests/e2e/test_load.py); queued, they are answered a little later instead.
    os.environ.setdefault("SANIC_BACKLOG", "1024")
    export_endpoint_variables(settings)

    from rasa.core.run import serve_application
    from rasa.core.utils import AvailableEndpoints

    configure_rasa_logging()
    model = ensure_model(settings) if train_if_missing else _existing_model(settings)
    endpoints = AvailableEndpoints.read_endpoints(str(PROJECT_ROOT / "endpoints.yml"))
    logger.info("Rasa server listening on %s:%s", settings.host, settings.rasa_port)
    serve_application(
        model_path=str(model),
        interface=settings.host,
        port=settings.rasa_port,
        credentials=str(PROJECT_ROOT / "credentials.yml"),
        cors=None,
        auth_token=settings.rasa_api_token.reveal(),
        enable_api=True,
        endpoints=endpoints,
    )


def configure_rasa_logging() -> None:
    """`rasa run` sets these up itself; in-process we must, or Rasa's structlog
    prints debug events (with what people typed) to stdout."""
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from bot.logs import configure_logging, log_level

    level = logging.getLevelName(log_level())
    configure_logging_and_warnings(level, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(level)
    configure_logging()


def _existing_model(settings: Settings):  # type: ignore[no-untyped-def]
    from bot.rasa_adapter.model import model_path

    path = model_path(settings)
    if not path.exists():
        raise SystemExit("No trained model for the current data: run `vern model ensure` first.")
    return path
