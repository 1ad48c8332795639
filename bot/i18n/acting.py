"""A guardian acts for a child: the chat's questions and answers, and the guardian bot's /child command."""

from __future__ import annotations

ACTING_MESSAGES: dict[str, dict[str, str]] = {
    "button_for_child": {
        "nb": "For barnet mitt",
        "nn": "For barnet mitt",
        "da": "For mit barn",
        "en": "For my child",
    },
    "button_everything": {"nb": "Alt", "nn": "Alt", "da": "Alt", "en": "Everything"},
    "guardian_ask_request_scope": {
        "nb": "Gjelder det alt vi har om barnet, eller noe bestemt? Skriv hva det gjelder, eller velg «Alt».",
        "nn": "Gjeld det alt vi har om barnet, eller noko bestemt? Skriv kva det gjeld, eller vel «Alt».",
        "da": "Gælder det alt, vi har om barnet, eller noget bestemt? Skriv, hvad det gælder, eller vælg »Alt«.",
        "en": "Is it about everything we hold about your child, or something in particular? Say what, or choose "
              "\"Everything\".",
    },
    "button_child_access": {
        "nb": "Be om innsyn for barnet mitt",
        "nn": "Be om innsyn for barnet mitt",
        "da": "Bed om indsigt for mit barn",
        "en": "Ask for my child's data",
    },
    "button_child_erasure": {
        "nb": "Be om sletting for barnet mitt",
        "nn": "Be om sletting for barnet mitt",
        "da": "Bed om sletning for mit barn",
        "en": "Ask to erase my child's data",
    },
    "guardian_acting_intro": {
        "nb": "Du spør for barnet ditt. Jeg trenger barnets alder og nummeret barnet har hos {controller}. "
              "Svaret går til e-postadressen din. Den skal være din egen, resten gjelder barnet.",
        "nn": "Du spør for barnet ditt. Eg treng alderen til barnet og nummeret barnet har hos {controller}. "
              "Svaret går til e-postadressa di. Ho skal vere di eiga, resten gjeld barnet.",
        "da": "Du spørger for dit barn. Jeg skal bruge barnets alder og det nummer, barnet har hos {controller}. "
              "Svaret sendes til din e-mailadresse. Den skal være din egen, resten handler om barnet.",
        "en": "You are asking for your child. I need the child's age and the child's number at {controller}. "
              "The answer goes to your e-mail address. It must be your own; the rest is about the child.",
    },
    "guardian_ask_child_age": {
        "nb": "Hvilket år er barnet født? Du kan også skrive hvor gammelt barnet er.",
        "nn": "Kva år er barnet fødd? Du kan òg skrive kor gammalt barnet er.",
        "da": "Hvilket år er barnet født? Du kan også skrive, hvor gammelt barnet er.",
        "en": "What year was the child born? You can also write how old the child is.",
    },
    "guardian_ask_child_reference": {
        "nb": "Hva er barnets nummer hos {controller}, for eksempel elevnummeret?",
        "nn": "Kva er nummeret til barnet hos {controller}, til dømes elevnummeret?",
        "da": "Hvad er barnets nummer hos {controller}, for eksempel elevnummeret?",
        "en": "What is the child's number at {controller}, for example the pupil number?",
    },
    "guardian_child_reference_invalid": {
        "nb": "Det ser ikke ut som et nummer. Skriv det slik {controller} har gitt det, med bokstaver, tall, "
              "punktum eller bindestrek.",
        "nn": "Det ser ikkje ut som eit nummer. Skriv det slik {controller} har gitt det, med bokstavar, tal, "
              "punktum eller bindestrek.",
        "da": "Det ligner ikke et nummer. Skriv det, som {controller} har givet det, med bogstaver, tal, punktum "
              "eller bindestreg.",
        "en": "That does not look like a number. Write it as {controller} gave it, with letters, digits, dots or "
              "hyphens.",
    },
    "guardian_child_too_old": {
        "nb": "Når barnet er {age} år eller eldre, ber barnet om dette selv, her i chatten. Har du spørsmål, "
              "skriv til {contact}.",
        "nn": "Når barnet er {age} år eller eldre, ber barnet om dette sjølv, her i chatten. Har du spørsmål, "
              "skriv til {contact}.",
        "da": "Når barnet er {age} år eller ældre, beder barnet selv om dette, her i chatten. Har du spørgsmål, "
              "så skriv til {contact}.",
        "en": "When the child is {age} or older, the child asks for this themselves, here in the chat. If you have "
              "questions, write to {contact}.",
    },
    "guardian_refused_not_guardian": {
        "nb": "{controller} har ikke denne e-postadressen som foresatt for barnet i registeret sitt, så jeg kan "
              "ikke ta imot saken. Er du foresatt, bruk adressen {controller} har for deg, eller skriv til {contact}.",
        "nn": "{controller} har ikkje denne e-postadressa som føresett for barnet i registeret sitt, så eg kan "
              "ikkje ta imot saka. Er du føresett, bruk adressa {controller} har for deg, eller skriv til {contact}.",
        "da": "{controller} har ikke denne e-mailadresse som forælder eller værge for barnet i sit register, så jeg "
              "kan ikke tage imod sagen. Er du forælder eller værge, så brug den adresse, {controller} har til dig, "
              "eller skriv til {contact}.",
        "en": "{controller} does not have this e-mail address as a guardian of the child in its register, so I "
              "cannot take the request. If you are the guardian, use the address {controller} has for you, or "
              "write to {contact}.",
    },
    "guardian_refused_childs_own": {
        "nb": "Denne e-postadressen er barnets egen. En foresatt må bruke sin egen adresse.",
        "nn": "Denne e-postadressa er barnet si eiga. Ein føresett må bruke si eiga adresse.",
        "da": "Denne e-mailadresse er barnets egen. En forælder eller værge skal bruge sin egen adresse.",
        "en": "This e-mail address is the child's own. A guardian must use their own address.",
    },
    "guardian_refused_no_child": {
        "nb": "Jeg mangler barnets alder eller nummer, så ingen sak ble opprettet. Start på nytt, eller skriv "
              "til {contact}.",
        "nn": "Eg manglar alderen eller nummeret til barnet, så inga sak vart oppretta. Start på nytt, eller "
              "skriv til {contact}.",
        "da": "Jeg mangler barnets alder eller nummer, så der blev ikke oprettet en sag. Start forfra, eller skriv "
              "til {contact}.",
        "en": "I am missing the child's age or number, so no case was opened. Start again, or write to {contact}.",
    },
    "guardian_case_for_child": {
        "nb": "Saken er registrert som din, som foresatt for barnet med nummer {child}. En saksbehandler svarer "
              "deg på e-post.",
        "nn": "Saka er registrert som di, som føresett for barnet med nummer {child}. Ein sakshandsamar svarar "
              "deg på e-post.",
        "da": "Sagen er registreret som din, som forælder eller værge for barnet med nummer {child}. En "
              "sagsbehandler svarer dig på e-mail.",
        "en": "The case is recorded as yours, as guardian of the child with number {child}. A caseworker will "
              "answer you by e-mail.",
    },
    "guardian_case_check_by_hand": {
        "nb": "{controller} har ikke noe register over foresatte her, så en saksbehandler sjekker først at du er "
              "barnets foresatte.",
        "nn": "{controller} har ikkje noko register over føresette her, så ein sakshandsamar sjekkar først at du "
              "er føresett for barnet.",
        "da": "{controller} har ikke noget register over forældre og værger her, så en sagsbehandler tjekker "
              "først, at du er barnets forælder eller værge.",
        "en": "{controller} has no register of guardians here, so a caseworker will first check that you are the "
              "child's guardian.",
    },
    "guardian_case_young_person": {
        "nb": "Barnet er 16 eller 17 år. En saksbehandler forteller barnet at du har spurt, og barnet kan si "
              "imot.",
        "nn": "Barnet er 16 eller 17 år. Ein sakshandsamar fortel barnet at du har spurt, og barnet kan seie "
              "imot.",
        "da": "Barnet er 16 eller 17 år. En sagsbehandler fortæller barnet, at du har spurgt, og barnet kan gøre "
              "indsigelse.",
        "en": "The child is 16 or 17. A caseworker will tell the child that you asked, and the child may object.",
    },
    "guardian_ask_young_email": {
        "nb": "Barnet er 16 eller 17 år og skal få vite at du spør. Skriv barnets e-postadresse (ikke din egen), "
              "så sender Vern barnet en kort beskjed med en lenke der barnet kan si nei. Eller trykk «Hopp over».",
        "nn": "Barnet er 16 eller 17 år og skal få vite at du spør. Skriv e-postadressa til barnet (ikkje di "
              "eiga), så sender Vern barnet ei kort melding med ei lenkje der barnet kan seie nei. Eller trykk "
              "«Hopp over».",
        "da": "Barnet er 16 eller 17 år og skal have at vide, at du spørger. Skriv barnets e-mailadresse (ikke din "
              "egen), så sender Vern barnet en kort besked med et link, hvor barnet kan sige nej. Eller tryk "
              "»Spring over«.",
        "en": "The child is 16 or 17 and will be told that you are asking. Write the child's e-mail address (not "
              "your own), and Vern will send the child a short message with a link to say no. Or press \"Skip\".",
    },
    "guardian_young_email_invalid": {
        "nb": "Det ser ikke ut som en e-postadresse. Skriv barnets adresse, for eksempel navn@example.no, eller "
              "«hopp over».",
        "nn": "Det ser ikkje ut som ei e-postadresse. Skriv adressa til barnet, til dømes namn@example.no, eller "
              "«hopp over».",
        "da": "Det ligner ikke en e-mailadresse. Skriv barnets adresse, for eksempel navn@example.dk, eller "
              "»spring over«.",
        "en": "That does not look like an e-mail address. Write the child's address, for example "
              "name@example.org, or \"skip\".",
    },
    "guardian_case_young_person_mailed": {
        "nb": "Barnet er 16 eller 17 år og har fått en e-post om at du har spurt. Sier barnet nei, bestemmer en "
              "saksbehandler.",
        "nn": "Barnet er 16 eller 17 år og har fått ein e-post om at du har spurt. Seier barnet nei, avgjer ein "
              "sakshandsamar.",
        "da": "Barnet er 16 eller 17 år og har fået en e-mail om, at du har spurgt. Siger barnet nej, beslutter "
              "en sagsbehandler.",
        "en": "The child is 16 or 17 and has been e-mailed that you asked. If the child says no, a caseworker "
              "decides.",
    },
    "guardian_case_young_person_own_address": {
        "nb": "Adressen du ga for barnet, er din egen, så Vern sendte ikke noe til barnet. En saksbehandler "
              "forteller barnet at du har spurt, og barnet kan si imot.",
        "nn": "Adressa du gav for barnet, er di eiga, så Vern sende ikkje noko til barnet. Ein sakshandsamar "
              "fortel barnet at du har spurt, og barnet kan seie imot.",
        "da": "Den adresse, du gav for barnet, er din egen, så Vern sendte ikke noget til barnet. En "
              "sagsbehandler fortæller barnet, at du har spurgt, og barnet kan gøre indsigelse.",
        "en": "The address you gave for the child is your own, so Vern sent the child nothing. A caseworker will "
              "tell the child that you asked, and the child may object.",
    },
    "guardian_consents_for_child": {
        "nb": "Dette er samtykkene du har svart på for barnet med nummer {child}:",
        "nn": "Dette er samtykka du har svart på for barnet med nummer {child}:",
        "da": "Dette er de samtykker, du har svaret på for barnet med nummer {child}:",
        "en": "These are the consents you answered for the child with number {child}:",
    },
    # --- the guardian bot's /child ---------------------------------------------------------------
    "tg_child_intro": {
        "nb": "Dette er samtykkene du har svart på for barnet ditt her. Du kan trekke dem tilbake. Innsyn eller "
              "sletting for barnet ber du om i chatten på nettsiden til {controller}: skriv for eksempel "
              "«innsyn for datteren min».",
        "nn": "Dette er samtykka du har svart på for barnet ditt her. Du kan trekkje dei tilbake. Innsyn eller "
              "sletting for barnet ber du om i chatten på nettsida til {controller}: skriv til dømes "
              "«innsyn for dottera mi».",
        "da": "Dette er de samtykker, du har svaret på for dit barn her. Du kan trække dem tilbage. Indsigt eller "
              "sletning for barnet beder du om i chatten på {controller}s hjemmeside: skriv for eksempel "
              "»indsigt for min datter«.",
        "en": "These are the consents you answered for your child here. You can withdraw them. For access or "
              "erasure for your child, use the chat on {controller}'s website: write, for example, "
              "\"access for my daughter\".",
    },
    "tg_child_none": {
        "nb": "Du har ikke svart på noen samtykker for et barn her ennå. Innsyn eller sletting for barnet ber du om "
              "i chatten på nettsiden til {controller}.",
        "nn": "Du har ikkje svart på nokon samtykke for eit barn her enno. Innsyn eller sletting for barnet ber du "
              "om i chatten på nettsida til {controller}.",
        "da": "Du har ikke svaret på nogen samtykker for et barn her endnu. Indsigt eller sletning for barnet beder "
              "du om i chatten på {controller}s hjemmeside.",
        "en": "You have not answered any consents for a child here yet. For access or erasure for your child, use "
              "the chat on {controller}'s website.",
    },
}
