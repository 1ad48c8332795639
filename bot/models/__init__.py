"""SQLAlchemy models. Importing this package registers every table on `Base.metadata`."""

from bot.audit.models import AuditEntry  # noqa: F401
from bot.breach.models import BreachRow  # noqa: F401
from bot.cases.models import Case, CaseEvent, SubjectContact  # noqa: F401
from bot.consent.models import ConsentEvent, ConsentRecord, GuardianInvitation  # noqa: F401
from bot.console.models import AccessLogEntry, ConsoleSession, ConsoleUser, KnownNetwork, LoginCounter  # noqa: F401
from bot.fulfilment.models import ExportDownload, SubjectRestriction  # noqa: F401
from bot.guardians.models import YoungPersonObjection  # noqa: F401
from bot.handoff.models import Handoff, HandoffMessage  # noqa: F401
from bot.models.conversation import Conversation
from bot.models.erasure_confirmation import AwaitedErasureRow  # noqa: F401
from bot.models.retention_run import RetentionRun  # noqa: F401
from bot.training.models import ForgottenSource  # noqa: F401

__all__ = ["Conversation"]
