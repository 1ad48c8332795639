"""The controller's knowledge base: facts and FAQ answers in every language (knowledge.yml)."""

from bot.knowledge.base import KnowledgeBase, KnowledgeError
from bot.knowledge.loading import REQUIRED_TOPICS, load_knowledge

__all__ = ["KnowledgeBase", "KnowledgeError", "REQUIRED_TOPICS", "load_knowledge"]
