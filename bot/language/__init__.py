"""Which language Vern answers in: nb, nn, da or en (Swedish gets a note).

Free of Rasa so the decision can be tested, benchmarked and reused on its own.
"""

from bot.language.decide import ALL_PARTS, DecisionParts, LanguageDecision, decide_language

__all__ = ["ALL_PARTS", "DecisionParts", "LanguageDecision", "decide_language"]
