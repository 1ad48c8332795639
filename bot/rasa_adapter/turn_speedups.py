"""Work Rasa 3.6 repeats on every chat turn for the same result, done once instead (TURN_SPEEDUPS).

Profiled in docs/benchmarks.md ("Where a turn's time goes"): Rasa checks every
answer of the action server with `jsonschema.validate(answer, schema)`, and
that call first validates Rasa's large events schema itself against the
JSON-Schema meta-schema and builds a fresh validator with a fresh `$ref`
resolver. On this machine that is ~50 ms of CPU per action call, 2–3 calls a
turn: most of a turn's CPU in the Rasa process, and what made latency grow with
every concurrent chat. The schema is a constant, so it is checked once and its
validator reused; the answer is validated exactly as before (same schema, same
`best_match` error, same message), so a bad answer from the action server is
still refused.

`TURN_SPEEDUPS=off` leaves Rasa as it is, to rule this change out when
debugging (bench.turn_latency --compare measures the code before the cuts from
a git worktree instead).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

_APPLIED = "_vern_speedups"


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # what jsonschema.validate() does on every call; the schema never changes
    return cls(schema)


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once; same errors as Rasa's."""
    from jsonschema import exceptions
    from rasa.core.actions.action import DOCS_BASE_URL

    error = exceptions.best_match(_action_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def apply_turn_speedups(enabled: bool) -> None:
    """Installs the speedups in this (Rasa) process when enabled; idempotent."""
    if not enabled:
        logger.info("Turn speedups off (TURN_SPEEDUPS=off): Rasa's own per-turn path")
        return
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, _APPLIED, False):
        return
    _action_response_validator()
    RemoteAction._validate_action_result = _validate_action_result
    setattr(RemoteAction, _APPLIED, True)
