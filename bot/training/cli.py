"""`vern training export | merge`: the admin's loop from masked chats to reviewed training data."""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import PROJECT_ROOT, Settings, export_environment, settings_or_exit
from bot.keys import KeyRing, Purpose

if TYPE_CHECKING:
    from bot.training.forget import ForgetList


def _progress(stage: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r{stage:<8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-10-01, got {text!r}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from bot import pii
    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.db.migrate import upgrade
    from bot.fulfilment.restrictions import RestrictionRegister
    from bot.rasa_adapter.model import model_path, rasa_environment
    from bot.retention.chat_stores import build_chat_stores
    from bot.training.export import collect, write_export
    from bot.training.lineage import source_id
    from bot.training.lines import LineReport
    from bot.training.predict import predict_intents
    from bot.training.sources import TRAINING_PURPOSE, usable_chats
    from bot.wiring import build

    settings = settings_or_exit()
    engine = get_engine(settings.database_url)
    upgrade(engine)
    now = utc_now()
    until = args.until + timedelta(days=1) if args.until else now
    consents = build(settings).consent
    if settings.training_basis == "consent":
        active = consents.active_conversation_keys(TRAINING_PURPOSE)

        def consent_allows(conversation_id: str) -> bool:
            return consents.conversation_key(conversation_id) in active
    else:
        # Not the legal basis here, but a "no" the person said to training is still honoured.
        refused = consents.conversation_keys(TRAINING_PURPOSE, ("withdrawn", "refused"))

        def consent_allows(conversation_id: str) -> bool:
            return consents.conversation_key(conversation_id) not in refused

    chats, sources = usable_chats(engine, args.since, until, RestrictionRegister(engine, utc_now)
                                  .restricted_conversations(), consent_allows, settings.default_language,
                                  consent_required=settings.training_basis == "consent")
    report = LineReport()
    k = args.k or settings.training_k
    if k < 2:
        print("--k must be at least 2: a token from one chat identifies it", file=sys.stderr)
        return 2
    lines = collect(chats, build_chat_stores(settings, engine), pii.detect, args.data, k, report,
                    None if args.quiet else _progress, settings.age_bands)
    model = args.model or model_path(settings)
    if not model.exists():
        print(f"No trained model at {model}: run `make model` first.", file=sys.stderr)
        return 2
    def predicted(done: int, total: int) -> None:
        _progress("predict", done, total)

    # Rasa loads in this process and reads its switches (no telemetry, quiet TensorFlow) from the environment.
    export_environment(rasa_environment(), overwrite=False)
    predictions = predict_intents(model, [line.text for line in lines], None if args.quiet else predicted)
    legal_basis = "gdpr:art-6-1-a" if settings.training_basis == "consent" else settings.training_legal_basis
    out = args.out or settings.var_dir / "training"
    secret = KeyRing.from_settings(settings).key(Purpose.TRAINING_LINEAGE)
    result = write_export(out, lines, predictions, sources, report, since=args.since, until=until,
                          basis=settings.training_basis, legal_basis=legal_basis, now=now,
                          pseudonym=lambda chat: source_id(secret, chat))
    counts = result.tag["counts"]
    print(f"{result.lines} lines from {counts['chats_used']} of {counts['masked_chats']} masked chats "
          f"({counts['excluded_restricted']} restricted, {counts['excluded_by_consent']} by consent "
          f"excluded; {counts['dropped_residual_pii']} lines dropped for personal data; k reached "
          f"{result.tag['k_reached']}).")
    print(f"Review: {result.review_file}\nPurpose tag: {result.purpose_file}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from bot.training.merge import ReviewError, merge

    try:
        report = merge(args.review, args.data, args.domain)
    except ReviewError as error:
        print(f"Not merged: {error}", file=sys.stderr)
        return 2
    print(f"Merged {report.added} lines into {args.data / 'nlu' / 'reviewed.yml'} "
          f"({report.dropped} dropped, {report.already_known} already in the training data).")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from bot import pii
    from bot.rasa_adapter.model import training_fingerprint
    from bot.training.evaluate import (
        HELDOUT_FILE,
        EvaluationError,
        PromotionRefused,
        compare,
        current_model,
        predictions,
        promote,
        score,
        train_candidate,
        write_report,
    )
    from bot.training.model_card import new_card, write_card
    from bot.training.model_check import check_model

    settings = settings_or_exit()
    project_inputs = (args.data.resolve() == (PROJECT_ROOT / "data").resolve()
                      and args.config.resolve() == (PROJECT_ROOT / "config.yml").resolve())
    # Only a candidate of the project's own data may take the serving model's name.
    name = f"vern-{training_fingerprint(PROJECT_ROOT)}" if project_inputs else "candidate"
    out = args.out or settings.var_dir / "training" / "evaluation"
    current = current_model(settings.models_dir, name)
    if current is None:
        print("No current model to compare with: run `make model` first.", file=sys.stderr)
        return 2
    margin = settings.training_promotion_margin if args.margin is None else args.margin
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The current model's test needs nothing from the candidate, so it runs while the candidate trains.
            current_test = pool.submit(predictions, current, HELDOUT_FILE, out / "test-current")
            print("Training the candidate model (this takes a few minutes) ...", file=sys.stderr)
            candidate = train_candidate(args.data, PROJECT_ROOT / "domain.yml", args.config, out / "candidate",
                                        name)
            print("Testing both models on the held-out set ...", file=sys.stderr)
            before = score(current_test.result(), HELDOUT_FILE)
            after = score(predictions(candidate, HELDOUT_FILE, out / "test-candidate"), HELDOUT_FILE)
    except EvaluationError as error:
        print(f"Evaluation failed: {error}", file=sys.stderr)
        return 2
    comparison = compare(before, after, margin)
    report, figures, picture = write_report(comparison, out)
    print(report.read_text(encoding="utf-8"))
    print(f"Report: {report}\nChart: {picture}")
    vocabulary = check_model(candidate, args.data, pii.detect, settings.training_k)
    print(vocabulary.summary())
    card = new_card(args.data, settings.training_legal_basis, settings.retention_policy_file,
                    settings.consent_purposes_file)
    card["evaluation"] = json.loads(figures.read_text(encoding="utf-8"))
    card["vocabulary_check"] = {"acceptable": vocabulary.acceptable, "entries": vocabulary.entries_checked,
                                "refused": len(vocabulary.refused), "to_review": len(vocabulary.review)}
    write_card(candidate, card)
    if not comparison.promotable or not vocabulary.acceptable:
        return 1
    if args.promote:
        if not project_inputs:
            print("Not promoted: only a candidate trained on the project's data and config can be.", file=sys.stderr)
            return 1
        try:
            print(f"Promoted: {promote(candidate, settings.models_dir, set(_forget_list(settings).entries()))}")
        except PromotionRefused as error:
            print(f"Not promoted: {error}", file=sys.stderr)
            return 1
    return 0


def _forget_list(settings: Settings) -> ForgetList:
    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.db.migrate import upgrade
    from bot.training.forget import ForgetList

    engine = get_engine(settings.database_url)
    upgrade(engine)
    return ForgetList(engine, KeyRing.from_settings(settings).key(Purpose.TRAINING_LINEAGE), utc_now)


def cmd_check(args: argparse.Namespace) -> int:
    from bot import pii
    from bot.rasa_adapter.model import model_path
    from bot.training.model_check import check_model

    settings = settings_or_exit()
    model = args.model or model_path(settings)
    if not model.exists():
        print(f"No trained model at {model}: run `make model` first.", file=sys.stderr)
        return 2
    report = check_model(model, args.data, pii.detect, args.k or settings.training_k)
    print(report.summary())
    return 0 if report.acceptable else 1


def cmd_forget(args: argparse.Namespace) -> int:
    from bot.training.flags import refresh_forget_list
    from bot.training.forget import forget_lines

    settings = settings_or_exit()
    forget = _forget_list(settings)
    added = refresh_forget_list(settings, forget)
    result = forget_lines(args.data, set(forget.entries()))
    print(f"{added} chats added to the forget list; {result.lines_removed} training lines removed, "
          f"{result.lines_kept} kept.")
    return cmd_status(args)


def cmd_status(args: argparse.Namespace) -> int:
    from bot.clock import utc_now
    from bot.training.forget import model_statuses

    settings = settings_or_exit()
    forgotten = _forget_list(settings).entries()
    now = utc_now()
    statuses = model_statuses(settings.models_dir, forgotten, settings.training_forget_days)
    print(f"Forget list: {len(forgotten)} chats. Models: {len(statuses)}.")
    overdue = False
    for status in statuses:
        if status.flagged:
            left = status.days_left(now)
            overdue = overdue or (left is not None and left < 0)
            print(f"  FLAGGED {status.model.name}: trained on {status.forgotten_sources} forgotten chats; "
                  f"retrain and promote a replacement within {left} days")
        else:
            print(f"  ok      {status.model.name}")
    return 1 if overdue else 0


def add_training_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    training = sub.add_parser("training", help="retrain the assistant on masked chats")
    actions = training.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write a review file of masked user lines")
    export.add_argument("--since", type=_date, required=True, help="first day (YYYY-MM-DD) of chats to use")
    export.add_argument("--until", type=_date, help="last day (default: today)")
    export.add_argument("--out", type=Path, help="folder for the review file (default: var/training)")
    export.add_argument("--data", type=Path, default=PROJECT_ROOT / "data")
    export.add_argument("--model", type=Path, help="the model that predicts intents (default: the current one)")
    export.add_argument("--k", type=int, help="a token must occur in at least k chats (default: TRAINING_K, 5)")
    export.add_argument("--quiet", action="store_true", help="no progress bar")
    export.set_defaults(func=cmd_export)
    merge = actions.add_parser("merge", help="add a reviewed file to data/ as NLU examples")
    merge.add_argument("review", type=Path)
    merge.add_argument("--data", type=Path, default=PROJECT_ROOT / "data")
    merge.add_argument("--domain", type=Path, default=PROJECT_ROOT / "domain.yml")
    merge.set_defaults(func=cmd_merge)
    evaluate = actions.add_parser("evaluate", help="train a candidate and compare it with the current model")
    evaluate.add_argument("--data", type=Path, default=PROJECT_ROOT / "data")
    evaluate.add_argument("--config", type=Path, default=PROJECT_ROOT / "config.yml")
    evaluate.add_argument("--margin", type=float, help="allowed drop in macro F1 (default: TRAINING_PROMOTION_MARGIN)")
    evaluate.add_argument("--out", type=Path, help="folder for the report (default: var/training/evaluation)")
    evaluate.add_argument("--promote", action="store_true", help="install the candidate if it is not worse")
    evaluate.set_defaults(func=cmd_evaluate)
    check = actions.add_parser("check", help="refuse a model whose vocabulary holds personal or rare chat tokens")
    check.add_argument("--model", type=Path, help="the model file (default: the current one)")
    check.add_argument("--data", type=Path, default=PROJECT_ROOT / "data")
    check.add_argument("--k", type=int, help="distinct chats a chat-derived word needs (default: TRAINING_K)")
    check.set_defaults(func=cmd_check)
    forget = actions.add_parser("forget", help="take forgotten chats' lines out of the training data")
    forget.add_argument("--data", type=Path, default=PROJECT_ROOT / "data")
    forget.set_defaults(func=cmd_forget)
    status = actions.add_parser("status", help="models trained on forgotten chats, and the days left to replace them")
    status.set_defaults(func=cmd_status)
