"""The controller's breach notice (an e-mail) and the draft notice for the authority, in nb, nn, da and en.

Both carry the content Art. 33(3) asks for and 000 §9.3 lists: the nature of the breach with the categories and
approximate numbers of people and records, a contact point, the likely consequences, the measures taken or
proposed. What is not known yet is said to be not known yet: 000 §9.3 allows the information in stages."""

from __future__ import annotations

from bot.breach.register import Breach
from bot.config import Settings
from bot.mail.layout import Block, Facts, Footer, Paragraph, render_html, render_text
from bot.mail.message import OutgoingMail

TEXTS = {
    "nb": {
        "subject": "Brudd på personopplysningssikkerheten hos Vern ({reference})",
        "greeting": "Til {controller}",
        "intro": "Som databehandler melder vi et brudd på personopplysningssikkerheten i Vern "
                 "(databehandleravtalen punkt 9, personvernforordningen artikkel 33 nr. 2).",
        "authority": "Dere må melde bruddet til Datatilsynet innen 72 timer etter at det ble oppdaget, med mindre "
                     "det sannsynligvis ikke medfører en risiko for personers rettigheter og friheter "
                     "(artikkel 33 nr. 1). Et utkast til meldingen ligger i Vern-konsollet og kan hentes med "
                     "`vern breach notify {reference} --draft`.",
        "stages": "Det som ikke er kjent ennå, ettersender vi så snart vi vet det.",
        "unknown": "ikke kjent ennå",
        "signature": "Vennlig hilsen\nVern (databehandler)",
        "footer": "Denne e-posten er sendt automatisk av Vern til den avtalte kontaktadressen for avvik.",
        "reference": "Referanse", "discovered": "Oppdaget", "controller_due": "Frist for melding til dere",
        "authority_due": "Frist for melding til Datatilsynet", "nature": "Hva som har skjedd",
        "subjects": "Berørte registrerte (kategorier)", "subjects_n": "Omtrentlig antall registrerte",
        "records": "Berørte personopplysninger (kategorier)", "records_n": "Omtrentlig antall poster",
        "consequences": "Sannsynlige konsekvenser", "measures": "Tiltak som er truffet eller foreslått",
        "contact": "Kontaktpunkt for mer informasjon",
        "draft_title": "Utkast: melding om brudd på personopplysningssikkerheten til Datatilsynet",
        "draft_intro": "Utkastet er laget av Vern ut fra avviksregisteret. Den behandlingsansvarlige kontrollerer, "
                       "fyller ut og sender meldingen (databehandleravtalen punkt 9.4).",
        "controller": "Behandlingsansvarlig",
    },
    "nn": {
        "subject": "Brot på personopplysningstryggleiken hjå Vern ({reference})",
        "greeting": "Til {controller}",
        "intro": "Som databehandlar melder vi eit brot på personopplysningstryggleiken i Vern "
                 "(databehandlaravtalen punkt 9, personvernforordninga artikkel 33 nr. 2).",
        "authority": "De må melde brotet til Datatilsynet innan 72 timar etter at det vart oppdaga, med mindre det "
                     "truleg ikkje fører til ein risiko for rettane og fridomane til personar (artikkel 33 nr. 1). "
                     "Eit utkast til meldinga ligg i Vern-konsollen og kan hentast med "
                     "`vern breach notify {reference} --draft`.",
        "stages": "Det som ikkje er kjent enno, ettersender vi så snart vi veit det.",
        "unknown": "ikkje kjent enno",
        "signature": "Venleg helsing\nVern (databehandlar)",
        "footer": "Denne e-posten er send automatisk av Vern til den avtalte kontaktadressa for avvik.",
        "reference": "Referanse", "discovered": "Oppdaga", "controller_due": "Frist for melding til dykk",
        "authority_due": "Frist for melding til Datatilsynet", "nature": "Kva som har skjedd",
        "subjects": "Registrerte som er råka (kategoriar)", "subjects_n": "Omtrentleg tal på registrerte",
        "records": "Personopplysningar som er råka (kategoriar)", "records_n": "Omtrentleg tal på postar",
        "consequences": "Sannsynlege konsekvensar", "measures": "Tiltak som er gjorde eller føreslegne",
        "contact": "Kontaktpunkt for meir informasjon",
        "draft_title": "Utkast: melding om brot på personopplysningstryggleiken til Datatilsynet",
        "draft_intro": "Utkastet er laga av Vern ut frå avviksregisteret. Den behandlingsansvarlege kontrollerer, "
                       "fyller ut og sender meldinga (databehandlaravtalen punkt 9.4).",
        "controller": "Behandlingsansvarleg",
    },
    "da": {
        "subject": "Brud på persondatasikkerheden hos Vern ({reference})",
        "greeting": "Til {controller}",
        "intro": "Som databehandler underretter vi jer om et brud på persondatasikkerheden i Vern "
                 "(databehandleraftalen, databeskyttelsesforordningens artikel 33, stk. 2).",
        "authority": "I skal anmelde bruddet til Datatilsynet inden 72 timer efter, at det blev opdaget, medmindre "
                     "det sandsynligvis ikke indebærer en risiko for fysiske personers rettigheder eller "
                     "frihedsrettigheder (artikel 33, stk. 1). Et udkast til anmeldelsen findes i Vern-konsollen og "
                     "kan hentes med `vern breach notify {reference} --draft`.",
        "stages": "Det, der endnu ikke er kendt, eftersender vi, så snart vi ved det.",
        "unknown": "endnu ikke kendt",
        "signature": "Med venlig hilsen\nVern (databehandler)",
        "footer": "Denne e-mail er sendt automatisk af Vern til den aftalte sikkerhedskontakt.",
        "reference": "Reference", "discovered": "Opdaget", "controller_due": "Frist for underretning af jer",
        "authority_due": "Frist for anmeldelse til Datatilsynet", "nature": "Hvad der er sket",
        "subjects": "Berørte registrerede (kategorier)", "subjects_n": "Omtrentligt antal registrerede",
        "records": "Berørte personoplysninger (kategorier)", "records_n": "Omtrentligt antal registreringer",
        "consequences": "Sandsynlige konsekvenser", "measures": "Trufne eller foreslåede foranstaltninger",
        "contact": "Kontaktpunkt for yderligere oplysninger",
        "draft_title": "Udkast: anmeldelse af brud på persondatasikkerheden til Datatilsynet",
        "draft_intro": "Udkastet er lavet af Vern ud fra registret over brud. Den dataansvarlige kontrollerer, "
                       "udfylder og indsender anmeldelsen.",
        "controller": "Dataansvarlig",
    },
    "en": {
        "subject": "Personal data breach at Vern ({reference})",
        "greeting": "To {controller}",
        "intro": "As your processor we notify you of a personal data breach in Vern "
                 "(data processing agreement §9, Article 33(2) GDPR).",
        "authority": "You must notify the supervisory authority (Datatilsynet) within 72 hours of the breach being "
                     "discovered, unless it is unlikely to result in a risk to the rights and freedoms of natural "
                     "persons (Article 33(1)). A draft notice is in the Vern console and from "
                     "`vern breach notify {reference} --draft`.",
        "stages": "What is not known yet we will send as soon as we know it.",
        "unknown": "not known yet",
        "signature": "Kind regards\nVern (processor)",
        "footer": "This e-mail was sent automatically by Vern to the agreed breach contact.",
        "reference": "Reference", "discovered": "Discovered", "controller_due": "Notice to you due by",
        "authority_due": "Notice to the authority due by", "nature": "What happened",
        "subjects": "Data subjects concerned (categories)", "subjects_n": "Approximate number of data subjects",
        "records": "Personal data concerned (categories)", "records_n": "Approximate number of records",
        "consequences": "Likely consequences", "measures": "Measures taken or proposed",
        "contact": "Contact point for more information",
        "draft_title": "Draft: notification of a personal data breach to the supervisory authority",
        "draft_intro": "Vern drafted this from its breach register. The controller checks, completes and sends it "
                       "(data processing agreement §9.4).",
        "controller": "Controller",
    },
}


def _when(moment: object) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _facts(breach: Breach, t: dict[str, str], settings: Settings) -> tuple[tuple[str, str], ...]:
    def known(value: object) -> str:
        return str(value) if value not in (None, "") else t["unknown"]

    due = breach.deadlines
    return (
        (t["reference"], breach.reference),
        (t["discovered"], _when(breach.discovered_at)),
        (t["controller_due"], _when(due.controller_due)),
        (t["authority_due"], _when(due.authority_due)),
        (t["nature"], breach.what_happened),
        (t["subjects"], known(breach.subject_categories)),
        (t["subjects_n"], known(breach.subjects_approx)),
        (t["records"], known(breach.record_categories)),
        (t["records_n"], known(breach.records_approx)),
        (t["consequences"], known(breach.consequences)),
        (t["measures"], known(breach.measures)),
        (t["contact"], breach.contact or settings.mail_from),
    )


def controller_notice(breach: Breach, to: str, language: str, settings: Settings) -> OutgoingMail:
    t = TEXTS[language]
    subject = t["subject"].format(reference=breach.reference)
    blocks: list[Block] = [
        Paragraph(t["greeting"].format(controller=settings.controller_name)),
        Paragraph(t["intro"]),
        Facts(_facts(breach, t, settings)),
        Paragraph(t["authority"].format(reference=breach.reference)),
        Paragraph(t["stages"]),
        Paragraph(t["signature"]),
        Footer(t["footer"]),
    ]
    # One notice per breach and state: a retried send is one message in the mailbox, an update is a new one.
    key = f"breach:{breach.reference}:{breach.updated_at:%Y%m%dT%H%M%S}"
    return OutgoingMail(to=to, subject=subject, text=render_text(blocks),
                        html=render_html(blocks, language=language, title=subject), language=language,
                        kind="breach_notice", idempotency_key=key)


def authority_draft(breach: Breach, language: str, settings: Settings) -> str:
    """Markdown the controller pastes into the authority's form (Datatilsynet's «avviksmelding»)."""
    t = TEXTS[language]
    lines = [f"# {t['draft_title']}", "", t["draft_intro"], "",
             f"- **{t['controller']}**: {settings.controller_name} ({settings.controller_contact})"]
    lines += [f"- **{label}**: {value}" for label, value in _facts(breach, t, settings)
              if label != t["controller_due"]]
    return "\n".join(lines) + "\n"
