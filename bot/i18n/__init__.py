"""Words Vern says outside Rasa's domain responses (channel errors, notes, e-mails)."""

from bot.i18n.catalog import MESSAGES, translate

__all__ = ["MESSAGES", "translate"]
