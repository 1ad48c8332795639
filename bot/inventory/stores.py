"""Every place Vern keeps data: SQL tables, Redis key families and files under the var folder.

One entry per store, with what it holds, why, under which legal basis, the
retention rule(s) of the policy (bot/retention/policy.yml) or the expiry that
bounds it, and what erases it on an Art. 17 request. `tests/inventory` fails
when a table, a Redis key family or a var file kind exists without an entry;
`vern inventory docs` writes docs/data-inventory.md from this list.
"""

from __future__ import annotations

from dataclasses import dataclass

CHAT_ERASER = "bot.retention.erasure.ChatEraser (every chat of the person, and «forget this chat»)"
SUBJECT_ERASER = "bot.fulfilment.erasure.SubjectEraser (Art. 17 request)"
NOT_PERSONAL = "nothing to erase: holds no personal data"


@dataclass(frozen=True)
class Store:
    name: str
    kind: str  # table, redis, file
    # The table name, the Redis key pattern (`*` = the rest of the key) or the path under var/.
    where: str
    holds: str
    purpose: str
    legal_basis: str
    # Rule ids of the retention policy that delete it; empty when `expiry` bounds it instead.
    rules: tuple[str, ...] = ()
    expiry: str = ""
    erasure: str = NOT_PERSONAL
    personal: bool = True


TABLES = (
    Store("conversations", "table", "conversations", "one row per chat: random id, channel, language, times; "
          "after deletion a content-free tombstone", "the clock the chat-log rules run on",
          "gdpr:art-5-1-e", ("mask-bot-chats", "delete-masked-bot-chats", "delete-handed-off-chats"),
          erasure=CHAT_ERASER + " (tombstone kept: ids and times only)"),
    Store("events", "table", "events", "Rasa's SQL tracker store: every message of a chat, masked within the "
          "rule's time after the end", "answering the person; masked chats train the assistant",
          "gdpr:art-6-1-e", ("mask-bot-chats", "delete-masked-bot-chats", "delete-handed-off-chats"),
          erasure=CHAT_ERASER),
    Store("handoffs", "table", "handoffs", "a chat handed to a caseworker: queue state, masked summary, the "
          "caseworker's user name; after the end a keyed hash of the chat only", "caseworker help",
          "gdpr:art-6-1-e", ("end-idle-handoffs", "delete-ended-handoffs"), erasure=CHAT_ERASER),
    Store("handoff_messages", "table", "handoff_messages", "what the person and the caseworker wrote, raw",
          "caseworker help", "gdpr:art-6-1-e", ("end-idle-handoffs", "delete-handed-off-chats"),
          erasure=CHAT_ERASER),
    Store("cases", "table", "cases", "data-subject request cases: type, status, deadlines, the person's "
          "words in `details`, keyed by a keyed hash of the address; a case a guardian made for a child also "
          "holds how the guardian was verified, the child's reference encrypted and its keyed hash",
          "answering requests (Art. 12-22)",
          "gdpr:art-6-1-c", ("delete-closed-cases",),
          erasure=SUBJECT_ERASER + "; open cases stay for a caseworker; the erasure case keeps counts only, "
          "answerable by reference until every connected system confirmed, then delete-closed-cases"),
    Store("case_events", "table", "case_events", "each case's history (who, when, which status)",
          "accountability (Art. 5(2))", "gdpr:art-6-1-c", ("delete-closed-cases",), erasure=SUBJECT_ERASER),
    Store("subject_contacts", "table", "subject_contacts", "the person's e-mail address, encrypted (the only "
          "copy)", "sending answers (Art. 12(1))", "gdpr:art-6-1-c", ("delete-contact-addresses",),
          erasure=SUBJECT_ERASER + " (kept while another case of the person is open)"),
    Store("export_downloads", "table", "export_downloads", "a hash of an export link's token, its case and "
          "subject key", "access and portability (Art. 15, 20)", "gdpr:art-6-1-c", ("delete-expired-exports",),
          erasure=SUBJECT_ERASER),
    Store("subject_restrictions", "table", "subject_restrictions", "keyed hash of a person whose data must "
          "not be used (Art. 18)", "honouring a restriction", "gdpr:art-6-1-c", (),
          expiry="until a caseworker lifts the restriction (the person is told first)",
          erasure="kept: it is what stops use; holds a keyed hash only"),
    Store("consent_records", "table", "consent_records", "ISO/IEC TS 27560 consent records: purpose, notice "
          "hashes, status, keyed hashes of the person, guardian, child reference and chat, how the guardian was "
          "verified", "proving consent (Art. 7(1))",
          "gdpr:art-7-1", ("delete-ended-consents",), erasure=SUBJECT_ERASER),
    Store("consent_events", "table", "consent_events", "each consent's status history", "proving consent",
          "gdpr:art-7-1", ("delete-ended-consents",), erasure=SUBJECT_ERASER),
    Store("guardian_invitations", "table", "guardian_invitations", "hashes of a guardian link and code, "
          "the child's chat id until the child is told, the controller's child reference until the guardian "
          "answers or the link expires", "asking a guardian (Art. 8)", "gdpr:art-8",
          ("delete-guardian-invitations", "delete-ended-consents"), erasure=SUBJECT_ERASER),
    Store("young_person_objections", "table", "young_person_objections", "a keyed hash of the objection link "
          "a 16-17-year-old was e-mailed when a guardian acted for them, the case reference, the language, when "
          "it was used", "letting the young person object (Art. 8, Art. 21)", "gdpr:art-6-1-c", (),
          expiry="until the case's answer period ends; expired links are deleted whenever a new one is issued",
          erasure="holds no address or name: the case reference only, removed with the expiry"),
    Store("console_users", "table", "console_users", "caseworker accounts: user name, password hash, "
          "encrypted TOTP secret", "access control (Art. 32)", "gdpr:art-32", (),
          expiry="while the person is a caseworker; `vern console` disables and deletes accounts",
          erasure="the admin deletes the account (000 annex: kept until the person stops being an admin)"),
    Store("console_sessions", "table", "console_sessions", "hash of a console session token, last seen",
          "access control", "gdpr:art-32", ("delete-stale-console-sessions",),
          erasure="deleted with the account"),
    Store("console_login_counters", "table", "console_login_counters", "per keyed hash of a user name or a "
          "source address: failed logins in the current hour", "throttling password guessing", "gdpr:art-32", (),
          expiry="a day after its hour: pruned at every login (bot.console.throttle)",
          erasure=NOT_PERSONAL + " beyond a keyed hash"),
    Store("console_known_networks", "table", "console_known_networks", "per caseworker account: keyed hashes "
          "of the networks (/24, /48) it logged in from", "unusual-access alerts (Art. 32)", "gdpr:art-32", (),
          expiry="while the account exists", erasure="deleted with the account"),
    Store("console_access_log", "table", "console_access_log", "which caseworker saw which case or chat, "
          "when", "access logging ('who saw what, when')", "gdpr:art-32", ("delete-console-access-log",),
          erasure="kept for the rule's year: it protects the person (Art. 32); holds references, not contents"),
    Store("training_forget", "table", "training_forget", "keyed hashes of chats whose lines must leave the "
          "training data and the models (erasure, withdrawn training consent, restriction, objection)",
          "training that forgets (AISVS C11)", "gdpr:art-17", (),
          expiry="kept while a reviewed line or a model card could name the chat; holds keyed hashes only",
          erasure="kept: it is what makes the erasure reach the models"),
    Store("erasure_confirmations", "table", "erasure_confirmations", "between an erasure's preview and "
          "«Yes, erase»: the case reference and keyed hashes of the person", "confirming an irreversible "
          "erasure (Art. 17)", "gdpr:art-6-1-c", (), expiry="15 minutes; expired rows go with the next preview",
          erasure=CHAT_ERASER + " (erasure_confirmations)"),
    Store("breaches", "table", "breaches", "the breach register: what happened, when it was discovered, "
          "categories and approximate numbers of people and records, consequences, measures, when the "
          "controller was told", "breach handling (Art. 33(2), 000 §9, 003 §4.4)", "gdpr:art-33-5",
          ("delete-closed-breaches",),
          erasure="kept: the controller documents every breach (Art. 33(5)); describes people by category and "
          "number, not by name"),
    Store("audit_log", "table", "audit_log", "the hash-chained audit trail: events, pseudonymous subjects, "
          "counts", "accountability (Art. 5(2))", "gdpr:art-5-2", ("delete-audit-entries",),
          erasure="kept: subjects are keyed hashes, details counts only"),
    Store("audit_head", "table", "audit_head", "the chain's length and head hash, sealed", "tamper evidence",
          "gdpr:art-5-2", (), expiry="one row, overwritten", personal=False),
    Store("retention_runs", "table", "retention_runs", "counts per retention run", "monitoring retention",
          "gdpr:art-5-2", (), expiry="30 days (bot.retention.status.RUN_LOG_KEPT)", personal=False),
    Store("alembic_version", "table", "alembic_version", "the schema version", "migrations", "none", (),
          expiry="one row", personal=False),
)

REDIS = (
    Store("redis_tracker", "redis", "vern:tracker:*", "Rasa's Redis tracker store: a chat's events (when "
          "REDIS_URL is set)", "answering the person; masked chats train the assistant", "gdpr:art-6-1-e",
          ("mask-bot-chats", "delete-masked-bot-chats", "delete-handed-off-chats"),
          expiry="TRACKER_EXPIRY_DAYS as a backstop", erasure=CHAT_ERASER),
    Store("redis_lock", "redis", "vern:lock:*", "Rasa's per-chat lock (random chat id)", "ordering turns",
          "gdpr:art-6-1-e", (), expiry="seconds (Rasa's lock lifetime)", personal=False),
    Store("verification_keys", "redis", "vern:verify:c:*", "per chat: hashed e-mail codes, failure counts, "
          "verified marks, send windows", "checking the address before a request (Art. 12(6))",
          "gdpr:art-6-1-c", (), expiry="the code's 10 minutes, the verified mark's 30, windows 1 hour",
          erasure=CHAT_ERASER + " (verification_keys)"),
    Store("client_windows", "redis", "vern:verify:k:*", "per keyed hash of a client (IP or socket) and of an "
          "address: how many codes that client asked for", "nobody can spend a person's codes (issue 15)",
          "gdpr:art-6-1-f", (), expiry="1 hour", erasure="expires within the hour; keyed hashes only"),
    Store("connector_replays", "redis", "vern:verify:connector-seen:*", "hashes of signed completion reports "
          "already accepted", "a report is accepted once (issue 15)", "gdpr:art-32", (),
          expiry="10 minutes, twice the signature's validity", personal=False),
    Store("chat_addresses", "redis", "vern:verify:chataddresses:*", "per chat: keyed hashes of the addresses "
          "the chat asked codes for", "a child cannot answer as their own guardian (Art. 8)", "gdpr:art-8", (),
          expiry="72 hours (bot.consent.chat_addresses)", erasure=CHAT_ERASER + " (chat_addresses)"),
    Store("address_windows", "redis", "vern:verify:a:*", "per keyed hash of an address: when codes were sent",
          "stopping inbox flooding", "gdpr:art-6-1-f", (), expiry="1 hour",
          erasure="expires within the hour; not linked to a chat"),
    Store("consent_sessions", "redis", "vern:verify:consentsession:*", "after a code check: the subject key "
          "and the plain address, so a chat may manage that address's consents", "withdrawing as easily as "
          "giving (Art. 7(3))", "gdpr:art-7-3", (), expiry="15 minutes (bot.consent.sessions.SESSION_TTL_SECONDS)",
          erasure=CHAT_ERASER + " (consent_sessions)"),
    Store("pending_requests", "redis", "vern:verify:pending:*", "a request waiting for its code: address, "
          "type, the person's words (encrypted); for a guardian's request the child's year and reference",
          "opening the case once verified", "gdpr:art-6-1-c", (),
          expiry="the code's lifetime", erasure=CHAT_ERASER + " (forget hook)"),
    Store("pii_warnings", "redis", "vern:verify:piiwarned:*", "that a chat was warned about a kind of "
          "personal data", "warning once, not every message", "gdpr:art-25", (), expiry="the chat's length",
          erasure=CHAT_ERASER + " (forget hook)", personal=False),
    Store("connector_failures", "redis", "vern:verify:connector-failures:*", "times of recent completion "
          "reports with a wrong signature", "repeated failures open a breach (bot.breach.detect)", "gdpr:art-32",
          (), expiry="10 minutes (the window)", personal=False),
    Store("retention_leader", "redis", "vern:retention:leader", "which worker runs retention", "one worker at "
          "a time", "none", (), expiry="the lock's lifetime", personal=False),
)

FILES = (
    Store("sqlite_database", "file", "vern.sqlite3", "every table above, in development", "development",
          "gdpr:art-6-1-e", (), expiry="as each table", erasure="as each table"),
    Store("export_files", "file", "exports/*.bin", "an access export, encrypted with the link's token",
          "access and portability (Art. 15, 20)", "gdpr:art-6-1-c", ("delete-expired-exports",),
          erasure=SUBJECT_ERASER),
    Store("outbox_mail", "file", "outbox/*.eml", "development mail: codes, addresses, receipts",
          "development without SMTP", "gdpr:art-6-1-e", ("delete-outbox-mail",),
          erasure="development only; deleted by the rule"),
    Store("training_export", "file", "training/**", "masked lines of consented or lawfully used chats, "
          "for review", "training the assistant", "gdpr:art-6-1-a", ("delete-masked-bot-chats",),
          erasure="restricted and withdrawn subjects are left out at export time"),
    Store("logs", "file", "*.log", "process logs: no personal data by design (bot.logs masks)", "operations",
          "gdpr:art-32", (), expiry="the operator's log rotation", personal=False),
    Store("backups", "file", "backups/*", "encrypted database dumps (AES-256-GCM)", "restoring after a fault",
          "gdpr:art-32", (), expiry="BACKUP_RETENTION_DAYS, 30 by default (vern backup prune)",
          erasure="a restore erases every journaled person again before Vern serves (bot.backup)"),
    Store("erasure_journal", "file", "erasure-journal.jsonl", "the keyed subject key of every erased person "
          "and when", "a restored backup never brings an erased person back", "gdpr:art-17", (),
          expiry="until no kept backup predates the line (vern backup prune)",
          erasure="kept: it is what makes the erasure outlive old backups; keyed hashes only"),
    Store("erasure_journal_lock", "file", "erasure-journal.jsonl.lock", "an empty file that serialises journal "
          "appends with pruning", "a consistent journal", "none", (), expiry="as the journal", personal=False),
    Store("dev_secrets", "file", "dev-secrets.json", "generated development secrets", "development",
          "none", (), expiry="development only", personal=False),
    Store("dev_secrets_lock", "file", "dev-secrets.lock", "an empty file that lets processes starting at once "
          "agree on one set of development secrets", "development", "none", (), expiry="development only",
          personal=False),
)

STORES: tuple[Store, ...] = TABLES + REDIS + FILES
