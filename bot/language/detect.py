"""A deterministic langdetect restricted to the languages Vern can meet.

langdetect's module-level API loads all 55 bundled profiles and draws from an
unseeded random generator, so the same message can come out differently from
one run to the next, and Norwegian text is regularly "detected" as Slovak or
Catalan when it is short.  A private factory limited to the four Scandinavian
and English profiles, with a fixed seed, answers the only question the bot
asks (which of these four?) and answers it the same way every time.
"""

from __future__ import annotations

from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from bot.language.once import LoadOnce

# langdetect has one "no" profile for both written standards of Norwegian;
# telling bokmål from nynorsk is left to bot.language.nynorsk.
PROFILE_LANGUAGES: tuple[str, ...] = ("da", "en", "no", "sv")

_SEED = 0
# Messages longer than this tell langdetect nothing new and only cost time.
MAX_DETECT_CHARS = 2000


def _build_factory() -> DetectorFactory:
    profiles_dir = Path(PROFILES_DIRECTORY)
    # Sorted so the profile index (and with it the floating-point summation
    # order) is the same on every machine.
    profiles = [(profiles_dir / code).read_text(encoding="utf-8") for code in sorted(PROFILE_LANGUAGES)]
    factory = DetectorFactory()
    factory.load_json_profile(profiles)
    factory.set_seed(_SEED)
    return factory


# Loaded on the first message; a test replaces it to count builds.
_factory: LoadOnce[DetectorFactory] = LoadOnce(_build_factory)


def _get_factory() -> DetectorFactory:
    return _factory.get()


def language_probabilities(text: str) -> dict[str, float]:
    """Probability per language code in PROFILE_LANGUAGES; absent codes are ~0.

    Returns an empty dict when langdetect finds nothing to go on (digits,
    emoji, punctuation) or fails in any other way.
    """
    factory = _get_factory()
    try:
        detector = factory.create()
        detector.set_max_text_length(MAX_DETECT_CHARS)
        detector.append(text[:MAX_DETECT_CHARS])
        ranked = detector.get_probabilities()
    # langdetect raises LangDetectException for featureless text and has been
    # seen to fail on odd Unicode; a failed guess must never fail a chat turn.
    except Exception:
        return {}
    return {item.lang: float(item.prob) for item in ranked}
