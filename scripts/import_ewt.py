"""Convert Universal NER's English Web Treebank split into the name scorer's held-out format.

    .venv/bin/python scripts/import_ewt.py en_ewt-ud-test.iob2 bench/data/ewt_test_en.jsonl

The English held-out text was tweets only, the hardest English there is and
not what the issue's "news and web text" means. Universal NER's annotation of
the English Web Treebank (Mayhew et al., NAACL 2024; CC BY-SA 4.0, on top of
UD English-EWT, CC BY-SA 4.0) is web text of five kinds: weblogs, newsgroups,
e-mails, product reviews and questions and answers, written by people, with
persons, organisations and places marked. Only its test split is used, and
only for measuring: the name tagger never trains on it (the issue allows
Universal NER's train split for training, and that file is not in the store
this project can read).

Changed from the original, as the licence asks us to say: one JSON object per
sentence; only persons are kept as labels (organisations and places become
plain words, which the masker must leave readable); whether a word is followed
by a space is taken from the sentence's original text (the treebank splits
"Ben's" into two words), and the UD token ids and annotator columns are left
out. Sentences are kept in the file's order, with or without a person.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path


def sentences(path: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Each sentence's original text (its `# text =` line) and its words with their tags."""
    text, current = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                yield text, current
            text, current = "", []
            continue
        columns = line.split("\t")
        current.append((columns[1], columns[2].strip() or "O"))
    if current:
        yield text, current


def spaces_after(text: str, words: list[str]) -> list[bool]:
    """Whether each word is followed by a space in the original text: the treebank splits "Ben's" and
    "al-Sadr" into words, and the scorer should read the sentence as it was written, not as tokens."""
    spaces, position = [], 0
    for word in words:
        found = text.find(word, position)
        if found < 0 or text[position:found].strip():
            return [True] * len(words)  # a word the text does not hold as written: keep the tokens apart
        position = found + len(word)
        spaces.append(position >= len(text) or text[position].isspace())
    return spaces


def person_tags(sentence: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    tokens = [word for word, _ in sentence]
    tags = [tag if tag.endswith("-PER") else "O" for _, tag in sentence]
    return tokens, tags


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    kept = persons = 0
    with target.open("w", encoding="utf-8") as out:
        for text, sentence in sentences(source):
            tokens, tags = person_tags(sentence)
            persons += tags.count("B-PER")
            row = {"lang": "en", "tokens": tokens, "tags": tags, "space_after": spaces_after(text, tokens),
                   "source": "uner-ewt"}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            kept += 1
    print(f"{kept} sentences ({persons} persons)")


if __name__ == "__main__":
    main()
