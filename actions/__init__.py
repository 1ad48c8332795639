"""Rasa custom actions: thin adapters that call into `bot`."""
