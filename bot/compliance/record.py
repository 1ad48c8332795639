"""The record of processing activities (GDPR Art. 30(1)) for this deployment, as plain data.

Each part of Art. 30(1) is a section; every row names its source (a setting, a file and key, a store of
the inventory). The result is ordered the same way every time, so the same configuration gives the same
bytes and a controller can diff the record between releases. `render` turns it into Markdown or JSON."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.compliance.facts import Facts
from bot.compliance.measures import item, measures
from bot.compliance.subjects import subjects_of, unclassified
from bot.compliance.words import Words, words
from bot.inventory.stores import Store
from bot.retention.policy import RetentionRule

Section = dict[str, Any]


def duration(after: timedelta, w: Words) -> str:
    seconds = int(after.total_seconds())
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds and seconds % size == 0:
            count = seconds // size
            return f"{count} {w['unit_' + unit + ('_one' if count == 1 else '')]}"
    return f"{seconds} {w['unit_seconds']}" if seconds else f"0 {w['unit_minutes']}"


def _anchor(rule: RetentionRule) -> str:
    if rule.records is not None:
        return rule.records.anchor
    return "masking" if rule.applies_to == "masked_bot_chat" else "the chat's end"


def how_long(store: Store, facts: Facts, w: Words) -> str:
    parts = []
    for rule_id in store.rules:
        rule = next((rule for rule in facts.policy.rules if rule.id == rule_id), None)
        if rule is not None:
            parts.append(w["after_anchor"].format(rule=rule.id, period=duration(rule.after, w), anchor=_anchor(rule)))
    if store.expiry:
        parts.append(store.expiry)
    return "; ".join(parts) or "—"


def _controller(facts: Facts, w: Words) -> list[dict[str, str]]:
    k, src, s = facts.knowledge, facts.knowledge_source, facts.settings
    rows = [
        (w["controller"], f"{k['controller_name']}, {k['controller_address']}", f"{src}: controller.name, .address"),
        (w["controller_contact"], s.controller_contact, "CONTROLLER_CONTACT"),
        (w["privacy_notice"], k["privacy_url"], f"{src}: controller.privacy_url"),
        (w["dpo"], f"{k['dpo_name']}, {k['dpo_contact']}", f"{src}: dpo.name, dpo.contact"),
        (w["authority"], f"{k['authority_name']}, {k['authority_address']}",
         f"{src}: country ({facts.country}), authorities.{facts.country}"),
        (w["joint_controllers"], w["todo_value"], w["src_controller"]),
    ]
    # BREACH_CONTACT comes with the breach register (issue 18 item 4); a build without it has no such row.
    breach_contact = getattr(s, "breach_contact", None)
    if breach_contact:
        rows.insert(2, (w["breach_contact"], str(breach_contact), "BREACH_CONTACT"))
    return [{"field": field, "value": value, "source": source} for field, value, source in rows]


def _purposes(facts: Facts, w: Words) -> list[dict[str, str]]:
    by_purpose: dict[str, list[RetentionRule]] = {}
    for rule in facts.policy.rules:
        by_purpose.setdefault(rule.purpose, []).append(rule)
    rows = [{"purpose": purpose, "legal_basis": ", ".join(sorted({r.legal_basis for r in rules})),
             "rules": ", ".join(r.id for r in rules), "source": f"{facts.policy_source}: purpose, legal_basis"}
            for purpose, rules in sorted(by_purpose.items())]
    s = facts.settings
    basis = s.training_legal_basis if s.training_basis == "agreement" else "gdpr:art-6-1-a"
    rows.append({"purpose": "vern:assistant-training", "legal_basis": basis,
                 "rules": w["training_basis"].format(basis=s.training_basis),
                 "source": "TRAINING_BASIS, TRAINING_LEGAL_BASIS"})
    return rows


def _consent_purposes(facts: Facts, lang: str, w: Words) -> list[dict[str, str]]:
    return [{"purpose": p.id, "title": p.title[lang], "legal_basis": p.legal_basis,
             "data_categories": ", ".join(p.data_categories), "recipients": p.recipients[lang],
             "retention": p.retention, "special_category": w["yes"] if p.special_category else w["no"],
             "source": f"{facts.purposes_source}: {p.id}"}
            for p in sorted(facts.purposes.values(), key=lambda p: p.id)]


def _data(facts: Facts, w: Words) -> list[dict[str, str]]:
    rows = []
    for store in facts.stores:
        if not store.personal:
            continue
        subjects = subjects_of(store)
        rows.append({"store": store.name, "holds": store.holds,
                     "data_subjects": "; ".join(w["subjects_" + s] for s in subjects) if subjects else w["todo_value"],
                     "purpose": store.purpose, "legal_basis": store.legal_basis, "erasure": store.erasure,
                     "source": f"bot/inventory/stores.py: {store.name}"})
    return rows


def _recipients(facts: Facts, lang: str, w: Words) -> list[dict[str, str]]:
    s = facts.settings
    rows = [item(w["r_caseworkers"], "bot/console/accounts.py: ROLES")]
    for purpose in sorted(facts.purposes.values(), key=lambda p: p.id):
        rows.append(item(w["r_purpose"].format(who=purpose.recipients[lang], title=purpose.title[lang]),
                         f"{facts.purposes_source}: {purpose.id}.recipients"))
    if s.case_webhook_url:
        rows.append(item(w["r_webhook"], "CASE_WEBHOOK_URL"))
    for name in s.art19_recipients:
        rows.append(item(w["r_art19"].format(name=name), "ART19_RECIPIENTS"))
    for entry in facts.subprocessors:
        if set(entry.covers) & set(facts.in_use):
            rows.append(item(w["r_subprocessor"].format(name=entry.name, role=entry.role),
                             f"{facts.subprocessors_source}: {entry.id}"))
    return rows


def _subprocessors(facts: Facts, w: Words) -> list[dict[str, str]]:
    rows = []
    for entry in facts.subprocessors:
        used = [facts.in_use[service] for service in entry.covers if service in facts.in_use]
        rows.append({"id": entry.id, "name": entry.name, "role": entry.role, "location": entry.location,
                     "transfer_basis": entry.transfer_basis, "data_categories": ", ".join(entry.data_categories),
                     "covers": ", ".join(entry.covers),
                     "in_use": (w["yes"] + " (" + "; ".join(used) + ")") if used else w["no"],
                     "source": f"{facts.subprocessors_source}: {entry.id}"})
    return rows


def _transfers(facts: Facts, w: Words) -> list[dict[str, str]]:
    rows = []
    for entry in facts.subprocessors:
        if not set(entry.covers) & set(facts.in_use) or entry.outside_eea is False:
            continue
        where = w["todo_value"] if entry.outside_eea is None else entry.location
        rows.append({"recipient": entry.name, "location": where, "basis": entry.transfer_basis,
                     "source": f"{facts.subprocessors_source}: {entry.id}.location, .transfer_basis"})
    return rows


def _retention(facts: Facts, lang: str, w: Words) -> list[dict[str, str]]:
    rows = [{"what": store.name, "how_long": how_long(store, facts, w),
             "source": f"bot/inventory/stores.py: {store.name}"} for store in facts.stores if store.personal]
    for purpose in sorted(facts.purposes.values(), key=lambda p: p.id):
        rows.append({"what": w["consent_for"].format(title=purpose.title[lang]),
                     "how_long": w["consent_kept"].format(period=purpose.retention),
                     "source": f"{facts.purposes_source}: {purpose.id}.retention; {facts.policy_source}: "
                               "delete-ended-consents"})
    return rows


def todos(facts: Facts, w: Words) -> list[dict[str, str]]:
    """What only the controller (or the operator) can answer, from the configuration's own gaps."""
    s = facts.settings
    out = [item(w["todo_joint"], "GDPR Art. 30(1)(a)")]
    for entry in facts.subprocessors:
        fields = entry.todos()
        if fields:
            out.append(item(w["todo_subprocessor"].format(id=entry.id, field="`, `".join(fields)),
                            f"{facts.subprocessors_source}: {entry.id}"))
    if not s.console.allowed_networks:
        out.append(item(w["todo_allow_list"], "CONSOLE_ALLOWED_NETWORKS"))
    if not s.public_url.startswith("https://"):
        out.append(item(w["todo_https"].format(url=s.public_url), "PUBLIC_URL"))
    if s.controller_name != facts.knowledge["controller_name"]:
        out.append(item(w["todo_controller_name"].format(setting=s.controller_name,
                                                         file=facts.knowledge["controller_name"]),
                        f"CONTROLLER_NAME; {facts.knowledge_source}: controller.name"))
    for name in unclassified(facts.stores):
        out.append(item(w["todo_subjects"].format(store=name), "bot/compliance/subjects.py"))
    out.append(item(w["todo_hosting_measures"], w["src_operator"]))
    return out


def build_record(facts: Facts, lang: str) -> dict[str, Any]:
    w = words(lang)
    return {
        "document": "record_of_processing",
        "legal_reference": "GDPR Art. 30(1)",
        "language": lang,
        "generated_by": "vern compliance record",
        "title": w["record_title"],
        "sections": [
            {"id": "controller", "title": w["sec_controller"], "rows": _controller(facts, w)},
            {"id": "purposes", "title": w["sec_purposes"], "rows": _purposes(facts, w)},
            {"id": "consent_purposes", "title": w["sec_consent_purposes"], "rows": _consent_purposes(facts, lang, w)},
            {"id": "data", "title": w["sec_data"], "note": w["note_english"], "rows": _data(facts, w)},
            {"id": "recipients", "title": w["sec_recipients"], "rows": _recipients(facts, lang, w)},
            {"id": "subprocessors", "title": w["sec_subprocessors"], "rows": _subprocessors(facts, w)},
            {"id": "transfers", "title": w["sec_transfers"], "rows": _transfers(facts, w),
             "empty": w["no_transfers"]},
            {"id": "retention", "title": w["sec_retention"], "rows": _retention(facts, lang, w)},
            {"id": "measures", "title": w["sec_measures"], "rows": measures(facts, w)},
            {"id": "todo", "title": w["sec_todo"], "note": w["note_todo"], "rows": todos(facts, w)},
        ],
    }

