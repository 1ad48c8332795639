"""What Vern says about talking to a caseworker, in the person's language."""

from __future__ import annotations

HANDOFF_MESSAGES: dict[str, dict[str, str]] = {
    "handoff_offer": {
        "nb": "Vil du snakke med en saksbehandler her i chatten? Chatten med saksbehandleren slettes så snart den er "
              "slutt. Du kan også skrive til {contact}.",
        "nn": "Vil du snakke med ein sakshandsamar her i chatten? Chatten med sakshandsamaren blir sletta så snart "
              "han er slutt. Du kan også skrive til {contact}.",
        "da": "Vil du tale med en sagsbehandler her i chatten? Chatten med sagsbehandleren slettes, så snart den er "
              "slut. Du kan også skrive til {contact}.",
        "en": "Would you like to talk to a caseworker here in the chat? A chat with a caseworker is deleted as soon "
              "as it ends. You can also write to {contact}.",
    },
    "handoff_after_misses": {
        "nb": "Jeg forstår dessverre ikke. Vil du snakke med en saksbehandler her i chatten i stedet? Chatten med "
              "saksbehandleren slettes så snart den er slutt. Du kan også skrive til {contact}.",
        "nn": "Eg forstår dessverre ikkje. Vil du snakke med ein sakshandsamar her i chatten i staden? Chatten med "
              "sakshandsamaren blir sletta så snart han er slutt. Du kan også skrive til {contact}.",
        "da": "Jeg forstår det desværre ikke. Vil du tale med en sagsbehandler her i chatten i stedet? Chatten med "
              "sagsbehandleren slettes, så snart den er slut. Du kan også skrive til {contact}.",
        "en": "Sorry, I still don't understand. Would you like to talk to a caseworker here in the chat instead? A "
              "chat with a caseworker is deleted as soon as it ends. You can also write to {contact}.",
    },
    "handoff_yes": {"nb": "Ja, koble meg til", "nn": "Ja, kople meg til", "da": "Ja, forbind mig",
                    "en": "Yes, connect me"},
    "handoff_closed": {
        "nb": "Saksbehandlerne er ikke i chatten nå (hverdager {hours}). Jeg kan hjelpe deg med å sende en henvendelse "
              "i stedet, for eksempel et krav om innsyn, så får du svar på e-post. Du kan også skrive til {contact}.",
        "nn": "Sakshandsamarane er ikkje i chatten no (kvardagar {hours}). Eg kan hjelpe deg med å sende ein "
              "førespurnad i staden, til dømes eit krav om innsyn, så får du svar på e-post. Du kan også skrive til "
              "{contact}.",
        "da": "Sagsbehandlerne er ikke i chatten nu (hverdage {hours}). Jeg kan hjælpe dig med at sende en "
              "henvendelse i stedet, for eksempel en anmodning om indsigt, så får du svar på e-mail. Du kan også "
              "skrive til {contact}.",
        "en": "The caseworkers are not in the chat now (weekdays {hours}). I can help you send a request instead, "
              "for example for access to your data, and you will get an answer by e-mail. You can also write to "
              "{contact}.",
    },
    "handoff_queued": {
        "nb": "Du er nummer {position} i køen. En saksbehandler svarer deg her. Husk: chatten med saksbehandleren "
              "slettes så snart den er slutt.",
        "nn": "Du er nummer {position} i køen. Ein sakshandsamar svarar deg her. Hugs: chatten med sakshandsamaren "
              "blir sletta så snart han er slutt.",
        "da": "Du er nummer {position} i køen. En sagsbehandler svarer dig her. Husk: chatten med sagsbehandleren "
              "slettes, så snart den er slut.",
        "en": "You are number {position} in the queue. A caseworker will answer you here. Remember: the chat with "
              "the caseworker is deleted as soon as it ends.",
    },
    "handoff_joined": {
        "nb": "En saksbehandler er med i chatten nå.",
        "nn": "Ein sakshandsamar er med i chatten no.",
        "da": "En sagsbehandler er med i chatten nu.",
        "en": "A caseworker has joined the chat.",
    },
    "handoff_timeout": {
        "nb": "Beklager, ingen saksbehandler var ledig. Jeg kan hjelpe deg med å sende en henvendelse i stedet, så "
              "får du svar på e-post. Du kan også skrive til {contact}.",
        "nn": "Orsak, ingen sakshandsamar var ledig. Eg kan hjelpe deg med å sende ein førespurnad i staden, så får "
              "du svar på e-post. Du kan også skrive til {contact}.",
        "da": "Beklager, ingen sagsbehandler var ledig. Jeg kan hjælpe dig med at sende en henvendelse i stedet, så "
              "får du svar på e-mail. Du kan også skrive til {contact}.",
        "en": "Sorry, no caseworker was free. I can help you send a request instead, and you will get an answer by "
              "e-mail. You can also write to {contact}.",
    },
    "handoff_ended": {
        "nb": "Chatten med saksbehandleren er avsluttet og slettet.",
        "nn": "Chatten med sakshandsamaren er avslutta og sletta.",
        "da": "Chatten med sagsbehandleren er afsluttet og slettet.",
        "en": "The chat with the caseworker has ended and has been deleted.",
    },
    "handoff_caseworker": {"nb": "Saksbehandler", "nn": "Sakshandsamar", "da": "Sagsbehandler", "en": "Caseworker"},
}
