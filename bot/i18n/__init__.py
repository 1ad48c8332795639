"""Words Vern says outside Rasa's domain responses (channel errors, notes, e-mails)."""

from bot.i18n.catalog import MESSAGES, for_age, translate, translate_plural

__all__ = ["MESSAGES", "for_age", "translate", "translate_plural"]
