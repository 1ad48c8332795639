"""Retention of Vern's own chat logs: the processing agreement's annex, run as policy.

`policy.yml` holds the rules (mask bot chats, delete handed-off chats, delete
masked chats after a year); `worker.RetentionWorker` applies them to the
`conversations` table and to Rasa's tracker store (`chat_stores`), one leader
at a time (`leader`). `cli.add_retention_commands` gives `vern retention ...`.
"""
