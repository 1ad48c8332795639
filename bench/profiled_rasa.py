"""Vern's Rasa server with timers on the parts of a turn, for bench/turn_profile.py only.

    python -m bench.profiled_rasa      # same settings and environment as `vern rasa --no-train`

Wraps (in this process only, never in `vern rasa`) the channel's steps, Rasa's
processor steps and the tracker store's reads and writes with wall-clock
timers, and adds two routes on the Rasa port for the bench:
`POST /bench/profile/start` zeroes the timers and starts a pyinstrument
sampler on the event loop's thread (if pyinstrument is installed);
`POST /bench/profile/stop` stops it and answers with the timers and the
sampler's text report. Nothing here runs in production.
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
from collections import defaultdict
from typing import Any

TIMES: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
_LOCK = threading.Lock()


def _add(name: str, seconds: float) -> None:
    with _LOCK:
        TIMES[name][0] += seconds
        TIMES[name][1] += 1


def timed(name: str, function: Any) -> Any:
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                _add(name, time.perf_counter() - started)

        return async_wrapper

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _add(name, time.perf_counter() - started)

    return wrapper


def _wrap(owner: Any, attribute: str, name: str) -> None:
    setattr(owner, attribute, timed(name, getattr(owner, attribute)))


def instrument() -> None:
    import rasa.core.actions.action as actions
    import rasa.core.processor as processor
    import rasa.core.tracker_store as stores
    from rasa.shared.core.trackers import DialogueStateTracker

    import bot.rasa_adapter.channels as channels
    import bot.rasa_adapter.tracker_store as vern_stores

    _wrap(channels, "run_turn", "channel: whole turn")
    _wrap(channels, "guard_incoming", "channel: PII guard (reads the tracker)")
    _wrap(channels, "_to_caseworker", "channel: handoff lookup (DB, thread)")
    _wrap(channels, "warning_for", "channel: PII warning (reads the tracker)")
    P = processor.MessageProcessor
    _wrap(P, "handle_message", "rasa: handle_message (inside the lock)")
    _wrap(P, "fetch_tracker_and_update_session", "rasa: fetch tracker + session check")
    _wrap(P, "parse_message", "rasa: NLU parse")
    _wrap(P, "run_action_extract_slots", "rasa: action_extract_slots")
    _wrap(P, "_run_prediction_loop", "rasa: prediction loop")
    _wrap(P, "_predict_next_with_tracker", "rasa: policies (one prediction)")
    _wrap(P, "_run_action", "rasa: run one action")
    _wrap(P, "save_tracker", "rasa: save tracker")
    _wrap(actions.RemoteAction, "run", "rasa: remote action call (HTTP + action server)")
    _wrap(DialogueStateTracker, "copy", "rasa: tracker.copy (event replay)")
    _wrap(DialogueStateTracker, "current_state", "rasa: tracker.current_state (serialise for actions)")
    for cls in (vern_stores.VernSQLTrackerStore, vern_stores.VernRedisTrackerStore):
        _wrap(cls, "_retrieve", "store: tracker read")
        _wrap(cls, "save", "store: tracker save")
    _wrap(stores.TrackerStore, "stream_events", "store: stream new events to the broker")


def _install_routes(app: Any) -> None:
    from sanic import response

    state: dict[str, Any] = {}

    @app.post("/bench/profile/start")
    async def start(_request: Any) -> Any:
        with _LOCK:
            TIMES.clear()
        try:
            from pyinstrument import Profiler
        except ImportError:
            state["profiler"] = None
        else:
            state["profiler"] = Profiler(interval=0.0005, async_mode="disabled")
            state["profiler"].start()
        return response.json({"sampling": state["profiler"] is not None})

    @app.post("/bench/profile/stop")
    async def stop(_request: Any) -> Any:
        profiler = state.get("profiler")
        report = ""
        if profiler is not None:
            profiler.stop()
            report = profiler.output_text(unicode=False, color=False, show_all=False)
            session_path = (_request.json or {}).get("session")
            if session_path:
                # The whole sample set, for `pyinstrument --load <file> -r text --show-all`.
                profiler.last_session.save(session_path)
        with _LOCK:
            timers = {name: {"seconds": value[0], "calls": value[1]} for name, value in TIMES.items()}
        return response.json({"timers": timers, "pyinstrument": report})


def main() -> int:
    import rasa.core.run

    instrument()
    original = rasa.core.run.configure_app

    def configure_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        _install_routes(app)
        return app

    rasa.core.run.configure_app = configure_app
    from bot.cli import main as vern

    return int(vern(["rasa", "--no-train"]) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
