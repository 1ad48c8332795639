"""`vern ARGS` as an operator runs it, in this process: the same argument parser, commands, environment and exit
codes, without paying a Python start, the imports and a settings load per call (the CLI tests make dozens of calls).

The process boundary itself (umask, private files, a fresh environment) is tested by starting real `vern`
processes in tests/test_private_files.py. An exception a command does not turn into an exit code propagates and
fails the test, where a real process would have printed a traceback.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass


@dataclass(frozen=True)
class Ran:
    """What a finished `vern` command left: its exit code and what it printed (subprocess.CompletedProcess's
    fields, so a test reads either the same way)."""

    returncode: int
    stdout: str
    stderr: str


def run_vern(args: tuple[str, ...] | list[str], env: Mapping[str, str]) -> Ran:
    """Run `vern *args` with `env` as its whole environment, and put this process back as it was."""
    from bot import cli, config, wiring

    saved_environ, saved_umask = dict(os.environ), os.umask(0o077)
    os.umask(saved_umask)
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(env)
    config.reset_settings_cache()
    wiring.reset()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as exit:  # argparse's usage errors and the commands' own sys.exit(...)
                if isinstance(exit.code, str):
                    print(exit.code, file=err)
                code = 1 if isinstance(exit.code, str) else int(exit.code or 0)
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)
        os.umask(saved_umask)
        root.setLevel(saved_level)
        root.handlers[:] = saved_handlers
        config.reset_settings_cache()
        wiring.reset()
    return Ran(code, out.getvalue(), err.getvalue())
