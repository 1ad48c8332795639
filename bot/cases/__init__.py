"""Data-subject request cases (GDPR Arts. 15-18, 20, 21): references, deadlines, workflow, storage.

Kept free of imports so `bot.models` can register the tables without pulling
in the service and its dependencies.
"""
