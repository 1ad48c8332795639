"""/health for the orchestrator and /metrics for Prometheus (retention status; bot.retention.metrics).

/metrics needs the bearer token when METRICS_TOKEN is set; without one it is open in development and absent
(404) in production."""

from __future__ import annotations

import asyncio
import hmac
import logging

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.clock import utc_now
from bot.db.engine import get_engine
from bot.retention.announced import policy_for
from bot.retention.metrics import prometheus_text
from bot.retention.status import retention_status
from bot.web.context import services

logger = logging.getLogger(__name__)
health = Blueprint("health")


@health.get("/health")
async def health_check(_request: Request) -> HTTPResponse:
    return response.json({"status": "ok"})


@health.get("/metrics")
async def metrics(request: Request) -> HTTPResponse:
    settings = services(request).settings
    authorization = request.headers.get("Authorization")
    if settings.metrics_token is None:
        if settings.environment == "production":
            return response.json({"error": "not found"}, status=404)
    elif not hmac.compare_digest((authorization or "").encode(),
                                 f"Bearer {settings.metrics_token.reveal()}".encode()):
        return response.json({"error": "unauthorized"}, status=401)
    try:
        status = await asyncio.to_thread(retention_status, get_engine(settings.database_url), utc_now,
                                         policy_for(settings))
    except Exception as error:  # noqa: BLE001 - a scrape gets a status code, the log the type
        logger.error("metrics unavailable (%s)", type(error).__name__)
        return response.text("# metrics unavailable\n", status=503)
    return response.text(prometheus_text(status), content_type="text/plain; version=0.0.4")
