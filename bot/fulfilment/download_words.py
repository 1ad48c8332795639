"""What the download page behind an export link says (bot.web.downloads shows it), in the four languages.

Mail scanners open links in mails before the person does. So a GET only shows
a page with a button (no personal data on it); the POST that button sends hands
the file out, once."""

from __future__ import annotations

from bot.fulfilment.downloads import Redeemed

PAGES = {
    Redeemed.EXPIRED: {
        "nb": "Lenken er utløpt, og filen er slettet. Be Vern om innsyn på nytt for å få en ny fil.",
        "nn": "Lenkja har gått ut, og fila er sletta. Be Vern om innsyn på nytt for å få ei ny fil.",
        "da": "Linket er udløbet, og filen er slettet. Bed Vern om indsigt igen for at få en ny fil.",
        "en": "This link has expired and the file has been deleted. Ask Vern for access again to get a new file.",
    },
    Redeemed.UNKNOWN: {
        "nb": "Denne lenken virker ikke (lenger). Filen kan bare lastes ned én gang.",
        "nn": "Denne lenkja verkar ikkje (lenger). Fila kan berre lastast ned éin gong.",
        "da": "Dette link virker ikke (længere). Filen kan kun downloades én gang.",
        "en": "This link does not work (any more). The file can be downloaded only once.",
    },
}

CONFIRM = {
    "nb": ("Last ned filen din", "Filen med opplysningene Vern har om deg kan lastes ned én gang. "
           "Lenken virker i 72 timer etter at e-posten ble sendt.", "Last ned"),
    "nn": ("Last ned fila di", "Fila med opplysningane Vern har om deg kan lastast ned éin gong. "
           "Lenkja verkar i 72 timar etter at e-posten vart send.", "Last ned"),
    "da": ("Hent din fil", "Filen med de oplysninger, Vern har om dig, kan downloades én gang. "
           "Linket virker i 72 timer, efter at e-mailen blev sendt.", "Download"),
    "en": ("Download your file", "The file with the information Vern holds about you can be downloaded once. "
           "The link works for 72 hours after the e-mail was sent.", "Download"),
}


def problem_texts(status: Redeemed, language: str) -> list[str]:
    """Why the link gives no file; an unknown link carries no language, so it is said in all four."""
    texts = PAGES[status]
    return [texts[language]] if language in texts else list(texts.values())
