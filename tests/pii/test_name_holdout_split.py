"""The held-out names benchmark scores what it claims: whole blocks kept out, every person a labelled span."""

from __future__ import annotations

from bench.names_holdout import BLOCK, as_scored_line, split


def test_a_tagged_sentence_becomes_scorer_spans_covering_each_person() -> None:
    row = {"lang": "nb", "tokens": ["Statsminister", "Kari", "Nordmann", "møtte", "Ola", "."],
           "tags": ["O", "B-PER", "I-PER", "O", "B-PER", "O"]}
    line = as_scored_line(row)
    assert [line["text"][s["start"]:s["end"]] for s in line["spans"]] == ["Kari Nordmann", "Ola"]


def test_the_held_out_part_is_whole_blocks_and_disjoint_from_training() -> None:
    rows = [{"lang": "nb", "tokens": [str(i)], "tags": ["O"]} for i in range(BLOCK * 20)]
    train, test = split(rows)
    held = {int(r["tokens"][0]) for r in test}
    assert len(test) == 2 * BLOCK and len(train) + len(test) == len(rows)
    assert all((i // BLOCK) == (min(held) // BLOCK) or (i // BLOCK) == (max(held) // BLOCK) for i in held)
    assert held.isdisjoint(int(r["tokens"][0]) for r in train)


def test_a_sentence_is_scored_as_written_where_the_row_says_which_words_a_space_follows() -> None:
    # The web treebank splits "Ben's" and "al-Sadr" into words; the scorer reads the sentence as it was typed.
    row = {"lang": "en", "tokens": ["Ask", "Ben", "'s", "sister", ",", "Muqtada", "al", "-", "Sadr", "."],
           "tags": ["O", "B-PER", "O", "O", "O", "B-PER", "I-PER", "I-PER", "I-PER", "O"],
           "space_after": [True, False, True, False, True, True, False, False, False, False]}
    line = as_scored_line(row)
    assert line["text"] == "Ask Ben's sister, Muqtada al-Sadr."
    assert [line["text"][s["start"]:s["end"]] for s in line["spans"]] == ["Ben", "Muqtada al-Sadr"]


def test_the_web_treebank_import_finds_the_spaces_of_the_original_text() -> None:
    import importlib.util

    from bench import ROOT

    spec = importlib.util.spec_from_file_location("import_ewt", ROOT / "scripts" / "import_ewt.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.spaces_after("I don't know Ben's sister.", ["I", "do", "n't", "know", "Ben", "'s", "sister", "."]) \
        == [True, False, True, True, False, True, False, True]
    # A word the text does not hold as written (a treebank correction): the words stay apart, nothing is lost.
    assert module.spaces_after("teh cat", ["the", "cat"]) == [True, True]
