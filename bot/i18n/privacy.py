"""The live warning when someone writes personal data into the chat."""

from __future__ import annotations

PRIVACY_MESSAGES: dict[str, dict[str, str]] = {
    "pii_warning": {
        "nb": (
            "Du skrev noe som ser ut som {what}. Ikke del personopplysninger her i chatten, jeg trenger dem ikke "
            "for å hjelpe deg. Chatten lagres, og slike opplysninger blir maskert for godt senest {minutes} "
            "minutter etter at samtalen er slutt."
        ),
        "nn": (
            "Du skreiv noko som ser ut som {what}. Ikkje del personopplysningar her i chatten, eg treng dei ikkje "
            "for å hjelpe deg. Chatten blir lagra, og slike opplysningar blir maskerte for godt seinast {minutes} "
            "minutt etter at samtalen er slutt."
        ),
        "da": (
            "Du skrev noget, der ligner {what}. Del ikke personoplysninger her i chatten, jeg har ikke brug for "
            "dem for at hjælpe dig. Chatten gemmes, og den slags oplysninger maskeres permanent senest {minutes} "
            "minutter efter, at samtalen er slut."
        ),
        "en": (
            "You wrote something that looks like {what}. Please do not share personal data in this chat; I do "
            "not need it to help you. The chat is stored, and such data is permanently masked at most {minutes} "
            "minutes after the conversation ends."
        ),
    },
    "pii_high_risk_removed": {
        "nb": "Nummeret ble fjernet fra meldingen din før den ble lagret.",
        "nn": "Nummeret vart fjerna frå meldinga di før ho vart lagra.",
        "da": "Nummeret blev fjernet fra din besked, før den blev gemt.",
        "en": "The number was removed from your message before it was stored.",
    },
    "chat_ended": {
        "nb": "Samtalen er avsluttet. Det du skrev, blir maskert senest {minutes} minutter fra nå. "
              "Skriv igjen når du vil for å starte en ny samtale.",
        "nn": "Samtalen er avslutta. Det du skreiv, blir maskert seinast {minutes} minutt frå no. "
              "Skriv igjen når du vil for å starte ein ny samtale.",
        "da": "Samtalen er afsluttet. Det, du skrev, maskeres senest {minutes} minutter fra nu. "
              "Skriv igen, når du vil, for at starte en ny samtale.",
        "en": "The conversation has ended. What you wrote will be masked within {minutes} minutes. "
              "Write again whenever you like to start a new one.",
    },
    "chat_forgotten": {
        "nb": "Samtalen er slettet. Det du skriver nå, starter en ny samtale.",
        "nn": "Samtalen er sletta. Det du skriv no, startar ein ny samtale.",
        "da": "Samtalen er slettet. Det, du skriver nu, starter en ny samtale.",
        "en": "The conversation has been deleted. Anything you write now starts a new one.",
    },
    "pii_kind_name": {"nb": "et navn", "nn": "eit namn", "da": "et personnavn", "en": "a name"},
    "pii_kind_email": {
        "nb": "en e-postadresse", "nn": "ei e-postadresse", "da": "en e-mailadresse", "en": "an e-mail address",
    },
    "pii_kind_number": {"nb": "et telefonnummer eller et annet nummer som kan identifisere deg",
                        "nn": "eit telefonnummer eller eit anna nummer som kan identifisere deg",
                        "da": "et telefonnummer eller et andet nummer, der kan identificere dig",
                        "en": "a phone number or another number that can identify you"},
    "pii_kind_address": {"nb": "en adresse", "nn": "ei adresse", "da": "en adresse", "en": "a street address"},
    "pii_kind_national_id": {
        "nb": "et fødselsnummer, kontonummer eller kortnummer",
        "nn": "eit fødselsnummer, kontonummer eller kortnummer",
        "da": "et CPR-nummer, kontonummer eller kortnummer",
        "en": "a national identity number, account number or card number",
    },
}
