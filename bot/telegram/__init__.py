"""Vern's Telegram bot for guardians (python-telegram-bot), as its own process."""
