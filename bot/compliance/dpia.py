"""A DPIA draft (GDPR Art. 35) in the sections of the school DPIA template (../shared/sources/002, §1-9).

Filled from the configuration and from measured figures (docs/benchmarks.md), each statement with its source.
What is an assessment rather than a fact (likelihood, consequence, residual risk, whether the processing may
go ahead) or something Vern cannot know (how many people, the processor, the national legal basis) is a TODO:
the draft never rates a risk or signs off on the controller's behalf."""

from __future__ import annotations

import importlib.util
from typing import Any

from bot.cases.request_types import RequestType
from bot.compliance.facts import Facts
from bot.compliance.measured import Figure
from bot.compliance.measures import Item, item, measures
from bot.compliance.record import duration, todos
from bot.compliance.subjects import CATEGORIES
from bot.compliance.words import Words, words

BREACH_REGISTER = "/console/admin/breaches"


def _rule(facts: Facts, rule_id: str) -> Any:
    return next((rule for rule in facts.policy.rules if rule.id == rule_id), None)


def _figure(figure: Figure | None, template: str, w: Words, what: str) -> Item:
    if figure is None:
        return item(w["d_figure_missing"].format(what=what), "docs/benchmarks.md")
    return item(template.format(value=figure.value), figure.source)


def _measure(facts: Facts, w: Words, key: str) -> Item:
    """One of the record's measures, found by its source, so the DPIA and the record say the same."""
    return next(m for m in measures(facts, w) if key in m["source"])


def _bands(facts: Facts, w: Words) -> str:
    bands = facts.settings.age_bands
    return w["d_children"].format(a=bands.guardian_only_below, a1=bands.guardian_only_below - 1,
                                  b=bands.joint_below, b1=bands.joint_below - 1, c=bands.adult_from,
                                  c1=bands.adult_from - 1)


def _breach_register(w: Words) -> Item:
    """The breach register is built beside this package (issue 18 item 4); until it is part of the build the
    draft says so instead of promising it."""
    if importlib.util.find_spec("bot.breach") is None:
        return item(w["d_e_breach_missing"], "bot/breach (absent)")
    return item(w["d_e_breach"].format(path=BREACH_REGISTER), "bot/breach; " + BREACH_REGISTER)


def _criteria(facts: Facts, w: Words) -> list[dict[str, str]]:
    special = [p.id for p in facts.purposes.values() if p.special_category]
    rows = [
        {"criterion": w["d_crit_special"], "applies": (w["yes"] + ": " + ", ".join(sorted(special))) if special
         else w["no"], "source": f"{facts.purposes_source}: special_category"},
        {"criterion": w["d_crit_children"], "applies": w["yes"] + ": " + _bands(facts, w),
         "source": "MINOR_GUARDIAN_ONLY_BELOW, MINOR_JOINT_CONSENT_BELOW, ADULT_AGE"},
        {"criterion": w["d_crit_technology"], "applies": w["d_technology"].format(basis=facts.settings.training_basis),
         "source": "TRAINING_BASIS; bot/training"},
        {"criterion": w["d_crit_scale"], "applies": w["todo_value"], "source": w["src_controller"]},
    ]
    return rows


def _components(facts: Facts, w: Words) -> list[Item]:
    s = facts.settings
    rows = [item(w["d_c_widget"].format(origins=", ".join(s.widget_origins)), "WIDGET_ORIGINS, PUBLIC_URL"),
            item(w["d_c_database"].format(kind=s.database_url.split(":", 1)[0].split("+")[0]),
                 "DATABASE_URL (scheme only)"),
            item(w["d_c_redis_on" if s.redis_url else "d_c_redis_off"], "REDIS_URL")]
    rows.append(item(w["d_c_mail_on" if s.smtp_url is not None else "d_c_mail_off"], "SMTP_URL"))
    rows.append(item(w["d_c_telegram_on" if s.telegram_token is not None else "d_c_telegram_off"], "TELEGRAM_TOKEN"))
    rows.append(item(w["d_c_handoff"].format(hours=s.handoff_hours or w["d_always"]), "HANDOFF_HOURS"))
    rows.append(item(w["d_c_webhook_on" if s.case_webhook_url else "d_c_webhook_off"], "CASE_WEBHOOK_URL"))
    rows.append(item(w["d_c_console"], "bot/web/console/"))
    return rows


def _flow(facts: Facts, w: Words) -> list[str]:
    s = facts.settings
    lines = ["[" + w["d_f_person"] + "] → [" + w["d_f_widget"] + "] → [Rasa] → [" + w["d_f_actions"] + "] → ["
             + w["d_f_db"] + (" + Redis" if s.redis_url else "") + "]"]
    if s.telegram_token is not None:
        lines.append("[" + w["d_f_guardian"] + "] → [Telegram] → [" + w["d_f_guardian_bot"] + "] → [" + w["d_f_db"]
                     + "]")
    lines.append("[Vern] → [" + (w["d_f_smtp"] if s.smtp_url is not None else w["d_f_outbox"]) + "] → ["
                 + w["d_f_person"] + "]")
    if s.case_webhook_url:
        lines.append("[Vern] → [" + w["d_f_case_system"] + "]")
    lines.append("[" + w["d_f_caseworker"] + "] → [/console] → [" + w["d_f_db"] + "]")
    lines.append("[" + w["d_f_db"] + "] → [" + w["d_f_backups"] + "]")
    return ["```", *lines, "```"]


def _parties(facts: Facts, w: Words) -> list[dict[str, str]]:
    used = [e for e in facts.subprocessors if set(e.covers) & set(facts.in_use)]
    return [
        {"role": w["controller"], "name": facts.knowledge["controller_name"], "number": "1",
         "source": f"{facts.knowledge_source}: controller.name"},
        {"role": w["d_processor"], "name": w["todo_value"], "number": w["todo_value"], "source": w["src_controller"]},
        {"role": w["d_subprocessors"], "name": "; ".join(e.name for e in used), "number": str(len(used)),
         "source": f"{facts.subprocessors_source} (covers ∩ {w['d_in_use']})"},
        {"role": w["d_subjects"], "name": "; ".join(w["subjects_" + c] for c in CATEGORIES if c != "staff"),
         "number": w["todo_value"], "source": "bot/compliance/subjects.py"},
        {"role": w["d_users"], "name": w["subjects_staff"], "number": w["todo_value"],
         "source": "bot/console/accounts.py: ROLES"},
    ]


def _special(facts: Facts, w: Words) -> list[Item]:
    rows = [item(w["d_special_purpose"].format(id=p.id, basis=p.legal_basis,
                                               age=p.guardian_required_until or facts.settings.age_bands.adult_from),
                 f"{facts.purposes_source}: {p.id}.special_category, .legal_basis, .guardian_required_until")
            for p in sorted(facts.purposes.values(), key=lambda p: p.id) if p.special_category]
    mask = _rule(facts, "mask-bot-chats")
    kinds = ", ".join(category for category, _ in mask.replacements) if mask is not None else "—"
    rows.append(item(w["d_special_free_text"].format(kinds=kinds),
                     f"{facts.policy_source}: mask-bot-chats.replacements"))
    return rows


def _risks(facts: Facts, w: Words) -> list[dict[str, Any]]:
    s, m = facts.settings, facts.measured
    kept = _rule(facts, "delete-masked-bot-chats")
    used = [e for e in facts.subprocessors if set(e.covers) & set(facts.in_use)]
    outside = [e.id for e in used if e.outside_eea]
    unknown = [e.id for e in used if e.outside_eea is None]
    risks: dict[str, list[Item]] = {
        "console": [_measure(facts, w, "accounts.py"), _measure(facts, w, "sessions.py"),
                    _measure(facts, w, "CONSOLE_ALLOWED_NETWORKS"), _measure(facts, w, "CONSOLE_ALERT"),
                    _measure(facts, w, "delete-console-access-log")],
        "masking": [_measure(facts, w, "mask-bot-chats"),
                    _figure(m.masking_recall, w["d_e_recall"], w, "masking"),
                    _figure(m.masking_precision, w["d_e_precision"], w, "masking precision"),
                    _figure(m.prose_name_recall, w["d_e_prose"], w, "names in prose"),
                    item(w["d_e_kept"].format(period=duration(kept.after, w)) if kept is not None else w["todo_value"],
                         f"{facts.policy_source}: delete-masked-bot-chats"
                         + (", MASKED_CHAT_RETENTION_DAYS" if s.retention.masked_chat_days is not None else "")),
                    _special(facts, w)[-1]],
        "retention": [item(w["d_e_rules"].format(count=len(facts.policy.rules)), facts.policy_source),
                      _figure(m.sweep_capacity, w["d_e_sweep"], w, "sweep"),
                      item(w["d_e_status"], "bot/retention/status.py (vern retention status)")],
        "erasure": [_measure(facts, w, "BACKUP_RETENTION_DAYS"), _measure(facts, w, "TRAINING_FORGET_DAYS"),
                    item(w["d_e_journal"], "bot/inventory/stores.py: erasure_journal, training_forget")],
        "children": [item(_bands(facts, w), "MINOR_GUARDIAN_ONLY_BELOW, MINOR_JOINT_CONSENT_BELOW, ADULT_AGE"),
                     item(w["d_e_guardian_link"], "bot/inventory/stores.py: guardian_invitations, chat_addresses")],
        "identity": [item(w["d_e_code"], "bot/verification; bot/inventory/stores.py: verification_keys"),
                     item(w["d_e_code_limits"], "bot/inventory/stores.py: client_windows, address_windows"),
                     _measure(facts, w, "ContactCipher")],
        "transfer": [item(w["d_e_subprocessors"].format(count=len(used), names=", ".join(e.id for e in used)),
                          facts.subprocessors_source),
                     item(w["d_e_outside"].format(ids=", ".join(outside) or "—", unknown=", ".join(unknown) or "—"),
                          f"{facts.subprocessors_source}: location")],
        "memorisation": [_measure(facts, w, "TRAINING_K"),
                         _figure(m.memorised_canaries, w["d_e_canaries"], w, "memorisation"),
                         item(w["d_e_training_basis"].format(basis=s.training_basis), "TRAINING_BASIS")],
        "loss": [_measure(facts, w, "BACKUP_RETENTION_DAYS"),
                 item(w["d_e_restore"], "bot/backup/service.py, bot/backup/replay.py")],
        "tamper": [_measure(facts, w, "AUDIT_SIGNING_KEY"),
                   _breach_register(w)],
    }
    return [{"id": f"R{index}", "key": key, "title": w[f"d_r_{key}"], "threat": w[f"d_t_{key}"], "evidence": evidence}
            for index, (key, evidence) in enumerate(risks.items(), start=1)]


def _risk_sections(risks: list[dict[str, Any]], w: Words) -> list[dict[str, Any]]:
    return [{"id": f"risk_{r['key']}", "title": f"{r['id']}: {r['title']}",
             "paragraphs": [f"**{w['d_threat']}:** {r['threat']}", f"**{w['d_measures_evidence']}:**"],
             "rows": r["evidence"], "sections": [],
             "after": f"**{w['col_residual']}:** TODO"} for r in risks]


def _legal(facts: Facts, w: Words) -> list[dict[str, str]]:
    rows = []
    for rule in sorted({(r.purpose, r.legal_basis) for r in facts.policy.rules}):
        rows.append({"purpose": rule[0], "legal_basis": rule[1], "source": f"{facts.policy_source}: legal_basis"})
    for p in sorted(facts.purposes.values(), key=lambda p: p.id):
        rows.append({"purpose": p.id, "legal_basis": p.legal_basis, "source": f"{facts.purposes_source}: {p.id}"})
    rows.append({"purpose": w["d_national_law"], "legal_basis": w["todo_value"], "source": w["src_controller"]})
    return rows


def _rights(w: Words) -> list[Item]:
    return [item(w["d_rights"].format(types=", ".join(t.value for t in RequestType)),
                 "bot/cases/request_types.py; bot/cases/deadlines.py")]


def _principles(facts: Facts, w: Words) -> list[dict[str, str]]:
    s = facts.settings
    return [
        {"principle": w["d_p_lawful"], "text": w["d_p_lawful_how"].format(url=facts.knowledge["privacy_url"]),
         "source": f"{facts.knowledge_source}: controller.privacy_url, answers.human"},
        {"principle": w["d_p_purpose"], "text": w["d_p_purpose_how"],
         "source": f"{facts.policy_source}: purpose; {facts.purposes_source}"},
        {"principle": w["d_p_minimisation"], "text": _measure(facts, w, "mask-bot-chats")["text"],
         "source": _measure(facts, w, "mask-bot-chats")["source"]},
        {"principle": w["d_p_accuracy"], "text": w["d_p_accuracy_how"], "source": "bot/cases/request_types.py"},
        {"principle": w["d_p_storage"], "text": w["d_e_rules"].format(count=len(facts.policy.rules)),
         "source": facts.policy_source},
        {"principle": w["d_p_integrity"], "text": w["d_p_integrity_how"], "source": w["d_see_measures"]},
        {"principle": w["d_p_accountability"], "text": w["d_p_accountability_how"].format(
            key=w["key_own"] if s.audit_signing_key is not None else w["key_derived"]),
         "source": "AUDIT_SIGNING_KEY; bot/audit"},
    ]


def _organisational(w: Words) -> list[Item]:
    return [item(w["d_o_agreements"], w["src_controller"]), item(w["d_o_training"], w["src_controller"]),
            item(w["d_o_incidents"], w["src_controller"] + "; ../shared/sources/000 §9, 003"),
            item(w["d_o_review"], w["src_controller"])]


def _dpia_todos(facts: Facts, risks: list[dict[str, Any]], w: Words) -> list[Item]:
    out = [item(w["d_todo_ratings"].format(ids=", ".join(r["id"] for r in risks)), w["d_sec_risks"]),
           item(w["d_todo_numbers"], w["d_sec_parties"]),
           item(w["d_todo_processor"], w["d_sec_parties"]),
           item(w["d_todo_scale"], w["d_sec_required"]),
           item(w["d_todo_national_law"], w["d_sec_legal"]),
           item(w["d_todo_organisational"], w["d_sec_org"]),
           item(w["d_todo_conclusion"], w["d_sec_conclusion"]),
           item(w["d_todo_approval"], w["d_sec_approval"])]
    for figure, what in ((facts.measured.masking_recall, "masking"), (facts.measured.sweep_capacity, "sweep"),
                         (facts.measured.memorised_canaries, "memorisation")):
        if figure is None:
            out.append(item(w["d_figure_missing"].format(what=what), "docs/benchmarks.md"))
    return out + todos(facts, w)


def build_dpia(facts: Facts, lang: str) -> dict[str, Any]:
    w = words(lang)
    risks = _risks(facts, w)
    risk_table = [{"id": r["id"], "risk": r["title"], "likelihood": "TODO", "consequence": "TODO",
                   "residual": "TODO", "source": w["src_controller"]} for r in risks]
    return {
        "document": "dpia_draft",
        "legal_reference": "GDPR Art. 35",
        "language": lang,
        "generated_by": "vern compliance dpia",
        "title": w["d_title"],
        "template": "../shared/sources/002_94927b4c6272d1d0.txt (DPIA template, sections 1-9)",
        "sections": [
            {"id": "introduction", "title": w["d_sec_intro"], "paragraphs": [w["d_intro"]], "sections": [
                {"id": "required", "title": w["d_sec_required"], "rows": _criteria(facts, w)}]},
            {"id": "description", "title": w["d_sec_description"], "sections": [
                {"id": "system", "title": w["d_sec_system"], "paragraphs": [w["d_system"]],
                 "rows": _components(facts, w)},
                {"id": "parties", "title": w["d_sec_parties"], "rows": _parties(facts, w)},
                {"id": "data", "title": w["d_sec_data"], "paragraphs": [w["d_data"]], "rows": _special(facts, w)},
                {"id": "flow", "title": w["d_sec_flow"], "paragraphs": ["\n".join(_flow(facts, w))]}]},
            {"id": "risks", "title": w["d_sec_risks"], "paragraphs": [w["d_risks_note"]], "rows": risk_table,
             "sections": _risk_sections(risks, w)},
            {"id": "legal", "title": w["d_sec_legal"], "rows": _legal(facts, w), "sections": [
                {"id": "rights", "title": w["d_sec_rights"], "rows": _rights(w)}]},
            {"id": "principles", "title": w["d_sec_principles"], "rows": _principles(facts, w)},
            {"id": "measures", "title": w["d_sec_measures"], "sections": [
                {"id": "technical", "title": w["d_sec_technical"], "rows": measures(facts, w)},
                {"id": "organisational", "title": w["d_sec_org"], "rows": _organisational(w)}]},
            {"id": "conclusion", "title": w["d_sec_conclusion"], "paragraphs": [w["d_conclusion"]]},
            {"id": "approval", "title": w["d_sec_approval"], "paragraphs": [w["d_approval"]]},
            {"id": "annexes", "title": w["d_sec_annexes"], "paragraphs": [w["d_annexes"].format(lang=lang)]},
            {"id": "todo", "title": w["sec_todo"], "note": w["note_todo"], "rows": _dpia_todos(facts, risks, w)},
        ],
    }
