"""PostgreSQL: pg_dump out, pg_restore into a fresh database, swap it in only when it is complete.

A restore never writes into the live database: the dump goes into
`<name>_restoring` in one transaction, the erasure journal is replayed there,
and only then is the live database renamed away (and dropped) and the copy
renamed into its place. A dead server, a damaged backup or a failed replay
leaves the live database exactly as it was.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.backup.crypto import read_chunks
from bot.backup.errors import BackupError
from bot.config import child_environment
from bot.db.engine import create_db_engine

T = TypeVar("T")
_MAINTENANCE_DATABASE = "postgres"


def _client_env(url: URL, database: str) -> dict[str, str]:
    """libpq's variables: the password travels in the environment, never on a command line others can list."""
    env = child_environment()
    env.update({"PGHOST": url.host or "127.0.0.1", "PGPORT": str(url.port or 5432), "PGDATABASE": database,
                "PGCONNECT_TIMEOUT": "5"})
    if url.username:
        env["PGUSER"] = url.username
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    sslmode = url.query.get("sslmode")
    if isinstance(sslmode, str):
        env["PGSSLMODE"] = sslmode
    return env


def _failure(tool: str, stderr: bytes) -> BackupError:
    said = " ".join(line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip())
    return BackupError(f"{tool} failed: {said[:400] or 'no message'}")


def dump(database_url: str, out: Callable[[Iterable[bytes]], T]) -> T:
    """Run pg_dump (custom format) and hand its output, streamed, to `out`."""
    url = make_url(database_url)
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
    with subprocess.Popen(command, env=_client_env(url, url.database or ""), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        result = out(read_chunks(process.stdout))
        stderr = process.stderr.read()
        if process.wait() != 0:
            raise _failure("pg_dump", stderr)
    return result


@contextmanager
def _maintenance(url: URL) -> Iterator[Connection]:
    engine = create_db_engine(str(url.set(database=_MAINTENANCE_DATABASE))).execution_options(
        isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    except SQLAlchemyError as error:
        raise BackupError(f"the database server does not answer ({type(error).__name__})") from None
    finally:
        engine.dispose()


def restore(database_url: str, plaintext: Iterable[bytes], replay: Callable[[Engine], T], swap: bool = True) -> T:
    """Restore the dump into a fresh database, run `replay` on it, then put it in the live one's place
    (`swap=False`: a drill; the scratch database is dropped and the live one is never touched)."""
    live = make_url(database_url)
    name = live.database or ""
    scratch = f"{name[:50]}_restoring"
    with _maintenance(live) as admin:
        admin.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.execute(text(f'CREATE DATABASE "{scratch}" TEMPLATE template0'))
        try:
            _pg_restore(live, scratch, plaintext)
            engine = create_db_engine(str(live.set(database=scratch)))
            try:
                result = replay(engine)
            finally:
                engine.dispose()
            if not swap:
                admin.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
                return result
            _swap(admin, name, scratch)
        except BaseException:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
            raise
    return result


def _pg_restore(live: URL, scratch: str, plaintext: Iterable[bytes]) -> None:
    command = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
               "--dbname", scratch]
    with subprocess.Popen(command, env=_client_env(live, scratch), stdin=subprocess.PIPE,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        assert process.stdin is not None and process.stderr is not None
        try:
            _feed(process.stdin, plaintext)
        except BaseException:
            process.kill()
            raise
        stderr = process.stderr.read()
        if process.wait() != 0:
            raise _failure("pg_restore", stderr)


def _feed(sink: IO[bytes], chunks: Iterable[bytes]) -> None:
    try:
        for chunk in chunks:
            sink.write(chunk)
    except BrokenPipeError:
        pass  # pg_restore stopped early; its exit status and message say why
    finally:
        with suppress(BrokenPipeError):
            sink.close()


def _swap(admin: Connection, live: str, scratch: str) -> None:
    others = admin.execute(
        text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"),
        {"name": live},
    ).scalar_one()
    if others:
        raise BackupError(
            f"{others} connection(s) to the live database are open: stop every Vern process, then restore again"
        )
    replaced = f"{live[:50]}_replaced"
    admin.execute(text(f'DROP DATABASE IF EXISTS "{replaced}" WITH (FORCE)'))
    try:
        admin.execute(text(f'ALTER DATABASE "{live}" RENAME TO "{replaced}"'))
    except SQLAlchemyError:
        raise BackupError("the live database could not be replaced (is it in use?); nothing was changed") from None
    try:
        admin.execute(text(f'ALTER DATABASE "{scratch}" RENAME TO "{live}"'))
    except SQLAlchemyError:
        admin.execute(text(f'ALTER DATABASE "{replaced}" RENAME TO "{live}"'))
        raise BackupError("the restored database could not be put in place; the live one is back") from None
    # The replaced database still holds what the restore was meant to replace; keeping it would be a
    # second, unmanaged copy of personal data.
    admin.execute(text(f'DROP DATABASE "{replaced}" WITH (FORCE)'))
