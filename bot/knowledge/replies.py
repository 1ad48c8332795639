"""What Vern says to a FAQ question and to a yes/no with nothing asked, from the parsed message.

No Rasa imports: the message is Rasa's parse result as a plain dict
(`response_selector`, `intent_ranking`, `text`), so this is tested without a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.config import Settings
from bot.consent.age_answer import birth_year_from_answer, is_a_typed_age
from bot.consent.ages import youngest_age
from bot.i18n import translate
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.minors import age_in, age_rule
from bot.nlu.leading_greeting import without_leading_greeting

RETRIEVAL_INTENT = "faq"
FAQ_TOPIC_ENTITY = "faq_topic"
# The topics a question can be offered as a button for (`button_faq_<topic>`), when Vern is unsure what was meant.
FAQ_BUTTON_TOPICS = frozenset({
    "complaint", "answer_time", "chat_data", "chat_training", "personal_data", "controller_dpo", "cost",
    "identity_check", "human", "parent_rights", "minors_consent",
})
MINORS_TOPIC = "minors_consent"
IDENTITY_CHECK_TOPIC = "identity_check"
TRAINING_TOPIC = "chat_training"
# Each answer ends with the next useful step; where a button fits, it is this one.
NEXT_STEP = {
    "answer_time": ("button_case_status", "/ask_status"),
    "chat_data": ("button_forget_chat", "/forget_chat"),
    "chat_training": ("button_forget_chat", "/forget_chat"),
    "personal_data": ("button_request_access", "/request_access"),
    "cost": ("button_request_access", "/request_access"),
    "identity_check": ("button_talk_to_person", "/human_handoff"),
    "human": ("button_talk_to_person", "/human_handoff"),
    "controller_dpo": ("button_talk_to_person", "/human_handoff"),
    MINORS_TOPIC: ("button_give_consent", "/give_consent"),
}
# The sentence after an answer that says how to start what it is about (Vern's words, in locales/; the facts before it
# are the controller's, in knowledge.yml). Left out in the middle of a form, whose own question is the next step.
NEXT_STEP_SENTENCE = {topic: f"next_step_{topic}" for topic in ("answer_time", "personal_data", "cost")}
# The sentence that names the consent button after the minors' rules, by the age band answered (None: no age given).
CONSENT_NEXT_STEP = {
    None: "next_step_give_consent",
    "guardian_only": "next_step_guardian_gets_link",
    "child_and_guardian": "next_step_parent_confirms",
    "child_guardian_informed": "next_step_give_consent",
    "self": "next_step_give_consent",
}
# A parent asking what they may do for a child is one press from doing it: the request starts as a guardian's
# (bot.guardians.acting), asking the child's age and reference, then the parent's e-mail code.
FOR_CHILD_STEPS = {
    "parent_rights": [
        ("button_child_access", '/request_access{"case_reference": "forchild:"}'),
        ("button_child_erasure", '/request_erasure{"case_reference": "forchild:"}'),
    ],
}
# Intents that start a request: a yes/no that may be one of them is asked about, never dropped.
REQUEST_BUTTONS = {
    "request_access": "button_request_access",
    "request_erasure": "button_request_erasure",
    "request_rectification": "button_request_rectification",
    "request_restriction": "button_request_restriction",
    "request_portability": "button_request_portability",
    "request_objection": "button_request_objection",
    "manage_consents": "button_manage_consents",
}
# Everything that starts a request, and its button (the yes/no question above offers only the rights).
STARTS_A_REQUEST = {**REQUEST_BUTTONS, "ask_status": "button_case_status", "give_consent": "button_give_consent"}
EXPLAIN_BUTTONS = {
    f"explain_{right}": f"button_explain_{right}"
    for right in ("access", "erasure", "rectification", "restriction", "portability", "objection", "consent")
}
# A message the NLU could not place (nlu_fallback) is asked about when one of its likeliest readings
# starts a request: a request is never dropped with "I did not understand" (issue 16, item 7).
CLARIFY_CANDIDATES = 3
LEAST_CLARIFY_CONFIDENCE = 0.1
SURE_YES_NO = 0.9  # a yes/no this confident, in a short message, is a yes/no
SHORT_MESSAGE_WORDS = 3
BARE_YES_NO_WORDS = 2  # "ja", "ok takk": no request fits in two words
LEAST_REQUEST_CONFIDENCE = 0.02
MAX_REQUEST_BUTTONS = 2


@dataclass(frozen=True)
class Reply:
    text: str | None = None  # None: utter `response` instead
    response: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)


def selected_topic(message: Mapping[str, Any]) -> str | None:
    """The FAQ topic the response selector chose ("complaint" for `faq/complaint`), or the one a button named
    (`/faq{"faq_topic": "complaint"}`: Vern's own question offered it, `clarify_reply`)."""
    # Anyone can type the payload: only a topic Vern offers a button for is taken from it.
    named = next((str(entity.get("value")) for entity in message.get("entities") or []
                  if entity.get("entity") == FAQ_TOPIC_ENTITY and entity.get("value") in FAQ_BUTTON_TOPICS), None)
    if named is not None:
        return named
    selector = message.get("response_selector") or {}
    chosen = selector.get(RETRIEVAL_INTENT) or selector.get("default") or {}
    key = str((chosen.get("response") or {}).get("intent_response_key") or "")
    prefix = f"{RETRIEVAL_INTENT}/"
    return key[len(prefix):] if key.startswith(prefix) else None


def _button(key: str, payload: str, language: str) -> dict[str, str]:
    return {"title": translate(key, language), "payload": payload}


def faq_reply(
    message: Mapping[str, Any], language: str, knowledge: KnowledgeBase, settings: Settings, today: date,
    *, in_form: bool = False,
) -> Reply:
    """The answer to the topic the selector chose. `in_form`: asked in the middle of a form, whose own question
    follows as the next step; a button that starts something else there would leave the form half done."""
    return topic_reply(selected_topic(message), str(message.get("text") or ""), language, knowledge, settings, today,
                       in_form=in_form)


def lone_answer_reply(text: str, language: str, knowledge: KnowledgeBase, settings: Settings, today: date) -> Reply:
    """An answer typed with nothing asked (`inform` outside a form). An age alone ("jeg er tolv", "I'm 14") is a
    child or a parent telling Vern how old: the minors' rule for that age, with its next step. Anything else (a
    code, an address with no request running) is not understood."""
    text = without_leading_greeting(text)  # "hej, jeg er 16"
    if not is_a_typed_age(text, today):
        return Reply(response="utter_default")
    # Read as the consent form reads it ("I'm nine", "born in 2012"), not as a question about an age.
    age = youngest_age(birth_year_from_answer(text, today), today)
    return topic_reply(MINORS_TOPIC, text, language, knowledge, settings, today, age=age)


def topic_reply(
    topic: str | None, text: str, language: str, knowledge: KnowledgeBase, settings: Settings, today: date,
    *, in_form: bool = False, age: int | None = None,
) -> Reply:
    """The answer to one FAQ topic for the message `text` (the minors' rules read the age in it, unless given)."""
    if topic is None:
        return Reply(response="utter_default")
    step = None if in_form else NEXT_STEP.get(topic)
    buttons = [_button(*step, language)] if step else []
    if not in_form:
        buttons += [_button(key, payload, language) for key, payload in FOR_CHILD_STEPS.get(topic, [])]
    if topic == MINORS_TOPIC:
        age = age_in(text, today) if age is None else age
        rule: str | None = None
        if age is None:
            text = knowledge.answer(topic, language)
        else:
            rule = age_rule(age, settings.age_bands)
            text = knowledge.age_answer(rule, age, language)
        if not in_form:
            text = f"{text} {translate(CONSENT_NEXT_STEP[rule], language)}"
        return Reply(text, buttons=buttons)
    if topic == TRAINING_TOPIC and settings.training_basis == "consent":
        topic = "chat_training_consent"
    if knowledge.has_answer(topic):
        text = knowledge.answer(topic, language)
        if topic in NEXT_STEP_SENTENCE and not in_form:
            text = f"{text} {translate(NEXT_STEP_SENTENCE[topic], language)}"
        return Reply(text, buttons=buttons)
    # A topic an admin added with an `utter_faq/<topic>` response in domain.yml.
    return Reply(response=f"utter_{RETRIEVAL_INTENT}/{topic}")


def yes_no_reply(message: Mapping[str, Any], language: str) -> Reply:
    """A yes or no with nothing asked. If the message may have been a request in everyday words,
    ask which rather than answer "anything else?" and lose it (issue 16, item 7)."""
    ranking = list(message.get("intent_ranking") or [])
    top = float(ranking[0].get("confidence") or 0.0) if ranking else 1.0
    words = len(str(message.get("text") or "").split())
    requests = [
        entry for entry in ranking
        if entry.get("name") in REQUEST_BUTTONS and float(entry.get("confidence") or 0.0) >= LEAST_REQUEST_CONFIDENCE
    ][:MAX_REQUEST_BUTTONS]
    plain = words <= BARE_YES_NO_WORDS or (top >= SURE_YES_NO and words <= SHORT_MESSAGE_WORDS)
    if plain or not requests or str(message.get("text") or "").startswith("/"):
        return Reply(response="utter_anything_else")
    buttons = [_button(REQUEST_BUTTONS[str(entry["name"])], f"/{entry['name']}", language) for entry in requests]
    buttons.append(_button("button_no_thanks", "/deny", language))
    return Reply(translate("request_or_yes_no", language), buttons=buttons)


def clarify_reply(message: Mapping[str, Any], language: str, *, request_needed: bool = True) -> Reply | None:
    """For a message the NLU was unsure about: if one of its likeliest readings is a request, ask
    with a button per reading (the request, what the right means, the FAQ answer, something else);
    otherwise None. `request_needed=False`: any reading with a button will do (a question misread
    as something that does nothing, such as cancelling with nothing to cancel)."""
    ranking = [
        entry for entry in (message.get("intent_ranking") or [])
        if entry.get("name") != "nlu_fallback"
    ][:CLARIFY_CANDIDATES]
    likely = [str(e.get("name")) for e in ranking if float(e.get("confidence") or 0.0) >= LEAST_CLARIFY_CONFIDENCE]
    if str(message.get("text") or "").startswith("/"):
        return None
    if request_needed and not any(name in STARTS_A_REQUEST for name in likely):
        return None
    topic = selected_topic(message)
    buttons = []
    for name in likely:
        key = STARTS_A_REQUEST.get(name) or EXPLAIN_BUTTONS.get(name)
        if key is not None:
            buttons.append(_button(key, f"/{name}", language))
        elif name == RETRIEVAL_INTENT and topic in FAQ_BUTTON_TOPICS:
            # The question the selector would have answered, as one press: "how long until you answer?".
            payload = f'/{RETRIEVAL_INTENT}{{"{FAQ_TOPIC_ENTITY}": "{topic}"}}'
            buttons.append(_button(f"button_faq_{topic}", payload, language))
    if not buttons:
        return None
    buttons.append(_button("button_something_else", "/deny", language))
    # "... or to know what the right means?" only where a button says what a right means.
    explains = any(name in EXPLAIN_BUTTONS for name in likely)
    return Reply(translate("request_or_question" if explains else "request_or_something_else", language),
                 buttons=buttons)
