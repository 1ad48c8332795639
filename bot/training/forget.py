"""Training that forgets: the forget list, and what it takes out of the training data.

AISVS C11.2: an erasure, a withdrawal of the training consent, a restriction
(Art. 18) or an objection (Art. 21) must reach the datasets and every model
trained on them. The forget list holds the pseudonymous source ids (never chat
ids) of such chats with the day each was added; `vern training forget` removes
their lines from `data/nlu/reviewed.yml`, and every model whose card names one
of them is flagged until a model trained without them replaces it
(`TRAINING_FORGET_DAYS`, 30 days by default).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.models.conversation import Conversation, utc_naive
from bot.training.lineage import line_key, lineage_file, read_lineage, source_id, write_lineage
from bot.training.models import ForgottenSource
from bot.training.nlu_data import REVIEWED_HEADER, read_examples, write_examples

REVIEWED = Path("nlu") / "reviewed.yml"
REASONS = ("erasure", "consent-withdrawn", "restriction", "objection")


TABLE = ForgottenSource.__table__


class ForgetList:
    def __init__(self, engine: Engine, secret_key: bytes, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._secret = secret_key
        self._clock = clock

    def add_chats(self, conversation_ids: Iterable[str], reason: str) -> int:
        """Put chats on the list (kept once, with the first day and reason); returns how many are new."""
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        wanted = {source_id(self._secret, chat) for chat in conversation_ids if chat}
        if not wanted:
            return 0
        now = utc_naive(self._clock())
        with self._engine.begin() as connection:
            known = set(connection.execute(select(TABLE.c.source_id).where(TABLE.c.source_id.in_(wanted))).scalars())
            new = sorted(wanted - known)
            if new:
                connection.execute(TABLE.insert(), [{"source_id": s, "reason": reason, "added_at": now} for s in new])
        return len(new)

    def forget_erased_chat(self, conversation_id: str) -> None:
        self.add_chats([conversation_id], "erasure")

    def entries(self) -> dict[str, datetime]:
        with self._engine.connect() as connection:
            return {row.source_id: row.added_at for row in connection.execute(select(TABLE.c.source_id,
                                                                                     TABLE.c.added_at))}

    def source_of(self, conversation_id: str) -> str:
        return source_id(self._secret, conversation_id)


def objected_chats(engine: Engine) -> set[str]:
    """Every chat of a verified person who objected (Art. 21) or asked for restriction (Art. 18), unless rejected."""
    from bot.cases.models import Case

    cases = Case.__table__
    objecting = select(cases.c.subject_key).where(cases.c.request_type.in_(("objection", "restriction")),
                                                  cases.c.status.in_(("verified", "in_progress", "completed")))
    with engine.connect() as connection:
        return {chat for chat in connection.execute(select(cases.c.conversation_id).where(
            cases.c.subject_key.in_(objecting))).scalars() if chat}


def chats_to_forget(engine: Engine, restricted: set[str], objected: set[str],
                    refused_training: Callable[[str], bool] | None) -> dict[str, set[str]]:
    """Chats the forget list must hold now, by reason, from the registers as they stand.

    `refused_training` is None when nobody withdrew or refused training consent: then no chat id is read."""
    withdrawn: set[str] = set()
    if refused_training is not None:
        # Consent records name their chat by a keyed hash only, so each live chat id is hashed to match.
        with engine.connect() as connection:
            chats = connection.execute(select(Conversation.__table__.c.conversation_id).where(
                Conversation.__table__.c.deleted_at.is_(None))).scalars()
            withdrawn = {chat for chat in chats if refused_training(chat)}
    return {"restriction": restricted, "objection": objected, "consent-withdrawn": withdrawn}


@dataclass(frozen=True)
class ForgetResult:
    lines_removed: int
    lines_kept: int


def forget_lines(data_dir: Path, forgotten: set[str]) -> ForgetResult:
    """Remove every reviewed line any forgotten chat contributed to, and its lineage entry.

    A line several chats wrote goes as soon as one of them is forgotten: the
    line was derived from that person's chat, whoever else wrote it too."""
    target = data_dir / REVIEWED
    if not target.exists():
        return ForgetResult(0, 0)
    lineage = read_lineage(lineage_file(target))
    doomed = {key for key, entry in lineage.items() if entry.sources & forgotten}
    examples = read_examples(target)
    kept = [e for e in examples if line_key(e.language, e.text) not in doomed]
    if len(kept) != len(examples):
        write_examples(target, kept, REVIEWED_HEADER)
    write_lineage(lineage_file(target), {key: entry for key, entry in lineage.items() if key not in doomed})
    return ForgetResult(len(examples) - len(kept), len(kept))


@dataclass(frozen=True)
class ModelStatus:
    model: Path
    flagged: bool
    forgotten_sources: int
    replace_by: datetime | None

    def days_left(self, now: datetime) -> int | None:
        if self.replace_by is None:
            return None
        # Whole days, rounded up: "29 days and 23 hours" is read as 30 days left.
        return math.ceil((self.replace_by - utc_naive(now)).total_seconds() / 86400)


def model_statuses(models_dir: Path, forgotten: dict[str, datetime], days: int) -> list[ModelStatus]:
    from bot.training.model_card import read_card, trained_sources

    statuses = []
    for model in sorted(models_dir.glob("*.tar.gz")):
        inside = trained_sources(read_card(model)) & set(forgotten)
        first = min((forgotten[s] for s in inside), default=None)
        statuses.append(ModelStatus(model, bool(inside), len(inside),
                                    first + timedelta(days=days) if first else None))
    return statuses
