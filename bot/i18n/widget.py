"""The web widget's own words (its buttons, labels and notice), in nb, nn, da, en; its e-mail copy replies are in
the catalogs (locales/source/chat_copy.yml). These move into the catalogs with the widget's slice.

`WIDGET_STRINGS` is sent to the browser inside widget.js; `{controller}`,
`{contact}`, `{minutes}`, `{keep}` and `{limit}` are filled in from the deployment's settings and retention
policy, `{{count}}` by the widget (the length of what the person typed).
"""

from __future__ import annotations

WIDGET_STRINGS: dict[str, dict[str, str]] = {
    "nb": {
        "launcher": "Chat med Vern om personvern",
        "title": "Vern – personvernassistent",
        "close": "Lukk chatten",
        "notice": "Vern er personvernassistenten til {controller}. Ikke skriv personopplysninger her, som "
                  "fødselsnummer, helseopplysninger eller kontonummer. Samtalen maskeres senest {minutes} minutter "
                  "etter at den er avsluttet, og den maskerte teksten brukes til å forbedre Vern i {keep}.",
        "language": "Språk",
        "input": "Melding til Vern",
        "placeholder": "Skriv spørsmålet ditt …",
        "send": "Send",
        "end": "Avslutt chatten",
        "copy": "Send meg en kopi på e-post",
        "copy_intro": "Kopien sendes før samtalen maskeres. Vi bekrefter adressen med en kode og tar ikke vare "
                      "på den.",
        "copy_email": "E-postadresse",
        "copy_get_code": "Send kode",
        "copy_code": "Kode fra e-posten",
        "copy_send": "Send kopien",
        "cancel": "Avbryt",
        "you": "Du",
        "bot": "Vern",
        "caseworker": "Saksbehandler",
        "caseworker_joined": "En saksbehandler har overtatt chatten.",
        "caseworker_waiting": "Du står i køen. En saksbehandler tar chatten så snart en er ledig.",
        "counter": "{{count}} av {limit} tegn",
        "too_long": "Meldingen er for lang: {{count}} av høyst {limit} tegn. Del den opp før du sender.",
        "sent_to_caseworker": "Sendt til saksbehandleren",
        "unavailable": "Vern er ikke tilgjengelig akkurat nå. Prøv igjen om litt.",
        "reconnecting": "Mistet forbindelsen. Prøver igjen …",
        "new_messages": "Ny melding fra Vern",
    },
    "nn": {
        "launcher": "Chat med Vern om personvern",
        "title": "Vern – personvernassistent",
        "close": "Lukk chatten",
        "notice": "Vern er personvernassistenten til {controller}. Ikkje skriv personopplysningar her, som "
                  "fødselsnummer, helseopplysningar eller kontonummer. Samtalen blir maskert seinast {minutes} "
                  "minutt etter at han er avslutta, og den maskerte teksten blir brukt til å gjere Vern betre i "
                  "{keep}.",
        "language": "Språk",
        "input": "Melding til Vern",
        "placeholder": "Skriv spørsmålet ditt …",
        "send": "Send",
        "end": "Avslutt chatten",
        "copy": "Send meg ein kopi på e-post",
        "copy_intro": "Kopien blir send før samtalen blir maskert. Vi stadfestar adressa med ein kode og tek ikkje "
                      "vare på henne.",
        "copy_email": "E-postadresse",
        "copy_get_code": "Send kode",
        "copy_code": "Kode frå e-posten",
        "copy_send": "Send kopien",
        "cancel": "Avbryt",
        "you": "Du",
        "bot": "Vern",
        "caseworker": "Sakshandsamar",
        "caseworker_joined": "Ein sakshandsamar har teke over chatten.",
        "caseworker_waiting": "Du står i køen. Ein sakshandsamar tek chatten så snart ein er ledig.",
        "counter": "{{count}} av {limit} teikn",
        "too_long": "Meldinga er for lang: {{count}} av høgst {limit} teikn. Del henne opp før du sender.",
        "sent_to_caseworker": "Sendt til sakshandsamaren",
        "unavailable": "Vern er ikkje tilgjengeleg akkurat no. Prøv igjen om litt.",
        "reconnecting": "Mista sambandet. Prøver igjen …",
        "new_messages": "Ny melding frå Vern",
    },
    "da": {
        "launcher": "Chat med Vern om databeskyttelse",
        "title": "Vern – databeskyttelsesassistent",
        "close": "Luk chatten",
        "notice": "Vern er databeskyttelsesassistent hos {controller}. Skriv ikke personoplysninger her, som "
                  "CPR-nummer, helbredsoplysninger eller kontonummer. Samtalen maskeres senest {minutes} minutter "
                  "efter, at den er afsluttet, og den maskerede tekst bruges til at forbedre Vern i {keep}.",
        "language": "Sprog",
        "input": "Besked til Vern",
        "placeholder": "Skriv dit spørgsmål …",
        "send": "Send",
        "end": "Afslut chatten",
        "copy": "Send mig en kopi på e-mail",
        "copy_intro": "Kopien sendes, før samtalen maskeres. Vi bekræfter adressen med en kode og gemmer den ikke.",
        "copy_email": "E-mailadresse",
        "copy_get_code": "Send kode",
        "copy_code": "Kode fra e-mailen",
        "copy_send": "Send kopien",
        "cancel": "Annuller",
        "you": "Dig",
        "bot": "Vern",
        "caseworker": "Sagsbehandler",
        "caseworker_joined": "En sagsbehandler har overtaget chatten.",
        "caseworker_waiting": "Du står i køen. En sagsbehandler tager chatten, så snart en er ledig.",
        "counter": "{{count}} af {limit} tegn",
        "too_long": "Beskeden er for lang: {{count}} af højst {limit} tegn. Del den op, før du sender.",
        "sent_to_caseworker": "Sendt til sagsbehandleren",
        "unavailable": "Vern er ikke tilgængelig lige nu. Prøv igen om lidt.",
        "reconnecting": "Forbindelsen blev afbrudt. Prøver igen …",
        "new_messages": "Ny besked fra Vern",
    },
    "en": {
        "launcher": "Chat with Vern about privacy",
        "title": "Vern – privacy assistant",
        "close": "Close the chat",
        "notice": "Vern is the privacy assistant of {controller}. Please do not type personal data here, such as "
                  "national ID numbers, health information or account numbers. The chat is masked at the latest "
                  "{minutes} minutes after it ends, and the masked text is used to improve Vern for {keep}.",
        "language": "Language",
        "input": "Message to Vern",
        "placeholder": "Type your question …",
        "send": "Send",
        "end": "End chat",
        "copy": "E-mail me a copy of this chat",
        "copy_intro": "The copy is sent before the chat is masked. We confirm the address with a code and do not "
                      "keep it.",
        "copy_email": "E-mail address",
        "copy_get_code": "Send code",
        "copy_code": "Code from the e-mail",
        "copy_send": "Send the copy",
        "cancel": "Cancel",
        "you": "You",
        "bot": "Vern",
        "caseworker": "Caseworker",
        "caseworker_joined": "A caseworker has taken over the chat.",
        "caseworker_waiting": "You are in the queue. A caseworker will take the chat as soon as one is free.",
        "counter": "{{count}} of {limit} characters",
        "too_long": "The message is too long: {{count}} of at most {limit} characters. Please split it up "
                    "before sending.",
        "sent_to_caseworker": "Sent to the caseworker",
        "unavailable": "Vern is unavailable right now. Please try again shortly.",
        "reconnecting": "Connection lost. Trying again …",
        "new_messages": "New message from Vern",
    },
}

# Language names in their own language: a picker lists each language as its speakers know it.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "da": "Dansk", "en": "English"}
