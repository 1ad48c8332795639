"""Development delivery: each mail becomes an .eml file instead of leaving the machine.

The files hold codes and addresses, so the folder is private to the user
(0700, files 0600) and file names carry only the time, the kind and a
random or idempotency tag, never the address: directory listings,
shell history and backups of names should not identify anybody.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import secrets
import sys
from pathlib import Path

from bot.clock import Clock, utc_now
from bot.mail.message import OutgoingMail, build_message
from bot.private_files import private_dir

logger = logging.getLogger(__name__)


class OutboxMailer:
    """Writes mails into `directory`; `announce` prints where each went (development only)."""

    def __init__(
        self,
        directory: Path,
        *,
        mail_from: str,
        announce: bool = False,
        clock: Clock = utc_now,
    ) -> None:
        self._directory = Path(directory)
        self._mail_from = mail_from
        self._announce = announce
        self._clock = clock

    @property
    def directory(self) -> Path:
        return self._directory

    async def send(self, mail: OutgoingMail) -> None:
        path, written = await asyncio.to_thread(self._write, mail)
        logger.info("mail kind=%s outcome=%s", mail.kind, "written_to_outbox" if written else "already_in_outbox")
        if self._announce and written:
            # The console, not the logging system: a developer reading the
            # terminal wants the file; log collectors get kind and outcome only.
            print(f"Vern outbox: {mail.kind} mail written to {path}", file=sys.stderr, flush=True)

    def _write(self, mail: OutgoingMail) -> tuple[Path, bool]:
        self._ensure_private_directory()
        now = self._clock()
        if mail.idempotency_key is not None:
            tag = hashlib.sha256(mail.idempotency_key.encode("utf-8")).hexdigest()[:16]
            existing = sorted(self._directory.glob(f"*-{mail.kind}-{tag}.eml"))
            if existing:
                return existing[0], False
        else:
            tag = secrets.token_hex(8)
        path = self._directory / f"{now:%Y%m%dT%H%M%S%fZ}-{mail.kind}-{tag}.eml"
        data = build_message(mail, mail_from=self._mail_from, now=now).as_bytes()
        # Write under a temporary name and rename, so a reader never sees half a mail.
        temporary = path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        temporary.replace(path)
        return path, True

    def _ensure_private_directory(self) -> None:
        # The mails inside hold login codes: 0700 whatever the umask or an older mode.
        private_dir(self._directory)
