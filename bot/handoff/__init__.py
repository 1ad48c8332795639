"""Handing a chat to a caseworker: the queue, the messages, the end that deletes it."""
