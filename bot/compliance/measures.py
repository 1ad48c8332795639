"""The technical and organisational measures (Art. 30(1)(g), Art. 32) that this configuration actually has.

Each measure is stated from the setting or the code that enforces it and names that source; a measure the
configuration lacks (no console allow-list, a public URL without HTTPS) is said plainly and becomes a TODO."""

from __future__ import annotations

from bot.compliance.facts import Facts
from bot.compliance.words import Words
from bot.console.sessions import ABSOLUTE_TIMEOUT, IDLE_TIMEOUT

Item = dict[str, str]


def _rule_after(facts: Facts, rule_id: str) -> int | None:
    rule = next((rule for rule in facts.policy.rules if rule.id == rule_id), None)
    return None if rule is None else int(rule.after.total_seconds())


def item(text: str, source: str) -> Item:
    return {"text": text, "source": source}


def measures(facts: Facts, w: Words) -> list[Item]:
    s = facts.settings
    policy = facts.policy_source
    out = [
        item(w["m_console_login"], "bot/console/accounts.py (argon2id, TOTP; MIN_PASSWORD_CHARS)"),
        item(w["m_console_sessions"].format(idle=int(IDLE_TIMEOUT.total_seconds() // 60),
                                            total=int(ABSOLUTE_TIMEOUT.total_seconds() // 3600)),
             "bot/console/sessions.py: IDLE_TIMEOUT, ABSOLUTE_TIMEOUT"),
    ]
    if s.console.allowed_networks:
        out.append(item(w["m_console_networks"].format(networks=", ".join(s.console.allowed_networks)),
                        "CONSOLE_ALLOWED_NETWORKS"))
    else:
        out.append(item(w["m_console_networks_open"], "CONSOLE_ALLOWED_NETWORKS (unset)"))
    out.append(item(w["m_console_alerts"].format(reveals=s.console.alert_reveals_per_hour,
                                                 cases=s.console.alert_cases_per_hour,
                                                 count=len(s.console.alert_recipients)),
                    "CONSOLE_ALERT_REVEALS_PER_HOUR, CONSOLE_ALERT_CASES_PER_HOUR, CONSOLE_ALERT_EMAILS"))
    access_days = _rule_after(facts, "delete-console-access-log")
    if access_days is not None:
        out.append(item(w["m_access_log"].format(days=access_days // 86400),
                        f"{policy}: delete-console-access-log"))
    mask_seconds = _rule_after(facts, "mask-bot-chats")
    if mask_seconds is not None:
        source = f"{policy}: mask-bot-chats" + (", MASK_WITHIN_MINUTES" if s.retention.mask_within_minutes
                                                is not None else "")
        out.append(item(w["m_masking"].format(minutes=mask_seconds // 60), source))
    out += [
        item(w["m_pseudonyms"], "bot/cases/keys.py; bot/inventory/stores.py (keyed hashes)"),
        item(w["m_contact_encryption"], "bot/cases/keys.py (ContactCipher, Fernet)"),
        item(w["m_backups"].format(days=s.backup_retention_days,
                                   key=w["key_own"] if s.backup_key is not None else w["key_derived"]),
             "BACKUP_RETENTION_DAYS, BACKUP_KEY; bot/backup/crypto.py; bot/backup (erasure journal)"),
        item(w["m_audit"].format(key=w["key_own"] if s.audit_signing_key is not None else w["key_derived"]),
             "AUDIT_SIGNING_KEY; bot/audit/chain.py, bot/audit/checkpoint.py"),
        item(w["m_rasa_api"].format(networks=", ".join(s.rasa_api_networks)), "RASA_API_NETWORKS"),
        item(w["m_widget"].format(origins=", ".join(s.widget_origins)), "WIDGET_ORIGINS, PUBLIC_URL"),
        item(w["m_training_k"].format(k=s.training_k), "TRAINING_K"),
        item(w["m_training_forget"].format(days=s.training_forget_days), "TRAINING_FORGET_DAYS"),
        item(w["m_logs"], "bot/logs.py; bot/inventory/stores.py: logs"),
    ]
    if s.case_webhook_url:
        out.append(item(w["m_webhook"], "CASE_WEBHOOK_URL, CASE_WEBHOOK_SECRET; bot/connectors/signing.py"))
    if s.telegram_token is not None:
        out.append(item(w["m_telegram"].format(mode=s.telegram_mode), "TELEGRAM_MODE, TELEGRAM_WEBHOOK_SECRET"))
    https = s.public_url.startswith("https://")
    out.append(item(w["m_tls" if https else "m_tls_missing"].format(url=s.public_url), "PUBLIC_URL"))
    return out
