"""Retraining the assistant on masked chats: export, review, merge, evaluate, promote."""
