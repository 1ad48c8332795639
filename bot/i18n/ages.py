"""Words for the age (issue 17 item 4): the consent dialogue's lines in a child's version (under 13: short
sentences, legal words explained, read aloud by the guardian) and a young person's (13-17: "du"/"you" to a
teenager, plain words, a legal word explained in a few words, honest about the rule for their age: at 13-15 both
they and a guardian say yes, at 16-17 they decide and a guardian is told; always voluntary, always withdrawable).

A key here is the adult key with `@child` or `@young` added ("_child" already names lines told to the child's
chat); bot.i18n.for_age picks it. Every `@child` line has a `@young` one, except the two lines only a child
under the guardian-only band can meet (CHILD_ONLY); the young-only lines (the joint and informed rules) have
just `@young`. tests/consent/test_readability.py holds child lines to LIX <= 35 / FK grade <= 7 and young
lines to LIX <= 40 / FK grade <= 8."""

from __future__ import annotations

# Lines said only when the guardian alone decides, which is exactly the child band (bot.consent.ages:
# audience_for is "child" below the same age as rule_for's GUARDIAN_ONLY): a young version would never be shown.
CHILD_ONLY = frozenset({"consent_rule_guardian_only", "consent_needs_guardian_only"})

AGE_MESSAGES: dict[str, dict[str, str]] = {
    "consent_ask_agree@child": {
        # Under 13 the guardian decides (001): the child's yes only sends the question on.
        "nb": "Du velger selv. Ingen kan kreve at du sier ja. Ikke treneren, og ikke læreren. Det skjer ikke "
              "noe galt om du sier nei. Vil du at vi skal spørre mor, far eller vergen din?",
        "nn": "Du vel sjølv. Ingen kan krevje at du seier ja. Ikkje trenaren, og ikkje læraren. Det skjer ikkje "
              "noko gale om du seier nei. Vil du at vi skal spørje mor, far eller verja di?",
        "da": "Du vælger selv. Ingen kan kræve, at du siger ja. Ikke træneren og ikke læreren. Der sker ikke "
              "noget slemt, hvis du siger nej. Vil du have, at vi spørger din mor, din far eller din værge?",
        "en": "You choose. Nobody can make you say yes. Not the coach, and not the teacher. Nothing bad happens "
              "if you say no. Do you want us to ask your guardian?",
    },
    "consent_ask_agree@young": {
        "nb": "Du bestemmer selv om du vil si ja. Det er frivillig: ingen kan kreve det, heller ikke en trener "
              "eller lærer. Sier du nei, skjer det deg ingenting. Sier du ja, kan du ta det tilbake senere. "
              "Vil du si ja?",
        "nn": "Du bestemmer sjølv om du vil seie ja. Det er frivillig: ingen kan krevje det, heller ikkje ein "
              "trenar eller lærar. Seier du nei, skjer det deg ingenting. Seier du ja, kan du ta det tilbake "
              "seinare. Vil du seie ja?",
        "da": "Du bestemmer selv, om du vil sige ja. Det er frivilligt: ingen kan kræve det, heller ikke en "
              "træner eller lærer. Siger du nej, sker der dig ikke noget. Siger du ja, kan du tage det tilbage "
              "senere. Vil du sige ja?",
        "en": "You decide yourself whether to say yes. It is voluntary: nobody can require it, not a coach or a "
              "teacher either. If you say no, nothing happens to you. If you say yes, you can take it back later. "
              "Do you want to say yes?",
    },
    "consent_agree_invalid@young": {
        "nb": "Jeg forsto ikke svaret. Skriv ja eller nei, eller trykk på en knapp.",
        "nn": "Eg forstod ikkje svaret. Skriv ja eller nei, eller trykk på ein knapp.",
        "da": "Jeg forstod ikke svaret. Skriv ja eller nej, eller tryk på en knap.",
        "en": "I did not get that. Write yes or no, or press a button.",
    },
    "consent_not_given@young": {
        "nb": "Greit, du sa nei. Vi lagrer ingenting om dette. Du kan si ja senere om du vil.",
        "nn": "Greitt, du sa nei. Vi lagrar ingenting om dette. Du kan seie ja seinare om du vil.",
        "da": "Okay, du sagde nej. Vi gemmer ikke noget om det. Du kan sige ja senere, hvis du vil.",
        "en": "OK, you said no. We keep nothing about it. You can say yes later if you want.",
    },
    # The rule for a young person's age, said right after the age (from the configured bands: low/high).
    "consent_rule_joint@young": {
        "nb": "Du er mellom {low} og {high} år. Da må både du og en forelder eller verge si ja før samtykket "
              "gjelder. Sier en av dere nei, gjelder det ikke.",
        "nn": "Du er mellom {low} og {high} år. Då må både du og ein forelder eller ei verje seie ja før "
              "samtykket gjeld. Seier ein av dykk nei, gjeld det ikkje.",
        "da": "Du er mellem {low} og {high} år. Derfor skal både du og en forælder eller værge sige ja, før "
              "samtykket gælder. Siger en af jer nej, gælder det ikke.",
        "en": "You are between {low} and {high}. So both you and a parent or guardian must say yes before the "
              "consent counts. If one of you says no, it does not count.",
    },
    "consent_rule_informed@young": {
        "nb": "Du er mellom {low} og {high} år. Da bestemmer du selv om du vil si ja. En forelder eller verge får "
              "beskjed om det, men de bestemmer ikke for deg.",
        "nn": "Du er mellom {low} og {high} år. Då bestemmer du sjølv om du vil seie ja. Ein forelder eller ei "
              "verje får vite om det, men dei bestemmer ikkje for deg.",
        "da": "Du er mellem {low} og {high} år. Derfor bestemmer du selv, om du vil sige ja. En forælder eller værge "
              "får besked om det, men de bestemmer ikke for dig.",
        "en": "You are between {low} and {high}. So you decide yourself whether to say yes. A parent or guardian "
              "is told about it, but they do not decide for you.",
    },
    "consent_rule_purpose_until@young": {
        "nb": "For dette må også en forelder eller verge si ja, helt til du er {age} år. Det er en ekstra regel "
              "for slike opplysninger.",
        "nn": "For dette må òg ein forelder eller ei verje seie ja, heilt til du er {age} år. Det er ein ekstra "
              "regel for slike opplysningar.",
        "da": "Til dette skal en forælder eller værge også sige ja, indtil du er {age} år. Det er en ekstra regel "
              "for den slags oplysninger.",
        "en": "For this, a parent or guardian must also say yes until you are {age}. It is an extra rule for this "
              "kind of information.",
    },
    "consent_needs_guardian_joint@young": {
        "nb": "Takk! Jeg har skrevet ned at du sa ja. Fordi du er under {age} år, må en forelder eller verge også "
              "si ja. Først da gjelder samtykket.",
        "nn": "Takk! Eg har skrive ned at du sa ja. Fordi du er under {age} år, må ein forelder eller ei verje òg "
              "seie ja. Først då gjeld samtykket.",
        "da": "Tak! Jeg har skrevet ned, at du sagde ja. Fordi du er under {age} år, skal en forælder eller værge "
              "også sige ja. Først da gælder samtykket.",
        "en": "Thank you! I have noted that you said yes. Because you are under {age}, a parent or guardian must "
              "also say yes. Only then does the consent count.",
    },
    "consent_guardian_informed_needed@young": {
        "nb": "Takk! Samtykket ditt til «{title}» gjelder fra nå. Du er under {age} år, så en forelder eller verge "
              "skal få beskjed. Du kan trekke samtykket tilbake når du vil.",
        "nn": "Takk! Samtykket ditt til «{title}» gjeld frå no. Du er under {age} år, så ein forelder eller ei "
              "verje skal få vite om det. Du kan trekkje samtykket tilbake når du vil.",
        "da": "Tak! Dit samtykke til »{title}« gælder fra nu. Du er under {age} år, så en forælder eller værge "
              "skal have besked. Du kan trække samtykket tilbage, når du vil.",
        "en": "Thank you! Your consent to \"{title}\" counts from now. You are under {age}, so a parent or "
              "guardian is to be told. You can withdraw your consent whenever you want.",
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
        "da": "Okay, du sagde nej. Vi gemmer ikke noget.",
        "en": "OK, you said no. We keep nothing.",
    },
    "consent_rule_guardian_only@child": {
        "nb": "Du er under {age} år. Da er det en forelder eller verge som bestemmer. En verge er en voksen som "
              "passer på deg. Du får en lenke. Gi den til dem, så svarer de.",
        "nn": "Du er under {age} år. Då er det ein forelder eller verje som bestemmer. Ei verje er ein vaksen som "
              "passar på deg. Du får ei lenkje. Gi lenkja til dei, så svarar dei.",
        "da": "Du er under {age} år. Derfor er det en forælder eller værge, der bestemmer. En værge er en voksen, der "
              "passer på dig. Du får et link. Giv det til dem, så svarer de.",
        "en": "You are under {age}. So a parent or guardian decides. A guardian is a grown-up who looks after you. "
              "You get a link. Give it to them, and they answer.",
    },
    "consent_ask_child_reference@child": {
        "nb": "{controller} vil sjekke hvem de voksne hjemme er. Hva er nummeret ditt hos {controller}? Det kan være "
              "elevnummeret ditt. Spør læreren eller treneren din.",
        "nn": "{controller} vil sjekke kven dei vaksne heime er. Kva er nummeret ditt hjå {controller}? Det kan vere "
              "elevnummeret ditt. Spør læraren eller trenaren din.",
        "da": "{controller} vil tjekke, hvem de voksne derhjemme er. Hvad er dit nummer hos {controller}? Det kan "
              "være dit elevnummer. Spørg din lærer eller træner.",
        "en": "{controller} wants to check who your grown-ups at home are. What is your number at {controller}? It "
              "can be your pupil number. Ask your teacher or coach.",
    },
    "consent_ask_child_reference@young": {
        "nb": "{controller} sjekker i en egen liste (et register) hvem foreldrene eller vergene dine er. Hva er "
              "nummeret ditt hos {controller}? Det kan være elevnummeret. Læreren eller treneren din vet det.",
        "nn": "{controller} sjekkar i ei eiga liste (eit register) kven foreldra eller verjene dine er. Kva er "
              "nummeret ditt hjå {controller}? Det kan vere elevnummeret. Læraren eller trenaren din veit det.",
        "da": "{controller} tjekker i sin egen liste (et register), hvem dine forældre eller værger er. Hvad er "
              "dit nummer hos {controller}? Det kan være dit elevnummer. Din lærer eller træner ved det.",
        "en": "{controller} checks in its own list (a register) who your parents or guardians are. What is your "
              "number at {controller}? It can be your pupil number. Your teacher or coach knows it.",
    },
    "consent_child_reference_invalid@child": {
        "nb": "Det ser ikke ut som et nummer. Skriv bare nummeret.",
        "nn": "Det ser ikkje ut som eit nummer. Skriv berre nummeret.",
        "da": "Det ligner ikke et nummer. Skriv kun nummeret.",
        "en": "That does not look like a number. Write just the number.",
    },
    "consent_child_reference_invalid@young": {
        "nb": "Det ser ikke ut som et nummer. Skriv bare nummeret (bokstaver og tall), uten andre ord.",
        "nn": "Det ser ikkje ut som eit nummer. Skriv berre nummeret (bokstavar og tal), utan andre ord.",
        "da": "Det ligner ikke et nummer. Skriv kun nummeret (bogstaver og tal), uden andre ord.",
        "en": "That does not look like a number. Write just the number (letters and digits), with no other words.",
    },
    "consent_needs_guardian_only@child": {
        "nb": "Takk! Nå må en forelder eller verge si ja. Først da gjelder det.",
        "nn": "Takk! No må ein forelder eller verje seie ja. Først då gjeld det.",
        "da": "Tak! Nu skal en forælder eller værge sige ja. Først da gælder det.",
        "en": "Thank you! Now a parent or guardian has to say yes. Only then does it count.",
    },
    "guardian_approved_child@child": {
        "nb": "Forelderen din har sagt ja til «{title}». Nå gjelder det.",
        "nn": "Forelderen din har sagt ja til «{title}». No gjeld det.",
        "da": "Din forælder har sagt ja til »{title}«. Nu gælder det.",
        "en": "Your parent said yes to \"{title}\". It counts from now.",
    },
    "guardian_approved_child@young": {
        "nb": "Forelderen eller vergen din har sagt ja til «{title}». Nå gjelder samtykket ditt. Du kan trekke "
              "det tilbake når du vil.",
        "nn": "Forelderen eller verja di har sagt ja til «{title}». No gjeld samtykket ditt. Du kan trekkje det "
              "tilbake når du vil.",
        "da": "Din forælder eller værge har sagt ja til »{title}«. Nu gælder dit samtykke. Du kan trække det "
              "tilbage, når du vil.",
        "en": "Your parent or guardian said yes to \"{title}\". Your consent counts from now. You can withdraw "
              "it whenever you want.",
    },
    "guardian_declined_child@child": {
        "nb": "Forelderen din har sagt nei til «{title}». Da lagrer vi ingenting.",
        "nn": "Forelderen din har sagt nei til «{title}». Då lagrar vi ingenting.",
        "da": "Din forælder har sagt nej til »{title}«. Derfor gemmer vi ikke noget.",
        "en": "Your parent said no to \"{title}\". So we keep nothing.",
    },
    "guardian_declined_child@young": {
        "nb": "Forelderen eller vergen din har sagt nei til «{title}». Da gjelder det ikke, og vi lagrer ingenting "
              "om det.",
        "nn": "Forelderen eller verja di har sagt nei til «{title}». Då gjeld det ikkje, og vi lagrar ingenting om "
              "det.",
        "da": "Din forælder eller værge har sagt nej til »{title}«. Derfor gælder det ikke, og vi gemmer ikke "
              "noget om det.",
        "en": "Your parent or guardian said no to \"{title}\". So it does not count, and we keep nothing about it.",
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
    "guardian_link_web@young": {
        "nb": "Gi denne lenken til en forelder eller verge: {link}\nDe bekrefter med en kode de får på e-post. "
              "Lenken virker i tre dager. Du får beskjed her når de har svart.",
        "nn": "Gi denne lenkja til ein forelder eller ei verje: {link}\nDei stadfestar med ein kode dei får på "
              "e-post. Lenkja verkar i tre dagar. Du får beskjed her når dei har svart.",
        "da": "Giv dette link til en forælder eller værge: {link}\nDe bekræfter med en kode, de får på e-mail. "
              "Linket virker i tre dage. Du får besked her, når de har svaret.",
        "en": "Give this link to a parent or guardian: {link}\nThey confirm with a code they get by e-mail. The "
              "link works for three days. You will be told here when they answer.",
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
    "guardian_link_telegram@young": {
        "nb": "Gi denne lenken til en forelder eller verge: {link}\nDe kan også sende koden {code} til Vern på "
              "Telegram (@{bot}). Lenken og koden virker i tre dager. Du får beskjed her når de har svart.",
        "nn": "Gi denne lenkja til ein forelder eller ei verje: {link}\nDei kan òg sende koden {code} til Vern på "
              "Telegram (@{bot}). Lenkja og koden verkar i tre dagar. Du får beskjed her når dei har svart.",
        "da": "Giv dette link til en forælder eller værge: {link}\nDe kan også sende koden {code} til Vern på "
              "Telegram (@{bot}). Linket og koden virker i tre dage. Du får besked her, når de har svaret.",
        "en": "Give this link to a parent or guardian: {link}\nThey can also send the code {code} to Vern on "
              "Telegram (@{bot}). The link and the code work for three days. You will be told here when they "
              "answer.",
    },
}
