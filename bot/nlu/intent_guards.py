"""Where the words themselves settle what a message is, the classifier's guess gives way.

Each case below was seen with a model trained on one machine and not on another, or with one that had not seen
the sentence, so no retraining can be trusted to keep them right:

- A consent purpose's id (what its button sends, or typed as it is) answers "what do you consent to?". Read as a
  question, the form would drop it and ask again, and the person could never pick that purpose.
- "Switch language" needs a language, or the word for one: "spring over" (Danish for "skip") read as a language
  switch told a 16-year-old "Fint, jeg skriver på dansk" and asked again for the guardian's address.
- The question about children's ages needs an age, or none: digits are what the classifier learnt it from, so
  "nummeret mitt er 913 57 246", typed where Vern asked what a request is about, got the rules for minors'
  consent. A phone or identity number with no age beside it is an answer, as any other personal data is.
- A message that is only an age ("jeg er tolv", "eg er femten år", "I'm 14") is about ages: read as anything but
  the question about minors' consent, it is an answer (`inform`), which the age question takes. "eg er tolv" read
  as a goodbye (its nearest example is "eg er ferdig") once ended a 12-year-old's consent in the middle.
- Giving consent in words that take it back ("meld meg av nyhetsbrevet", "I don't want to be in the video after
  all") is a withdrawal (`manage_consents`): withdrawal must work at once, and the classifier learns both from
  sentences that share the purpose's words (bot/nlu/withdrawal.py).
- A question read as a request, without much confidence, is asked about rather than started: a request starts by
  asking for an e-mail address, and "how quickly will you get back to me" once got exactly that (read as
  withdrawing consent, with little confidence). As not understood, the message gets Vern's question with a
  button for each likely reading (bot/knowledge/replies.py, `clarify_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from bot.clock import utc_now
from bot.consent.age_answer import is_a_typed_age
from bot.knowledge.minors import age_in
from bot.knowledge.replies import STARTS_A_REQUEST
from bot.language.switch import normalise, requested_language
from bot.nlu.questions import is_a_question
from bot.nlu.withdrawal import withdraws_consent

INFORM = "inform"
GIVE_CONSENT = "give_consent"
MANAGE_CONSENTS = "manage_consents"
MINORS_FAQ = "faq/minors_consent"
EXPLAIN_CONSENT = "explain_consent"
OBJECTING = frozenset({"request_objection", "request_restriction"})
SWITCH_LANGUAGE = "switch_language"
FALLBACK = "nlu_fallback"
# A purpose id read as an answer or as giving consent is read rightly either way ("newsletter" as a first message
# starts a consent); any other reading would make the consent form drop it.
PURPOSE_READINGS = frozenset({INFORM, "give_consent"})
# Below this, a question read as a request is asked about (docs/benchmarks.md, "Questions read as requests": how
# many right readings it asks about against how many wrong ones it stops, on the cross-validation's predictions).
SURE_REQUEST = 0.6
# A language's name or the word "language" in any of Vern's languages: "bytt språk", "skift sprog", "change the
# language", "kan du skrive norsk". Stems, so that inflected forms count too.
_LANGUAGE_WORD = re.compile(
    r"(?<!\w)(?:spr[åa]k|sprog|language|m[åa]lform|norsk|norwegian|bokm[åa]|nynorsk|dansk|danish|engelsk|english"
    r"|svensk|swedish)", re.IGNORECASE)


# Five digits or more, spaces, dots and dashes inside allowed: a phone, account or identity number, never an age.
_LONG_NUMBER = re.compile(r"(?:\(\s?(?:\+|00)?\d{1,4}\s?\)\s?)?\+?\d(?:[\s.\-]?\d){4,}")  # "(+47) 913 57 246" whole
_AGE = re.compile(r"(?<![\w])\d{1,2}(?![\w])")


def _number_without_age(text: str) -> bool:
    if not _LONG_NUMBER.search(text):
        return False
    return not _AGE.search(_LONG_NUMBER.sub(" ", text))


def unsure_question(text: str, confidence: float) -> bool:
    """A question (bot/nlu/questions.py) that the classifier read with less than `SURE_REQUEST` confidence: started
    as a request it would ask for an e-mail address, and answered as a cancel it would answer nothing."""
    return confidence < SURE_REQUEST and is_a_question(text)


def _asks_the_age_rule(typed: str, intent: str | None, ranking: list[dict[str, Any]],
                       retrieval_intent: str | None) -> bool:
    if retrieval_intent != MINORS_FAQ or intent in (None, "faq"):
        return False
    if not (intent in (EXPLAIN_CONSENT, FALLBACK) or _confidence(str(intent), ranking) < SURE_REQUEST):
        return False
    today = utc_now().date()
    return is_a_question(typed) and age_in(typed, today) is not None and not is_a_typed_age(typed, today)


def _leading(ranking: list[dict[str, Any]]) -> str | None:
    """The classifier's own first reading, under the fallback that replaced it."""
    return next((str(entry.get("name")) for entry in ranking if entry.get("name") not in (FALLBACK, None)), None)


def _confidence(intent: str, ranking: list[dict[str, Any]]) -> float:
    return next((float(entry.get("confidence") or 0.0) for entry in ranking if entry.get("name") == intent), 1.0)


def corrected_intent(text: str, intent: str | None, ranking: list[dict[str, Any]],
                     purpose_ids: Collection[str], retrieval_intent: str | None = None,
                     consent_purpose_named: Callable[[str], str | None] = lambda _text: None) -> str | None:
    """The intent the message must have instead of `intent`, or None to keep the classifier's. `retrieval_intent`
    is the FAQ answer the response selector chose ("faq/cost"), whatever the intent; `consent_purpose_named` finds
    the purpose given by consent that a text names, if any."""
    typed = text.strip()
    if intent == "faq" and retrieval_intent == MINORS_FAQ and _number_without_age(typed):
        return INFORM
    if typed in purpose_ids and intent not in PURPOSE_READINGS:
        return INFORM
    if intent == GIVE_CONSENT and withdraws_consent(typed):
        return MANAGE_CONSENTS
    if intent == FALLBACK and _leading(ranking) in (GIVE_CONSENT, MANAGE_CONSENTS) and withdraws_consent(typed):
        return MANAGE_CONSENTS  # "I want to stop getting your newsletter": unsure which, but about consent
    if intent in OBJECTING and withdraws_consent(typed) and consent_purpose_named(typed) is not None:
        # "afmeld mig nyhedsbrevet", "stop sending me the newsletter": what was given by consent is taken back by
        # withdrawing it, at once (Art. 7(3)), not by an objection or a restriction a caseworker decides on.
        return MANAGE_CONSENTS
    if _asks_the_age_rule(typed, intent, ranking, retrieval_intent):
        # "kan en 14-åring samtykke til bilder?", "can a 16 year old agree to being filmed?": a question naming an
        # age that the FAQ selector reads as the minors' rules gets the rule for that age, not what consent is,
        # nor whatever the classifier half-guessed.
        return "faq"
    about_ages = intent == "faq" and retrieval_intent == MINORS_FAQ
    if not about_ages and intent != INFORM and is_a_typed_age(typed, utc_now().date()):
        return INFORM
    if intent in STARTS_A_REQUEST and unsure_question(typed, _confidence(intent, ranking)):
        return FALLBACK
    if intent == SWITCH_LANGUAGE and requested_language(typed) is None and not _LANGUAGE_WORD.search(normalise(typed)):
        following = [entry.get("name") for entry in ranking if entry.get("name") not in (SWITCH_LANGUAGE, None)]
        return str(following[0]) if following else FALLBACK
    return None
