"""The retention worker's part in training that forgets: keep the forget list current, flag models.

Run with the worker's housekeeping, so a withdrawal, a restriction or an
objection reaches the forget list without an admin remembering to run
`vern training forget`; models trained on forgotten chats are logged as
flagged (counts only) until a retrained model replaces them.
"""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.keys import KeyRing, Purpose
from bot.training.forget import ForgetList

logger = logging.getLogger(__name__)


def refresh_forget_list(settings: Settings, forget: ForgetList) -> int:
    """Put on the forget list every chat the registers now say must leave the training data."""
    from sqlalchemy import select

    from bot.clock import utc_now
    from bot.consent.models import ConsentRecord
    from bot.consent.service import consent_chat_key
    from bot.db.engine import get_engine
    from bot.fulfilment.restrictions import RestrictionRegister
    from bot.training.forget import chats_to_forget, objected_chats
    from bot.training.sources import TRAINING_PURPOSE

    # The deployment's own engine and secret, never a process-wide factory: the worker may serve another database.
    engine = get_engine(settings.database_url)
    secret = KeyRing.from_settings(settings).key(Purpose.CONSENT_PSEUDONYMS)
    records = ConsentRecord.__table__
    with engine.connect() as connection:
        refused = set(connection.execute(select(records.c.conversation_key).where(
            records.c.purpose_id == TRAINING_PURPOSE, records.c.status.in_(("withdrawn", "refused")),
            records.c.conversation_key.is_not(None))).scalars())
    wanted = chats_to_forget(engine, RestrictionRegister(engine, utc_now).restricted_conversations(),
                             objected_chats(engine),
                             (lambda chat: consent_chat_key(secret, chat) in refused) if refused else None)
    return sum(forget.add_chats(chats, reason) for reason, chats in wanted.items())


def flag_models(settings: Settings) -> int:
    """Refresh the forget list; return (and log) how many models are trained on forgotten chats."""
    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.training.forget import model_statuses

    lineage_key = KeyRing.from_settings(settings).key(Purpose.TRAINING_LINEAGE)
    forget = ForgetList(get_engine(settings.database_url), lineage_key, utc_now)
    refresh_forget_list(settings, forget)
    flagged = [s for s in model_statuses(settings.models_dir, forget.entries(), settings.training_forget_days)
               if s.flagged]
    if flagged:
        days = min(s.days_left(utc_now()) or 0 for s in flagged)
        logger.warning("training: %d models hold forgotten chats; retrain and promote within %d days",
                       len(flagged), days)
    return len(flagged)
