"""One catalog, four languages. Rasa responses live in domain.yml; these are the
words produced by code paths that do not go through Rasa's response selection."""

from __future__ import annotations

from bot.i18n.acting import ACTING_MESSAGES
from bot.i18n.ages import AGE_MESSAGES
from bot.i18n.answers import ANSWER_MESSAGES
from bot.i18n.families import FAMILY_MESSAGES
from bot.i18n.guardian import GUARDIAN_MESSAGES
from bot.i18n.handoff import HANDOFF_MESSAGES
from bot.i18n.privacy import PRIVACY_MESSAGES
from bot.i18n.requests import REQUEST_MESSAGES
from bot.i18n.widget import CHAT_COPY_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    "swedish_note": {
        "nb": "Det ser ut som du skriver svensk. Jeg kan dessverre ikke svensk, så jeg svarer på norsk bokmål.",
        "nn": "Det ser ut som du skriv svensk. Eg kan dessverre ikkje svensk, så eg svarar på nynorsk.",
        "da": "Det ser ud til, at du skriver svensk. Jeg kan desværre ikke svensk, så jeg svarer på dansk.",
        "en": "It looks like you are writing Swedish. I cannot write Swedish, so I will answer in English.",
    },
    "error_empty_message": {
        "nb": "Meldingen er tom. Skriv gjerne spørsmålet ditt.",
        "nn": "Meldinga er tom. Skriv gjerne spørsmålet ditt.",
        "da": "Beskeden er tom. Skriv gerne dit spørgsmål.",
        "en": "The message is empty. Please type your question.",
    },
    "error_message_too_long": {
        "nb": "Meldingen er for lang (høyst {limit} tegn). Del den opp, og ikke skriv personopplysninger.",
        "nn": "Meldinga er for lang (høgst {limit} teikn). Del henne opp, og ikkje skriv personopplysningar.",
        "da": "Beskeden er for lang (højst {limit} tegn). Del den op, og skriv ikke personoplysninger.",
        "en": "The message is too long (at most {limit} characters). Please split it up and leave out personal data.",
    },
    "error_bad_request": {
        "nb": "Forespørselen kunne ikke leses. Send JSON med feltene «sender» og «message».",
        "nn": "Førespurnaden kunne ikkje lesast. Send JSON med felta «sender» og «message».",
        "da": "Forespørgslen kunne ikke læses. Send JSON med felterne »sender« og »message«.",
        "en": "The request could not be read. Send JSON with the fields \"sender\" and \"message\".",
    },
    "error_unavailable": {
        "nb": "Beklager, Vern er midlertidig utilgjengelig, og meldingen din ble ikke mottatt. Prøv igjen om litt.",
        "nn": "Orsak, Vern er mellombels utilgjengeleg, og meldinga di vart ikkje motteken. Prøv igjen om litt.",
        "da": "Beklager, Vern er midlertidigt utilgængelig, og din besked blev ikke modtaget. Prøv igen om lidt.",
        "en": "Sorry, Vern is temporarily unavailable and your message was not received. Please try again shortly.",
    },
    "error_internal": {
        "nb": "Beklager, noe gikk galt hos oss. Prøv igjen om litt.",
        "nn": "Orsak, noko gjekk gale hjå oss. Prøv igjen om litt.",
        "da": "Beklager, noget gik galt hos os. Prøv igen om lidt.",
        "en": "Sorry, something went wrong on our side. Please try again shortly.",
    },
    # The kinds of bot.errors, as a person is told them (bot.rasa_adapter.action_errors, bot.web.errors).
    "error_not_found": {
        "nb": "Beklager, jeg finner ikke det du spør etter. Det kan være slettet eller utløpt.",
        "nn": "Orsak, eg finn ikkje det du spør etter. Det kan vere sletta eller gått ut.",
        "da": "Beklager, jeg kan ikke finde det, du spørger efter. Det kan være slettet eller udløbet.",
        "en": "Sorry, I cannot find what you asked for. It may have been deleted or have expired.",
    },
    "error_refused": {
        "nb": "Beklager, det kan jeg ikke gjøre for deg. Bekreft e-postadressen din først, eller spør en "
              "saksbehandler.",
        "nn": "Orsak, det kan eg ikkje gjere for deg. Stadfest e-postadressa di først, eller spør ein saksbehandlar.",
        "da": "Beklager, det kan jeg ikke gøre for dig. Bekræft din e-mailadresse først, eller spørg en sagsbehandler.",
        "en": "Sorry, I cannot do that for you. Confirm your e-mail address first, or ask a caseworker.",
    },
    "error_invalid": {
        "nb": "Beklager, det kunne jeg ikke bruke. Sjekk det du skrev, og prøv igjen.",
        "nn": "Orsak, det kunne eg ikkje bruke. Sjekk det du skreiv, og prøv igjen.",
        "da": "Beklager, det kunne jeg ikke bruge. Tjek det, du skrev, og prøv igen.",
        "en": "Sorry, I could not use that. Please check what you wrote and try again.",
    },
    "error_conflict": {
        "nb": "Det har allerede skjedd, eller saken er avsluttet, så ingenting ble endret.",
        "nn": "Det har allereie skjedd, eller saka er avslutta, så ingenting vart endra.",
        "da": "Det er allerede sket, eller sagen er afsluttet, så intet blev ændret.",
        "en": "That has already happened, or the matter is closed, so nothing was changed.",
    },
}

MESSAGES.update(REQUEST_MESSAGES)
MESSAGES.update(PRIVACY_MESSAGES)
MESSAGES.update(GUARDIAN_MESSAGES)
MESSAGES.update(FAMILY_MESSAGES)  # after the guardian texts: some replace them
MESSAGES.update(HANDOFF_MESSAGES)
MESSAGES.update(CHAT_COPY_MESSAGES)
MESSAGES.update(ANSWER_MESSAGES)
MESSAGES.update(ACTING_MESSAGES)
MESSAGES.update(AGE_MESSAGES)


def translate(key: str, language: str, **values: object) -> str:
    """The text for `key` in `language`, falling back to bokmål, then English."""
    entry = MESSAGES[key]
    text = entry.get(language) or entry.get("nb") or entry["en"]
    return text.format(**values) if values else text


def for_age(key: str, audience: str | None) -> str:
    """The key of the line in the version for the audience (child, young), if the catalog has one."""
    if audience in ("child", "young") and f"{key}@{audience}" in MESSAGES:
        return f"{key}@{audience}"
    return key
