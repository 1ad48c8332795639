"""Words for the age (issue 17 item 4): the consent dialogue's lines in a child's version (under 13: short
sentences, legal words explained) and, where the adult line would not do, a young person's (13-17).

A key here is the adult key with `@child` or `@young` added ("_child" already names lines told to the child's
chat); bot.i18n.for_age picks it. Every `@child` line must pass tests/consent/test_readability.py."""

from __future__ import annotations

AGE_MESSAGES: dict[str, dict[str, str]] = {
    "consent_ask_agree@child": {
        # Under 13 the guardian decides (001): the child's yes only sends the question on.
        "nb": "Du velger selv. Ingen kan kreve at du sier ja. Ikke treneren, og ikke læreren. Det skjer ikke "
              "noe galt om du sier nei. Vil du at vergen din skal få spørsmålet?",
        "nn": "Du vel sjølv. Ingen kan krevje at du seier ja. Ikkje trenaren, og ikkje læraren. Det skjer ikkje "
              "noko gale om du seier nei. Vil du at verja di skal få spørsmålet?",
        "da": "Du vælger selv. Ingen kan kræve, at du siger ja. Ikke træneren, og ikke læreren. Der sker ikke "
              "noget slemt, hvis du siger nej. Vil du have, at din værge får spørgsmålet?",
        "en": "You choose. Nobody can make you say yes. Not the coach, and not the teacher. Nothing bad happens "
              "if you say no. Do you want us to ask your guardian?",
    },
    "consent_ask_agree@young": {
        "nb": "Det er frivillig å si ja. Ingen kan kreve det, heller ikke en trener eller lærer, og det skjer deg "
              "ingenting om du sier nei. Vil du gi samtykke (si ja) til dette?",
        "nn": "Det er frivillig å seie ja. Ingen kan krevje det, heller ikkje ein trenar eller lærar, og det skjer "
              "deg ingenting om du seier nei. Vil du gi samtykke (seie ja) til dette?",
        "da": "Det er frivilligt at sige ja. Ingen kan kræve det, heller ikke en træner eller lærer, og der sker dig "
              "ikke noget, hvis du siger nej. Vil du give samtykke (sige ja) til dette?",
        "en": "Saying yes is your free choice. Nobody can require it, not a coach or a teacher either, and nothing "
              "happens to you if you say no. Do you want to give your consent (say yes) to this?",
    },
    "consent_agree_invalid@child": {
        "nb": "Det forsto jeg ikke. Skriv ja eller nei.",
        "nn": "Det forstod eg ikkje. Skriv ja eller nei.",
        "da": "Det forstod jeg ikke. Skriv ja eller nej.",
        "en": "I did not get that. Write yes or no.",
    },
    "consent_not_given@child": {
        "nb": "Greit, du sa nei. Vi lagrer ingenting.",
        "nn": "Greitt, du sa nei. Vi lagrar ingenting.",
        "da": "Fint, du sagde nej. Vi gemmer ikke noget.",
        "en": "OK, you said no. We keep nothing.",
    },
    "consent_rule_guardian_only@child": {
        "nb": "Du er under {age} år. Da er det en forelder eller verge som bestemmer. En verge er en voksen som "
              "passer på deg. Du får en lenke. Gi den til dem, så svarer de.",
        "nn": "Du er under {age} år. Då er det ein forelder eller verje som bestemmer. Ei verje er ein vaksen som "
              "passar på deg. Du får ei lenkje. Gi henne til dei, så svarar dei.",
        "da": "Du er under {age} år. Så er det en forælder eller værge, der bestemmer. En værge er en voksen, der "
              "passer på dig. Du får et link. Giv det til dem, så svarer de.",
        "en": "You are under {age}. So a parent or guardian decides. A guardian is a grown-up who looks after you. "
              "You get a link. Give it to them, and they answer.",
    },
    "consent_ask_child_reference@child": {
        "nb": "{controller} vil sjekke hvem de voksne hjemme er. Hva er nummeret ditt hos {controller}? Det kan være "
              "elevnummeret ditt. Spør læreren eller treneren din.",
        "nn": "{controller} vil sjekke kven dei vaksne heime er. Kva er nummeret ditt hos {controller}? Det kan vere "
              "elevnummeret ditt. Spør læraren eller trenaren din.",
        "da": "{controller} vil tjekke, hvem de voksne derhjemme er. Hvad er dit nummer hos {controller}? Det kan "
              "være dit elevnummer. Spørg din lærer eller træner.",
        "en": "{controller} wants to check who your grown-ups at home are. What is your number at {controller}? It "
              "can be your pupil number. Ask your teacher or coach.",
    },
    "consent_child_reference_invalid@child": {
        "nb": "Det ser ikke ut som et nummer. Skriv bare nummeret.",
        "nn": "Det ser ikkje ut som eit nummer. Skriv berre nummeret.",
        "da": "Det ligner ikke et nummer. Skriv kun nummeret.",
        "en": "That does not look like a number. Write just the number.",
    },
    "consent_needs_guardian_only@child": {
        "nb": "Takk! Nå må en forelder eller verge si ja. Først da gjelder det.",
        "nn": "Takk! No må ein forelder eller verje seie ja. Først då gjeld det.",
        "da": "Tak! Nu skal en forælder eller værge sige ja. Først så gælder det.",
        "en": "Thank you! Now a parent or guardian has to say yes. Only then does it count.",
    },
    "guardian_approved_child@child": {
        "nb": "Forelderen din har sagt ja til «{title}». Nå gjelder det.",
        "nn": "Forelderen din har sagt ja til «{title}». No gjeld det.",
        "da": "Din forælder har sagt ja til »{title}«. Nu gælder det.",
        "en": "Your parent said yes to \"{title}\". It counts from now.",
    },
    "guardian_declined_child@child": {
        "nb": "Forelderen din har sagt nei til «{title}». Da lagrer vi ingenting.",
        "nn": "Forelderen din har sagt nei til «{title}». Då lagrar vi ingenting.",
        "da": "Din forælder har sagt nej til »{title}«. Så gemmer vi ikke noget.",
        "en": "Your parent said no to \"{title}\". So we keep nothing.",
    },
    "guardian_link_web@child": {
        "nb": "Gi denne lenken til en forelder eller verge: {link}\nDe får en kode på e-post. Lenken virker i tre "
              "dager. Du får vite her når de har svart.",
        "nn": "Gi denne lenkja til ein forelder eller verje: {link}\nDei får ein kode på e-post. Lenkja verkar i tre "
              "dagar. Du får vite her når dei har svart.",
        "da": "Giv dette link til en forælder eller værge: {link}\nDe får en kode på e-mail. Linket virker i tre "
              "dage. Du får besked her, når de har svaret.",
        "en": "Give this link to a parent or guardian: {link}\nThey get a code by e-mail. The link works for three "
              "days. You will see here when they answer.",
    },
    "guardian_link_telegram@child": {
        "nb": "Gi denne lenken til en forelder eller verge: {link}\nDe kan også skrive koden {code} til Vern på "
              "Telegram (@{bot}). Lenken virker i tre dager. Du får vite her når de har svart.",
        "nn": "Gi denne lenkja til ein forelder eller verje: {link}\nDei kan òg skrive koden {code} til Vern på "
              "Telegram (@{bot}). Lenkja verkar i tre dagar. Du får vite her når dei har svart.",
        "da": "Giv dette link til en forælder eller værge: {link}\nDe kan også skrive koden {code} til Vern på "
              "Telegram (@{bot}). Linket virker i tre dage. Du får besked her, når de har svaret.",
        "en": "Give this link to a parent or guardian: {link}\nThey can also send the code {code} to Vern on "
              "Telegram (@{bot}). The link works for three days. You will see here when they answer.",
    },
}
