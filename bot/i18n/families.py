"""Families: the guardian register, the age rule said accurately, consent as a free choice, the guardian page."""

from __future__ import annotations

FAMILY_MESSAGES: dict[str, dict[str, str]] = {
    # --- the guardian register ---------------------------------------------------------------------
    "guardian_not_in_register": {
        "nb": "{controller} har ikke denne adressen som foresatt for barnet i registeret sitt, så svaret ble ikke "
              "registrert. Er du foresatt, kan du bruke adressen {controller} har for deg, eller skrive til {contact}.",
        "nn": "{controller} har ikkje denne adressa som føresett for barnet i registeret sitt, så svaret vart ikkje "
              "registrert. Er du føresett, kan du bruke adressa {controller} har for deg, eller skrive til {contact}.",
        "da": "{controller} har ikke denne adresse som forælder eller værge for barnet i sit register, så svaret blev "
              "ikke registreret. Er du forælder eller værge, kan du bruge den adresse, {controller} har til dig, "
              "eller skrive til {contact}.",
        "en": "{controller} does not have this address as a guardian of the child in its register, so the answer "
              "was not recorded. If you are the guardian, use the address {controller} has for you, or write to "
              "{contact}.",
    },
    "guardian_register_unavailable": {
        "nb": "Jeg får ikke sjekket registeret over foresatte akkurat nå. Ingenting er endret. Prøv igjen om litt, "
              "eller skriv til {contact}.",
        "nn": "Eg får ikkje sjekka registeret over føresette akkurat no. Ingenting er endra. Prøv igjen om litt, "
              "eller skriv til {contact}.",
        "da": "Jeg kan ikke tjekke registeret over forældre og værger lige nu. Intet er ændret. Prøv igen om lidt, "
              "eller skriv til {contact}.",
        "en": "I cannot check the register of guardians right now. Nothing has changed. Please try again shortly, "
              "or write to {contact}.",
    },
    # The register by phone in Telegram: the number of the guardian's own account, shared with a button;
    # asked of the register once and never stored (bot/telegram/register_phone.py).
    "tg_button_share_phone": {
        "nb": "Del telefonnummeret mitt", "nn": "Del telefonnummeret mitt", "da": "Del mit telefonnummer",
        "en": "Share my phone number",
    },
    "tg_register_phone_offer": {
        "nb": "For dette samtykket sjekker {controller} foresatte mot sitt eget register. Velg svaret ditt over, og "
              "trykk på «{button}» under: Vern spør registeret om nummeret til Telegram-kontoen din og lagrer det "
              "ikke. Eller svar på nettsiden i lenken fra barnet, med e-postadressen {controller} har for deg.",
        "nn": "For dette samtykket sjekkar {controller} føresette mot sitt eige register. Vel svaret ditt over, og "
              "trykk på «{button}» under: Vern spør registeret om nummeret til Telegram-kontoen din og lagrar det "
              "ikkje. Eller svar på nettsida i lenkja frå barnet, med e-postadressa {controller} har for deg.",
        "da": "For dette samtykke tjekker {controller} forældre og værger i sit eget register. Vælg dit svar "
              "ovenfor, og tryk på »{button}« nedenfor: Vern spørger registeret om nummeret på din Telegram-konto "
              "og gemmer det ikke. Eller svar på websiden i linket fra barnet, med den e-mailadresse, {controller} "
              "har til dig.",
        "en": "For this consent, {controller} checks guardians against its own register. Choose your answer above "
              "and press \"{button}\" below: Vern asks the register about your Telegram account's number and does "
              "not store it. Or answer on the web page in the link from your child, with the e-mail address "
              "{controller} has for you.",
    },
    "tg_register_phone_wait": {
        "nb": "Du valgte «{choice}». Svaret teller når registeret til {controller} har deg som foresatt: trykk på "
              "«{button}» under. Eller svar på nettsiden i lenken fra barnet.",
        "nn": "Du valde «{choice}». Svaret tel når registeret til {controller} har deg som føresett: trykk på "
              "«{button}» under. Eller svar på nettsida i lenkja frå barnet.",
        "da": "Du valgte »{choice}«. Svaret tæller, når registeret hos {controller} har dig som forælder eller "
              "værge: tryk på »{button}« nedenfor. Eller svar på websiden i linket fra barnet.",
        "en": "You chose \"{choice}\". The answer counts once the register at {controller} has you as a guardian: "
              "press \"{button}\" below. Or answer on the web page in the link from your child.",
    },
    "tg_register_phone_listed": {
        "nb": "Registeret til {controller} har deg som foresatt for barnet. Nummeret ble ikke lagret.",
        "nn": "Registeret til {controller} har deg som føresett for barnet. Nummeret vart ikkje lagra.",
        "da": "Registeret hos {controller} har dig som forælder eller værge for barnet. Nummeret blev ikke gemt.",
        "en": "The register at {controller} has you as a guardian of the child. The number was not stored.",
    },
    "tg_register_phone_choose": {
        "nb": "Velg svaret ditt:", "nn": "Vel svaret ditt:", "da": "Vælg dit svar:", "en": "Choose your answer:",
    },
    "tg_register_phone_not_listed": {
        "nb": "{controller} har ikke dette telefonnummeret som foresatt for barnet i registeret sitt, så svaret ble "
              "ikke registrert, og nummeret ble ikke lagret. Er du foresatt, kan du svare på nettsiden i lenken fra "
              "barnet, med e-postadressen {controller} har for deg, eller skrive til {contact}.",
        "nn": "{controller} har ikkje dette telefonnummeret som føresett for barnet i registeret sitt, så svaret "
              "vart ikkje registrert, og nummeret vart ikkje lagra. Er du føresett, kan du svare på nettsida i "
              "lenkja frå barnet, med e-postadressa {controller} har for deg, eller skrive til {contact}.",
        "da": "{controller} har ikke dette telefonnummer som forælder eller værge for barnet i sit register, så "
              "svaret blev ikke registreret, og nummeret blev ikke gemt. Er du forælder eller værge, kan du svare på "
              "websiden i linket fra barnet, med den e-mailadresse, {controller} har til dig, eller skrive til "
              "{contact}.",
        "en": "{controller} does not have this phone number as a guardian of the child in its register, so the "
              "answer was not recorded, and the number was not stored. If you are the guardian, you can answer on "
              "the web page in the link from your child, with the e-mail address {controller} has for you, or write "
              "to {contact}.",
    },
    "tg_register_phone_not_own": {
        "nb": "Det er ikke nummeret til kontoen din. Bruk knappen «{button}», så deler Telegram ditt eget nummer. "
              "Ingenting er endret, og nummeret ble ikke lagret.",
        "nn": "Det er ikkje nummeret til kontoen din. Bruk knappen «{button}», så deler Telegram ditt eige nummer. "
              "Ingenting er endra, og nummeret vart ikkje lagra.",
        "da": "Det er ikke nummeret på din konto. Brug knappen »{button}«, så deler Telegram dit eget nummer. Intet "
              "er ændret, og nummeret blev ikke gemt.",
        "en": "That is not your account's number. Use the \"{button}\" button, and Telegram shares your own number. "
              "Nothing has changed, and the number was not stored.",
    },
    "tg_register_phone_no_link": {
        "nb": "Åpne lenken fra barnet først, så vet jeg hvilket samtykke nummeret gjelder. Nummeret ble ikke lagret.",
        "nn": "Opna lenkja frå barnet først, så veit eg kva samtykke nummeret gjeld. Nummeret vart ikkje lagra.",
        "da": "Åbn linket fra barnet først, så ved jeg, hvilket samtykke nummeret gælder. Nummeret blev ikke gemt.",
        "en": "Please open the link from your child first, so I know which consent the number is for. The number "
              "was not stored.",
    },
    "consent_ask_child_reference": {
        "nb": "{controller} sjekker hvem som er dine foresatte i sitt eget register. Hva er nummeret ditt hos "
              "{controller}, for eksempel elevnummeret? Du får det av læreren eller treneren din.",
        "nn": "{controller} sjekkar kven som er dei føresette dine i sitt eige register. Kva er nummeret ditt hos "
              "{controller}, til dømes elevnummeret? Du får det av læraren eller trenaren din.",
        "da": "{controller} tjekker i sit eget register, hvem dine forældre eller værger er. Hvad er dit nummer hos "
              "{controller}, for eksempel dit elevnummer? Du kan få det af din lærer eller træner.",
        "en": "{controller} checks who your guardians are in its own register. What is your number at "
              "{controller}, for example your pupil number? Your teacher or coach can tell you.",
    },
    "consent_child_reference_invalid": {
        "nb": "Det ser ikke ut som et nummer. Skriv bare nummeret, med bokstaver og tall.",
        "nn": "Det ser ikkje ut som eit nummer. Skriv berre nummeret, med bokstavar og tal.",
        "da": "Det ligner ikke et nummer. Skriv kun nummeret, med bogstaver og tal.",
        "en": "That does not look like a number. Please write just the number, in letters and digits.",
    },
    # --- the consent dialogue ----------------------------------------------------------------------
    "consent_ask_agree": {
        "nb": "Det er frivillig å si ja. Ingen kan kreve det, heller ikke en trener eller lærer, og det skjer deg "
              "ingenting om du sier nei. Vil du gi samtykke til dette?",
        "nn": "Det er frivillig å seie ja. Ingen kan krevje det, heller ikkje ein trenar eller lærar, og det skjer "
              "deg ingenting om du seier nei. Vil du gi samtykke til dette?",
        "da": "Det er frivilligt at sige ja. Ingen kan kræve det, heller ikke en træner eller lærer, og der sker dig "
              "ikke noget, hvis du siger nej. Vil du give samtykke til dette?",
        "en": "Saying yes is your free choice. Nobody can require it, not a coach or a teacher either, and nothing "
              "happens to you if you say no. Do you want to give your consent to this?",
    },
    "consent_ask_birth_year": {
        "nb": "Hvilket år er du født? Du kan også skrive hvor gammel du er. Jeg spør fordi reglene for samtykke "
              "avhenger av alder.",
        "nn": "Kva år er du fødd? Du kan òg skrive kor gammal du er. Eg spør fordi reglane for samtykke er ulike "
              "etter alder.",
        "da": "Hvilket år er du født? Du kan også skrive, hvor gammel du er. Jeg spørger, fordi reglerne for "
              "samtykke afhænger af alder.",
        "en": "What year were you born? You can also write how old you are. I ask because the rules for consent "
              "depend on age.",
    },
    "consent_birth_year_invalid": {
        "nb": "Det forsto jeg ikke. Skriv året du er født, for eksempel 2012, eller alderen din, for eksempel 14.",
        "nn": "Det forstod eg ikkje. Skriv året du er fødd, til dømes 2012, eller alderen din, til dømes 14.",
        "da": "Det forstod jeg ikke. Skriv det år, du er født, for eksempel 2012, eller din alder, for eksempel 14.",
        "en": "I did not understand that. Please write the year you were born, for example 2012, or your age, for "
              "example 14.",
    },
    "consent_rule_guardian_only": {
        "nb": "Når du er under {age} år, er det en forelder eller verge som bestemmer. Etterpå får du en lenke du kan "
              "gi til dem, og de svarer.",
        "nn": "Når du er under {age} år, er det ein forelder eller verje som bestemmer. Etterpå får du ei lenkje du "
              "kan gi til dei, og dei svarar.",
        "da": "Når du er under {age} år, er det en forælder eller værge, der bestemmer. Bagefter får du et link, som "
              "du kan give til dem, og de svarer.",
        "en": "When you are under {age}, a parent or guardian decides. Afterwards you get a link to give them, and "
              "they answer.",
    },
    "consent_rule_joint": {
        "nb": "Når du er mellom {low} og {high} år, må både du og en forelder eller verge si ja.",
        "nn": "Når du er mellom {low} og {high} år, må både du og ein forelder eller verje seie ja.",
        "da": "Når du er mellem {low} og {high} år, skal både du og en forælder eller værge sige ja.",
        "en": "When you are between {low} and {high}, both you and a parent or guardian have to say yes.",
    },
    "consent_rule_purpose_until": {
        "nb": "For dette må også en forelder eller verge si ja til du er {age} år.",
        "nn": "For dette må òg ein forelder eller verje seie ja til du er {age} år.",
        "da": "For dette skal en forælder eller værge også sige ja, indtil du er {age} år.",
        "en": "For this, a parent or guardian also has to say yes until you are {age}.",
    },
    "consent_rule_informed": {
        "nb": "Når du er mellom {low} og {high} år, bestemmer du selv, og en forelder eller verge får beskjed.",
        "nn": "Når du er mellom {low} og {high} år, bestemmer du sjølv, og ein forelder eller verje får beskjed.",
        "da": "Når du er mellem {low} og {high} år, bestemmer du selv, og en forælder eller værge får besked.",
        "en": "When you are between {low} and {high}, you decide yourself, and a parent or guardian is told.",
    },
    "consent_rule_self": {
        "nb": "Du bestemmer selv.",
        "nn": "Du bestemmer sjølv.",
        "da": "Du bestemmer selv.",
        "en": "You decide yourself.",
    },
    # --- the guardian web page ----------------------------------------------------------------------
    "web_approve_request": {
        "nb": "Barnet ditt ber om at du godkjenner dette samtykket:\n\n{notice}\n\nNår du godkjenner, bekrefter du at "
              "du er forelder eller verge for barnet. Du kan trekke samtykket tilbake når som helst på siden «Det jeg "
              "har svart» (lenken står nederst), eller ved å skrive til {contact}.",
        "nn": "Barnet ditt ber om at du godkjenner dette samtykket:\n\n{notice}\n\nNår du godkjenner, stadfestar du "
              "at du er forelder eller verje for barnet. Du kan trekkje samtykket tilbake når som helst på sida «Det "
              "eg har svart» (lenkja står nedst), eller ved å skrive til {contact}.",
        "da": "Dit barn beder dig godkende dette samtykke:\n\n{notice}\n\nNår du godkender, bekræfter du, at du er "
              "forælder eller værge for barnet. Du kan trække samtykket tilbage når som helst på siden »Det, jeg har "
              "svaret« (linket står nederst), eller ved at skrive til {contact}.",
        "en": "Your child asks you to approve this consent:\n\n{notice}\n\nBy approving, you confirm that you are the "
              "child's parent or guardian. You can withdraw the consent at any time on the page \"What I have "
              "answered\" (the link is at the bottom), or by writing to {contact}.",
    },
    "web_receipt": {
        "nb": "Kvittering: samtykke {record}, {when}. Du kan trekke samtykket tilbake når som helst nedenfor eller på "
              "siden «Det jeg har svart». Det gjelder straks.",
        "nn": "Kvittering: samtykke {record}, {when}. Du kan trekkje samtykket tilbake når som helst nedanfor eller "
              "på sida «Det eg har svart». Det gjeld straks.",
        "da": "Kvittering: samtykke {record}, {when}. Du kan trække samtykket tilbage når som helst nedenfor eller på "
              "siden »Det, jeg har svaret«. Det gælder med det samme.",
        "en": "Receipt: consent {record}, {when}. You can withdraw the consent at any time below or on the page "
              "\"What I have answered\". It takes effect at once.",
    },
    "web_answers_title": {"nb": "Det jeg har svart", "nn": "Det eg har svart", "da": "Det, jeg har svaret",
                          "en": "What I have answered"},
    "web_answers_intro": {
        "nb": "Skriv e-postadressen du svarte med. Vi sender en kode dit. Så ser du samtykkene du har svart på som "
              "foresatt, og kan trekke dem tilbake.",
        "nn": "Skriv e-postadressa du svarte med. Vi sender ein kode dit. Så ser du samtykka du har svart på som "
              "føresett, og kan trekkje dei tilbake.",
        "da": "Skriv den e-mailadresse, du svarede med. Vi sender en kode dertil. Så ser du de samtykker, du har "
              "svaret på som forælder eller værge, og kan trække dem tilbage.",
        "en": "Enter the e-mail address you answered with. We send a code there. Then you see the consents you "
              "have answered as a guardian, and can withdraw them.",
    },
    "web_answers_code_prompt": {
        "nb": "Vi har sendt en kode til {email}. Skriv koden for å se svarene dine.",
        "nn": "Vi har sendt ein kode til {email}. Skriv koden for å sjå svara dine.",
        "da": "Vi har sendt en kode til {email}. Skriv koden for at se dine svar.",
        "en": "We have sent a code to {email}. Enter the code to see your answers.",
    },
    "web_show_answers": {"nb": "Vis svarene", "nn": "Vis svara", "da": "Vis svarene", "en": "Show my answers"},
    "web_answers_none": {
        "nb": "Denne adressen har ikke svart på noen samtykker som foresatt.",
        "nn": "Denne adressa har ikkje svart på nokon samtykke som føresett.",
        "da": "Denne adresse har ikke svaret på nogen samtykker som forælder eller værge.",
        "en": "This address has not answered any consents as a guardian.",
    },
    "web_answers_line": {
        "nb": "«{title}»: {status}, {when}.", "nn": "«{title}»: {status}, {when}.",
        "da": "»{title}«: {status}, {when}.", "en": "\"{title}\": {status}, {when}.",
    },
    "web_answers_link": {
        "nb": "Se eller trekk tilbake det du har svart", "nn": "Sjå eller trekk tilbake det du har svart",
        "da": "Se eller træk tilbage det, du har svaret", "en": "See or withdraw what you have answered",
    },
    "web_answers_expired": {
        "nb": "Siden er for gammel. Skriv adressen din på nytt for å se svarene dine.",
        "nn": "Sida er for gammal. Skriv adressa di på nytt for å sjå svara dine.",
        "da": "Siden er for gammel. Skriv din adresse igen for at se dine svar.",
        "en": "This page has expired. Enter your address again to see your answers.",
    },
    "web_informed_only": {
        "nb": "Du fikk beskjed. Samtykket er barnets eget, og barnet kan trekke det tilbake.",
        "nn": "Du fekk beskjed. Samtykket er barnet sitt eige, og barnet kan trekkje det tilbake.",
        "da": "Du fik besked. Samtykket er barnets eget, og barnet kan trække det tilbage.",
        "en": "You were told. The consent is the child's own, and the child can withdraw it.",
    },
    # --- the Telegram guardian bot's commands --------------------------------------------------------
    "tg_help": {
        "nb": "Dette er Vern, personvernassistenten til {controller}. Dette kan du gjøre her:\n"
              "/start og koden fra barnet: svar på et samtykke\n/samtykker: se og trekk tilbake det du har svart\n"
              "/barn: samtykkene du har svart på for barnet ditt\n"
              "/sprak: velg språk\n/stopp: få Vern til å glemme Telegram-kontoen din\n/hjelp: denne listen",
        "nn": "Dette er Vern, personvernassistenten til {controller}. Dette kan du gjere her:\n"
              "/start og koden frå barnet: svar på eit samtykke\n/samtykker: sjå og trekk tilbake det du har svart\n"
              "/barn: samtykka du har svart på for barnet ditt\n"
              "/sprak: vel språk\n/stopp: få Vern til å gløyme Telegram-kontoen din\n/hjelp: denne lista",
        "da": "Det er Vern, privatlivsassistenten hos {controller}. Det kan du gøre her:\n"
              "/start og koden fra barnet: svar på et samtykke\n/samtykker: se og træk tilbage det, du har svaret\n"
              "/barn: de samtykker, du har svaret på for dit barn\n"
              "/sprog: vælg sprog\n/stop: få Vern til at glemme din Telegram-konto\n/help: denne liste",
        "en": "This is Vern, the privacy assistant of {controller}. Here you can:\n"
              "/start with the code from your child: answer a consent\n/consents: see and withdraw what you "
              "answered\n/child: the consents you answered for your child\n"
              "/language: choose a language\n/stop: make Vern forget your Telegram account\n"
              "/help: this list",
    },
    "tg_language_choose": {
        "nb": "Hvilket språk vil du ha?", "nn": "Kva språk vil du ha?", "da": "Hvilket sprog vil du have?",
        "en": "Which language would you like?",
    },
    "tg_language_set": {
        "nb": "Greit, jeg skriver {name} fra nå.", "nn": "Greitt, eg skriv {name} frå no.",
        "da": "Fint, jeg skriver {name} fra nu.", "en": "All right, I will write {name} from now on.",
    },
    "tg_stop_confirm": {
        "nb": "Vil du at Vern skal glemme Telegram-kontoen din? Svarene du har gitt, gjelder fortsatt, men du kan "
              "ikke lenger se eller trekke dem tilbake her. Da kan du bruke nettsiden «Det jeg har svart» eller "
              "skrive til {contact}.",
        "nn": "Vil du at Vern skal gløyme Telegram-kontoen din? Svara du har gitt, gjeld framleis, men du kan ikkje "
              "lenger sjå eller trekkje dei tilbake her. Då kan du bruke nettsida «Det eg har svart» eller skrive "
              "til {contact}.",
        "da": "Vil du have, at Vern glemmer din Telegram-konto? De svar, du har givet, gælder stadig, men du kan "
              "ikke længere se eller trække dem tilbage her. Så kan du bruge websiden »Det, jeg har svaret« eller "
              "skrive til {contact}.",
        "en": "Do you want Vern to forget your Telegram account? The answers you gave still apply, but you can no "
              "longer see or withdraw them here. You can then use the web page \"What I have answered\" or write "
              "to {contact}.",
    },
    "tg_button_forget": {"nb": "Ja, glem meg", "nn": "Ja, gløym meg", "da": "Ja, glem mig", "en": "Yes, forget me"},
    "tg_stopped": {
        "nb": "Ferdig. Vern har glemt Telegram-kontoen din. Skriv til {contact} hvis du vil endre et svar.",
        "nn": "Ferdig. Vern har gløymt Telegram-kontoen din. Skriv til {contact} om du vil endre eit svar.",
        "da": "Færdig. Vern har glemt din Telegram-konto. Skriv til {contact}, hvis du vil ændre et svar.",
        "en": "Done. Vern has forgotten your Telegram account. Write to {contact} if you want to change an answer.",
    },
    # --- 16-17: Vern informs the guardian itself ----------------------------------------------------
    "consent_ask_guardian_email": {
        "nb": "En forelder eller verge skal få beskjed. Skriv e-postadressen deres, så sender Vern beskjeden selv. "
              "Vil du heller gi dem en lenke, skriv «hopp over».",
        "nn": "Ein forelder eller verje skal få beskjed. Skriv e-postadressa deira, så sender Vern beskjeden "
              "sjølv. Vil du heller gi dei ei lenkje, skriv «hopp over».",
        "da": "En forælder eller værge skal have besked. Skriv deres e-mailadresse, så sender Vern beskeden selv. "
              "Vil du hellere give dem et link, så skriv »spring over«.",
        "en": "A parent or guardian is to be told. Write their e-mail address, and Vern sends them the message "
              "itself. If you would rather give them a link, write \"skip\".",
    },
    "consent_guardian_email_invalid": {
        "nb": "Det ser ikke ut som en e-postadresse. Skriv adressen, for eksempel navn@example.no, eller «hopp over».",
        "nn": "Det ser ikkje ut som ei e-postadresse. Skriv adressa, til dømes namn@example.no, eller «hopp over».",
        "da": "Det ligner ikke en e-mailadresse. Skriv adressen, for eksempel navn@example.dk, eller »spring over«.",
        "en": "That does not look like an e-mail address. Write the address, for example name@example.org, or "
              "\"skip\".",
    },
    "button_skip": {"nb": "Hopp over", "nn": "Hopp over", "da": "Spring over", "en": "Skip"},
    "consent_guardian_mailed": {
        "nb": "Jeg har sendt en e-post til forelderen eller vergen din med beskjed om samtykket.",
        "nn": "Eg har sendt ein e-post til forelderen eller verja di med beskjed om samtykket.",
        "da": "Jeg har sendt en e-mail til din forælder eller værge med besked om samtykket.",
        "en": "I have e-mailed your parent or guardian to tell them about the consent.",
    },
}
