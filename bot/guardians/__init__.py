"""Guardians proven against the controller's register (bot.guardians.registry)."""
