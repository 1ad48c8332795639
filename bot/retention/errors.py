"""Retention failures. Messages name files, rules and fields, never chat content."""

from bot.errors import Unavailable, VernError


class RetentionError(VernError):
    """Base of every retention failure."""


class PolicyError(RetentionError):
    """The retention policy file is missing, unreadable or does not describe valid rules."""


class ChatStoreError(RetentionError, Unavailable):
    """A chat log store could not be rewritten (e.g. it kept changing under us)."""
