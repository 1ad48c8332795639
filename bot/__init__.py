"""Vern: the service core."""
