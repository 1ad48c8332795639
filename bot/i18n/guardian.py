"""Giving consent in chat, the link a child passes on, and what Vern's Telegram bot says to a guardian."""

from __future__ import annotations

GUARDIAN_MESSAGES: dict[str, dict[str, str]] = {
    # --- giving consent in the chat -------------------------------------------------------------
    "request_intro_give_consent": {
        "nb": "Jeg kan registrere et samtykke for deg. Først forteller jeg hva det gjelder, så du vet hva du sier ja "
              "til.",
        "nn": "Eg kan registrere eit samtykke for deg. Først fortel eg kva det gjeld, så du veit kva du seier ja til.",
        "da": "Jeg kan registrere et samtykke for dig. Først fortæller jeg, hvad det gælder, så du ved, hvad du siger "
              "ja til.",
        "en": "I can record a consent for you. First I will tell you what it covers, so you know what you agree to.",
    },
    "consent_ask_purpose": {
        "nb": "Hva vil du gi samtykke til?",
        "nn": "Kva vil du gi samtykke til?",
        "da": "Hvad vil du give samtykke til?",
        "en": "What would you like to consent to?",
    },
    "consent_purpose_unknown": {
        "nb": "Det kjenner jeg ikke igjen. Velg en av knappene.",
        "nn": "Det kjenner eg ikkje att. Vel ein av knappane.",
        "da": "Det kender jeg ikke. Vælg en af knapperne.",
        "en": "I don't recognise that. Please choose one of the buttons.",
    },
    "consent_ask_agree": {
        "nb": "Vil du gi samtykke til dette?",
        "nn": "Vil du gi samtykke til dette?",
        "da": "Vil du give samtykke til dette?",
        "en": "Do you want to give your consent to this?",
    },
    "consent_agree_invalid": {
        "nb": "Svar ja eller nei, eller trykk på en av knappene.",
        "nn": "Svar ja eller nei, eller trykk på ein av knappane.",
        "da": "Svar ja eller nej, eller tryk på en af knapperne.",
        "en": "Please answer yes or no, or press one of the buttons.",
    },
    "button_yes": {"nb": "Ja", "nn": "Ja", "da": "Ja", "en": "Yes"},
    "button_no": {"nb": "Nei", "nn": "Nei", "da": "Nej", "en": "No"},
    "consent_not_given": {
        "nb": "Greit, jeg har ikke registrert noe. Du kan ombestemme deg når som helst.",
        "nn": "Greitt, eg har ikkje registrert noko. Du kan ombestemme deg når som helst.",
        "da": "Fint, jeg har ikke registreret noget. Du kan ombestemme dig når som helst.",
        "en": "All right, I have recorded nothing. You can change your mind at any time.",
    },
    "consent_ask_birth_year": {
        "nb": "Hvilket år er du født? Jeg spør fordi en forelder eller verge må være med når du er under 18.",
        "nn": "Kva år er du fødd? Eg spør fordi ein forelder eller verje må vere med når du er under 18.",
        "da": "Hvilket år er du født? Jeg spørger, fordi en forælder eller værge skal være med, når du er under 18.",
        "en": "What year were you born? I ask because a parent or guardian has to be involved if you are under 18.",
    },
    "consent_birth_year_invalid": {
        "nb": "Det ser ikke ut som et fødselsår. Skriv året med fire sifre, for eksempel 2010.",
        "nn": "Det ser ikkje ut som eit fødselsår. Skriv året med fire siffer, til dømes 2010.",
        "da": "Det ligner ikke et fødselsår. Skriv året med fire cifre, for eksempel 2010.",
        "en": "That does not look like a year of birth. Please write the year with four digits, for example 2010.",
    },
    "consent_given": {
        "nb": "Takk! Samtykket ditt til «{title}» er registrert og gjelder fra nå. Du kan trekke det tilbake når som "
              "helst; skriv bare «trekk tilbake samtykke».",
        "nn": "Takk! Samtykket ditt til «{title}» er registrert og gjeld frå no. Du kan trekkje det tilbake når som "
              "helst; skriv berre «trekk tilbake samtykke».",
        "da": "Tak! Dit samtykke til »{title}« er registreret og gælder fra nu. Du kan trække det tilbage når som "
              "helst; skriv bare »træk samtykke tilbage«.",
        "en": "Thank you! Your consent to \"{title}\" is recorded and applies from now. You can withdraw it at any "
              "time; just write \"withdraw my consent\".",
    },
    "consent_needs_guardian_joint": {
        "nb": "Takk! Jeg har registrert at du vil. Fordi du er under {age}, må også en forelder eller verge godkjenne "
              "før samtykket gjelder.",
        "nn": "Takk! Eg har registrert at du vil. Fordi du er under {age}, må også ein forelder eller verje godkjenne "
              "før samtykket gjeld.",
        "da": "Tak! Jeg har registreret, at du gerne vil. Fordi du er under {age}, skal en forælder eller værge også "
              "godkende, før samtykket gælder.",
        "en": "Thank you! I have noted that you want this. Because you are under {age}, a parent or guardian must "
              "also approve before the consent applies.",
    },
    "consent_needs_guardian_only": {
        "nb": "Fordi du er under {age}, er det en forelder eller verge som gir samtykket. Jeg har notert "
              "forespørselen.",
        "nn": "Fordi du er under {age}, er det ein forelder eller verje som gir samtykket. Eg har notert "
              "førespurnaden.",
        "da": "Fordi du er under {age}, er det en forælder eller værge, der giver samtykket. Jeg har noteret "
              "anmodningen.",
        "en": "Because you are under {age}, a parent or guardian gives the consent. I have noted the request.",
    },
    "consent_guardian_informed_needed": {
        "nb": "Takk! Samtykket ditt til «{title}» gjelder fra nå. Fordi du er under {age}, skal en forelder eller "
              "verge få beskjed om det.",
        "nn": "Takk! Samtykket ditt til «{title}» gjeld frå no. Fordi du er under {age}, skal ein forelder eller "
              "verje få beskjed om det.",
        "da": "Tak! Dit samtykke til »{title}« gælder fra nu. Fordi du er under {age}, skal en forælder eller værge "
              "have besked om det.",
        "en": "Thank you! Your consent to \"{title}\" applies from now. Because you are under {age}, a parent or "
              "guardian is to be told about it.",
    },
    "guardian_link_telegram": {
        "nb": "Gi denne lenken til en forelder eller verge: {link}\nDe kan også skrive koden {code} til Vern på "
              "Telegram (@{bot}). Lenken og koden gjelder i 72 timer, og du får beskjed her når de har svart.",
        "nn": "Gi denne lenkja til ein forelder eller verje: {link}\nDei kan også skrive koden {code} til Vern på "
              "Telegram (@{bot}). Lenkja og koden gjeld i 72 timar, og du får beskjed her når dei har svart.",
        "da": "Giv dette link til en forælder eller værge: {link}\nDe kan også skrive koden {code} til Vern på "
              "Telegram (@{bot}). Linket og koden gælder i 72 timer, og du får besked her, når de har svaret.",
        "en": "Give this link to a parent or guardian: {link}\nThey can also send the code {code} to Vern on "
              "Telegram (@{bot}). The link and the code are valid for 72 hours, and you will be told here when "
              "they have answered.",
    },
    "guardian_link_web": {
        "nb": "Gi denne lenken til en forelder eller verge: {link}\nDe bekrefter med en kode på e-post. Lenken "
              "gjelder i 72 timer, og du får beskjed her når de har svart.",
        "nn": "Gi denne lenkja til ein forelder eller verje: {link}\nDei stadfestar med ein kode på e-post. Lenkja "
              "gjeld i 72 timar, og du får beskjed her når dei har svart.",
        "da": "Giv dette link til en forælder eller værge: {link}\nDe bekræfter med en kode på e-mail. Linket "
              "gælder i 72 timer, og du får besked her, når de har svaret.",
        "en": "Give this link to a parent or guardian: {link}\nThey confirm with a code sent by e-mail. The link is "
              "valid for 72 hours, and you will be told here when they have answered.",
    },
    "guardian_link_web_alternative": {
        "nb": "Har de ikke Telegram, kan de bruke denne lenken og bekrefte med en kode på e-post: {link}",
        "nn": "Har dei ikkje Telegram, kan dei bruke denne lenkja og stadfeste med ein kode på e-post: {link}",
        "da": "Har de ikke Telegram, kan de bruge dette link og bekræfte med en kode på e-mail: {link}",
        "en": "If they don't use Telegram, they can use this link and confirm with a code sent by e-mail: {link}",
    },
    "guardian_approved_child": {
        "nb": "Forelderen din har godkjent. Samtykket til «{title}» gjelder nå.",
        "nn": "Forelderen din har godkjent. Samtykket til «{title}» gjeld no.",
        "da": "Din forælder har godkendt. Samtykket til »{title}« gælder nu.",
        "en": "Your parent has approved. The consent to \"{title}\" applies now.",
    },
    "guardian_declined_child": {
        "nb": "Forelderen din har avslått samtykket til «{title}», så det blir ikke registrert noe for dette.",
        "nn": "Forelderen din har avslått samtykket til «{title}», så det blir ikkje registrert noko for dette.",
        "da": "Din forælder har afvist samtykket til »{title}«, så der bliver ikke registreret noget for det.",
        "en": "Your parent has declined the consent to \"{title}\", so nothing is recorded for it.",
    },
    "guardian_self_answer_child": {
        "nb": "Noen prøvde å svare på samtykket til «{title}» med din egen e-postadresse eller konto. Svaret må "
              "komme fra forelderen din, så det ble ikke godtatt. Gi lenken til forelderen din.",
        "nn": "Nokon prøvde å svare på samtykket til «{title}» med di eiga e-postadresse eller konto. Svaret må "
              "kome frå forelderen din, så det vart ikkje godteke. Gi lenkja til forelderen din.",
        "da": "Nogen forsøgte at svare på samtykket til »{title}« med din egen e-mailadresse eller konto. Svaret "
              "skal komme fra din forælder, så det blev ikke godtaget. Giv linket til din forælder.",
        "en": "Someone tried to answer the consent to \"{title}\" with your own e-mail address or account. The "
              "answer has to come from your parent, so it was not accepted. Please give the link to your parent.",
    },
    "guardian_informed_child": {
        "nb": "Forelderen din har fått beskjed om samtykket ditt til «{title}».",
        "nn": "Forelderen din har fått beskjed om samtykket ditt til «{title}».",
        "da": "Din forælder har fået besked om dit samtykke til »{title}«.",
        "en": "Your parent has been told about your consent to \"{title}\".",
    },
    # --- Vern's Telegram bot, to a guardian -----------------------------------------------------
    "tg_welcome": {
        "nb": "Hei! Dette er Vern, personvernassistenten til {controller}. Her kan du som forelder eller verge svare "
              "på samtykker barnet ditt ber om. Send koden du har fått av barnet, eller skriv /samtykker for å se "
              "samtykkene du har svart på.",
        "nn": "Hei! Dette er Vern, personvernassistenten til {controller}. Her kan du som forelder eller verje svare "
              "på samtykke barnet ditt ber om. Send koden du har fått av barnet, eller skriv /samtykker for å sjå "
              "samtykka du har svart på.",
        "da": "Hej! Det er Vern, privatlivsassistenten hos {controller}. Her kan du som forælder eller værge svare "
              "på samtykker, dit barn beder om. Send koden, du har fået af barnet, eller skriv /samtykker for at se "
              "de samtykker, du har svaret på.",
        "en": "Hello! This is Vern, the privacy assistant of {controller}. Here you, as a parent or guardian, can "
              "answer consents your child asks for. Send the code you got from your child, or write /consents to "
              "see the consents you have answered.",
    },
    "tg_approve_request": {
        "nb": "Barnet ditt ber om at du godkjenner dette samtykket:\n\n{notice}\n\nNår du godkjenner, bekrefter du at "
              "du er forelder eller verge for barnet. Du kan trekke samtykket tilbake når som helst med /samtykker.",
        "nn": "Barnet ditt ber om at du godkjenner dette samtykket:\n\n{notice}\n\nNår du godkjenner, stadfestar du "
              "at du er forelder eller verje for barnet. Du kan trekkje samtykket tilbake når som helst med "
              "/samtykker.",
        "da": "Dit barn beder dig godkende dette samtykke:\n\n{notice}\n\nNår du godkender, bekræfter du, at du er "
              "forælder eller værge for barnet. Du kan trække samtykket tilbage når som helst med /samtykker.",
        "en": "Your child asks you to approve this consent:\n\n{notice}\n\nBy approving, you confirm that you are the "
              "child's parent or guardian. You can withdraw the consent at any time with /consents.",
    },
    "tg_inform": {
        "nb": "Til informasjon: barnet ditt har gitt dette samtykket, som gjelder fra nå:\n\n{notice}\n\nBarnet kan "
              "selv trekke det tilbake når som helst.",
        "nn": "Til informasjon: barnet ditt har gitt dette samtykket, som gjeld frå no:\n\n{notice}\n\nBarnet kan "
              "sjølv trekkje det tilbake når som helst.",
        "da": "Til orientering: dit barn har givet dette samtykke, som gælder fra nu:\n\n{notice}\n\nBarnet kan "
              "selv trække det tilbage når som helst.",
        "en": "For your information: your child has given this consent, which applies from now:\n\n{notice}\n\nThe "
              "child can withdraw it at any time.",
    },
    "tg_button_approve": {"nb": "Godkjenn", "nn": "Godkjenn", "da": "Godkend", "en": "Approve"},
    "tg_button_decline": {"nb": "Avslå", "nn": "Avslå", "da": "Afvis", "en": "Decline"},
    "tg_button_ack": {"nb": "Mottatt", "nn": "Motteke", "da": "Modtaget", "en": "Noted"},
    "tg_approved": {
        "nb": "Takk! Du har godkjent samtykket til «{title}», og det gjelder fra nå.\nKvittering: samtykke {record}, "
              "{when}. Du kan trekke det tilbake med /samtykker.",
        "nn": "Takk! Du har godkjent samtykket til «{title}», og det gjeld frå no.\nKvittering: samtykke {record}, "
              "{when}. Du kan trekkje det tilbake med /samtykker.",
        "da": "Tak! Du har godkendt samtykket til »{title}«, og det gælder fra nu.\nKvittering: samtykke {record}, "
              "{when}. Du kan trække det tilbage med /samtykker.",
        "en": "Thank you! You have approved the consent to \"{title}\", and it applies from now.\nReceipt: consent "
              "{record}, {when}. You can withdraw it with /consents.",
    },
    "tg_declined": {
        "nb": "Du har avslått samtykket til «{title}». Ingenting blir behandlet for dette formålet.",
        "nn": "Du har avslått samtykket til «{title}». Ingenting blir behandla for dette føremålet.",
        "da": "Du har afvist samtykket til »{title}«. Intet bliver behandlet til dette formål.",
        "en": "You have declined the consent to \"{title}\". Nothing is processed for this purpose.",
    },
    "tg_acknowledged": {
        "nb": "Takk, det er notert at du har fått beskjed om «{title}».",
        "nn": "Takk, det er notert at du har fått beskjed om «{title}».",
        "da": "Tak, det er noteret, at du har fået besked om »{title}«.",
        "en": "Thank you, it is noted that you have been told about \"{title}\".",
    },
    "tg_expired": {
        "nb": "Denne lenken eller koden er utløpt (den gjelder i 72 timer). Be barnet om en ny i chatten med Vern.",
        "nn": "Denne lenkja eller koden har gått ut (ho gjeld i 72 timar). Be barnet om ei ny i chatten med Vern.",
        "da": "Dette link eller denne kode er udløbet (den gælder i 72 timer). Bed barnet om en ny i chatten med "
              "Vern.",
        "en": "This link or code has expired (it is valid for 72 hours). Ask your child for a new one in the chat "
              "with Vern.",
    },
    "tg_used": {
        "nb": "Denne lenken er allerede brukt, og svaret er registrert. Skriv /samtykker for å se samtykkene dine.",
        "nn": "Denne lenkja er alt brukt, og svaret er registrert. Skriv /samtykker for å sjå samtykka dine.",
        "da": "Dette link er allerede brugt, og svaret er registreret. Skriv /samtykker for at se dine samtykker.",
        "en": "This link has already been used, and the answer is recorded. Write /consents to see your consents.",
    },
    "tg_unknown": {
        "nb": "Jeg kjenner ikke igjen denne lenken eller koden. Sjekk at den er skrevet riktig, eller be barnet om en "
              "ny.",
        "nn": "Eg kjenner ikkje att denne lenkja eller koden. Sjekk at han er skriven rett, eller be barnet om ei ny.",
        "da": "Jeg kender ikke dette link eller denne kode. Tjek, at den er skrevet rigtigt, eller bed barnet om en "
              "ny.",
        "en": "I don't recognise this link or code. Check that it is typed correctly, or ask your child for a new "
              "one.",
    },
    "tg_withdrawn_before": {
        "nb": "Barnet har allerede trukket tilbake denne forespørselen, så det er ingenting å svare på.",
        "nn": "Barnet har alt trekt tilbake denne førespurnaden, så det er ingenting å svare på.",
        "da": "Barnet har allerede trukket denne anmodning tilbage, så der er intet at svare på.",
        "en": "Your child has already withdrawn this request, so there is nothing to answer.",
    },
    "tg_child_itself": {
        "nb": "Denne lenken er til barnets forelder eller verge. Adressen eller kontoen du svarer fra, er en barnet "
              "selv har brukt i samtalen, så svaret kan ikke tas imot herfra. Be forelderen svare fra sin egen "
              "e-postadresse eller Telegram-konto. (Vern kan ikke bekrefte hvem som er forelder, bare avvise det "
              "åpenbare.)",
        "nn": "Denne lenkja er til forelderen eller verja til barnet. Adressa eller kontoen du svarer frå, er ei "
              "barnet sjølv har brukt i samtalen, så svaret kan ikkje takast imot herifrå. Be forelderen svare frå "
              "si eiga e-postadresse eller Telegram-konto. (Vern kan ikkje stadfeste kven som er forelder, berre "
              "avvise det openberre.)",
        "da": "Dette link er til barnets forælder eller værge. Den adresse eller konto, du svarer fra, har barnet "
              "selv brugt i samtalen, så svaret kan ikke modtages herfra. Bed forælderen svare fra sin egen "
              "e-mailadresse eller Telegram-konto. (Vern kan ikke bekræfte, hvem der er forælder, kun afvise det "
              "åbenlyse.)",
        "en": "This link is for the child's parent or guardian. The address or account you are answering from is "
              "one the child used in the chat, so the answer cannot be taken from it. Please ask the parent to "
              "answer from their own e-mail address or Telegram account. (Vern cannot prove who is a parent, "
              "only refuse the obvious.)",
    },
    "tg_not_opener": {
        "nb": "Denne knappen hører til en lenke som ikke er åpnet fra denne kontoen. Åpne lenken på nytt.",
        "nn": "Denne knappen høyrer til ei lenkje som ikkje er opna frå denne kontoen. Opne lenkja på nytt.",
        "da": "Denne knap hører til et link, der ikke er åbnet fra denne konto. Åbn linket igen.",
        "en": "This button belongs to a link that was not opened from this account. Please open the link again.",
    },
    "tg_consents_none": {
        "nb": "Du har ikke svart på noen samtykker her ennå.",
        "nn": "Du har ikkje svart på nokon samtykke her enno.",
        "da": "Du har ikke svaret på nogen samtykker her endnu.",
        "en": "You have not answered any consents here yet.",
    },
    "tg_confirm_withdraw": {
        "nb": "Vil du trekke tilbake samtykket til «{title}»? Det gjelder straks.",
        "nn": "Vil du trekkje tilbake samtykket til «{title}»? Det gjeld straks.",
        "da": "Vil du trække samtykket til »{title}« tilbage? Det gælder med det samme.",
        "en": "Do you want to withdraw the consent to \"{title}\"? It takes effect at once.",
    },
    "tg_button_confirm_withdraw": {"nb": "Ja, trekk tilbake", "nn": "Ja, trekk tilbake", "da": "Ja, træk tilbage",
                                   "en": "Yes, withdraw"},
    "tg_button_cancel": {"nb": "Avbryt", "nn": "Avbryt", "da": "Annuller", "en": "Cancel"},
    "tg_cancelled": {
        "nb": "Greit, ingenting er endret.",
        "nn": "Greitt, ingenting er endra.",
        "da": "Fint, intet er ændret.",
        "en": "All right, nothing has changed.",
    },
    "tg_not_yours": {
        "nb": "Dette samtykket kan ikke endres herfra.",
        "nn": "Dette samtykket kan ikkje endrast herifrå.",
        "da": "Dette samtykke kan ikke ændres herfra.",
        "en": "This consent cannot be changed from here.",
    },
    "tg_unavailable": {
        "nb": "Beklager, noe gikk galt hos oss, og ingenting er endret. Prøv igjen om litt.",
        "nn": "Orsak, noko gjekk gale hos oss, og ingenting er endra. Prøv igjen om litt.",
        "da": "Beklager, noget gik galt hos os, og intet er ændret. Prøv igen om lidt.",
        "en": "Sorry, something went wrong on our side, and nothing has changed. Please try again shortly.",
    },
    # --- the web page for a guardian without Telegram ----------------------------------------
    "web_email_prompt": {
        "nb": "Skriv e-postadressen din. Vi sender en kode dit, og adressen lagres bare som en nøkkel (hash).",
        "nn": "Skriv e-postadressa di. Vi sender ein kode dit, og adressa blir berre lagra som ein nøkkel (hash).",
        "da": "Skriv din e-mailadresse. Vi sender en kode dertil, og adressen gemmes kun som en nøgle (hash).",
        "en": "Enter your e-mail address. We send a code there, and the address is kept only as a key (hash).",
    },
    "web_email_label": {"nb": "E-postadresse", "nn": "E-postadresse", "da": "E-mailadresse",
                        "en": "E-mail address"},
    "web_send_code": {"nb": "Send kode", "nn": "Send kode", "da": "Send kode", "en": "Send code"},
    "web_code_prompt": {
        "nb": "Vi har sendt en kode til {email}. Skriv koden og velg svaret ditt.",
        "nn": "Vi har sendt ein kode til {email}. Skriv koden og vel svaret ditt.",
        "da": "Vi har sendt en kode til {email}. Skriv koden, og vælg dit svar.",
        "en": "We have sent a code to {email}. Enter the code and choose your answer.",
    },
    "web_code_label": {"nb": "Kode", "nn": "Kode", "da": "Kode", "en": "Code"},
    "web_code_wrong": {
        "nb": "Koden stemmer ikke, eller den er utløpt. Prøv igjen, eller be om en ny kode.",
        "nn": "Koden stemmer ikkje, eller han har gått ut. Prøv igjen, eller be om ein ny kode.",
        "da": "Koden passer ikke, eller den er udløbet. Prøv igen, eller bed om en ny kode.",
        "en": "The code is wrong or has expired. Try again, or ask for a new code.",
    },
    "web_email_invalid": {
        "nb": "Det ser ikke ut som en e-postadresse. Prøv igjen.",
        "nn": "Det ser ikkje ut som ei e-postadresse. Prøv igjen.",
        "da": "Det ligner ikke en e-mailadresse. Prøv igen.",
        "en": "That does not look like an e-mail address. Please try again.",
    },
    "web_code_not_sent": {
        "nb": "Vi kunne ikke sende en kode akkurat nå (eller det er sendt mange koder). Prøv igjen om litt.",
        "nn": "Vi kunne ikkje sende ein kode akkurat no (eller det er sendt mange kodar). Prøv igjen om litt.",
        "da": "Vi kunne ikke sende en kode lige nu (eller der er sendt mange koder). Prøv igen om lidt.",
        "en": "We could not send a code just now (or many codes have been sent). Please try again shortly.",
    },
    "web_receipt": {
        "nb": "Kvittering: samtykke {record}, {when}. Vil du trekke samtykket tilbake senere, skriv til "
              "{contact}; det gjelder straks.",
        "nn": "Kvittering: samtykke {record}, {when}. Vil du trekkje samtykket tilbake seinare, skriv til "
              "{contact}; det gjeld straks.",
        "da": "Kvittering: samtykke {record}, {when}. Vil du trække samtykket tilbage senere, så skriv til "
              "{contact}; det gælder med det samme.",
        "en": "Receipt: consent {record}, {when}. To withdraw the consent later, write to {contact}; it "
              "takes effect at once.",
    },
    "consent_receipt_button": {"nb": "Send kvittering på e-post", "nn": "Send kvittering på e-post",
                               "da": "Send kvittering på e-mail", "en": "E-mail me the receipt"},
    "consent_receipt_sent": {
        "nb": "Kvitteringen for «{title}» er sendt til e-postadressen du bekreftet.",
        "nn": "Kvitteringa for «{title}» er send til e-postadressa du stadfesta.",
        "da": "Kvitteringen for »{title}« er sendt til den e-mailadresse, du bekræftede.",
        "en": "The receipt for \"{title}\" has been sent to the e-mail address you confirmed.",
    },
    "consent_receipt_failed": {
        "nb": "Kvitteringen kunne ikke sendes akkurat nå. Samtykket er likevel registrert; prøv igjen om litt.",
        "nn": "Kvitteringa kunne ikkje sendast akkurat no. Samtykket er likevel registrert; prøv igjen om litt.",
        "da": "Kvitteringen kunne ikke sendes lige nu. Samtykket er stadig registreret; prøv igen om lidt.",
        "en": "The receipt could not be sent just now. The consent is recorded all the same; try again shortly.",
    },
}
