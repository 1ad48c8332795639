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
