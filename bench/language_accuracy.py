"""Language identification on short chat lines: plain langdetect against Vern's strategy, by message length.

    .venv/bin/python -m bench.language_accuracy

Then, in the same run, first messages per language and the time per message
for each part of the decision (bench/language_first_messages.py).

Methods, each scored per language (nb, nn, da, en, sv) and per length bucket
(words):
- "langdetect": plain langdetect with all 55 of its profiles, as a naive
  integration would; its "no" counts as bokmål, so it can never get a
  nynorsk line right, which is part of the point.
- "Vern, new chat": bot.language.decide_language(line, current=None), the
  first message of a conversation. Right when the reply language is the
  line's language; a Swedish line is right when it is flagged
  unsupported="sv" (Vern does not speak Swedish: it answers in the default
  language, nb, with a short note). Abstaining falls back to nb, which
  flatters bokmål.
- "Vern, detected": the decision's `detected` field alone; abstaining (None,
  by design on short or ambiguous lines) counts as wrong.
- "Vern, same lang": the chat is already in the line's language (for
  Swedish: in nb, where a Swedish chat is answered); right when the line
  keeps it there (and flags Swedish). This is what stickiness buys.
- "Vern before, …": the same with the parts added with the n-gram model
  switched off (bot.language.DecisionParts), i.e. the decision as it was.
- "Vern, other lang": the chat is in another language (English for a Nordic
  line, bokmål for an English one); right when this one line moves it to
  the line's language. Vern deliberately does not switch on one- and
  two-word lines, so its low figures there are the price of stickiness.

The lines were written for this bench, are not the lines in tests/language
nor in any shared dev set, and are parallel across languages so that the
languages are compared on the same content. Prints figures, asserts nothing;
writes var/bench/language_accuracy.json.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable

from langdetect import DetectorFactory

from bench import language_first_messages
from bench.language_first_messages import plain_langdetect
from bench.results import machine, now, write_result
from bot.language import DecisionParts, LanguageDecision, decide_language

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
        "ja takk",
        "nei",
        "kan du hjelpe meg?",
        "jeg vil slette meg",
        "hva betyr samtykke",
        "hvordan trekker jeg samtykket",
        "ring meg heller",
        "jeg er ikke fornøyd med svaret",
        "når får jeg svar?",
        "jeg vet ikke hva jeg skal skrive her",
        "skal jeg legge ved legitimasjon?",
        "har dere delt dataene mine med noen andre?",
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
        "ja takk",
        "nei",
        "kan du hjelpa meg?",
        "eg vil sletta meg",
        "kva tyder samtykke",
        "korleis trekkjer eg samtykket",
        "ring meg heller",
        "eg er ikkje nøgd med svaret",
        "når får eg svar?",
        "eg veit ikkje kva eg skal skriva her",
        "skal eg leggja ved legitimasjon?",
        "har de delt dataa mine med nokon andre?",
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
        "ja tak",
        "nej",
        "kan du hjælpe mig?",
        "jeg vil slettes",
        "hvad betyder samtykke",
        "hvordan trækker jeg mit samtykke tilbage",
        "ring hellere til mig",
        "jeg er ikke tilfreds med svaret",
        "hvornår får jeg svar?",
        "jeg ved ikke hvad jeg skal skrive her",
        "skal jeg vedlægge legitimation?",
        "har I delt mine data med andre?",
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
        "yes please",
        "no",
        "can you help me?",
        "i want to be deleted",
        "what does consent mean",
        "how do i withdraw my consent",
        "call me instead",
        "im not happy with the answer",
        "when will i get a reply?",
        "i dont know what to write here",
        "do i need to attach id?",
        "have you shared my data with anyone else?",
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
        "ja tack",
        "nej",
        "kan du hjälpa mig?",
        "jag vill bli raderad",
        "vad betyder samtycke",
        "hur drar jag tillbaka mitt samtycke",
        "ring mig hellre",
        "jag är inte nöjd med svaret",
        "när får jag svar?",
        "jag vet inte vad jag ska skriva här",
        "måste jag bifoga legitimation?",
        "har ni delat mina uppgifter med någon annan?",
    ],
}

BUCKETS: tuple[tuple[str, int, int], ...] = (("1-2", 1, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11+", 11, 10**9))
_WORD = re.compile(r"[^\W\d_]+")
# The conversation a line arrives in for "Vern, other lang".
OTHER = {"nb": "en", "nn": "en", "da": "en", "sv": "en", "en": "nb"}


def bucket(line: str) -> str:
    count = len(_WORD.findall(line))
    return next(name for name, low, high in BUCKETS if low <= count <= high)


def answered(decision: LanguageDecision) -> str:
    """What the person gets: the reply language, or "sv" when Vern flagged Swedish."""
    return "sv" if decision.unsupported == "sv" else decision.language


# The decision as it was before the n-gram model (bot.language.DecisionParts).
BEFORE = DecisionParts(ngram_model=False, sentence_cues=False, default_is_unchosen=False)

METHODS: dict[str, Callable[[str, str], str]] = {
    "langdetect": lambda line, label: plain_langdetect(line),
    "Vern before, new chat": lambda line, label: answered(decide_language(line, None, parts=BEFORE)),
    "Vern, new chat": lambda line, label: answered(decide_language(line, None)),
    "Vern, detected": lambda line, label: decide_language(line, None).detected or "none",
    "Vern before, same lang": lambda line, label: answered(
        decide_language(line, "nb" if label == "sv" else label, parts=BEFORE)
    ),
    "Vern, same lang": lambda line, label: answered(decide_language(line, "nb" if label == "sv" else label)),
    "Vern before, other lang": lambda line, label: answered(decide_language(line, OTHER[label], parts=BEFORE)),
    "Vern, other lang": lambda line, label: answered(decide_language(line, OTHER[label])),
}


def evaluate() -> dict[str, object]:
    # Seeded so the figures printed are the same on every run.
    DetectorFactory.seed = 0
    right: dict[tuple[str, str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    confusion: dict[str, dict[str, Counter[str]]] = {method: defaultdict(Counter) for method in METHODS}
    for label, lines in LINES.items():
        for line in lines:
            size = bucket(line)
            for key in (size, "all"):
                total[(key, label)] += 1
            for method, predict in METHODS.items():
                predicted = predict(line, label)
                confusion[method][label][predicted] += 1
                for key in (size, "all"):
                    right[(method, key, label)] += predicted == label
    sizes = [name for name, _, _ in BUCKETS] + ["all"]
    table = {
        method: {
            size: {lang: [right[(method, size, lang)], total[(size, lang)]] for lang in LINES}
            for size in sizes
        }
        for method in METHODS
    }
    return {
        "lines": {lang: len(lines) for lang, lines in LINES.items()},
        "buckets": sizes,
        "accuracy": table,
        "confusion": {method: {lang: dict(c) for lang, c in rows.items()} for method, rows in confusion.items()},
    }


def print_figures(figures: dict[str, object]) -> None:
    table: dict[str, dict[str, dict[str, list[int]]]] = figures["accuracy"]  # type: ignore[assignment]
    languages = list(LINES)
    header = f"{'method':<17} {'words':<6} " + " ".join(f"{lang:>7}" for lang in languages) + f" {'overall':>13}"
    print(header)
    print("-" * len(header))
    for method, rows in table.items():
        for size, cells in rows.items():
            hits = sum(r for r, _ in cells.values())
            count = sum(n for _, n in cells.values())
            shown = " ".join(f"{f'{r}/{n}':>7}" if n else f"{'-':>7}" for r, n in cells.values())
            overall = f"{100 * hits / count:5.1f}% ({count})" if count else "-"
            print(f"{method:<17} {size:<6} {shown} {overall:>13}")
        print()
    confusion: dict[str, dict[str, dict[str, int]]] = figures["confusion"]  # type: ignore[assignment]
    print("what each method said, per language written (all lengths):")
    for method, said_by_lang in confusion.items():
        print(f"  {method}")
        for lang in languages:
            said = ", ".join(f"{k} {v}" for k, v in sorted(said_by_lang[lang].items(), key=lambda kv: -kv[1]))
            print(f"    {lang}: {said}")


def main() -> int:
    started, machine_info = now(), machine()
    figures = evaluate()
    print_figures(figures)
    print()
    figures["first_messages"] = language_first_messages.accuracy()
    figures["speed_ms"] = language_first_messages.speed()
    language_first_messages.print_figures(figures["first_messages"], figures["speed_ms"])  # type: ignore[arg-type]
    write_result("language_accuracy", figures, started, machine_info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
