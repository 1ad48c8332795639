"""Which language Vern answers in: nb, nn, da or en (Swedish gets a note).

Free of Rasa so the decision can be tested, benchmarked and reused on its own.
"""

from bot.language.decide import LanguageDecision, decide_language

__all__ = ["LanguageDecision", "decide_language"]
