"""Backups that forget: encrypted dumps, 30-day rotation, and an erasure journal a restore replays.

A restore never brings an erased person back: every Art. 17 erasure appends the
erased subject key to a journal kept outside the dumps, and `vern backup restore`
erases each journaled key in the restored copy before that copy replaces the
live database.
"""
