"""Cross-validation folds that keep an example and its translations in the same fold.

`data/nlu` is largely parallel: most bokmål examples have a nynorsk and a Danish sibling of the same intent that
differ by a few letters ("bare kontaktopplysningene" / "berre kontaktopplysningane" / "kun kontaktoplysningerne").
Rasa's folds are stratified by intent only, so a held-out bokmål line is usually predicted by a model that trained
on its nynorsk twin, and the Scandinavian scores measure recall of a translation as much as understanding. English
has almost no such siblings, which is much of why it looked weakest. Grouped folds put every translation family in
one fold, so each language is scored on lines whose siblings the model has not seen either.

A family is linked by character n-grams (the same 2-4 `char_wb` grams the pipeline uses): an example joins, for
each other language, its most similar example of the same intent in that language when their cosine similarity is
at least `LINK_SIMILARITY`. Families are the connected components of those links.

    python -m bench.nlu_folds SEED rasa-arguments…   # what `bench.nlu_crossval --grouped` runs
    python -m bench.nlu_folds --describe               # how many examples have a translation, per language
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

# Chosen by reading pairs at the border: at 0.5, nb/nn/da renderings of one sentence link and two different
# sentences that share a phrase ("can I see my data" / "kan jeg slette dataene mine") do not.
LINK_SIMILARITY = 0.5


def translation_families(
    examples: Sequence[tuple[str, str, frozenset[str]]], threshold: float = LINK_SIMILARITY
) -> list[int]:
    """A family number for each (text, full intent, languages) example; translations share one."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    parent = list(range(len(examples)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    by_intent: dict[str, list[int]] = defaultdict(list)
    for index, (_, intent, _) in enumerate(examples):
        by_intent[intent].append(index)
    texts = [text.casefold() for text, _, _ in examples]
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit_transform(texts)
    for members in by_intent.values():
        similarity = (vectors[members] @ vectors[members].T).toarray()
        languages = sorted({language for index in members for language in examples[index][2]})
        for row, index in enumerate(members):
            for language in languages:
                if language in examples[index][2]:
                    continue
                candidates = [col for col, other in enumerate(members) if language in examples[other][2]]
                if not candidates:
                    continue
                best = max(candidates, key=lambda col: similarity[row, col])
                if similarity[row, best] >= threshold:
                    parent[root(index)] = root(members[best])
    return [root(index) for index in range(len(examples))]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def repository_languages() -> dict[str, frozenset[str]]:
    """The languages each text of data/nlu is written in (its blocks' `metadata: language`)."""
    from bot.training.nlu_data import training_examples

    found: dict[str, set[str]] = defaultdict(set)
    for example in training_examples(Path(__file__).resolve().parents[1] / "data"):
        found[_key(example.text)].add(example.language)
    return {text: frozenset(languages) for text, languages in found.items()}


def grouped_folds(n, training_data, languages=None):  # type: ignore[no-untyped-def]  # Rasa's types, untyped here
    """Rasa's `generate_folds` with StratifiedGroupKFold: the same stratification by intent, families kept whole.
    `languages` maps a text to the languages it is written in (default: data/nlu's tags)."""
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.model_selection import StratifiedGroupKFold

    languages = repository_languages() if languages is None else languages
    messages = training_data.intent_examples
    labelled = [
        (
            str(message.get("text")),
            str(message.get_full_intent()),
            languages.get(_key(str(message.get("text"))), frozenset()),
        )
        for message in messages
    ]
    families = translation_families(labelled)
    splitter = StratifiedGroupKFold(n_splits=n, shuffle=True)
    for train_index, test_index in splitter.split(messages, [intent for _, intent, _ in labelled], families):
        yield tuple(
            TrainingData(
                training_examples=[messages[i] for i in indices],
                entity_synonyms=training_data.entity_synonyms,
                regex_features=training_data.regex_features,
                lookup_tables=training_data.lookup_tables,
                responses=training_data.responses,
            )
            for indices in (train_index, test_index)
        )


def describe() -> None:
    """Per language: how many examples belong to a family with another language in it (so that Rasa's folds
    usually train on a twin of the line they test), and the sizes of the families."""
    from bot.training.nlu_data import training_examples

    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for example in training_examples(Path(__file__).resolve().parents[1] / "data"):
        seen[(_key(example.text), example.intent)].add(example.language)
    labelled = [(text, intent, frozenset(tongues)) for (text, intent), tongues in seen.items()]
    families = translation_families(labelled)
    tongues_of: dict[int, set[str]] = defaultdict(set)
    for (_, _, tongues), family in zip(labelled, families, strict=True):
        tongues_of[family] |= tongues
    print(f"{len(labelled)} examples in {len(set(families))} families (link at cosine {LINK_SIMILARITY})")
    print(f"{'language':<9} {'examples':>9} {'with a translation':>19}")
    for language in ("nb", "nn", "da", "en"):
        mine = [family for (_, _, tongues), family in zip(labelled, families, strict=True) if language in tongues]
        twinned = sum(len(tongues_of[family]) > 1 for family in mine)
        print(f"{language:<9} {len(mine):>9} {twinned / len(mine):>19.3f}")
    sizes = Counter(Counter(families).values())
    print("family sizes (size: families):", dict(sorted(sizes.items())))


def main() -> None:
    if sys.argv[1:] == ["--describe"]:
        describe()
        return
    import numpy
    import rasa.nlu.test
    from rasa.__main__ import main as rasa_main

    # StratifiedGroupKFold(shuffle=True) draws from NumPy's global generator, as Rasa's own folds do.
    numpy.random.seed(int(sys.argv.pop(1)))
    rasa.nlu.test.generate_folds = grouped_folds
    rasa_main()


if __name__ == "__main__":
    main()
