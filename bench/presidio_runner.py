"""Presidio's analyzer with pattern recognizers only, on a JSONL corpus; prints JSON. Runs in its own venv.

    var/bench-presidio-venv/bin/python bench/presidio_runner.py CORPUS.jsonl [--repeat 5]

Started by bench/pii_compare.py (which creates that venv); it imports nothing
from Vern, because Presidio's pins clash with Rasa 3.6 and must stay out of
.venv. No spaCy model can be downloaded here, so the NLP engine is a stub:
spaCy's blank tokenizer for the line's language with the lower-cased token
as its lemma. That gives Presidio's context enhancer the words it compares
against ("phone", "email", ...) but no named entities, so SpacyRecognizer
(PERSON, LOCATION, ...) is removed: names cannot be found, and that is what
"pattern recognizers only" means.

Configured as a Nordic deployment would configure it, and no further: the
default English registry (the recognizers enabled in Presidio's
default_recognizers.yaml), the phone recognizer with NO, DK, SE and FI added
to its regions, and the Swedish personnummer recognizer that Presidio ships
disabled. Presidio ships no Norwegian or Danish recognizer. Every line is
analysed as "en", the only language those recognizers are registered for;
score threshold 0 (Presidio's default). Output: one list of spans per line
and the time analysis plus replacement took over `repeat` passes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from typing import Any

import spacy
import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from presidio_analyzer.predefined_recognizers import PhoneRecognizer, SePersonnummerRecognizer

# The e-mail recognizer's TLD check would download the public suffix list on
# first use; there is no network here, so it uses the snapshot tldextract ships.
tldextract.tldextract.TLD_EXTRACTOR = tldextract.tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

LANGUAGE = "en"
NORDIC_PHONE_REGIONS = (*PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS, "NO", "DK", "SE", "FI")
# Presidio entities and the annex token each becomes; anything else Presidio reports is not asked for.
ANNEX_TYPE = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "number",
    "CREDIT_CARD": "number",
    "IBAN_CODE": "number",
    "US_SSN": "number",
    "US_ITIN": "number",
    "US_BANK_NUMBER": "number",
    "US_PASSPORT": "number",
    "US_DRIVER_LICENSE": "number",
    "UK_NHS": "number",
    "SE_PERSONNUMMER": "number",
}


class BlankSpacyNlpEngine(NlpEngine):
    """Tokens from spaCy's rule-based tokenizer, lower-cased text as lemmas, no entities."""

    def __init__(self, languages: Iterable[str]) -> None:
        self._languages = list(languages)
        self.nlp: dict[str, Any] = {}

    def load(self) -> None:
        self.nlp = {lang: spacy.blank(lang) for lang in self._languages}

    def is_loaded(self) -> bool:
        return bool(self.nlp)

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        doc = self.nlp[language](text)
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=[],
        )

    def process_batch(  # type: ignore[override]
        self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1, **kwargs: Any
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.nlp[language].vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.nlp[language].vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return list(self._languages)


def build_analyzer() -> AnalyzerEngine:
    nlp_engine = BlankSpacyNlpEngine([LANGUAGE])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.load_predefined_recognizers(languages=[LANGUAGE], nlp_engine=nlp_engine)
    registry.remove_recognizer("PhoneRecognizer")
    registry.add_recognizer(PhoneRecognizer(supported_language=LANGUAGE, supported_regions=NORDIC_PHONE_REGIONS))
    registry.add_recognizer(SePersonnummerRecognizer(supported_language=LANGUAGE))
    # Its only source is the NLP engine's entities, and the stub has none.
    registry.remove_recognizer("SpacyRecognizer")
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])


def resolve_overlaps(results: list[Any]) -> list[Any]:
    """Widest first, then score, as Vern does: a partial mask leaks the rest of a number."""
    kept: list[Any] = []
    for result in sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start)):
        if all(result.end <= other.start or result.start >= other.end for other in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r.start)


def mask(text: str, results: list[Any]) -> str:
    pieces: list[str] = []
    cursor = 0
    for result in results:
        pieces += [text[cursor : result.start], f"<{ANNEX_TYPE[result.entity_type]}>"]
        cursor = result.end
    return "".join(pieces) + text[cursor:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus")
    args = parser.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    with open(args.corpus, encoding="utf-8") as corpus:
        texts = [json.loads(line)["text"] for line in corpus if line.strip()]

    started = time.perf_counter()
    analyzer = build_analyzer()
    tldextract.tldextract.extract("warm-up@example.org")
    entities = sorted(set(ANNEX_TYPE) & set(analyzer.get_supported_entities(LANGUAGE)))
    analyzer.analyze("warm-up: call 22 33 44 55", language=LANGUAGE, entities=entities)
    load_seconds = time.perf_counter() - started

    spans: list[list[dict[str, Any]]] = []
    timed = time.perf_counter()
    for _ in range(args.repeat):
        spans = []
        for text in texts:
            results = resolve_overlaps(analyzer.analyze(text, language=LANGUAGE, entities=entities))
            mask(text, results)
            spans.append([
                {"start": r.start, "end": r.end, "entity": r.entity_type, "type": ANNEX_TYPE[r.entity_type],
                 "score": round(r.score, 3)}
                for r in results
            ])  # fmt: skip
    seconds = time.perf_counter() - timed

    loaded = sorted({r.name for r in analyzer.registry.get_recognizers(LANGUAGE, all_fields=True)})
    # The analyzer skips a recognizer none of whose entities was asked for.
    ran = sorted({r.name for r in analyzer.registry.get_recognizers(LANGUAGE, entities=entities)})
    json.dump(
        {
            "presidio_analyzer": version("presidio-analyzer"),
            "spacy": version("spacy"),
            "python": sys.version.split()[0],
            "language": LANGUAGE,
            "phone_regions": list(NORDIC_PHONE_REGIONS),
            "recognizers_loaded": loaded,
            "recognizers_run": ran,
            "entities_asked": entities,
            "load_seconds": load_seconds,
            "repeat": args.repeat,
            "seconds": seconds,
            "spans": spans,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
