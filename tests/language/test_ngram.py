"""The n-gram model: the shipped file, and what training makes of a corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.language import ngram, train_ngram
from bot.language.ngram import MODEL_PATH, NgramModel, features, get_model, load_model
from bot.language.nynorsk import words
from bot.language.once import LoadOnce

MAX_MODEL_BYTES = 4_000_000


def test_the_shipped_model_is_small_and_knows_the_four_languages() -> None:
    assert MODEL_PATH.stat().st_size < MAX_MODEL_BYTES
    assert get_model().languages == ("nb", "nn", "da", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("kan de sletta opptaka av meg", "nn"),
        ("hvorfor har dere lagret adressen min", "nb"),
        ("jeg vil gerne have slettet mine oplysninger", "da"),
        ("why do you still have my email address", "en"),
        # Without æ/ø/å, as typed on a foreign keyboard.
        ("jeg vil have indsigt i hvad i har gemt om mig paa jeres hjemmeside", "da"),
    ],
)
def test_the_model_alone_names_the_language(text: str, language: str) -> None:
    probabilities = get_model().probabilities(words(text))
    assert max(probabilities, key=probabilities.__getitem__) == language
    assert sum(probabilities.values()) == pytest.approx(1.0)


def test_text_without_words_gives_no_probabilities() -> None:
    assert get_model().probabilities([]) == {}


def test_features_are_padded_ngrams_and_the_word() -> None:
    assert set(features(["eg"])) == {" ", "e", "g", " e", "eg", "g ", " eg", "eg ", " eg ", "w:eg"}


def test_training_counts_each_language_and_spellings_without_nordic_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(train_ngram, "MIN_COUNT", 1)
    names = tmp_path / "names.jsonl"
    rows = [{"lang": "nn", "tokens": ["eg", "får", "ikkje", "svar"], "tags": ["O"] * 4},
            {"lang": "da", "tokens": ["jeg", "får", "ikke", "svar"], "tags": ["O"] * 4}]
    names.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    (nlu / "basics.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  metadata:\n    language: en\n  examples: |\n'
        "    - hello [there](place)\n",
        encoding="utf-8",
    )
    out = tmp_path / "model.json"
    assert train_ngram.main(["--names", str(names), "--nlu", str(nlu), "--out", str(out)]) == 0
    model = load_model(out)
    counts = json.loads(out.read_text(encoding="utf-8"))["counts"]
    assert counts["w:får"][:3] == [0, 1, 1] and counts["w:far"][:3] == [0, 1, 1]
    # The entity annotation is stripped: the example is "hello there".
    assert "w:there" in counts and "w:place" not in counts
    assert isinstance(model, NgramModel)


def test_the_model_is_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[Path] = []

    def counting_load(path: Path = MODEL_PATH) -> NgramModel:
        loads.append(path)
        return NgramModel(("nb",), {}, {})

    monkeypatch.setattr(ngram, "_model", LoadOnce(counting_load))
    get_model()
    get_model()
    assert len(loads) == 1
