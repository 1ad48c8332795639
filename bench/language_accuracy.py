"""Accuracy of plain langdetect versus bot.language.decide_language, by message length.

    python bench/language_accuracy.py

Plain langdetect uses all 55 of its profiles, as a naive integration would;
its "no" counts as bokmål, so it can never get a nynorsk line right, which is
part of the point.  decide_language is called as for the first message of a
conversation (current=None); a Swedish line counts as right when it is
flagged unsupported="sv".  "detected" scores the `detected` field, where
abstaining (None) counts as wrong; "answer" scores the reply language, where
abstaining falls back to the default (nb) and so flatters bokmål.

The lines were written for this bench and are deliberately not the lines in
tests/language; they are parallel across languages so that the languages are
compared on the same content.  Prints figures, asserts nothing.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.language import LanguageDecision, decide_language  # noqa: E402

LINES: dict[str, list[str]] = {
    "nb": [
        "hjelp",
        "takk",
        "slett kontoen",
        "hva nå?",
        "hvorfor det?",
        "ikke meg",
        "greit",
        "hvem er dere?",
        "jeg vil klage",
        "hvor er dataene mine",
        "kan dere ringe meg",
        "jeg skjonner ikke",
        "hva skjer videre nå",
        "hva slags opplysninger har dere om meg",
        "jeg fikk en sms fra dere i dag",
        "kan du forklare hva gdpr betyr for meg",
        "jeg vil ikke ha mer reklame fra dere",
        "hvordan endrer jeg epostadressen min",
        "er det trygt å gi dere personnummeret mitt?",
        "jeg har flyttet og vil at dere skal oppdatere adressen",
        "hei, jeg sendte et krav om sletting for to uker siden og har ikke fått noe svar ennå",
        "kan dere bekrefte at alle opplysningene om meg er slettet fra systemene deres, også backupene?",
        "jeg forstår ikke hvorfor dere trenger fødselsnummeret mitt for å sende meg et nyhetsbrev",
        "min sønn er 12 år, kan jeg be om innsyn i hva dere har lagret om ham?",
        "ok takk",
    ],
    "nn": [
        "kva no",
        "ikkje meg",
        "kvifor?",
        "takk for hjelpa",
        "eg veit ikkje",
        "korleis da?",
        "kven er de?",
        "eg vil klaga",
        "kvar er dataa mine",
        "kan de ringja meg",
        "eg skjønar ikkje",
        "kva skjer vidare no",
        "kva slags opplysningar har de om meg",
        "eg fekk ein sms frå dykk i dag",
        "kan du forklara kva gdpr tyder for meg",
        "eg vil ikkje ha meir reklame frå dykk",
        "korleis endrar eg epostadressa mi",
        "er det trygt å gje dykk personnummeret mitt?",
        "eg har flytta og vil at de skal oppdatera adressa",
        "hei, eg sende eit krav om sletting for to veker sidan og har ikkje fått noko svar enno",
        "kan de stadfesta at alle opplysningane om meg er sletta frå systema dykkar, òg tryggleikskopiane?",
        "eg forstår ikkje kvifor de treng fødselsnummeret mitt for å senda meg eit nyheitsbrev",
        "sonen min er 12 år, kan eg be om innsyn i kva de har lagra om han?",
        "kva betyr det",
    ],
    "da": [
        "hjælp",
        "tak",
        "slet kontoen",
        "hvad nu?",
        "hvad så",
        "ikke mig",
        "nej tak",
        "hvem er I?",
        "jeg vil gerne klage",
        "hvor er mine data",
        "kan I ringe til mig",
        "det giver ingen mening",
        "hvad sker der nu",
        "hvilke oplysninger har I om mig",
        "jeg fik en sms fra jer i dag",
        "kan du forklare hvad gdpr betyder for mig",
        "jeg vil ikke have mere reklame fra jer",
        "hvordan ændrer jeg min emailadresse",
        "er det sikkert at give jer mit cpr-nummer?",
        "jeg er flyttet og vil gerne have at I opdaterer min adresse",
        "hej, jeg sendte en anmodning om sletning for to uger siden og har ikke fået noget svar endnu",
        "kan I bekræfte at alle oplysninger om mig er slettet fra jeres systemer, også backup?",
        "jeg forstår ikke hvorfor I skal bruge mit cpr-nummer for at sende mig et nyhedsbrev",
        "min søn er 12 år, kan jeg få indsigt i hvad I har gemt om ham?",
        "okay tak",
    ],
    "en": [
        "help",
        "thanks",
        "delete account",
        "what now?",
        "why though",
        "not me",
        "fine",
        "who are you?",
        "i want to complain",
        "where is my data",
        "can you call me",
        "i dont get it",
        "what happens next",
        "what kind of info do you have about me",
        "i got a text from you guys today",
        "can you explain what gdpr means for me",
        "i dont want any more ads from you",
        "how do i change my email adress",
        "is it safe to give you my id number?",
        "i moved and want you to update my address",
        "hi, i sent a deletion request two weeks ago and havent heard anything back yet",
        "can you confirm that everything about me is deleted from your systems, backups included?",
        "i dont understand why you need my national id number to send me a newsletter",
        "my son is 12, can i request access to what you have stored about him?",
        "ok thx",
    ],
    "sv": [
        "hjälp",
        "tack",
        "radera kontot",
        "vad nu?",
        "varför då?",
        "inte jag",
        "hej hej",
        "vilka är ni?",
        "jag vill klaga",
        "var är min data",
        "kan ni ringa mig",
        "jag fattar inte",
        "vad händer nu",
        "vilka uppgifter har ni om mig",
        "jag fick ett sms från er idag",
        "kan du förklara vad gdpr betyder för mig",
        "jag vill inte ha mer reklam från er",
        "hur ändrar jag min mejladress",
        "är det säkert att ge er mitt personnummer?",
        "jag har flyttat och vill att ni uppdaterar min adress",
        "hej, jag skickade en begäran om radering för två veckor sedan och har inte fått något svar än",
        "kan ni bekräfta att alla uppgifter om mig är raderade från era system, även säkerhetskopior?",
        "jag förstår inte varför ni behöver mitt personnummer för att skicka ett nyhetsbrev till mig",
        "min son är 12 år, kan jag begära ut vad ni har sparat om honom?",
        "ok tack",
    ],
}

BUCKETS: tuple[tuple[str, int, int], ...] = (("1-2", 1, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11+", 11, 10**9))
_WORD = re.compile(r"[^\W\d_]+")


def bucket(line: str) -> str:
    count = len(_WORD.findall(line))
    return next(name for name, low, high in BUCKETS if low <= count <= high)


def plain_langdetect(line: str) -> str:
    try:
        code = detect(line)
    except LangDetectException:
        return "unknown"
    return "nb" if code == "no" else code


def answer_is_right(decision: LanguageDecision, label: str) -> bool:
    if label == "sv":
        return decision.unsupported == "sv"
    return decision.language == label


def main() -> None:
    # Seeded so the figures printed are the same on every run.
    DetectorFactory.seed = 0
    methods: dict[str, Callable[[str, str], bool]] = {
        "langdetect": lambda line, label: plain_langdetect(line) == label,
        "decide answer": lambda line, label: answer_is_right(decide_language(line, None), label),
        "decide detected": lambda line, label: decide_language(line, None).detected == label,
    }
    right: dict[tuple[str, str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    for label, lines in LINES.items():
        for line in lines:
            size = bucket(line)
            for key in (size, "all"):
                total[(key, label)] += 1
                for method, is_right in methods.items():
                    right[(method, key, label)] += is_right(line, label)

    languages = list(LINES)
    header = f"{'method':<16} {'words':<6} " + " ".join(f"{lang:>9}" for lang in languages) + f" {'overall':>11}"
    print(header)
    print("-" * len(header))
    for method in methods:
        for size in [name for name, _, _ in BUCKETS] + ["all"]:
            cells = []
            hits = count = 0
            for lang in languages:
                n = total[(size, lang)]
                r = right[(method, size, lang)]
                hits, count = hits + r, count + n
                cells.append(f"{r:>3}/{n:<3}" if n else f"{'-':>7}")
            overall = f"{100 * hits / count:5.1f}% ({count})" if count else "-"
            print(f"{method:<16} {size:<6} " + " ".join(f"{cell:>9}" for cell in cells) + f" {overall:>11}")
        print()


if __name__ == "__main__":
    main()
