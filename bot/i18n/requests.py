"""What Vern says while it takes a data-subject request, in nb, nn, da and en.

The questions a form asks live in domain.yml (`utter_ask_<slot>`); these are
the answers that depend on what the services said (a code sent, a case
opened, a store down).
"""

from __future__ import annotations

REQUEST_MESSAGES: dict[str, dict[str, str]] = {
    "request_intro_access": {
        "nb": "Du har rett til å få vite hva vi har lagret om deg, og få en kopi (GDPR artikkel 15).",
        "nn": "Du har rett til å få vite kva vi har lagra om deg, og få ein kopi (GDPR artikkel 15).",
        "da": "Du har ret til at få at vide, hvad vi har registreret om dig, og få en kopi (GDPR artikel 15).",
        "en": "You have the right to know what we hold about you and to get a copy (GDPR Article 15).",
    },
    "request_intro_rectification": {
        "nb": "Du har rett til å få rettet opplysninger om deg som er feil eller ufullstendige (GDPR artikkel 16).",
        "nn": "Du har rett til å få retta opplysningar om deg som er feil eller ufullstendige (GDPR artikkel 16).",
        "da": "Du har ret til at få rettet oplysninger om dig, der er forkerte eller ufuldstændige (GDPR artikel 16).",
        "en": "You have the right to have wrong or incomplete data about you corrected (GDPR Article 16).",
    },
    "request_intro_erasure": {
        "nb": "Du kan be oss slette opplysningene vi har om deg; vi sletter alt vi ikke er pålagt å beholde "
              "(GDPR artikkel 17).",
        "nn": "Du kan be oss slette opplysningane vi har om deg; vi slettar alt vi ikkje er pålagde å ta vare på "
              "(GDPR artikkel 17).",
        "da": "Du kan bede os slette de oplysninger, vi har om dig; vi sletter alt, vi ikke er forpligtet til at "
              "gemme (GDPR artikel 17).",
        "en": "You can ask us to erase the data we hold about you; we erase everything we are not required to keep "
              "(GDPR Article 17).",
    },
    "request_intro_restriction": {
        "nb": "Du kan be oss begrense behandlingen: da tar vi vare på opplysningene, men bruker dem ikke "
              "(GDPR artikkel 18).",
        "nn": "Du kan be oss avgrense behandlinga: då tek vi vare på opplysningane, men brukar dei ikkje "
              "(GDPR artikkel 18).",
        "da": "Du kan bede os begrænse behandlingen: så gemmer vi oplysningerne, men bruger dem ikke "
              "(GDPR artikel 18).",
        "en": "You can ask us to restrict processing: we then keep your data but do not use it (GDPR Article 18).",
    },
    "request_intro_portability": {
        "nb": "Du har rett til å få opplysningene du har gitt oss i en maskinlesbar fil, så du kan ta dem med deg "
              "(GDPR artikkel 20).",
        "nn": "Du har rett til å få opplysningane du har gitt oss i ei maskinlesbar fil, så du kan ta dei med deg "
              "(GDPR artikkel 20).",
        "da": "Du har ret til at få de oplysninger, du har givet os, i en maskinlæsbar fil, så du kan tage dem med "
              "(GDPR artikel 20).",
        "en": "You have the right to get the data you gave us in a machine-readable file to take elsewhere "
              "(GDPR Article 20).",
    },
    "request_intro_objection": {
        "nb": "Du kan protestere mot at vi behandler opplysninger om deg; da må vi stanse med mindre vi har "
              "tungtveiende grunner (GDPR artikkel 21).",
        "nn": "Du kan protestere mot at vi behandlar opplysningar om deg; då må vi stanse med mindre vi har "
              "tungtvegande grunnar (GDPR artikkel 21).",
        "da": "Du kan gøre indsigelse mod, at vi behandler oplysninger om dig; så skal vi stoppe, medmindre vi har "
              "vægtige grunde (GDPR artikel 21).",
        "en": "You can object to our processing of your data; we must then stop unless we have compelling grounds "
              "(GDPR Article 21).",
    },
    "request_intro_status": {
        "nb": "Jeg kan fortelle hvordan det går med saken din når du har bekreftet e-postadressen din.",
        "nn": "Eg kan fortelje korleis det går med saka di når du har stadfesta e-postadressa di.",
        "da": "Jeg kan fortælle, hvordan det går med din sag, når du har bekræftet din e-mailadresse.",
        "en": "I can tell you how your case is going once you have confirmed your e-mail address.",
    },
    "code_sent": {
        "nb": "Jeg har sendt en kode på 6 sifre til {email}. Skriv koden her; den gjelder i {minutes} minutter.",
        "nn": "Eg har sendt ein kode på 6 siffer til {email}. Skriv koden her; han gjeld i {minutes} minutt.",
        "da": "Jeg har sendt en kode på 6 cifre til {email}. Skriv koden her; den gælder i {minutes} minutter.",
        "en": "I have sent a 6-digit code to {email}. Type the code here; it is valid for {minutes} minutes.",
    },
    "code_cooldown": {
        "nb": "Du fikk en kode for under ett minutt siden. Vent {seconds} sekunder før du ber om en ny.",
        "nn": "Du fekk ein kode for under eitt minutt sidan. Vent {seconds} sekund før du ber om ein ny.",
        "da": "Du fik en kode for under et minut siden. Vent {seconds} sekunder, før du beder om en ny.",
        "en": "You got a code less than a minute ago. Please wait {seconds} seconds before asking for a new one.",
    },
    # Whose hourly budget is spent (bot.verification.RateLimitScope): say which, so the person is told the truth.
    "code_rate_limited_address": {
        "nb": "Denne e-postadressen har fått så mange koder den siste timen som den kan få, fra deg eller fra "
              "andre. Prøv igjen om {minutes} minutter, eller kontakt {contact}.",
        "nn": "Denne e-postadressa har fått så mange kodar den siste timen som ho kan få, frå deg eller frå "
              "andre. Prøv igjen om {minutes} minutt, eller kontakt {contact}.",
        "da": "Denne e-mailadresse har fået så mange koder inden for den sidste time, som den kan få, fra dig "
              "eller fra andre. Prøv igen om {minutes} minutter, eller kontakt {contact}.",
        "en": "This e-mail address has had as many codes in the last hour as it can get, asked for by you or by "
              "others. Please try again in {minutes} minutes, or contact {contact}.",
    },
    "code_rate_limited_client": {
        "nb": "Det er bedt om for mange koder til denne adressen fra din tilkobling den siste timen. Adressen "
              "selv er ikke sperret. Prøv igjen om {minutes} minutter, eller kontakt {contact}.",
        "nn": "Det er bede om for mange kodar til denne adressa frå tilkoplinga di den siste timen. Adressa "
              "sjølv er ikkje sperra. Prøv igjen om {minutes} minutt, eller kontakt {contact}.",
        "da": "Der er bedt om for mange koder til denne adresse fra din forbindelse inden for den sidste time. "
              "Selve adressen er ikke spærret. Prøv igen om {minutes} minutter, eller kontakt {contact}.",
        "en": "Too many codes for this address were asked for from your connection in the last hour. The "
              "address itself is not blocked. Please try again in {minutes} minutes, or contact {contact}.",
    },
    "code_rate_limited_chat": {
        "nb": "Denne samtalen har bedt om for mange koder den siste timen. Prøv igjen om {minutes} minutter, "
              "eller kontakt {contact}.",
        "nn": "Denne samtalen har bede om for mange kodar den siste timen. Prøv igjen om {minutes} minutt, "
              "eller kontakt {contact}.",
        "da": "Denne samtale har bedt om for mange koder inden for den sidste time. Prøv igen om {minutes} "
              "minutter, eller kontakt {contact}.",
        "en": "This chat has asked for too many codes in the last hour. Please try again in {minutes} minutes, "
              "or contact {contact}.",
    },
    "code_delivery_failed": {
        "nb": "Jeg fikk ikke sendt e-posten akkurat nå. Forespørselen din er tatt vare på: skriv «send koden på "
              "nytt» om litt.",
        "nn": "Eg fekk ikkje sendt e-posten akkurat no. Førespurnaden din er teken vare på: skriv «send koden på "
              "nytt» om litt.",
        "da": "Jeg kunne ikke sende e-mailen lige nu. Din anmodning er gemt: skriv »send koden igen« om lidt.",
        "en": "I could not send the e-mail just now. Your request is kept: type \"resend the code\" in a little "
              "while.",
    },
    "service_unavailable": {
        "nb": "Beklager, jeg kan ikke bekrefte eller registrere noe akkurat nå på grunn av en teknisk feil. Ingenting "
              "er tapt; prøv igjen om litt.",
        "nn": "Orsak, eg kan ikkje stadfeste eller registrere noko akkurat no på grunn av ein teknisk feil. Ingenting "
              "er tapt; prøv igjen om litt.",
        "da": "Beklager, jeg kan ikke bekræfte eller registrere noget lige nu på grund af en teknisk fejl. Intet er "
              "tabt; prøv igen om lidt.",
        "en": "Sorry, I cannot confirm or register anything right now because of a technical fault. Nothing is lost; "
              "please try again shortly.",
    },
    "code_wrong": {
        "nb": "Koden stemmer ikke. Du har {attempts} forsøk igjen.",
        "nn": "Koden stemmer ikkje. Du har {attempts} forsøk att.",
        "da": "Koden passer ikke. Du har {attempts} forsøg tilbage.",
        "en": "That code is not right. You have {attempts} attempts left.",
    },
    "code_expired": {
        "nb": "Koden er ikke lenger gyldig. Skriv «send ny kode», så får du en ny.",
        "nn": "Koden er ikkje lenger gyldig. Skriv «send ny kode», så får du ein ny.",
        "da": "Koden er ikke længere gyldig. Skriv »send ny kode«, så får du en ny.",
        "en": "The code is no longer valid. Type \"send a new code\" to get a new one.",
    },
    "code_locked": {
        "nb": "Koden er sperret etter for mange feil forsøk. Skriv «send ny kode» for å prøve igjen, eller "
              "kontakt {contact}, så hjelper en saksbehandler deg.",
        "nn": "Koden er sperra etter for mange feil forsøk. Skriv «send ny kode» for å prøve igjen, eller "
              "kontakt {contact}, så hjelper ein saksbehandlar deg.",
        "da": "Koden er spærret efter for mange forkerte forsøg. Skriv »send ny kode« for at prøve igen, eller "
              "kontakt {contact}, så hjælper en sagsbehandler dig.",
        "en": "The code is blocked after too many wrong attempts. Type \"send a new code\" to try again, or contact "
              "{contact} and a caseworker will help you.",
    },
    "email_invalid": {
        "nb": "Det ser ikke ut som en e-postadresse. Skriv den slik: navn@domene.no.",
        "nn": "Det ser ikkje ut som ei e-postadresse. Skriv ho slik: namn@domene.no.",
        "da": "Det ligner ikke en e-mailadresse. Skriv den sådan: navn@domæne.dk.",
        "en": "That does not look like an e-mail address. Please write it like this: name@example.com.",
    },
    "answer_too_long": {
        "nb": "Skriv det litt kortere (høyst {limit} tegn), og ikke ta med flere personopplysninger enn nødvendig.",
        "nn": "Skriv det litt kortare (høgst {limit} teikn), og ikkje ta med fleire personopplysningar enn naudsynt.",
        "da": "Skriv det lidt kortere (højst {limit} tegn), og tag ikke flere personoplysninger med end nødvendigt.",
        "en": "Please keep it shorter (at most {limit} characters) and include no more personal data than needed.",
    },
    "restriction_ground_invalid": {
        "nb": "Velg ett av alternativene a, b, c eller d.",
        "nn": "Vel eitt av alternativa a, b, c eller d.",
        "da": "Vælg en af mulighederne a, b, c eller d.",
        "en": "Please choose one of the options a, b, c or d.",
    },
    "caseworker_offer": {
        "nb": "Dette ser ut til å være vanskelig å få til her. Kontakt {contact}, så hjelper en saksbehandler deg.",
        "nn": "Dette ser ut til å vere vanskeleg å få til her. Kontakt {contact}, så hjelper ein saksbehandlar deg.",
        "da": "Det ser ud til at være svært at klare her. Kontakt {contact}, så hjælper en sagsbehandler dig.",
        "en": "This seems hard to do here. Please contact {contact} and a caseworker will help you.",
    },
    "case_opened": {
        "nb": "Saken din har referanse {reference}. Vi svarer senest {due}.",
        "nn": "Saka di har referanse {reference}. Vi svarar seinast {due}.",
        "da": "Din sag har referencen {reference}. Vi svarer senest {due}.",
        "en": "Your case has the reference {reference}. We will answer by {due} at the latest.",
    },
    "case_receipt_sent": {
        "nb": "Du får en bekreftelse på e-post.",
        "nn": "Du får ei stadfesting på e-post.",
        "da": "Du får en bekræftelse på e-mail.",
        "en": "A confirmation is on its way by e-mail.",
    },
    "case_receipt_failed": {
        "nb": "Jeg fikk ikke sendt bekreftelsen på e-post, så noter deg referansen.",
        "nn": "Eg fekk ikkje sendt stadfestinga på e-post, så noter deg referansen.",
        "da": "Jeg kunne ikke sende bekræftelsen på e-mail, så skriv referencen ned.",
        "en": "I could not send the confirmation e-mail, so please note the reference.",
    },
    "case_duplicate": {
        "nb": "Du har allerede en åpen sak om det samme: {reference}. Vi svarer senest {due}.",
        "nn": "Du har allereie ei open sak om det same: {reference}. Vi svarar seinast {due}.",
        "da": "Du har allerede en åben sag om det samme: {reference}. Vi svarer senest {due}.",
        "en": "You already have an open case about this: {reference}. We will answer by {due} at the latest.",
    },
    "status_none": {
        "nb": "Jeg fant ingen sak som hører til denne e-postadressen.",
        "nn": "Eg fann inga sak som høyrer til denne e-postadressa.",
        "da": "Jeg fandt ingen sag, der hører til denne e-mailadresse.",
        "en": "I found no case that belongs to this e-mail address.",
    },
    "status_open": {
        "nb": "{reference} ({kind}): {status}. Svarfrist {due}.",
        "nn": "{reference} ({kind}): {status}. Svarfrist {due}.",
        "da": "{reference} ({kind}): {status}. Svarfrist {due}.",
        "en": "{reference} ({kind}): {status}. Answer due by {due}.",
    },
    "status_closed": {
        "nb": "{reference} ({kind}): {status}.",
        "nn": "{reference} ({kind}): {status}.",
        "da": "{reference} ({kind}): {status}.",
        "en": "{reference} ({kind}): {status}.",
    },
    "status_received": {"nb": "mottatt", "nn": "motteken", "da": "modtaget", "en": "received"},
    "status_verified": {"nb": "registrert", "nn": "registrert", "da": "registreret", "en": "registered"},
    "status_in_progress": {"nb": "under behandling", "nn": "under handsaming", "da": "under behandling",
                           "en": "in progress"},
    "status_completed": {"nb": "ferdig behandlet", "nn": "ferdig handsama", "da": "færdigbehandlet",
                         "en": "completed"},
    "status_rejected": {"nb": "avslått", "nn": "avslått", "da": "afvist", "en": "rejected"},
    "export_link_sent": {
        "nb": "Jeg har også sendt deg en lenke til en fil med alt Vern har lagret om deg. Lenken virker én "
              "gang og i 72 timer.",
        "nn": "Eg har òg sendt deg ei lenkje til ei fil med alt Vern har lagra om deg. Lenkja verkar éin gong "
              "og i 72 timar.",
        "da": "Jeg har også sendt dig et link til en fil med alt, hvad Vern har gemt om dig. Linket virker én "
              "gang og i 72 timer.",
        "en": "I have also sent you a link to a file with everything Vern holds about you. The link works "
              "once, for 72 hours.",
    },
    "export_link_failed": {
        "nb": "Filen med det Vern har lagret om deg er klar, men e-posten med lenken kom ikke fram. "
              "Saksbehandleren sender den på nytt.",
        "nn": "Fila med det Vern har lagra om deg er klar, men e-posten med lenkja kom ikkje fram. "
              "Saksbehandlaren sender ho på nytt.",
        "da": "Filen med det, Vern har gemt om dig, er klar, men mailen med linket kom ikke frem. "
              "Sagsbehandleren sender den igen.",
        "en": "The file with what Vern holds about you is ready, but the e-mail with the link did not arrive. "
              "A caseworker will send it again.",
    },
    "subject_erased": {
        "nb": "Alt Vern selv hadde lagret om deg, er nå slettet, også denne samtalen. Opplysninger i andre "
              "systemer følges opp i saken.",
        "nn": "Alt Vern sjølv hadde lagra om deg, er no sletta, òg denne samtalen. Opplysningar i andre "
              "system blir følgde opp i saka.",
        "da": "Alt, hvad Vern selv havde gemt om dig, er nu slettet, også denne samtale. Oplysninger i andre "
              "systemer følges op i sagen.",
        "en": "Everything Vern itself held about you has now been deleted, including this conversation. Data "
              "in other systems is handled in your case.",
    },
    "erasure_preview": {
        "nb": "Før jeg sletter, er dette det som blir slettet for godt:\n– samtaler med Vern (også denne): {chats}\n"
              "– samtykker: {consents}\n– avsluttede saker: {closed_cases}\n– nedlastingslenker som venter\n"
              "Åpne saker som blir stående til en saksbehandler har svart deg: {open_cases_kept}. Slettesaken "
              "{reference} kan du spørre om til alt er ferdig. Slettingen kan ikke angres. Trykk «Ja, slett alt» "
              "for å slette.",
        "nn": "Før eg slettar, er dette det som blir sletta for godt:\n– samtalar med Vern (òg denne): {chats}\n"
              "– samtykke: {consents}\n– avslutta saker: {closed_cases}\n– nedlastingslenkjer som ventar\n"
              "Opne saker som blir ståande til ein sakshandsamar har svart deg: {open_cases_kept}. Slettesaka "
              "{reference} kan du spørje om til alt er ferdig. Slettinga kan ikkje angrast. Trykk «Ja, slett alt» "
              "for å slette.",
        "da": "Før jeg sletter, er det her, hvad der slettes for altid:\n– samtaler med Vern (også denne): {chats}\n"
              "– samtykker: {consents}\n– afsluttede sager: {closed_cases}\n– downloadlinks, der venter\n"
              "Åbne sager, der bliver stående, til en sagsbehandler har svaret dig: {open_cases_kept}. Du kan "
              "spørge til sletningssagen {reference}, indtil alt er færdigt. Sletningen kan ikke fortrydes. Tryk på "
              "»Ja, slet alt« for at slette.",
        "en": "Before I delete anything, this is what will be deleted for good:\n– conversations with Vern "
              "(including this one): {chats}\n– consents: {consents}\n– closed cases: {closed_cases}\n"
              "– download links still waiting\nOpen cases that stay until a caseworker has answered you: "
              "{open_cases_kept}. You can ask about the erasure case {reference} until everything is done. This "
              "cannot be undone. Press \"Yes, delete everything\" to delete.",
    },
    "erasure_confirm_button": {"nb": "Ja, slett alt", "nn": "Ja, slett alt", "da": "Ja, slet alt",
                               "en": "Yes, delete everything"},
    "erasure_keep_button": {"nb": "Nei, ikke slett", "nn": "Nei, ikkje slett", "da": "Nej, slet ikke",
                            "en": "No, keep it"},
    "erasure_nothing_pending": {
        "nb": "Det er ingen sletting som venter på at du bekrefter den i denne samtalen (en bekreftelse gjelder i "
              "{minutes} minutter). Slettesaken din er fortsatt åpen, og en saksbehandler følger den opp.",
        "nn": "Det er inga sletting som ventar på at du stadfestar ho i denne samtalen (ei stadfesting gjeld i "
              "{minutes} minutt). Slettesaka di er framleis open, og ein sakshandsamar følgjer henne opp.",
        "da": "Der er ingen sletning, der venter på din bekræftelse i denne samtale (en bekræftelse gælder i "
              "{minutes} minutter). Din sletningssag er stadig åben, og en sagsbehandler følger op på den.",
        "en": "No erasure is waiting for your confirmation in this conversation (a confirmation lasts {minutes} "
              "minutes). Your erasure case is still open, and a caseworker will follow it up.",
    },
    "subject_restricted": {
        "nb": "Fra nå av bruker Vern ikke det som er lagret om deg til noe annet enn å svare deg.",
        "nn": "Frå no av brukar ikkje Vern det som er lagra om deg til noko anna enn å svare deg.",
        "da": "Fra nu af bruger Vern ikke det, der er gemt om dig, til andet end at svare dig.",
        "en": "From now on, Vern uses what it holds about you for nothing but answering you.",
    },
    "request_intro_consents": {
        "nb": "Jeg kan vise samtykkene du har gitt, og du kan trekke dem tilbake med én gang, når du har bekreftet "
              "e-postadressen din.",
        "nn": "Eg kan vise samtykka du har gitt, og du kan trekkje dei tilbake med ein gong, når du har stadfesta "
              "e-postadressa di.",
        "da": "Jeg kan vise de samtykker, du har givet, og du kan trække dem tilbage med det samme, når du har "
              "bekræftet din e-mailadresse.",
        "en": "I can show the consents you have given, and you can withdraw them at once, after you have confirmed "
              "your e-mail address.",
    },
    "consents_none": {
        "nb": "Jeg finner ingen samtykker gitt med denne e-postadressen.",
        "nn": "Eg finn ingen samtykke gitt med denne e-postadressa.",
        "da": "Jeg finder ingen samtykker givet med denne e-mailadresse.",
        "en": "I find no consents given with this e-mail address.",
    },
    "consent_line": {
        "nb": "«{title}»: {status}.", "nn": "«{title}»: {status}.", "da": "»{title}«: {status}.",
        "en": "\"{title}\": {status}.",
    },
    "consent_status_given": {"nb": "gitt", "nn": "gitt", "da": "givet", "en": "given"},
    "consent_status_pending_guardian": {"nb": "venter på foresatt", "nn": "ventar på føresett",
                                        "da": "venter på forælder", "en": "waiting for a guardian"},
    "consent_status_refused": {"nb": "avslått", "nn": "avslått", "da": "afvist", "en": "refused"},
    "consent_status_withdrawn": {"nb": "trukket tilbake", "nn": "trekt tilbake", "da": "trukket tilbage",
                                 "en": "withdrawn"},
    "consent_status_expired": {"nb": "utløpt", "nn": "gått ut", "da": "udløbet", "en": "expired"},
    "consent_withdraw_button": {"nb": "Trekk tilbake", "nn": "Trekk tilbake", "da": "Træk tilbage",
                                "en": "Withdraw"},
    "consent_withdrawn": {
        "nb": "Samtykket til «{title}» er trukket tilbake. Det gjelder fra nå.",
        "nn": "Samtykket til «{title}» er trekt tilbake. Det gjeld frå no.",
        "da": "Samtykket til »{title}« er trukket tilbage. Det gælder fra nu.",
        "en": "Your consent to \"{title}\" has been withdrawn. It takes effect now.",
    },
    "consent_session_expired": {
        "nb": "Av sikkerhetshensyn må du bekrefte e-postadressen din på nytt før du kan endre samtykker. "
              "Skriv «vis samtykkene mine».",
        "nn": "Av omsyn til tryggleiken må du stadfeste e-postadressa di på nytt før du kan endre samtykke. "
              "Skriv «vis samtykka mine».",
        "da": "Af sikkerhedshensyn skal du bekræfte din e-mailadresse igen, før du kan ændre samtykker. "
              "Skriv »vis mine samtykker«.",
        "en": "For your security, please confirm your e-mail address again before changing consents. "
              "Write \"show my consents\".",
    },
    "consent_not_yours": {
        "nb": "Det samtykket finner jeg ikke blant dine.",
        "nn": "Det samtykket finn eg ikkje blant dine.",
        "da": "Det samtykke finder jeg ikke blandt dine.",
        "en": "I cannot find that consent among yours.",
    },
    "request_cancelled": {
        "nb": "Greit, jeg har avbrutt forespørselen. Ingenting er sendt inn.",
        "nn": "Greitt, eg har avbrote førespurnaden. Ingenting er sendt inn.",
        "da": "Fint, jeg har annulleret anmodningen. Intet er sendt ind.",
        "en": "All right, I have cancelled the request. Nothing was submitted.",
    },
    "nothing_to_cancel": {
        "nb": "Det er ingenting å avbryte akkurat nå.",
        "nn": "Det er ingenting å avbryte akkurat no.",
        "da": "Der er ikke noget at annullere lige nu.",
        "en": "There is nothing to cancel right now.",
    },
    "no_pending_request": {
        "nb": "Du har ingen forespørsel som venter på en kode nå. Si hva du vil gjøre, for eksempel «jeg vil ha "
              "innsyn».",
        "nn": "Du har ingen førespurnad som ventar på ein kode no. Sei kva du vil gjere, til dømes «eg vil ha "
              "innsyn».",
        "da": "Du har ingen anmodning, der venter på en kode nu. Sig, hvad du vil, for eksempel »jeg vil have "
              "indsigt«.",
        "en": "You have no request waiting for a code now. Tell me what you want to do, for example \"I want a copy "
              "of my data\".",
    },
    "not_verified": {
        "nb": "Forespørselen er ikke bekreftet med koden, så jeg har ikke registrert noe.",
        "nn": "Førespurnaden er ikkje stadfesta med koden, så eg har ikkje registrert noko.",
        "da": "Anmodningen er ikke bekræftet med koden, så jeg har ikke registreret noget.",
        "en": "The request was not confirmed with the code, so I have not registered anything.",
    },
    "progress_details": {
        "nb": "Jeg tar imot en forespørsel om {kind}. Først trenger jeg litt informasjon om hva den gjelder, så "
              "e-postadressen din, og så bekrefter du den med en kode. Skriv «avbryt» for å stoppe.",
        "nn": "Eg tek imot ein førespurnad om {kind}. Først treng eg litt informasjon om kva han gjeld, så "
              "e-postadressa di, og så stadfestar du ho med ein kode. Skriv «avbryt» for å stoppe.",
        "da": "Jeg modtager en anmodning om {kind}. Først skal jeg vide lidt om, hvad den gælder, så din "
              "e-mailadresse, og så bekræfter du den med en kode. Skriv »annuller« for at stoppe.",
        "en": "I am taking a request for {kind}. First I need a little information about what it concerns, then "
              "your e-mail address, which you confirm with a code. Type \"cancel\" to stop.",
    },
    "progress_email": {
        "nb": "Jeg trenger e-postadressen din for å sende en engangskode som viser at adressen er din, og for å "
              "svare deg. Vi bruker den bare til denne forespørselen. Skriv «avbryt» for å stoppe.",
        "nn": "Eg treng e-postadressa di for å sende ein eingongskode som viser at adressa er di, og for å svare "
              "deg. Vi brukar ho berre til denne førespurnaden. Skriv «avbryt» for å stoppe.",
        "da": "Jeg skal bruge din e-mailadresse for at sende en engangskode, der viser, at adressen er din, og for "
              "at svare dig. Vi bruger den kun til denne anmodning. Skriv »annuller« for at stoppe.",
        "en": "I need your e-mail address to send a one-time code that shows the address is yours, and to answer "
              "you. We use it only for this request. Type \"cancel\" to stop.",
    },
    "progress_code": {
        "nb": "Jeg venter på koden på 6 sifre som jeg sendte til e-postadressen din. Skriv «send ny kode» hvis den "
              "ikke kom, «feil e-post» for å rette adressen, eller «avbryt» for å stoppe.",
        "nn": "Eg ventar på koden på 6 siffer som eg sende til e-postadressa di. Skriv «send ny kode» om han ikkje "
              "kom, «feil e-post» for å rette adressa, eller «avbryt» for å stoppe.",
        "da": "Jeg venter på koden på 6 cifre, som jeg sendte til din e-mailadresse. Skriv »send ny kode«, hvis "
              "den ikke kom, »forkert e-mail« for at rette adressen, eller »annuller« for at stoppe.",
        "en": "I am waiting for the 6-digit code I sent to your e-mail address. Type \"send a new code\" if it did "
              "not arrive, \"wrong email\" to correct the address, or \"cancel\" to stop.",
    },
}
