"""Cutting audit entries past their keeping time without breaking the chain.

003 § 7.1 keeps audit logs one year. Before entries 1..N go, the chain is
verified and a checkpoint of entry N (count and head hash) is signed with the
audit signing key and appended to the chain itself as `audit.pruned`; then
1..N are deleted. Verification starts from that signed cut instead of the
genesis hash: entry N+1 must follow the signed head, and the cut entry, being
in the chain, cannot be changed without breaking every hash after it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine

from bot.audit.checkpoint import Checkpoint, signature_holds
from bot.audit.log import TABLE

PRUNED_EVENT = "audit.pruned"


@dataclass(frozen=True)
class Cut:
    through: int
    head: str
    checkpoint: Checkpoint


def last_due(engine: Engine, cutoff: datetime) -> tuple[int, str] | None:
    """The newest entry recorded at or before `cutoff`: (seq, entry hash)."""
    with engine.connect() as connection:
        row = connection.execute(select(TABLE.c.seq, TABLE.c.entry_hash).where(
            TABLE.c.recorded_at <= cutoff.replace(tzinfo=None), TABLE.c.event != PRUNED_EVENT)
            .order_by(TABLE.c.seq.desc()).limit(1)).first()
    return (int(row.seq), str(row.entry_hash)) if row is not None else None


def cut_details(checkpoint: Checkpoint) -> dict[str, object]:
    return {"through": checkpoint.count, "head": checkpoint.head, "at": checkpoint.at,
            "public_key": checkpoint.public_key, "signature": checkpoint.signature}


def delete_through(engine: Engine, seq: int) -> int:
    with engine.begin() as connection:
        return int(connection.execute(delete(TABLE).where(TABLE.c.seq <= seq)).rowcount or 0)


def first_seq(engine: Engine) -> int | None:
    with engine.connect() as connection:
        value = connection.execute(select(func.min(TABLE.c.seq))).scalar()
    return int(value) if value is not None else None


def signed_cut(engine: Engine, before_seq: int, public_key: str) -> Cut | None:
    """The signed cut the chain now starts after, if its signature holds with our key."""
    with engine.connect() as connection:
        rows = connection.execute(select(TABLE.c.details).where(TABLE.c.event == PRUNED_EVENT)
                                  .order_by(TABLE.c.seq.desc())).scalars().all()
    for details in rows:
        data = json.loads(details)
        if int(data.get("through", -1)) != before_seq - 1:
            continue
        checkpoint = Checkpoint(int(data["through"]), str(data["head"]), str(data["at"]),
                                str(data["public_key"]), str(data["signature"]))
        if signature_holds(checkpoint, public_key):
            return Cut(checkpoint.count, checkpoint.head, checkpoint)
    return None
