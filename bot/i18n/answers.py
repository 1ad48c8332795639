"""Words around the knowledge-base answers: their buttons, and the question asked when a
message may be a request or a plain yes/no (issue 16, item 7)."""

from __future__ import annotations

ANSWER_MESSAGES: dict[str, dict[str, str]] = {
    "button_give_consent": {"nb": "Gi samtykke", "nn": "Gi samtykke", "da": "Giv samtykke", "en": "Give consent"},
    "button_case_status": {
        "nb": "Status på saken min", "nn": "Status på saka mi", "da": "Status på min sag", "en": "My case's status",
    },
    "button_talk_to_person": {
        "nb": "Snakke med en person", "nn": "Snakke med ein person", "da": "Tale med en person",
        "en": "Talk to a person",
    },
    "button_forget_chat": {
        "nb": "Slett denne samtalen", "nn": "Slett denne samtalen", "da": "Slet denne samtale",
        "en": "Delete this chat",
    },
    "button_request_access": {
        "nb": "Be om innsyn", "nn": "Be om innsyn", "da": "Bed om indsigt", "en": "Ask for access",
    },
    "button_request_erasure": {
        "nb": "Be om sletting", "nn": "Be om sletting", "da": "Bed om sletning", "en": "Ask for erasure",
    },
    "button_request_rectification": {
        "nb": "Be om retting", "nn": "Be om retting", "da": "Bed om berigtigelse", "en": "Ask for rectification",
    },
    "button_request_restriction": {
        "nb": "Be om begrensning", "nn": "Be om avgrensing", "da": "Bed om begrænsning",
        "en": "Ask for restriction",
    },
    "button_request_portability": {
        "nb": "Få dataene mine med meg", "nn": "Få dataa mine med meg", "da": "Få mine data med",
        "en": "Take my data with me",
    },
    "button_request_objection": {
        "nb": "Protestere", "nn": "Protestere", "da": "Gøre indsigelse", "en": "Object",
    },
    "button_manage_consents": {
        "nb": "Se og trekke samtykker", "nn": "Sjå og trekkje samtykke", "da": "Se og trække samtykker",
        "en": "See and withdraw consents",
    },
    "button_no_thanks": {"nb": "Nei takk", "nn": "Nei takk", "da": "Nej tak", "en": "No, thanks"},
    "request_or_yes_no": {
        "nb": "Jeg er ikke sikker på om du vil sende en forespørsel. Vil du det, trykker du på den som passer.",
        "nn": "Eg er ikkje sikker på om du vil sende ein førespurnad. Vil du det, trykkjer du på den som passar.",
        "da": "Jeg er ikke sikker på, om du vil sende en anmodning. Vil du det, så tryk på den, der passer.",
        "en": "I am not sure whether you want to make a request. If you do, press the one that fits.",
    },
    "request_or_question": {
        "nb": "Jeg er ikke helt sikker på hva du mener. "
              "Vil du sende en forespørsel, eller lurer du på hva retten betyr?",
        "nn": "Eg er ikkje heilt sikker på kva du meiner. "
              "Vil du sende ein førespurnad, eller lurer du på kva retten betyr?",
        "da": "Jeg er ikke helt sikker på, hvad du mener. "
              "Vil du sende en anmodning, eller vil du vide, hvad retten betyder?",
        "en": "I am not quite sure what you mean. "
              "Do you want to make a request, or to know what the right means?",
    },
    "button_explain_access": {
        "nb": "Hva er innsyn?", "nn": "Kva er innsyn?", "da": "Hvad er indsigt?", "en": "What is access?",
    },
    "button_explain_erasure": {
        "nb": "Hva er sletting?", "nn": "Kva er sletting?", "da": "Hvad er sletning?", "en": "What is erasure?",
    },
    "button_explain_rectification": {
        "nb": "Hva er retting?", "nn": "Kva er retting?", "da": "Hvad er berigtigelse?",
        "en": "What is rectification?",
    },
    "button_explain_restriction": {
        "nb": "Hva er begrensning?", "nn": "Kva er avgrensing?", "da": "Hvad er begrænsning?",
        "en": "What is restriction?",
    },
    "button_explain_portability": {
        "nb": "Hva er dataportabilitet?", "nn": "Kva er dataportabilitet?", "da": "Hvad er dataportabilitet?",
        "en": "What is portability?",
    },
    "button_explain_objection": {
        "nb": "Hva er protest?", "nn": "Kva er protest?", "da": "Hvad er indsigelse?", "en": "What is objecting?",
    },
    "button_explain_consent": {
        "nb": "Hva er samtykke?", "nn": "Kva er samtykke?", "da": "Hvad er samtykke?", "en": "What is consent?",
    },
    "button_something_else": {
        "nb": "Noe annet", "nn": "Noko anna", "da": "Noget andet", "en": "Something else",
    },
    "answer_is_question": {
        "nb": "Det ser ut som et spørsmål. Svar gjerne på det jeg spurte om først, "
              "eller skriv «avbryt» for å stoppe forespørselen.",
        "nn": "Det ser ut som eit spørsmål. Svar gjerne på det eg spurde om først, "
              "eller skriv «avbryt» for å stoppe førespurnaden.",
        "da": "Det ligner et spørgsmål. Svar gerne på det, jeg spurgte om, først, "
              "eller skriv »afbryd« for at stoppe anmodningen.",
        "en": "That looks like a question. Please answer what I asked first, or type \"cancel\" to stop the request.",
    },
    "answer_has_personal_data": {
        "nb": "Skriv det uten navn, nummer eller e-postadresser: jeg trenger bare en kort beskrivelse.",
        "nn": "Skriv det utan namn, nummer eller e-postadresser: eg treng berre ei kort skildring.",
        "da": "Skriv det uden navne, numre eller e-mailadresser: jeg har kun brug for en kort beskrivelse.",
        "en": "Please write it without names, numbers or e-mail addresses: I only need a short description.",
    },
}
