"""Words that take a consent back, in nb, nn, da and en.

Withdrawal has to work at once (GDPR Art. 7(3)), and the classifier learns giving and withdrawing from
sentences that share nearly every word: the purpose ("nyhetsbrevet", "the filming"), "samtykke", "consent".
Cross-validated with translations held out together (docs/benchmarks.md), a withdrawal it had not seen was read
as giving consent more often than as anything else: "meld meg av nyhetsbrevet", "I don't want to be in the video
after all". The words that turn a sentence into a withdrawal are few and plain, so they are read here and the
intent guard (bot/nlu/intent_guards.py) makes such a message a withdrawal whatever the classifier thought.

Two kinds of words. Those that only ever take back ("trekke", "withdraw", "meld meg av", "ikke lenger",
"unsubscribe", "take back", "stop") count alone. Those that turn either way ("likevel", "after all", "changed my
mind", "regret": "I'd like to join after all", "I regret saying no") count only with a negation, and regret only
when no "no" is what is regretted."""

from __future__ import annotations

import re

_TAKES_BACK = re.compile(
    r"""(?ix)
    \b(?:trekk(?:e|er|je|jer)?|træk|trække|trækker|withdraw\w*|revok\w*|tilbakekall\w*|tilbagekald\w*
      |unsubscribe\w*|afmeld\w*|framelde?\w*|avmeld\w*|opt(?:\s|-)?out|stands|hold\s+op
      |(?:stop|stopp|stoppe|slutt)(?!\s+(?:asking|spør\w*|spørg\w*)))\b
    |\b(?:ta|tar|tek|tage|tager|take|taking)\s+(?:\S+\s+){0,5}(?:tilbake|attende|tilbage|back)\b
    |\bmeld\w*\s+(?:meg|mig|deg|dig)\s+(?:av|ut|af|ud)\b
    |\bsecond\s+thoughts\b
    |\bikk(?:e|je)\s+(?:\S+\s+){0,6}(?:lenger|længere|meir|mer|mere)\b|\bno\s+longer\b|\bany\s?more\b
    |\b(?:vil|ønsker|ønskjer)\s+ikk(?:e|je)\s+(?:at|have\s+at)\b|\b(?:don'?t|do\s+not)\s+want\s+(?:you|to\s+be)\b
    |^\s*(?:nei|nej|no)\s+(?:til|to)\b
    |\b(?:fjern|remove|cancel|slett|slet)\w*\s+(?:\S+\s+){0,2}(?:samtykke\w*|samtykka|consent\w*)
    |\b(?:stryk|strike|take|fjern|remove)\s+(?:meg|mig|me)\s+(?:fra|frå|off|from)\b
    |\blad\s+være\s+med\b|\b(?:ikke|ikkje|don'?t|do\s+not)\s+(?:film|filme|filmes|filma|fotografer)\w*
    |\bmen\s+(?:nå|no|nu)\b.*\bikk(?:e|je)\b|\bbut\s+now\b
    |\b(?:nei|nej)\s+til\s+det\b|\bno\s+to\s+what\b
    """
)
_TURNS_EITHER_WAY = re.compile(
    r"(?i)\b(?:likevel|alligevel|after\s+all|ombestemt|changed\s+my\s+mind|skift\w*\s+mein\w*|skiftet\s+mening)\b")
_REGRET = re.compile(r"(?i)\b(?:angre\w*|angra\w*|fortryd\w*|fortrudt|regret\w*)\b")
_NEGATION = re.compile(r"(?i)\b(?:ikke|ikkje|not|never|aldri|aldrig|dont|doesnt|didnt|wont|cant)\b|n['’]t\b")
_SAID_NO = re.compile(r"(?i)\b(?:nei|nej|no)\b")


def withdraws_consent(text: str) -> bool:
    """Does the message take a consent back ("jeg trekker samtykket", "take me off the newsletter")?"""
    if _TAKES_BACK.search(text):
        return True
    if _TURNS_EITHER_WAY.search(text) and _NEGATION.search(text):
        return True
    return bool(_REGRET.search(text)) and not _SAID_NO.search(text)
