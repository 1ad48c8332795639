"""Vern's words from the gettext catalogs; the chat's Rasa responses reach domain.yml through bot.i18n.domain."""

from bot.i18n.catalog import MESSAGES, for_age, translate, translate_plural

__all__ = ["MESSAGES", "for_age", "translate", "translate_plural"]
