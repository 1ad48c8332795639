"""Fulfilment of what Vern holds: an export behind a single-use link, and erasure everywhere."""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from pathlib import Path

from bot.cases.keys import subject_key
from bot.i18n import translate
from tests.e2e.test_requests import REFERENCE, code_for, mails_to, new_address, new_chat
from tests.support.stack import VernStack, http
from tests.support.stored import everything_stored

LINK = re.compile(r"http://\S+/download/[A-Za-z0-9_\-]+")


def request_and_verify(stack: VernStack, chat: str, ask: str, answers: tuple[str, ...], address: str) -> str:
    stack.texts(chat, ask)
    for answer in answers:
        stack.texts(chat, answer)
    stack.texts(chat, address)
    return stack.texts(chat, code_for(stack, address))


def test_access_sends_a_single_use_link_to_an_export_of_what_vern_holds(stack: VernStack) -> None:
    chat, address = new_chat(), new_address()
    done = request_and_verify(stack, chat, "hva vet dere om meg?", ("alt",), address)
    assert translate("export_link_sent", "nb") in done
    reference = REFERENCE.search(done)
    assert reference
    links = [LINK.search(body) for body in mails_to(stack, address)]
    link = next(found.group(0) for found in links if found)

    # A mail scanner's GET shows a button, and does not use the link up.
    for _ in range(2):
        looked = http("GET", link)
        assert looked.status == 200 and b"PK" not in looked.raw[:2] and "Last ned" in looked.raw.decode()
        assert address not in looked.raw.decode()
    first = http("POST", link)
    assert first.status == 200
    archive = zipfile.ZipFile(io.BytesIO(first.raw))
    data = json.loads(archive.read("data.json"))
    assert data["email"] == address
    assert [case["reference"] for case in data["cases"]] == [reference.group(0)]
    said = [m["text"] for c in data["conversations"] for m in c["messages"] if m["from"] == "you"]
    assert "hva vet dere om meg?" in said
    assert "README.txt" in archive.namelist()

    again = http("POST", link)
    assert again.status == 404 and "én gang" in again.raw.decode()


def test_erasure_deletes_every_chat_and_record_of_the_person_at_once(stack: VernStack) -> None:
    address = new_address()
    marker = f"marker{uuid.uuid4().hex[:8]}"
    exports = Path(stack.var_dir) / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    waiting_before = set(exports.iterdir())
    earlier = new_chat()
    # A greeting carries the marker: "jeg lurer på en ting om <marker>" was read as objecting one time in twelve,
    # depending on the marker's letters, and the request that followed went into that form instead.
    stack.texts(earlier, f"hei! {marker}")
    request_and_verify(stack, earlier, "hva vet dere om meg?", ("alt",), address)
    assert marker in everything_stored() and address.split("@")[0] in everything_stored()

    theirs = set(exports.iterdir()) - waiting_before
    assert theirs, "the access request left an export waiting for download"

    chat = new_chat()
    # Its own marker: the session's stack keeps other tests' chats, some with the same request in them.
    this_chat = f"marker{uuid.uuid4().hex[:8]}"
    stack.texts(chat, f"hei! {this_chat}")
    preview = request_and_verify(stack, chat, "Jeg vil at dere sletter alt dere har om meg", (), address)
    assert "samtaler med Vern (også denne): 2" in preview, preview
    assert "Åpne saker som blir stående til en saksbehandler har svart deg: 1" in preview, \
        "the unanswered access request stays"
    assert marker in everything_stored(), "nothing is erased before the person confirms"
    done = stack.texts(chat, "/confirm_erasure")
    assert translate("subject_erased", "nb") in done
    stored = everything_stored()
    assert marker not in stored, "the earlier chat is gone"
    assert address.split("@")[0] not in stored, "the address is gone"
    assert this_chat not in stored, "the chat the request was made in is gone"
    reference = REFERENCE.search(preview)
    assert reference and reference.group(0) in stored, "the erasure case stays, scrubbed"
    assert not any(path.exists() for path in theirs), "the waiting export is deleted"
    logs = "\n".join(log.read_text(errors="replace") for log in Path(stack.var_dir).glob("*.log"))
    assert marker not in logs and address not in logs
    # Journaled outside the database, so a restored backup cannot bring the person back (bot.backup).
    journal = (Path(stack.var_dir) / "erasure-journal.jsonl").read_text()
    assert subject_key(stack.secret("SECRET_KEY").encode(), address) in journal and address not in journal
