"""Realistic chat lines, classified from a fresh conversation (current=None).

Written for these tests, not taken from the cue lists: typing errors, missing
æ/ø/å, one-word questions and long paragraphs, as people write to a GDPR bot.
"""

from __future__ import annotations

import pytest

from bot.language import decide_language

BOKMAL = [
    "hei, hva kan du hjelpe meg med?",
    "jeg vil slette alle opplysningene dere har om meg",
    "hvordan sender jeg et innsynskrav",
    "kan dere slette kontoen min?",
    "hvorfor har dere lagret telefonnummeret mitt",
    "jeg fikk en epost fra dere som jeg ikke skjonner",
    "hva er personvernerklaeringen deres",
    "vil trekke tilbake samtykket mitt",
    "hvor lang tid tar det a fa svar pa en henvendelse?",
    "jeg har ikke gitt samtykke til nyhetsbrev, hvordan stopper jeg det",
    "trenger hjelp med et innsynskrav",
    "Hei! Jeg lurer på om dere deler dataene mine med andre selskaper, og i så fall hvilke?",
    "kan jeg få en kopi av alt dere har lagret om meg",
    "det er noe feil i adressen min, kan dere rette det?",
    "hvem er behandlingsansvarlig hos dere",
    "jeg vet ikke hva saksnummeret mitt er",
    "jeg har sendt inn en klage men har ikke hørt noe på tre uker",
    "jeg vil gi samtykke til filming",
    "hva betyr det",
    "hvordan kan jeg klage til datatilsynet hvis dere ikke svarer innen en maned?",
    "slett meg",
    # "e-post" is Norwegian (Danish writes "e-mail"); the rest of the line is also correct Danish
    "jeg har ikke e-post, hvordan kan jeg vise hvem jeg er",
]

NYNORSK = [
    "kva kan du hjelpe meg med?",
    "eg vil sletta alle opplysningane de har om meg",
    "korleis sender eg eit innsynskrav?",
    "kvifor har de lagra telefonnummeret mitt",
    "eg fekk ein epost frå dykk som eg ikkje skjønar",
    "kan de sletta kontoen min? eg brukar han ikkje meir",
    "kven er behandlingsansvarleg hjå dykk",
    "eg veit ikkje kva saksnummeret mitt er",
    "kor lang tid tek det å få svar?",
    "det er noko feil i adressa mi, kan de retta det?",
    "treng hjelp med eit innsynskrav",
    "ikkje send meir reklame til meg takk",
    "kan eg få ein kopi av alt de har lagra om meg",
    "eg har sendt inn ei klage men har ikkje hoyrt noko på tre veker",
    "takk for hjelpa, då veit eg det",
    "kva no?",
    "Hei! Eg lurer på om de deler personopplysningane mine med andre selskap, og i så fall kven dei er?",
    "korleis trekkjer eg attende samtykket",
]

DANISH = [
    "hej, hvad kan du hjælpe med?",
    "jeg vil gerne have slettet alle mine oplysninger",
    "hvordan sender jeg en indsigtsanmodning",
    "hvorfor har I gemt mit telefonnummer",
    "jeg fik en mail fra jer som jeg ikke forstår",
    "hvad er jeres privatlivspolitik",
    "jeg vil traekke mit samtykke tilbage",
    "hvor lang tid tager det at få svar?",
    "har brug for hjælp til en indsigtsanmodning",
    "Hej! Jeg vil gerne vide om I deler mine data med andre virksomheder, og i så fald hvilke?",
    "kan jeg få en kopi af alt hvad I har gemt om mig",
    "der er en fejl i min adresse, kan I rette den?",
    "jeg ved ikke hvad mit sagsnummer er",
    "jeg har sendt en klage men har ikke hørt noget i tre uger",
    "tak for hjælpen, så ved jeg det",
    "mange tak for hjaelpen",
    "hvad så nu?",
    "jeg har aldrig givet samtykke til at modtage nyhedsbreve, hvordan stopper jeg dem",
]

ENGLISH = [
    "hi, what can you do?",
    "i want to delete my account",
    "how do i get a copy of my data",
    "why do you have my phone number??",
    "pls remove me from your mailing list",
    "who is the data controller here",
    "I never gave consent to this, can you stop sending me emails",
    "what rights do i have under gdpr",
    "can u help me with an access request",
    "my adress is wrong in your system, can you fix it",
    "how long does it take to get an answer?",
    "Hello! I'd like to know whether you share my personal data with other companies and if so which ones.",
    "i dont understand the email you sent me",
    "is my case number somewhere in the email?",
    "thanks for the help, thats all",
    "where can i complain about this",
    "withdraw consent for marketing",
    "what now?",
]


def _cases() -> list[tuple[str, str]]:
    corpus = {"nb": BOKMAL, "nn": NYNORSK, "da": DANISH, "en": ENGLISH}
    return [(language, line) for language, lines in corpus.items() for line in lines]


@pytest.mark.parametrize(("expected", "text"), _cases())
def test_line_is_classified_from_a_fresh_conversation(expected: str, text: str) -> None:
    decision = decide_language(text, None)
    assert decision.language == expected
    assert decision.switched is False
    assert decision.unsupported is None


@pytest.mark.parametrize("lines", [BOKMAL, NYNORSK, DANISH, ENGLISH])
def test_each_language_has_at_least_fifteen_lines(lines: list[str]) -> None:
    assert len(lines) >= 15
