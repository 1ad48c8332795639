"""Names the way people type them in a chat: lowercase, after an introduction, under a sign-off (issue 23).

Every name here is invented for the test; the everyday lines must stay as they are."""

from __future__ import annotations

import pytest

from bot.pii import mask

INTRODUCTIONS = [
    ("nb", "jeg er sunniva brekkestad, og jeg vil se hva dere har", "jeg er <name>, og jeg vil se hva dere har"),
    ("nb", "hei, jeg heter torunn vasslid og lurer på noe", "hei, jeg heter <name> og lurer på noe"),
    ("nb", "mitt navn er ingrid haugnes", "mitt navn er <name>"),
    ("nn", "eg heiter sigrid fjellheim og bur på Voss", "eg heiter <name> og bur på Voss"),
    ("nn", "namnet mitt er olav kvamsdal", "namnet mitt er <name>"),
    ("da", "jeg hedder mette kjærsbøl og vil have slettet data", "jeg hedder <name> og vil have slettet data"),
    ("da", "mit navn er søren vestergaard", "mit navn er <name>"),
    ("en", "my name is priya ramasundaram and I want a copy", "my name is <name> and I want a copy"),
    ("en", "hi, my name is fatima zahra el amrani", "hi, my name is <name>"),
    ("en", "my name is nguyen van an", "my name is <name>"),
    ("nb", "jeg heter Kumaran Selvanathan", "jeg heter <name>"),
    ("nb", "jeg heter jan van der velde og bor i Oslo", "jeg heter <name> og bor i Oslo"),
    ("da", "jeg hedder Agnieszka Kowalczyk-Nowicka", "jeg hedder <name>"),
    ("en", "my name is Abdirahman Warsame Yusuf", "my name is <name>"),
    ("en", "hi, I'm Siobhan Keane", "hi, I'm <name>"),
    ("en", "my name is Anna-Lena von Hohenberg", "my name is <name>"),
    ("nb", "jeg heter lukas von der heide og bor i Bergen", "jeg heter <name> og bor i Bergen"),
    ("nn", "mitt namn er Thi Mai Phuong Tran", "mitt namn er <name>"),
    ("da", "jeg hedder Ewa Wiśniewska-Kaczmarek", "jeg hedder <name>"),
    # a name no list knows after "I'm", "jeg er": spelled like a name beyond doubt
    ("en", "hi, i'm abebe and i want my data deleted", "hi, i'm <name> and i want my data deleted"),
    ("nb", "jeg er adebayo, og lurer på en ting", "jeg er <name>, og lurer på en ting"),
    ("nn", "eg er haakon og bur i Bergen", "eg er <name> og bur i Bergen"),
    # "det er …", "it's …" with a first name that is also a word, when a surname or second name follows
    ("nb", "hei, det er per gunnar her, kan du hjelpe meg", "hei, det er <name> her, kan du hjelpe meg"),
    ("en", "hi it's rose halvorsen, i sent a request last week", "hi it's <name>, i sent a request last week"),
    ("en", "hello, it is frank oyelaran again", "hello, it is <name> again"),
    ("en", "hi it's hazel here, did you get my form?", "hi it's <name> here, did you get my form?"),
    # hyphenated first names, every part a first name the lists know
    ("da", "hej det er lise-marie her", "hej det er <name> her"),
    ("nn", "eg er ann-kristin og lurer på noko", "eg er <name> og lurer på noko"),
    ("nb", "både tor-einar og siv-helen har sluttet i korpset", "både <name> og <name> har sluttet i korpset"),
    # the people a parent or colleague writes about, and the names listed after one
    ("en", "my kids maja and elliot both play there", "my kids <name> and <name> both play there"),
    ("en", "I spoke to your colleague ingvild on monday", "I spoke to your colleague <name> on monday"),
    ("nb", "barna mine, tiril og aksel, går der", "barna mine, <name> og <name>, går der"),
    ("da", "min bror magnus har også et spørgsmål", "min bror <name> har også et spørgsmål"),
    # a form of address in lowercase
    ("en", "please pass this to mrs adebayo-cole", "please pass this to mrs <name>"),
    ("nb", "jeg har snakket med fru kvaløy om det", "jeg har snakket med fru <name> om det"),
    ("en", "dr. ramaswamy said it was fine", "dr. <name> said it was fine"),
    # the person a parent, guardian or proxy writes for
    ("nn", "eg er far til eirik og ingebjørg", "eg er far til <name> og <name>"),
    ("nb", "jeg er verge for hamza og lurer på bildene", "jeg er verge for <name> og lurer på bildene"),
    ("en", "I'm writing as the mother of noor", "I'm writing as the mother of <name>"),
    ("da", "jeg skriver på vegne af asger", "jeg skriver på vegne af <name>"),
    # whoever opens a message by saying they are here
    ("nb", "hei! vetle her, jeg har et spørsmål", "hei! <name> her, jeg har et spørsmål"),
    ("da", "sofie her igen", "<name> her igen"),
    ("en", "hi, yusuf here again, any news?", "hi, <name> here again, any news?"),
    ("nb", "solveig haugland her", "<name> her"),
    # a first name and a surname the lists know, typed in lowercase with no cue
    ("nb", "har dere snakket med jonas pedersen om dette?", "har dere snakket med <name> om dette?"),
    ("da", "det handler om karim mansour i 7. klasse", "det handler om <name> i 7. klasse"),
    # an English possessive hides the name from the tagger
    ("en", "the form is in Yaw Boateng's name", "the form is in <name> name"),
    ("en", "Ingrid's class had photos taken", "<name> class had photos taken"),
    # particles of Arabic names
    ("en", "my mother is Salma bint Yousef", "my mother is <name>"),
]

SIGNATURES = [
    ("nb", "kan dere slette kontoen min?\nmvh Per Olav", "kan dere slette kontoen min?\nmvh <name>"),
    ("nb", "takk for svaret. mvh per olav", "takk for svaret. mvh <name>"),
    ("nn", "det var alt. helsing ragnhild", "det var alt. helsing <name>"),
    ("nb", "hilsen ola", "hilsen <name>"),
    ("da", "på forhånd tak. venlig hilsen lone vestergaard", "på forhånd tak. venlig hilsen <name>"),
    ("en", "please delete it, thanks, priya", "please delete it, thanks, <name>"),
    ("en", "that is all. regards, tom whitfield", "that is all. regards, <name>"),
    # a lone first name that is also an everyday word, after a sign-off that is nothing else
    ("nb", "det var det hele. mvh per", "det var det hele. mvh <name>"),
    ("nn", "takk for svaret, helsing liv", "takk for svaret, helsing <name>"),
    ("en", "ok that's fine. kind regards, will", "ok that's fine. kind regards, <name>"),
    # an abbreviated sign-off with its full stop
    ("nb", "det var alt. mvh. per", "det var alt. mvh. <name>"),
    ("da", "på forhånd tak\nvh. Birthe Lund", "på forhånd tak\nvh. <name>"),
    # a loose sign-off without its comma, before a first name no everyday list knows
    ("en", "got it, thanks siddharth", "got it, thanks <name>"),
    ("da", "det var alt, tak mikkel", "det var alt, tak <name>"),
    # a family signs together
    ("nb", "takk for hjelpen. hilsen vibeke og tore lien", "takk for hjelpen. hilsen <name> og <name>"),
    ("en", "thanks again. kind regards, hannah and joseph", "thanks again. kind regards, <name> and <name>"),
]

EVERYDAY = [
    ("nb", "jeg er lei meg for det"),
    ("nb", "jeg er 14 år"),
    ("nb", "jeg er forelder til et barn i 3. klasse"),
    ("nb", "jeg er usikker på dette"),
    ("nn", "eg er ikkje sikker"),
    ("nb", "jeg er fra Bergen og bor i Oslo"),
    ("da", "jeg er i tvivl om mit samtykke"),
    ("en", "I am sorry, I did not mean that"),
    ("en", "I'm Norwegian but live in London"),
    ("en", "I am a parent of two"),
    ("nb", "jeg heter egentlig ikke det"),
    ("en", "my name is not important"),
    ("nb", "hilsen fra Bergen"),
    ("nb", "mvh NAV Bergen"),
    ("en", "thanks, bye"),
    ("nb", "takk for hjelpen"),
    ("da", "mange tak for hjælpen"),
    ("nb", "møtet er på mandag i mars"),
    ("en", "thanks everyone"),
    ("en", "ok thanks again"),
    ("en", "thanks anyway"),
    ("en", "thank you so much"),
    ("nb", "mvh mamma"),
    ("nb", "takk skal du ha"),
    ("en", "best regards, the team"),
    ("nb", "jeg er nyinnflytta og kjenner ingen"),
    ("nb", "jeg er usikkker på dette"),
    ("en", "i'm confuzed about the form"),
    ("da", "det er højsæson for svampe nu"),
    ("nb", "jeg er aleneforsørger"),
    ("nb", "jeg skrev mvh. Det var alt"),
    ("nb", "prisen er 50 kr, det er per dag"),
    ("nb", "det er per post eller telefon"),
    ("en", "it is may already"),
    ("en", "its fine, thanks"),
    ("en", "it's crystal clear now"),
    ("en", "to be honest it's frank advice"),
    ("en", "it's summer here in Tromsø"),
    ("en", "its grace period is over"),
    ("en", "i miss you all, open it in ms word"),
    ("nb", "send det til hr-avdelingen"),
    ("nb", "koden kom på sms-kode-meldingen"),
    ("en", "my kids and my wife agree"),
    ("nb", "det er e-post jeg bruker"),
    # relation words before things and numbers, "her"/"here" with no name before it
    ("nb", "jeg er mor til tre barn på skolen"),
    ("nn", "eg er far til ein gut på 14"),
    ("da", "på vegne af bestyrelsen vil jeg spørge"),
    ("en", "on behalf of the school board, what do you keep?"),
    ("en", "I'm the father of a 13 year old"),
    ("nb", "hei her er jeg igjen"),
    ("da", "hej her igen, har I svaret?"),
    ("en", "hello here again, any news?"),
    ("en", "sorry here, wrong button"),
    ("nb", "mvh foreldre i 4b"),
    # a lowercase everyday word with its possessive
    ("en", "my son's teacher posted it"),
    ("en", "my daughter's coach has the photos"),
    # the assistant's own name
    ("nb", "Hvor lenge lagrer Vern chatten min?"),
    ("en", "Hi Vern, can you help me?"),
]


@pytest.mark.parametrize(("language", "typed", "masked"), INTRODUCTIONS + SIGNATURES)
def test_a_name_typed_in_a_chat_is_masked_whole(language: str, typed: str, masked: str) -> None:
    assert mask(typed, language) == masked


@pytest.mark.parametrize(("language", "line"), EVERYDAY)
def test_everyday_words_after_an_introduction_or_sign_off_stay(language: str, line: str) -> None:
    assert mask(line, language) == line
