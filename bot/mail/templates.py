"""The mails Vern sends, written in nb, nn, da and en.

Each function returns a finished `OutgoingMail`; nothing here sends. The
controller's name and contact come from `settings` (the process settings
when not given), because every mail must say who sends it (Art. 12(1),
13(1)(a)). Interpolated values go through `layout`, which escapes them for
the HTML part.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.config import Settings
from bot.mail import i18n
from bot.mail.errors import InvalidMail
from bot.mail.layout import Block, Facts, Footer, Highlight, Link, Paragraph, render_html, render_text
from bot.mail.message import Attachment, OutgoingMail

# The rights of Articles 15-18, 20 and 21, as the person's language names them.
REQUEST_TYPE_NAMES: dict[str, dict[str, str]] = {
    "access": {"nb": "Innsyn", "nn": "Innsyn", "da": "Indsigt", "en": "Access"},
    "rectification": {"nb": "Retting", "nn": "Retting", "da": "Berigtigelse", "en": "Rectification"},
    "erasure": {"nb": "Sletting", "nn": "Sletting", "da": "Sletning", "en": "Erasure"},
    "restriction": {
        "nb": "Begrensning av behandlingen",
        "nn": "Avgrensing av behandlinga",
        "da": "Begrænsning af behandlingen",
        "en": "Restriction of processing",
    },
    "portability": {
        "nb": "Dataportabilitet", "nn": "Dataportabilitet", "da": "Dataportabilitet", "en": "Data portability",
    },
    "objection": {
        "nb": "Protest mot behandlingen",
        "nn": "Protest mot behandlinga",
        "da": "Indsigelse mod behandlingen",
        "en": "Objection to processing",
    },
}
ARTICLES = {"access": 15, "rectification": 16, "erasure": 17, "restriction": 18, "portability": 20, "objection": 21}
LAW = {
    "nb": "personvernforordningen artikkel {article}",
    "nn": "personvernforordninga artikkel {article}",
    "da": "databeskyttelsesforordningens artikel {article}",
    "en": "Article {article} GDPR",
}
LABELS = {
    "nb": {"reference": "Saksnummer", "type": "Gjelder", "due": "Svarfrist", "new_due": "Ny svarfrist",
           "reason": "Begrunnelse"},
    "nn": {"reference": "Saksnummer", "type": "Gjeld", "due": "Svarfrist", "new_due": "Ny svarfrist",
           "reason": "Grunngjeving"},
    "da": {"reference": "Sagsnummer", "type": "Vedrører", "due": "Svarfrist", "new_due": "Ny svarfrist",
           "reason": "Begrundelse"},
    "en": {"reference": "Reference", "type": "Request", "due": "Answer due by", "new_due": "New due date",
           "reason": "Reason"},
}


def request_type_name(request_type: str, language: str) -> str:
    """"Innsyn (personvernforordningen artikkel 15)"; accepts the RequestType enum or its value."""
    key = str(getattr(request_type, "value", request_type))
    if key not in REQUEST_TYPE_NAMES:
        raise InvalidMail(f"unknown request type; expected one of {', '.join(REQUEST_TYPE_NAMES)}")
    law = LAW[language].format(article=ARTICLES[key])
    return f"{REQUEST_TYPE_NAMES[key][language]} ({law})"


def _sender(settings: Settings | None) -> Settings:
    # The controller's name and contact sign every mail; they come from the caller's settings.
    if settings is None:
        raise TypeError("a mail needs the deployment's settings (controller name and contact)")
    return settings


def _compose(
    *, to: str, kind: str, language: str, subject: str, blocks: Sequence[Block], settings: Settings | None,
    idempotency_key: str | None = None,
) -> OutgoingMail:
    sender = _sender(settings)
    who = {"controller": sender.controller_name, "contact": sender.controller_contact}
    full: list[Block] = [
        Paragraph(i18n.GREETING[language]),
        *blocks,
        Paragraph(i18n.SIGNATURE[language].format(**who)),
        Footer(i18n.FOOTER[language].format(**who)),
    ]
    return OutgoingMail(
        to=to, subject=subject, text=render_text(full), html=render_html(full, language=language, title=subject),
        language=language, kind=kind, idempotency_key=idempotency_key,
    )


def _texts(table: dict[str, dict[str, str]], language: str, settings: Settings | None, **values: str) -> dict[str, str]:
    sender = _sender(settings)
    values = {"controller": sender.controller_name, "contact": sender.controller_contact, **values}
    return {key: text.format(**values) for key, text in table[i18n.check_language(language)].items()}


_VERIFICATION_CODE = {
    "nb": {
        "subject": "Engangskoden din fra Vern",
        "intro": "Her er engangskoden du ba om for å bekrefte e-postadressen din i samtalen med Vern hos {controller}:",
        "validity": "Koden gjelder i {minutes} og kan brukes bare én gang. "
        "Skriv den inn i samtalen med Vern og ingen andre steder.",
        "never": "Vern ber deg aldri om denne koden på telefon, SMS eller e-post, og ingen fra {controller} "
        "kommer til å spørre etter den. Ikke gi den til noen.",
        "ignore": "Har du ikke bedt om en kode? Da kan du se bort fra denne e-posten. Uten koden skjer det ingenting.",
    },
    "nn": {
        "subject": "Eingongskoden din frå Vern",
        "intro": "Her er eingongskoden du bad om for å stadfeste e-postadressa di i samtalen med Vern "
        "hjå {controller}:",
        "validity": "Koden gjeld i {minutes} og kan berre brukast éin gong. "
        "Skriv han inn i samtalen med Vern og ingen andre stader.",
        "never": "Vern ber deg aldri om denne koden på telefon, SMS eller e-post, og ingen frå {controller} "
        "kjem til å spørje etter han. Ikkje gje han til nokon.",
        "ignore": "Har du ikkje bede om ein kode? Då kan du sjå bort frå denne e-posten. "
        "Utan koden skjer det ingenting.",
    },
    "da": {
        "subject": "Din engangskode fra Vern",
        "intro": "Her er den engangskode, du har bedt om for at bekræfte din e-mailadresse i samtalen med Vern "
        "hos {controller}:",
        "validity": "Koden gælder i {minutes} og kan kun bruges én gang. Skriv den kun i samtalen med Vern.",
        "never": "Vern beder dig aldrig om koden over telefonen, pr. sms eller e-mail, og ingen fra {controller} "
        "vil spørge efter den. Giv den ikke til nogen.",
        "ignore": "Har du ikke bedt om en kode? Så kan du se bort fra denne e-mail. Uden koden sker der ingenting.",
    },
    "en": {
        "subject": "Your one-time code from Vern",
        "intro": "Here is the one-time code you asked for to confirm your e-mail address in your chat with Vern "
        "at {controller}:",
        "validity": "The code is valid for {minutes} and can be used only once. "
        "Type it into your chat with Vern and nowhere else.",
        "never": "Vern will never ask you for this code by phone, text message or e-mail, and nobody from "
        "{controller} will ask for it either. Do not give it to anyone.",
        "ignore": "Did you not ask for a code? Then you can ignore this e-mail. Nothing happens without the code.",
    },
}


def verification_code(
    to: str, code: str, language: str, minutes_valid: int, *, settings: Settings | None = None
) -> OutgoingMail:
    # The code stays out of the subject: subjects show on lock screens and in notification previews.
    t = _texts(_VERIFICATION_CODE, language, settings, minutes=i18n.minutes(minutes_valid, language))
    blocks: list[Block] = [
        Paragraph(t["intro"]), Highlight(str(code)), Paragraph(t["validity"]), Paragraph(t["never"]),
        Paragraph(t["ignore"]),
    ]
    return _compose(to=to, kind="verification_code", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


# The guardian web page's code: the same mail, but the code goes into that page, not into a chat.
_GUARDIAN_PAGE_CODE = {
    "nb": {
        "intro": "Her er engangskoden du ba om for å bekrefte e-postadressen din på foresattsiden til Vern hos "
        "{controller}:",
        "validity": "Koden gjelder i {minutes} og kan brukes bare én gang. "
        "Skriv den inn på nettsiden der du ba om den, og ingen andre steder.",
    },
    "nn": {
        "intro": "Her er eingongskoden du bad om for å stadfeste e-postadressa di på sida for føresette til Vern "
        "hjå {controller}:",
        "validity": "Koden gjeld i {minutes} og kan berre brukast éin gong. "
        "Skriv han inn på nettsida der du bad om han, og ingen andre stader.",
    },
    "da": {
        "intro": "Her er den engangskode, du har bedt om for at bekræfte din e-mailadresse på Verns side for "
        "forældre og værger hos {controller}:",
        "validity": "Koden gælder i {minutes} og kan kun bruges én gang. "
        "Skriv den kun på den webside, hvor du bad om den.",
    },
    "en": {
        "intro": "Here is the one-time code you asked for to confirm your e-mail address on Vern's page for "
        "guardians at {controller}:",
        "validity": "The code is valid for {minutes} and can be used only once. "
        "Enter it on the web page where you asked for it, and nowhere else.",
    },
}


def guardian_page_code(
    to: str, code: str, language: str, minutes_valid: int, *, settings: Settings | None = None
) -> OutgoingMail:
    """The code for the guardian web page: it says to type the code there (not "in the chat with Vern")."""
    values = {"minutes": i18n.minutes(minutes_valid, language)}
    t = {**_texts(_VERIFICATION_CODE, language, settings, **values),
         **_texts(_GUARDIAN_PAGE_CODE, language, settings, **values)}
    blocks: list[Block] = [
        Paragraph(t["intro"]), Highlight(str(code)), Paragraph(t["validity"]), Paragraph(t["never"]),
        Paragraph(t["ignore"]),
    ]
    return _compose(to=to, kind="verification_code", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


_CASE_RECEIVED = {
    "nb": {
        "subject": "Vi har mottatt kravet ditt (sak {reference})",
        "intro": "{controller} har mottatt kravet ditt og registrert det som en sak.",
        "deadline": "Du skal få svar uten ugrunnet opphold og senest innen svarfristen, som er én måned etter at vi "
        "mottok kravet (personvernforordningen artikkel 12 nr. 3). Er saken særlig komplisert, eller får vi "
        "mange krav, kan fristen forlenges med inntil to måneder. Da får du beskjed om det og om grunnen "
        "innen den første måneden.",
        "quote": "Oppgi saksnummeret hvis du kontakter oss om saken.",
    },
    "nn": {
        "subject": "Vi har motteke kravet ditt (sak {reference})",
        "intro": "{controller} har motteke kravet ditt og registrert det som ei sak.",
        "deadline": "Du skal få svar utan ugrunna opphald og seinast innan svarfristen, som er ein månad etter at vi "
        "tok imot kravet (personvernforordninga artikkel 12 nr. 3). Er saka særleg innfløkt, eller får vi "
        "mange krav, kan fristen forlengjast med inntil to månader. Då får du melding om det og om grunnen "
        "innan den første månaden.",
        "quote": "Oppgje saksnummeret dersom du kontaktar oss om saka.",
    },
    "da": {
        "subject": "Vi har modtaget din anmodning (sag {reference})",
        "intro": "{controller} har modtaget din anmodning og oprettet en sag.",
        "deadline": "Du skal have svar uden unødig forsinkelse og senest ved svarfristen, som er en måned efter, at "
        "vi modtog din anmodning (databeskyttelsesforordningens artikel 12, stk. 3). Er sagen særlig "
        "kompliceret, eller modtager vi mange anmodninger, kan fristen forlænges med op til to måneder. "
        "I så fald får du besked om det og om begrundelsen inden for den første måned.",
        "quote": "Oplys sagsnummeret, hvis du kontakter os om sagen.",
    },
    "en": {
        "subject": "We have received your request (case {reference})",
        "intro": "{controller} has received your request and opened a case for it.",
        "deadline": "You will get an answer without undue delay and at the latest by the due date, one month after "
        "we received your request (Article 12(3) GDPR). If the request is particularly complex or we receive "
        "many requests, the period can be extended by up to two further months. If so, we will tell you, "
        "with the reasons, within the first month.",
        "quote": "Please quote the reference if you contact us about this case.",
    },
}


def case_received(
    to: str, reference: str, due_date: date, request_type: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    t = _texts(_CASE_RECEIVED, language, settings, reference=reference)
    labels = LABELS[language]
    facts = Facts((
        (labels["reference"], reference),
        (labels["type"], request_type_name(request_type, language)),
        (labels["due"], i18n.format_date(due_date, language)),
    ))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["deadline"]), Paragraph(t["quote"])]
    return _compose(to=to, kind="case_received", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:received")


_CASE_EXTENDED = {
    "nb": {
        "subject": "Svarfristen i saken din er forlenget (sak {reference})",
        "intro": "{controller} trenger mer tid til å svare på kravet ditt og har forlenget svarfristen.",
        "law": "Personvernforordningen artikkel 12 nr. 3 tillater å forlenge fristen med inntil to måneder når det "
        "er nødvendig fordi saken er komplisert eller vi har fått mange krav.",
        "complain": "Er du uenig i forlengelsen, kan du kontakte oss på {contact} eller klage til Datatilsynet.",
    },
    "nn": {
        "subject": "Svarfristen i saka di er forlengd (sak {reference})",
        "intro": "{controller} treng meir tid til å svare på kravet ditt og har forlengt svarfristen.",
        "law": "Personvernforordninga artikkel 12 nr. 3 opnar for å forlengje fristen med inntil to månader når det "
        "er naudsynt fordi saka er innfløkt eller vi har fått mange krav.",
        "complain": "Er du usamd i forlenginga, kan du kontakte oss på {contact} eller klage til Datatilsynet.",
    },
    "da": {
        "subject": "Svarfristen i din sag er forlænget (sag {reference})",
        "intro": "{controller} har brug for mere tid til at besvare din anmodning og har forlænget svarfristen.",
        "law": "Efter databeskyttelsesforordningens artikel 12, stk. 3, kan fristen forlænges med op til to "
        "måneder, når det er nødvendigt på grund af sagens kompleksitet eller antallet af anmodninger.",
        "complain": "Er du uenig i forlængelsen, kan du kontakte os på {contact} eller klage til Datatilsynet.",
    },
    "en": {
        "subject": "The deadline in your case has been extended (case {reference})",
        "intro": "{controller} needs more time to answer your request and has extended the deadline.",
        "law": "Article 12(3) GDPR allows the period to be extended by up to two further months where necessary, "
        "taking into account the complexity and number of requests.",
        "complain": "If you disagree with the extension, you can contact us at {contact} or complain to the data "
        "protection authority (Datatilsynet).",
    },
}


def case_extended(
    to: str, reference: str, new_due_date: date, reason: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    # Art. 12(3): the person is told of the extension "together with the reasons for the delay".
    t = _texts(_CASE_EXTENDED, language, settings, reference=reference)
    labels = LABELS[language]
    facts = Facts((
        (labels["reference"], reference),
        (labels["new_due"], i18n.format_date(new_due_date, language)),
        (labels["reason"], reason),
    ))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["law"]), Paragraph(t["complain"])]
    return _compose(to=to, kind="case_extended", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:extended:{new_due_date.isoformat()}")


_CASE_COMPLETED = {
    "nb": {
        "subject": "Saken din er avsluttet (sak {reference})",
        "intro": "{controller} har ferdigbehandlet kravet ditt, og saken er nå avsluttet.",
        "next": "Er du ikke fornøyd med hvordan kravet ditt er behandlet, kan du kontakte oss på {contact}. "
        "Du har også rett til å klage til Datatilsynet (personvernforordningen artikkel 77).",
    },
    "nn": {
        "subject": "Saka di er avslutta (sak {reference})",
        "intro": "{controller} har ferdigbehandla kravet ditt, og saka er no avslutta.",
        "next": "Er du ikkje nøgd med korleis kravet ditt er behandla, kan du kontakte oss på {contact}. "
        "Du har også rett til å klage til Datatilsynet (personvernforordninga artikkel 77).",
    },
    "da": {
        "subject": "Din sag er afsluttet (sag {reference})",
        "intro": "{controller} har færdigbehandlet din anmodning, og sagen er nu afsluttet.",
        "next": "Er du ikke tilfreds med behandlingen af din anmodning, kan du kontakte os på {contact}. "
        "Du har også ret til at klage til Datatilsynet (databeskyttelsesforordningens artikel 77).",
    },
    "en": {
        "subject": "Your case has been closed (case {reference})",
        "intro": "{controller} has finished handling your request, and the case is now closed.",
        "next": "If you are not satisfied with how your request was handled, you can contact us at {contact}. "
        "You also have the right to complain to the data protection authority, Datatilsynet (Article 77 GDPR).",
    },
}


def case_completed(to: str, reference: str, language: str, *, settings: Settings | None = None) -> OutgoingMail:
    t = _texts(_CASE_COMPLETED, language, settings, reference=reference)
    facts = Facts(((LABELS[language]["reference"], reference),))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["next"])]
    return _compose(to=to, kind="case_completed", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:completed")


_DOWNLOAD_LINK = {
    "nb": {
        "subject": "Opplysningene dine er klare til nedlasting",
        "intro": "Opplysningene du har bedt {controller} om, er klare. Du kan laste dem ned her:",
        "expiry": "Lenken virker til {expires}. Etter det må du be Vern om en ny.",
        "personal": "Lenken er personlig: Alle som har den, kan laste ned opplysningene. "
        "Ikke del den, og ikke videresend denne e-posten.",
        "ignore": "Har du ikke bedt om dette, kan du se bort fra e-posten og gi oss beskjed på {contact}.",
    },
    "nn": {
        "subject": "Opplysningane dine er klare til nedlasting",
        "intro": "Opplysningane du har bede {controller} om, er klare. Du kan laste dei ned her:",
        "expiry": "Lenkja verkar fram til {expires}. Etter det må du be Vern om ei ny.",
        "personal": "Lenkja er personleg: Alle som har ho, kan laste ned opplysningane. "
        "Ikkje del ho, og ikkje send denne e-posten vidare.",
        "ignore": "Har du ikkje bede om dette, kan du sjå bort frå e-posten og gje oss melding på {contact}.",
    },
    "da": {
        "subject": "Dine oplysninger er klar til download",
        "intro": "De oplysninger, du har bedt {controller} om, er klar. Du kan downloade dem her:",
        "expiry": "Linket virker indtil {expires}. Derefter skal du bede Vern om et nyt.",
        "personal": "Linket er personligt: Alle, der har det, kan downloade oplysningerne. "
        "Del det ikke, og videresend ikke denne e-mail.",
        "ignore": "Har du ikke bedt om dette, kan du se bort fra denne e-mail og give os besked på {contact}.",
    },
    "en": {
        "subject": "Your data is ready to download",
        "intro": "The data you asked {controller} for is ready. You can download it here:",
        "expiry": "The link works until {expires}. After that, ask Vern for a new one.",
        "personal": "The link is personal: anyone who has it can download your data. "
        "Do not share it or forward this e-mail.",
        "ignore": "If you did not ask for this, you can ignore this e-mail and let us know at {contact}.",
    },
}


def download_link(
    to: str, url: str, expires_at: datetime, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    parts = urlsplit(url)
    # Only web links: a javascript: or data: "link" in a mail is an attack, not a download.
    if parts.scheme not in ("https", "http") or not parts.netloc or any(ch.isspace() for ch in url):
        raise InvalidMail("a download link must be an http(s) URL without spaces")
    t = _texts(_DOWNLOAD_LINK, language, settings, expires=i18n.format_moment(expires_at, language))
    blocks: list[Block] = [
        Paragraph(t["intro"]), Link(url), Paragraph(t["expiry"]), Paragraph(t["personal"]), Paragraph(t["ignore"]),
    ]
    return _compose(to=to, kind="download_link", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


_EXPORT_READY = {
    "nb": {
        "subject": "Dataene dine er klare til nedlasting (sak {reference})",
        "intro": "Her er en kopi av alt Vern har lagret om deg, som du ba om. Filen er en zip med JSON og CSV "
        "og en README som forklarer hvert felt.",
        "link": "Last ned filen",
        "once": "Lenken virker én gang og utløper {expires}. Etterpå slettes filen.",
        "other": "Opplysninger i {controller}s andre systemer besvares i saken din innen fristen.",
    },
    "nn": {
        "subject": "Dataa dine er klare til nedlasting (sak {reference})",
        "intro": "Her er ein kopi av alt Vern har lagra om deg, som du bad om. Fila er ein zip med JSON og CSV "
        "og ein README som forklarer kvart felt.",
        "link": "Last ned fila",
        "once": "Lenkja verkar éin gong og går ut {expires}. Etterpå blir fila sletta.",
        "other": "Opplysningar i dei andre systema til {controller} blir svara på i saka di innan fristen.",
    },
    "da": {
        "subject": "Dine data er klar til download (sag {reference})",
        "intro": "Her er en kopi af alt, hvad Vern har gemt om dig, som du bad om. Filen er en zip med JSON og CSV "
        "og en README, der forklarer hvert felt.",
        "link": "Download filen",
        "once": "Linket virker én gang og udløber {expires}. Derefter slettes filen.",
        "other": "Oplysninger i {controller}s andre systemer besvares i din sag inden fristen.",
    },
    "en": {
        "subject": "Your data is ready to download (case {reference})",
        "intro": "Here is a copy of everything Vern holds about you, as you asked. The file is a zip with JSON and "
        "CSV and a README that explains every field.",
        "link": "Download the file",
        "once": "The link works once and expires {expires}. The file is deleted afterwards.",
        "other": "Data in {controller}'s other systems is answered in your case within the deadline.",
    },
}


def export_ready(
    to: str, reference: str, url: str, expires_at: datetime, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    t = _texts(_EXPORT_READY, language, settings, reference=reference,
               expires=i18n.format_moment(expires_at, language))
    blocks: list[Block] = [Paragraph(t["intro"]), Paragraph(t["link"] + ":"), Link(url), Paragraph(t["once"]),
                           Paragraph(t["other"])]
    return _compose(to=to, kind="export_ready", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings, idempotency_key=f"case:{reference}:export")


_CONSENT_RECEIPT = {
    "nb": {
        "subject": "Kvittering for samtykket ditt: {title}",
        "intro": "Her er kvitteringen for samtykket ditt hos {controller}. Hele kvitteringen ligger ved som en "
        "JSON-fil (ISO/IEC TS 27560).",
        "withdraw": "Du kan trekke samtykket tilbake når som helst ved å skrive «trekk tilbake samtykke» til Vern. "
        "Det gjelder straks.",
        "record": "Samtykke-ID", "purpose": "Formål", "status": "Status", "given": "Registrert",
        "by": "Samtykket av", "verified": "Foresatt sjekket",
    },
    "nn": {
        "subject": "Kvittering for samtykket ditt: {title}",
        "intro": "Her er kvitteringa for samtykket ditt hjå {controller}. Heile kvitteringa ligg ved som ei "
        "JSON-fil (ISO/IEC TS 27560).",
        "withdraw": "Du kan trekkje samtykket tilbake når som helst ved å skrive «trekk tilbake samtykke» til Vern. "
        "Det gjeld straks.",
        "record": "Samtykke-ID", "purpose": "Føremål", "status": "Status", "given": "Registrert",
        "by": "Samtykt av", "verified": "Føresett sjekka",
    },
    "da": {
        "subject": "Kvittering for dit samtykke: {title}",
        "intro": "Her er kvitteringen for dit samtykke hos {controller}. Hele kvitteringen er vedhæftet som en "
        "JSON-fil (ISO/IEC TS 27560).",
        "withdraw": "Du kan trække samtykket tilbage når som helst ved at skrive »træk samtykke tilbage« til Vern. "
        "Det gælder med det samme.",
        "record": "Samtykke-ID", "purpose": "Formål", "status": "Status", "given": "Registreret",
        "by": "Samtykke givet af", "verified": "Forælder tjekket",
    },
    "en": {
        "subject": "Receipt for your consent: {title}",
        "intro": "Here is the receipt for your consent at {controller}. The full receipt is attached as a JSON "
        "file (ISO/IEC TS 27560).",
        "withdraw": "You can withdraw the consent at any time by writing \"withdraw my consent\" to Vern. It takes "
        "effect at once.",
        "record": "Consent ID", "purpose": "Purpose", "status": "Status", "given": "Recorded",
        "by": "Consented by", "verified": "Guardian checked",
    },
}
# Who consented (the receipt's `consented_by`) and how the guardian was checked, in words.
_ROLE_WORDS = {
    "nb": {"subject": "den registrerte selv", "guardian": "foresatt", "both": "den registrerte og en foresatt",
           "none": "ingen ennå"},
    "nn": {"subject": "den registrerte sjølv", "guardian": "føresett", "both": "den registrerte og ein føresett",
           "none": "ingen enno"},
    "da": {"subject": "den registrerede selv", "guardian": "forælder eller værge",
           "both": "den registrerede og en forælder eller værge", "none": "ingen endnu"},
    "en": {"subject": "the data subject", "guardian": "a guardian", "both": "the data subject and a guardian",
           "none": "nobody yet"},
}
_VERIFIED_WORDS = {
    "nb": {"register": "i registeret over foresatte", "email": "med e-postkode", "telegram": "med Telegram-konto"},
    "nn": {"register": "i registeret over føresette", "email": "med e-postkode", "telegram": "med Telegram-konto"},
    "da": {"register": "i registeret over forældre og værger", "email": "med e-mailkode",
           "telegram": "med Telegram-konto"},
    "en": {"register": "in the register of guardians", "email": "by e-mail code", "telegram": "by Telegram account"},
}


def consent_receipt(
    to: str, receipt: dict[str, Any], title: str, status: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """The consent receipt, on the person's request: a summary and the JSON record attached."""
    t = _texts(_CONSENT_RECEIPT, language, settings, title=title)
    record_id = str(receipt["record_id"])
    rows = [(t["record"], record_id), (t["purpose"], title), (t["status"], status),
            (t["given"], str(receipt["timestamp"]))]
    lang = i18n.check_language(language)
    if receipt.get("consented_by"):
        rows.append((t["by"], _ROLE_WORDS[lang].get(str(receipt["consented_by"]), str(receipt["consented_by"]))))
    if receipt.get("guardian_verified"):
        verified = str(receipt["guardian_verified"])
        rows.append((t["verified"], _VERIFIED_WORDS[lang].get(verified, verified)))
    facts = Facts(tuple(rows))
    blocks: list[Block] = [Paragraph(t["intro"]), facts, Paragraph(t["withdraw"])]
    mail = _compose(to=to, kind="consent_receipt", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)
    data = json.dumps(receipt, ensure_ascii=False, indent=2).encode("utf-8")
    return dataclasses.replace(mail, attachments=(Attachment(f"consent-{record_id}.json", "application/json", data),))


_GUARDIAN_INFORMED = {
    "nb": {
        "subject": "Til informasjon: et samtykke fra barnet ditt",
        "intro": "Barnet ditt har gitt {controller} dette samtykket i samtalen med Vern, og ba Vern si fra til deg. "
        "Når barnet er 16 eller 17 år, bestemmer barnet selv, og en forelder eller verge skal få beskjed.",
        "ack": "Du kan bekrefte at du har fått beskjed her: {link}",
        "child": "Barnet kan trekke samtykket tilbake når som helst. Spørsmål? Skriv til {contact}.",
    },
    "nn": {
        "subject": "Til informasjon: eit samtykke frå barnet ditt",
        "intro": "Barnet ditt har gitt {controller} dette samtykket i samtalen med Vern, og bad Vern seie frå til "
        "deg. Når barnet er 16 eller 17 år, bestemmer barnet sjølv, og ein forelder eller verje skal få beskjed.",
        "ack": "Du kan stadfeste at du har fått beskjed her: {link}",
        "child": "Barnet kan trekkje samtykket tilbake når som helst. Spørsmål? Skriv til {contact}.",
    },
    "da": {
        "subject": "Til orientering: et samtykke fra dit barn",
        "intro": "Dit barn har givet {controller} dette samtykke i samtalen med Vern og bad Vern give dig besked. "
        "Når barnet er 16 eller 17 år, bestemmer barnet selv, og en forælder eller værge skal have besked.",
        "ack": "Du kan bekræfte, at du har fået besked, her: {link}",
        "child": "Barnet kan trække samtykket tilbage når som helst. Spørgsmål? Skriv til {contact}.",
    },
    "en": {
        "subject": "For your information: a consent from your child",
        "intro": "Your child has given {controller} this consent in the chat with Vern and asked Vern to tell you. "
        "At 16 or 17 the young person decides, and a parent or guardian is to be told.",
        "ack": "You can confirm that you have been told here: {link}",
        "child": "The young person can withdraw the consent at any time. Questions? Write to {contact}.",
    },
}


def guardian_informed(
    to: str, notice: str, link: str, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """16-17: Vern tells the guardian itself (the notice the young person saw, and where to acknowledge it)."""
    t = _texts(_GUARDIAN_INFORMED, language, settings, link=link)
    blocks: list[Block] = [Paragraph(t["intro"]), *[Paragraph(line) for line in notice.split("\n") if line.strip()],
                           Paragraph(t["ack"]), Paragraph(t["child"])]
    return _compose(to=to, kind="guardian_informed", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


_CHAT_COPY = {
    "nb": {
        "subject": "Kopi av samtalen din med Vern",
        "intro": "Her er kopien du ba om av samtalen din med Vern hos {controller}, slik den var da du ba om den.",
        "after": "Samtalen hos oss blir maskert som avtalt. Adressen din er ikke lagret.",
        "you": "Du", "bot": "Vern", "caseworker": "Saksbehandler",
    },
    "nn": {
        "subject": "Kopi av samtalen din med Vern",
        "intro": "Her er kopien du bad om av samtalen din med Vern hjå {controller}, slik han var då du bad om han.",
        "after": "Samtalen hjå oss blir maskert som avtalt. Adressa di er ikkje lagra.",
        "you": "Du", "bot": "Vern", "caseworker": "Sakshandsamar",
    },
    "da": {
        "subject": "Kopi af din samtale med Vern",
        "intro": "Her er den kopi, du bad om, af din samtale med Vern hos {controller}, som den var, da du bad om den.",
        "after": "Samtalen hos os maskeres som aftalt. Din adresse er ikke gemt.",
        "you": "Dig", "bot": "Vern", "caseworker": "Sagsbehandler",
    },
    "en": {
        "subject": "A copy of your chat with Vern",
        "intro": "Here is the copy you asked for of your chat with Vern at {controller}, as it was when you asked.",
        "after": "Our copy of the chat is masked as agreed. Your address has not been kept.",
        "you": "You", "bot": "Vern", "caseworker": "Caseworker",
    },
}


def chat_copy(
    to: str, lines: Sequence[tuple[str, str]], language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """The person's own copy of a chat: `lines` are (who, text) with who in you/bot/caseworker."""
    t = _texts(_CHAT_COPY, language, settings)
    transcript = Facts(tuple((t.get(who, who), text) for who, text in lines))
    blocks: list[Block] = [Paragraph(t["intro"]), transcript, Paragraph(t["after"])]
    return _compose(to=to, kind="chat_copy", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)


# A 16-17-year-old is told that a guardian acted for them (bot.guardians.young_notice): short, plain words.
_YOUNG_WHAT = {
    "nb": {"access": "å få se opplysningene vi har om deg", "erasure": "å slette opplysningene vi har om deg",
           "consents": "å se samtykkene dine"},
    "nn": {"access": "å få sjå opplysningane vi har om deg", "erasure": "å slette opplysningane vi har om deg",
           "consents": "å sjå samtykka dine"},
    "da": {"access": "at se de oplysninger, vi har om dig", "erasure": "at slette de oplysninger, vi har om dig",
           "consents": "at se dine samtykker"},
    "en": {"access": "to see the data we hold about you", "erasure": "to delete the data we hold about you",
           "consents": "to see your consents"},
}
_YOUNG_TOLD = {
    "nb": {
        "subject": "En foresatt har spurt om opplysningene dine",
        "intro": "En av dine foresatte har bedt {controller} om {what}, på dine vegne.",
        "caseworker": "En saksbehandler tar seg av saken. Ingenting skjer automatisk.",
        "object": "Vil du ikke at dette skal skje? Trykk på lenken og så på knappen. Da får saksbehandleren "
                  "beskjed om at du sier nei:",
        "until": "Lenken virker til og med {until}, og bare én gang.",
        "ok": "Er det greit for deg, trenger du ikke gjøre noe.",
    },
    "nn": {
        "subject": "Ein føresett har spurt om opplysningane dine",
        "intro": "Ein av dei føresette dine har bede {controller} om {what}, på dine vegner.",
        "caseworker": "Ein sakshandsamar tek seg av saka. Ingenting skjer automatisk.",
        "object": "Vil du ikkje at dette skal skje? Trykk på lenkja og så på knappen. Då får sakshandsamaren "
                  "melding om at du seier nei:",
        "until": "Lenkja verkar til og med {until}, og berre éin gong.",
        "ok": "Er det greitt for deg, treng du ikkje gjere noko.",
    },
    "da": {
        "subject": "En forælder har spurgt om dine oplysninger",
        "intro": "En af dine forældre eller din værge har bedt {controller} om {what} på dine vegne.",
        "caseworker": "En sagsbehandler tager sig af sagen. Intet sker automatisk.",
        "object": "Vil du ikke have, at det sker? Tryk på linket og så på knappen. Så får sagsbehandleren "
                  "besked om, at du siger nej:",
        "until": "Linket virker til og med {until} og kun én gang.",
        "ok": "Er det i orden med dig, skal du ikke gøre noget.",
    },
    "en": {
        "subject": "A parent or guardian has asked about your data",
        "intro": "One of your parents or guardians has asked {controller} {what}, on your behalf.",
        "caseworker": "A caseworker will handle it. Nothing happens automatically.",
        "object": "Do you not want this? Open the link and press the button. The caseworker will then be told "
                  "that you say no:",
        "until": "The link works until the end of {until}, and only once.",
        "ok": "If it is fine with you, you do not need to do anything.",
    },
}


def young_person_told(
    to: str, request_type: str, link: str, until: date, language: str, *, settings: Settings | None = None
) -> OutgoingMail:
    """16-17: a guardian asked on the young person's behalf; the one-click objection link."""
    parts = urlsplit(link)
    if parts.scheme not in ("https", "http") or not parts.netloc or any(ch.isspace() for ch in link):
        raise InvalidMail("an objection link must be an http(s) URL without spaces")
    language = i18n.check_language(language)
    what = _YOUNG_WHAT[language].get(str(getattr(request_type, "value", request_type)), _YOUNG_WHAT[language]["access"])
    t = _texts(_YOUNG_TOLD, language, settings, what=what, until=i18n.format_date(until, language))
    blocks: list[Block] = [Paragraph(t["intro"]), Paragraph(t["caseworker"]), Paragraph(t["object"]), Link(link),
                           Paragraph(t["until"]), Paragraph(t["ok"])]
    return _compose(to=to, kind="young_person_told", language=language, subject=t["subject"], blocks=blocks,
                    settings=settings)
