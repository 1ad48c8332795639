"""The case console as attackers and caseworkers use it, against the running web app on PostgreSQL: parallel
guesses, other people's chats, the network allow-list, unusual-access alerts."""

from __future__ import annotations

import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from bot.clock import utc_now
from bot.console.access_log import AccessLog
from tests.console.conftest import ALERT_TO, CASES_PER_HOUR, REVEALS_PER_HOUR, ConsoleWeb
from tests.console.helpers import (
    OFFICE,
    PASSWORD,
    body,
    cases,
    handoffs,
    mails_to,
    new_user,
    signed_in,
    waiting_chat,
)
from tests.support.console_client import ConsoleClient, with_time_left_in_this_step


def test_sixty_parallel_guesses_are_throttled_and_the_owner_still_gets_in(console_web: ConsoleWeb) -> None:
    user = new_user(console_web)

    def guess(_: int) -> int:
        return ConsoleClient(console_web.url, "10.66.0.1").login(user.name, "not the password!", "123456").status

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(guess, range(60)))
    assert 500 not in statuses
    # Five free guesses, then 2 s, 4 s, ...: a slow machine may let one or two more through, never sixty.
    assert 5 <= statuses.count(401) <= 8, f"{statuses.count(401)} guesses were checked"
    assert statuses.count(429) == 60 - statuses.count(401)

    # The owner, from the office, with the right password and code: in after the (capped) delay.
    owner = ConsoleClient(console_web.url, OFFICE)
    deadline = time.monotonic() + 90
    while True:
        reply = owner.login(user.name, PASSWORD, user.code())
        assert reply.status != 500, "the old uncapped delay overflowed: every login failed with HTTP 500"
        if reply.status != 429 or time.monotonic() > deadline:
            break
        wait = re.search(r"Try again in (\d+) seconds", reply.text)
        assert wait and int(wait.group(1)) <= 60, "the account's delay is capped at a minute"
        time.sleep(int(wait.group(1)))
    assert reply.status == 302 and reply.location == "/console/"


def test_a_caseworker_reads_or_ends_another_caseworkers_chat_only_after_a_logged_take_over(
    console_web: ConsoleWeb,
) -> None:
    chat_id, conversation = waiting_chat(console_web)
    kari, kari_user = signed_in(console_web)
    assert kari.call("POST", f"/console/chats/{chat_id}/take", {"csrf": kari.csrf("/console/chats")}).status == 302
    secret_words = f"mitt hemmelige ord {uuid.uuid4().hex[:6]}"
    assert handoffs(console_web).person_says(conversation, secret_words)
    assert kari.call("GET", f"/console/chats/{chat_id}/messages").status == 200

    ola, ola_user = signed_in(console_web)
    assert ola.call("GET", f"/console/chats/{chat_id}/messages").status == 403, "not Ola's chat"
    assert ola.call("GET", f"/console/chats/{chat_id}").status == 403
    assert ola.call("POST", f"/console/chats/{chat_id}/end",
                    {"csrf": ola.csrf(), "confirmed": "yes"}).status == 403, "nor Ola's to end"
    assert secret_words in kari.call("GET", f"/console/chats/{chat_id}/messages").text, "still Kari's, still there"

    admin, admin_user = signed_in(console_web, "admin")
    assert admin.call("GET", f"/console/chats/{chat_id}/messages").status == 200, "admins may read any chat"

    assert ola.call("POST", f"/console/chats/{chat_id}/take-over", {"csrf": ola.csrf()}).status == 302
    assert secret_words in ola.call("GET", f"/console/chats/{chat_id}/messages").text
    now_olas = kari.call("GET", f"/console/chats/{chat_id}/messages")
    assert now_olas.status == 403 and "taken over" in now_olas.text, "Kari's open page is told"

    log = AccessLog(console_web.engine, utc_now).recent(2000)
    reads = {(e.username, e.action, e.target) for e in log}
    target = f"handoff-{chat_id}"
    for who in (kari_user.name, admin_user.name, ola_user.name):
        assert (who, "read_chat_messages", target) in reads, f"every read is logged ({who})"
    assert (ola_user.name, "took_over_chat", target) in reads
    with console_web.engine.connect() as connection:
        logged = " ".join(str(v) for row in connection.execute(text("SELECT * FROM console_access_log"))
                          for v in row)
    assert secret_words not in logged, "who, which chat and when; never what was said"


def test_the_console_answers_only_inside_the_allowed_networks(console_web: ConsoleWeb) -> None:
    assert ConsoleClient(console_web.url, "10.2.3.4").call("GET", "/console/login").status == 200
    assert ConsoleClient(console_web.url, "192.0.2.7").call("GET", "/console/login").status == 403
    user = new_user(console_web)
    outside = ConsoleClient(console_web.url, "192.0.2.7").call("POST", "/console/login", {
        "csrf": "x", "username": user.name, "password": PASSWORD, "code": user.code()})
    assert outside.status == 403 and "allowed" in outside.text
    # A client writing its own X-Forwarded-For: the proxy appends the real address, and that one counts.
    assert ConsoleClient(console_web.url, "10.9.9.9, 192.0.2.7").call("GET", "/console/login").status == 403
    assert ConsoleClient(console_web.url, "not-an-address").call("GET", "/console/login").status == 403
    assert ConsoleClient(console_web.url).call("GET", "/health").status == 200, "only the console is fenced"


def wait_for_alert(web: ConsoleWeb, username: str, count: int = 1) -> list[str]:
    mails = [m for m in mails_to(web, ALERT_TO, at_least=count) if username in str(m["Subject"])]
    return [body(m) for m in mails]


def test_many_reveals_or_cases_in_an_hour_alert_the_admins(console_web: ConsoleWeb) -> None:
    client, user = signed_in(console_web)
    addresses = [f"person-{uuid.uuid4().hex[:8]}@example.org" for _ in range(REVEALS_PER_HOUR + 1)]
    opened = [cases(console_web).open_case("access", address, "nb", "rest", {"scope": "alt"}).case
              for address in addresses]
    csrf = client.csrf()
    for case in opened:
        assert client.call("POST", f"/console/cases/{case.reference}/reveal", {"csrf": csrf}).status == 200
    (alert,) = wait_for_alert(console_web, user.name)
    assert "revealed masked contact details" in alert
    assert not any(a in alert or c.reference in alert for a, c in zip(addresses, opened)), "no citizen's data"
    flagged = [e for e in AccessLog(console_web.engine, utc_now).recent(500, user.name) if e.flagged]
    assert [e.action for e in flagged] == ["alert:revealed_contact"]

    more = [cases(console_web).open_case("access", f"p-{uuid.uuid4().hex[:8]}@example.org", "nb", "rest",
                                         {"scope": "alt"}).case for _ in range(CASES_PER_HOUR - len(opened) + 1)]
    for case in opened + more:
        assert client.call("GET", f"/console/cases/{case.reference}").status == 200
    alerts = wait_for_alert(console_web, user.name, count=2)
    assert len(alerts) == 2 and "opened more than" in alerts[1]


def test_a_login_from_a_network_the_account_has_not_used_alerts_the_admins(console_web: ConsoleWeb) -> None:
    user = new_user(console_web)
    # Each login uses a later code (a code is accepted once, and never an earlier one after it).
    with_time_left_in_this_step()
    assert ConsoleClient(console_web.url, "10.1.1.1").login(user.name, PASSWORD, user.code(step=-1)).status == 302
    assert ConsoleClient(console_web.url, "10.1.1.77").login(user.name, PASSWORD, user.code()).status == 302
    assert not wait_for_alert(console_web, user.name), "the same /24 is the same network"
    assert ConsoleClient(console_web.url, "10.200.0.5").login(user.name, PASSWORD, user.code(step=1)).status == 302
    (alert,) = wait_for_alert(console_web, user.name)
    assert "network this account has not used before" in alert and "10.200" not in alert


def test_admins_see_which_models_hold_forgotten_chats_and_caseworkers_do_not(console_web: ConsoleWeb) -> None:
    from bot.training.forget import ForgetList
    from bot.training.lineage import source_id
    from tests.console.conftest import CONSOLE_SECRET
    from tests.training.test_forgetting import fake_model

    chat = f"erased-{uuid.uuid4().hex[:8]}"
    fake_model(console_web.models_dir, "vern-flagged", {source_id(CONSOLE_SECRET.encode(), chat)})
    ForgetList(console_web.engine, CONSOLE_SECRET.encode(), utc_now).add_chats([chat], "erasure")
    admin, _ = signed_in(console_web, "admin")
    shown = admin.call("GET", "/console/admin/training")
    assert shown.status == 200
    assert "vern-flagged.tar.gz" in shown.text and "trained on 1 forgotten chat<" in shown.text
    assert "30 days left" in shown.text
    caseworker, _ = signed_in(console_web)
    assert caseworker.call("GET", "/console/admin/training").status == 403



def test_the_case_view_says_a_guardian_made_it_for_which_child(console_web: ConsoleWeb) -> None:
    client, _ = signed_in(console_web)
    case = cases(console_web).open_case("access", f"mor-{uuid.uuid4().hex[:8]}@example.org", "nb", "rest",
                                        {"scope": "alt"}, for_child="ELEV-4711", guardian_verified="register").case
    page = client.call("GET", f"/console/cases/{case.reference}")
    assert page.status == 200 and "Made by a guardian for child" in page.text and "4711" not in page.text
    revealed = client.call("POST", f"/console/cases/{case.reference}/reveal", {"csrf": client.csrf()})
    assert revealed.status == 200 and "Made by a guardian for child ELEV-4711" in revealed.text
