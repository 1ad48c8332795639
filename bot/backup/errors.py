"""What can stop a backup or a restore; messages name no person and no secret."""

from __future__ import annotations


class BackupError(Exception):
    """A backup command could not be carried out; the live database is as it was."""
