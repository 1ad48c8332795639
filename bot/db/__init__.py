"""Database access: engine, session factory and migrations (SQLAlchemy 1.4, 2.0-style)."""

from bot.db.engine import create_db_engine, get_engine, session_scope

__all__ = ["create_db_engine", "get_engine", "session_scope"]
