"""The retention worker's part in training that forgets: keep the forget list current, flag models.

Run with the worker's housekeeping, so a withdrawal, a restriction or an
objection reaches the forget list without an admin remembering to run
`vern training forget`; models trained on forgotten chats are logged as
flagged (counts only) until a retrained model replaces them.
"""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.training.forget import ForgetList

logger = logging.getLogger(__name__)


def refresh_forget_list(settings: Settings, forget: ForgetList) -> int:
    """Put on the forget list every chat the registers now say must leave the training data."""
    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.dsr.factory import consent_service
    from bot.fulfilment.restrictions import RestrictionRegister
    from bot.training.forget import chats_to_forget, objected_chats
    from bot.training.sources import TRAINING_PURPOSE

    engine = get_engine(settings.database_url)
    consents = consent_service()
    refused = consents.conversation_keys(TRAINING_PURPOSE, ("withdrawn", "refused"))
    wanted = chats_to_forget(engine, RestrictionRegister(engine, utc_now).restricted_conversations(),
                             objected_chats(engine), lambda chat: consents.conversation_key(chat) in refused)
    return sum(forget.add_chats(chats, reason) for reason, chats in wanted.items())


def flag_models(settings: Settings) -> int:
    """Refresh the forget list; return (and log) how many models are trained on forgotten chats."""
    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.training.forget import model_statuses

    forget = ForgetList(get_engine(settings.database_url), settings.secret_key.reveal().encode(), utc_now)
    refresh_forget_list(settings, forget)
    flagged = [s for s in model_statuses(settings.models_dir, forget.entries(), settings.training_forget_days)
               if s.flagged]
    if flagged:
        days = min(s.days_left(utc_now()) or 0 for s in flagged)
        logger.warning("training: %d models hold forgotten chats; retrain and promote within %d days",
                       len(flagged), days)
    return len(flagged)
