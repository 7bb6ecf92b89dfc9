"""Quotation patterns of real news (issue 15), each found with its speaker and that speaker's entity."""

from __future__ import annotations

import re

import pytest

from annotator.nlp.quotes import find_quotes


def entities(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), label) for name, label in names for m in re.finditer(re.escape(name), text)]


def found(text: str, *names: tuple[str, str]) -> list[tuple[str, str | None, str | None]]:
    """(content, speaker words, entity words) of every quotation found."""
    return [(text[q.start:q.end], text[slice(*q.speaker)] if q.speaker else None,
             text[q.entity[0]:q.entity[1]] if q.entity else None)
            for q in find_quotes(text, entities(text, *names))]


@pytest.mark.parametrize("text, name, content", [
    ("«Non ci fermeremo», ha detto il sindaco Marco Doria ai cronisti. Il consiglio si riunirà domani.",
     "Marco Doria", "Non ci fermeremo"),
    ("«Il paese è pronto a ripartire». Con queste parole Mario Monti ha aperto la conferenza stampa.",
     "Mario Monti", "Il paese è pronto a ripartire"),
])
def test_a_quotation_that_opens_the_text(text: str, name: str, content: str) -> None:
    assert found(text, (name, "PER"))[0] == (content, name, name)


@pytest.mark.parametrize("text, content", [
    ("Non respiro più!» (frase in seguito confermata da una testimone). La polizia indaga.", "Non respiro più!"),
    ("Ci rido sopra, ho le spalle larghe». E intanto i quotidiani hanno riferito dell'arresto.",
     "Ci rido sopra, ho le spalle larghe"),
    ("Se ripenso a quella scena mi viene da piangere. Qui non c'era lo Stato”. I vigili sono stati trasferiti.",
     "Se ripenso a quella scena mi viene da piangere. Qui non c'era lo Stato"),
    ("Lo rifarei domani, senza pensarci» Il sindaco ha poi aggiunto: «Nessuno è stato lasciato solo».",
     "Lo rifarei domani, senza pensarci"),
])
def test_a_passage_cut_inside_a_quotation_opens_with_its_words(text: str, content: str) -> None:
    """A passage taken from a longer article can open inside a quotation: its first mark closes it."""
    assert [quote[0] for quote in found(text)][:1] == [content]


def test_a_cut_passage_with_blank_space_before_it_still_opens_with_its_quotation() -> None:
    text = "\n  Non respiro più!» (frase in seguito confermata da una testimone). La polizia indaga."
    assert [quote[0] for quote in found(text)][:1] == ["Non respiro più!"]


def test_words_before_the_first_mark_are_no_quotation_when_that_mark_opens_one() -> None:
    text = "Il sindaco ha parlato ai cronisti. «Nessuno è stato lasciato solo», ha detto."
    assert [quote[0] for quote in found(text)] == ["Nessuno è stato lasciato solo"]


def test_a_bare_verb_takes_the_person_that_closes_the_sentence_before() -> None:
    text = ("Il ministro David Miliband ha chiesto una tregua. "
            "Si è pronunciato sulla crisi un missionario attivo nel luogo, padre Alex Zanotelli. "
            "Ha dichiarato «La base degli scontri è economica».")
    names = (("David Miliband", "PER"), ("Alex Zanotelli", "PER"))
    assert found(text, *names)[-1] == ("La base degli scontri è economica", "Alex Zanotelli", "Alex Zanotelli")


def test_a_person_after_a_preposition_closing_the_sentence_before_is_not_the_speaker() -> None:
    text = ("Il ministro David Miliband è arrivato a Nairobi. Ha avuto in mattinata un lungo colloquio a Nairobi con Alex Zanotelli. "
            "Ha dichiarato «La base degli scontri è economica».")
    names = (("David Miliband", "PER"), ("Alex Zanotelli", "PER"))
    assert found(text, *names)[-1][1] == "David Miliband"


def test_the_subject_after_the_verb_and_its_complements_before_a_colon_speaks() -> None:
    text = ("Il giovane è morto in ospedale. Ricordano ai microfoni di Studio Aperto i suoi amici: "
            "«Erano delle bestie». Il sindaco Flavio Tosi ha indetto una fiaccolata.")
    names = (("Studio Aperto", "ORG"), ("Flavio Tosi", "PER"))
    assert found(text, *names)[0][:2] == ("Erano delle bestie", "i suoi amici")


def test_a_complement_alone_after_the_verb_names_no_speaker() -> None:
    text = "Il sindaco Flavio Tosi è arrivato in piazza. Ha spiegato ai cronisti della città: «Li prenderemo»."
    assert found(text, ("Flavio Tosi", "PER")) == [("Li prenderemo", "Flavio Tosi", "Flavio Tosi")]


def test_a_name_inside_quotation_marks_before_the_verb_is_not_its_subject() -> None:
    text = ('"Bin Laden è ancora vivo" Il portavoce dei talebani in Afghanistan, Dadullah, ha affermato '
            "che il leader di al Qaeda è pronto a combattere.")
    names = (("Bin Laden", "PER"), ("Dadullah", "PER"), ("al Qaeda", "ORG"), ("Afghanistan", "LOC"))
    assert found(text, *names)[-1] == ("il leader di al Qaeda è pronto a combattere", "Dadullah", "Dadullah")


@pytest.mark.parametrize("means", ["tramite i suoi legali", "attraverso un portavoce"])
def test_whom_a_speaker_speaks_through_is_not_the_speaker(means: str) -> None:
    text = f"Uno degli accusati, Robert Seldon Lady, ha detto {means} che non riconoscerà la corte."
    assert found(text, ("Robert Seldon Lady", "PER"))[0][1] == "Robert Seldon Lady"


def test_the_name_in_apposition_after_a_title_of_someone_else_speaks() -> None:
    text = "Il portavoce di Romano Prodi, Silvio Sircana, si è detto sicuro che la magistratura gli darà ragione."
    names = (("Romano Prodi", "PER"), ("Silvio Sircana", "PER"))
    assert found(text, *names)[0][1:] == ("Silvio Sircana", "Silvio Sircana")


@pytest.mark.parametrize("text, name, label, content", [
    ("Romano Prodi ha ipotizzato che l'Italia possa partecipare con duemila uomini.", "Romano Prodi", "PER",
     "l'Italia possa partecipare con duemila uomini"),
    ("La Corte Suprema ha stabilito che non si può licenziare una persona per il suo orientamento.",  # a ruling
     "Corte Suprema", "ORG", "non si può licenziare una persona per il suo orientamento"),
])
def test_ipotizzare_and_stabilire_report_the_clause_after_che(text: str, name: str, label: str, content: str) -> None:
    assert found(text, (name, label)) == [(content, name, name)]


@pytest.mark.parametrize("text", [
    "Alcuni funzionari di Microsoft hanno constatato che Google ha un approccio superbo sul copyright.",
    "Alcuni funzionari di Microsoft hanno ribadito e reiterato che Google ha un approccio superbo sul copyright.",
    "In conferenza stampa Microsoft ha accennato che Google ha un approccio superbo sul copyright.",
])
def test_constatare_reiterare_accennare_report_the_clause_after_che(text: str) -> None:
    assert [quote[0] for quote in found(text, ("Microsoft", "ORG"), ("Google", "ORG"))] == [
        "Google ha un approccio superbo sul copyright"]


@pytest.mark.parametrize("text, speaker", [
    ("«Non potrò partecipare alle Olimpiadi», ha detto la tennista, citata dalla BBC.", "la tennista"),
    ("«Tiziano è morto per difendere i civili», ha commentato il portavoce delle forze italiane, ovvero il maggiore "
     "Mario Renna.", "Mario Renna"),
])
def test_who_quotes_the_speaker_is_no_apposition(text: str, speaker: str) -> None:
    """", citata dalla BBC" names the outlet that quotes her; ", ovvero il maggiore X" names him."""
    assert found(text, ("BBC", "ORG"), ("Mario Renna", "PER"))[0][1] == speaker


@pytest.mark.parametrize("where", [
    "Alla trasmissione radiofonica Radio anch'io", "Ai microfoni di Radio Rai", "Al quotidiano La Stampa"])
def test_a_name_in_the_phrase_that_says_where_is_not_who_speaks(where: str) -> None:
    """The verb's subject is dropped: the minister of the sentence before speaks."""
    text = f"Il ministro Cesare Damiano ha parlato dei salari. {where} spiega: «Con la fretta non si ottiene nulla»."
    names = (("Cesare Damiano", "PER"), ("Radio Rai", "ORG"), ("La Stampa", "ORG"))
    assert found(text, *names)[0][1] == "Cesare Damiano"


def test_who_is_made_to_say_is_still_the_speaker() -> None:
    text = ("La sinistra ha ottenuto un insperato 11%, tanto da far dire al presidente della repubblica "
            "Aleksander Kwaśniewski: «Ci hanno salvato i giovani».")
    assert found(text, ("Aleksander Kwaśniewski", "PER"))[0][1] == "Aleksander Kwaśniewski"


@pytest.mark.parametrize("source", ["Secondo Palazzo Chigi,", "Come ribadito da Palazzo Chigi,"])
def test_a_titled_speaker_inside_a_source_s_words_says_what_he_reports(source: str) -> None:
    """"Secondo X, il ministro ha annunciato che Y": the minister's Y, which X relays."""
    text = f"{source} il ministro ha annunciato che l'Italia non parteciperà a nessuna missione militare."
    assert found(text, ("Palazzo Chigi", "ORG")) == [
        ("l'Italia non parteciperà a nessuna missione militare", "il ministro", None)]


@pytest.mark.parametrize("text", [
    ("Come ribadito ieri da un comunicato di Palazzo Chigi, il ministro ha espresso lo sconcerto per la strage, "
     "ma ha annunciato che l'Italia non parteciperà a nessuna missione militare."),
    ("Il ministro ha espresso lo sconcerto per la strage, ma ha annunciato che l'Italia non parteciperà a nessuna "
     "missione militare."),
])
def test_a_verb_joined_by_ma_has_the_first_verb_s_subject(text: str) -> None:
    assert found(text, ("Palazzo Chigi", "ORG"))[-1][:2] == (
        "l'Italia non parteciperà a nessuna missione militare", "il ministro" if "Palazzo" in text else "Il ministro")


def test_a_name_after_the_title_s_verb_of_saying_is_not_the_title_s_holder() -> None:
    text = ("Madonna elenca le ingiustizie subite dal marito e regista Guy Ritchie. Pare inoltre che il regista "
            "abbia giudicato Madonna come «pessima attrice».")
    assert found(text, ("Madonna", "PER"), ("Guy Ritchie", "PER"))[0][1:] == ("il regista", "Guy Ritchie")


def test_a_source_the_ner_missed_after_a_clause_of_its_own() -> None:
    """"…non mancano e, secondo TuttoSport, CLAUSE": the clause after the source is reported, by
    the name the NER did not tag, which is its own entity."""
    text = ("Le offerte all'ex amministratore non mancano e, secondo TuttoSport, in pole position ci sarebbero "
            "i due club milanesi.")
    assert found(text) == [("in pole position ci sarebbero i due club milanesi", "TuttoSport", "TuttoSport")]


def test_a_source_s_acronym_in_parentheses_ends_the_source() -> None:
    text = "Ike si è rafforzato. Secondo il Centro nazionale degli uragani (NHC) Ike ha provocato una frana a Cuba."
    names = (("Centro nazionale degli uragani", "ORG"), ("NHC", "ORG"), ("Cuba", "LOC"))
    assert found(text, *names) == [("Ike ha provocato una frana a Cuba", "Centro nazionale degli uragani",
                                    "Centro nazionale degli uragani")]


def test_a_source_inside_a_parenthesis_reports_nothing_after_it() -> None:
    text = "La sanità riguarda una frazione ingente (secondo una fonte il 20% del bilancio) della spesa regionale."
    assert all("della spesa" not in quote[0] for quote in found(text))


def test_the_agent_after_si_apprende_is_the_source() -> None:
    text = ("Il giudice Baltasar Garzon ha riaperto l'inchiesta. Si apprende infatti da fonti giudiziarie che il "
            "processo potrebbe ripartire a breve.")
    assert found(text, ("Baltasar Garzon", "PER")) == [
        ("il processo potrebbe ripartire a breve", "fonti giudiziarie", None)]


def test_a_document_in_which_si_afferma_speaks() -> None:
    text = ("Il Principe Ranieri III è morto. L'ultimo comunicato, in cui si affermava che le sue condizioni erano "
            "gravi, risale a lunedì.")
    assert found(text, ("Ranieri III", "PER"))[0][1] == "L'ultimo comunicato"


def test_someone_who_asserts_in_a_reply_is_not_the_reply() -> None:
    text = ("Il ministro dell'Interno Matteo Salvini ha dato una risposta, nella quale asserisce di continuare a "
            "fare il proprio lavoro.")
    assert found(text, ("Matteo Salvini", "PER"))[0][2] == "Matteo Salvini"


def test_a_gerund_goes_on_with_the_subject_of_the_relative_clause_it_follows() -> None:
    text = ("Romano era già in aula, seguito da Marzouk che si è intrattenuto con i giornalisti dichiarando che due "
            "ergastoli non sono sufficienti.")
    assert found(text, ("Romano", "PER"), ("Marzouk", "PER"))[0][1] == "Marzouk"


def test_the_subject_after_nonostante_speaks() -> None:
    text = ("Le indagini sono in corso. Nonostante alcune testate giornalistiche abbiano erroneamente definito che "
            "la perdita delle linee sarebbe un duro colpo, la società ne aveva previsto la chiusura.")
    assert found(text)[0][1] == "alcune testate giornalistiche"


def test_a_quantified_object_after_the_verb_is_no_speaker() -> None:
    text = "Il teologo Hans Küng ha parlato a lungo. Ha poi aggiunto alcuni dettagli: «Non ci siamo abbracciati»."
    assert found(text, ("Hans Küng", "PER"))[0][1] != "alcuni dettagli"


def test_a_dropped_subject_is_the_person_before_the_verb_of_the_sentence_before() -> None:
    text = ("«Il villaggio è distrutto», ha detto Bernardo Cervellera. Nella giornata di martedì l'Assemblea ha "
            "approvato la legge; a seguito di ciò, il presidente Donald Trump ha incaricato il suo governo di agire. "
            "Ha anche affermato che verranno sanzionati i funzionari.")
    names = (("Bernardo Cervellera", "PER"), ("Donald Trump", "PER"))
    assert found(text, *names)[-1][1] == "Donald Trump"


def test_who_interviews_is_not_who_answers() -> None:
    text = ("Questa sembra l'opzione preferita dal Presidente americano, il quale, intervistato il 29 gennaio "
            "dalla National Public Radio, ha avvertito: «Risponderemo con fermezza».")
    assert found(text, ("National Public Radio", "ORG"))[0][1] == "il quale"


def test_who_issues_a_note_speaks_in_it() -> None:
    text = "Nella nota ufficiale, diramata dall'ufficio di Hamid Karzai, si legge: «La sentenza è confermata»."
    assert found(text, ("Hamid Karzai", "PER"))[0][2] == "Hamid Karzai"


def test_a_verb_that_opens_its_own_quotation_does_not_attribute_the_one_before() -> None:
    text = ("Michael Bublé ha detto che «ha una marcia in più». Renzo Arbore lo ha definito «uno dei migliori "
            "della sua generazione».")
    assert [(q[0], q[1]) for q in found(text, ("Michael Bublé", "PER"), ("Renzo Arbore", "PER"))] == [
        ("ha una marcia in più", "Michael Bublé"), ("uno dei migliori della sua generazione", "Renzo Arbore")]


@pytest.mark.parametrize("who", ["Un escursionista", "Un poliziotto", "I residenti della zona"])
def test_a_sentence_that_is_only_a_noun_phrase_before_the_colon_names_the_speaker(who: str) -> None:
    text = f"L'esplosione è avvenuta alle sei, scrive Repubblica. {who}: «Ho sentito uno schianto enorme»."
    assert found(text, ("Repubblica", "ORG"))[-1][:2] == ("Ho sentito uno schianto enorme", who)


@pytest.mark.parametrize("text, expected", [
    ("Il presidente Mario Rossi è arrivato ieri. Le stime, annunciano che l'uragano causerà danni per miliardi.",
     "Le stime"),  # the plural subject before the comma, never the person of the sentence before
    ("Il presidente Mario Rossi è arrivato ieri. Ha annunciato che l'uragano causerà danni per miliardi.", "Mario Rossi"),
])
def test_a_plural_verb_carries_no_single_person(text: str, expected: str | None) -> None:
    assert [q[1] for q in found(text, ("Mario Rossi", "PER"))] == [expected]


@pytest.mark.parametrize("text, speaker", [
    ("Il consulente di Microsoft, Thomas Rubin, ha preparato una nota. Egli ha sottolineato che l'idea di Google "
     "è pericolosa.", "Egli"),
    ("Thomas Rubin è arrivato tardi. Lui, poi, ha detto che la nota era pronta.", "Lui"),
    ("Thomas Rubin è arrivato tardi. Con lui ha parlato il ministro, che ha detto che la nota era pronta.",
     "il ministro"),
])
def test_a_subject_pronoun_is_the_speaker_s_mention_and_resolves_to_the_name(text: str, speaker: str) -> None:
    """Annotators mark the pronoun that opens the clause; the entity is the person it stands for."""
    [(_, who, entity)] = found(text, ("Thomas Rubin", "PER"), ("Microsoft", "ORG"), ("Google", "ORG"))
    assert who == speaker
    if speaker in ("Egli", "Lui"):
        assert entity == "Thomas Rubin"


@pytest.mark.parametrize("text", [
    "La sua affermazione è contestata dallo storico Carlo Neri: «Stupidaggini, le province erano sette».",
    "La sua affermazione è stata contestata dallo storico Carlo Neri: «Stupidaggini, le province erano sette».",
])
def test_the_agent_of_a_passive_reporting_verb_before_a_colon_speaks(text: str) -> None:
    assert found(text, ("Carlo Neri", "PER"))[0][:2] == ("Stupidaggini, le province erano sette", "Carlo Neri")


def test_a_verb_after_a_quotation_that_opens_its_own_is_not_the_first_one_s_attribution() -> None:
    text = "Un giornalista chiede «È la sua Bibbia?», e il presidente risponde «È una Bibbia»."
    assert [q[:2] for q in found(text)] == [("È la sua Bibbia?", "Un giornalista"), ("È una Bibbia", "il presidente")]


def test_an_adverb_between_commas_inside_the_verb_keeps_the_subject_before_it() -> None:
    text = ("Meredith si sarebbe rifiutata di accondiscendere a qualche pratica particolare, il questore ha, infatti, "
            "affermato che «la giovane Meredith era moralmente integerrima».")
    [(content, speaker, _)] = found(text, ("Meredith", "PER"))
    assert (content, speaker) == ("la giovane Meredith era moralmente integerrima", "il questore")


def test_a_longer_sentence_before_the_colon_still_carries_the_speaker() -> None:
    text = ("Il sindaco Marco Doria ha parlato ai cronisti. Il suo messaggio è stato chiaro: "
            "«Nessuno sarà lasciato solo».")
    assert found(text, ("Marco Doria", "PER"))[-1][1] == "Marco Doria"


def test_quest_ultima_before_a_gerund_speaks_and_resolves_to_the_one_named_last() -> None:
    text = ("Dario Fo e la consorte Franca Rame sono arrivati in piazza. Quest'ultima ha parlato per prima, "
            "sostenendo che l'ex giudice è «l'unico politico onesto».")
    names = (("Dario Fo", "PER"), ("Franca Rame", "PER"))
    assert found(text, *names) == [("l'unico politico onesto", "Quest'ultima", "Franca Rame")]


def test_the_subject_before_si_and_a_verb_speaks_through_the_gerund_after_it() -> None:
    text = ("Il ministro dello Sviluppo economico Corrado Passera ha parlato ieri. Il titolare dello Sviluppo "
            "economico si dice molto ottimista sul futuro italiano, affermando di nutrire speranze per la crescita.")
    (content, speaker, entity), = [q for q in found(text, ("Corrado Passera", "PER")) if "nutrire" in q[0]]
    assert (speaker, entity) == ("Il titolare dello Sviluppo economico", "Corrado Passera")


def test_a_name_in_apposition_after_a_source_is_the_source_and_not_the_report() -> None:
    text = "Secondo il capo della Farnesina, Massimo D'Alema, l'attentato di oggi è stato un atto vile."
    names = (("Farnesina", "ORG"), ("Massimo D'Alema", "PER"))
    assert found(text, *names) == [("l'attentato di oggi è stato un atto vile", "Massimo D'Alema", "Massimo D'Alema")]


@pytest.mark.parametrize("text, names, speaker", [
    ("Il presidente, dopo l'incontro con Angela Merkel, ha dichiarato che l'accordo è vicino.",
     (("Angela Merkel", "PER"),), "Il presidente"),
    ("Il teologo, durante l'incontro al quale era presente il segretario del papa, Georg Gänswein, "
     "ha proposto che si faccia una ricerca sull'etica.", (("Georg Gänswein", "PER"),), "Il teologo"),
])
def test_a_title_opening_the_sentence_speaks_over_a_name_in_the_phrase_after_it(
        text: str, names: tuple[tuple[str, str], ...], speaker: str) -> None:
    assert found(text, *names)[0][1] == speaker


def test_a_name_in_apposition_after_a_title_still_speaks() -> None:
    text = "Il portavoce dell'esercito, il colonnello David Amrani, ha negato che ci siano state vittime."
    assert found(text, ("David Amrani", "PER"))[0][1] == "David Amrani"


@pytest.mark.parametrize("text, speaker", [
    ("Il ministro, parlando con Vladimir Putin, ha detto che la crisi è finita.", "Il ministro"),
    ("«La crisi è finita», ha detto a Vladimir Putin il ministro Carlo Neri.", "Carlo Neri"),
])
def test_a_person_spoken_to_after_the_cue_is_not_the_speaker(text: str, speaker: str) -> None:
    names = (("Vladimir Putin", "PER"), ("Carlo Neri", "PER"))
    assert found(text, *names)[0][1] == speaker


def test_a_name_after_che_in_a_sentence_without_subject_does_not_take_over_the_quotations() -> None:
    text = ("Il neurochirurgo Gérard Saillant ha parlato ai giornalisti. Inoltre, specifica che Michael Schumacher "
            "è stato operato una volta, che «l'operazione è andata bene».")
    names = (("Gérard Saillant", "PER"), ("Michael Schumacher", "PER"))
    statements = found(text, *names)
    assert [speaker for _, speaker, *_ in statements] == ["Gérard Saillant"]
    assert "«l'operazione è andata bene»" in statements[0][0]  # the marked words within his report


def test_come_after_the_verb_opens_the_report_and_names_no_speaker() -> None:
    text = ("Umberto Bossi ha parlato a lungo del federalismo. Ha quindi ricordato come l'Italia sia "
            "«il paese più centralista al mondo».")
    assert found(text, ("Umberto Bossi", "PER"), ("Italia", "LOC"))[-1] == (
        "il paese più centralista al mondo", "Umberto Bossi", "Umberto Bossi")


def test_an_organisation_spoken_to_before_the_verb_is_not_its_subject() -> None:
    text = ("Floyd Mayweather ha annunciato il ritiro. Alla emittente Showtime, con la quale ha un contratto, "
            "ha dichiarato che Pacquiao è un perdente.")
    names = (("Floyd Mayweather", "PER"), ("Showtime", "ORG"), ("Pacquiao", "PER"))
    assert found(text, *names)[-1][1] == "Floyd Mayweather"


@pytest.mark.parametrize("text, names, speaker", [
    ("All Africa riporta notizie terribili: alcune persone sarebbero state uccise.", (), "Africa"),
    ("Al-Alam, una televisione iraniana, afferma che quattro americani sono entrati nel paese.",
     (("Alam", "ORG"),), "Alam"),
])
def test_a_name_that_opens_like_a_preposition_still_speaks(
        text: str, names: tuple[tuple[str, str], ...], speaker: str) -> None:
    """The recogniser leaves out "All" and "Al-": they are part of the name, not prepositions."""
    assert speaker in (found(text, *names)[0][1] or "")


def test_a_longer_noun_phrase_after_secondo_is_the_source() -> None:
    text = "Secondo alcuni documenti diffusi nella giornata di lunedì, la mente dell'operazione era Graham Clark."
    (content, speaker, entity), = found(text, ("Graham Clark", "PER"))
    assert (content, speaker) == ("la mente dell'operazione era Graham Clark",
                                  "alcuni documenti diffusi nella giornata di lunedì")


@pytest.mark.parametrize("after", ["queste le sue esatte parole", "queste le sue parole", "queste sono le parole"])
def test_queste_le_sue_parole_after_a_quotation_attributes_it(after: str) -> None:
    text = f"Il presidente Barack Obama ha parlato alla nazione. «La tempesta non è ancora passata», {after}."
    assert found(text, ("Barack Obama", "PER"))[-1] == ("La tempesta non è ancora passata", "Barack Obama", "Barack Obama")


@pytest.mark.parametrize("text, speaker", [
    ("Il giudice Mario Rossi ha ridotto la pena. Nella sentenza si legge infatti: «Si deve tenere conto delle "
     "condizioni dell'imputato».", "Nella sentenza"),
    ("Il presidente Mario Rossi ha firmato ieri. L'ordinanza precisa: «Restano aperti i negozi di alimentari».",
     "L'ordinanza"),
])
def test_a_ruling_or_an_order_speaks_as_a_text_and_resolves_to_no_one(text: str, speaker: str) -> None:
    assert found(text, ("Mario Rossi", "PER"))[-1][1:] == (speaker, None)


def test_a_gerund_goes_with_the_main_clause_not_with_the_clause_that_opens_the_sentence() -> None:
    text = ("Quando Michele Dell'Orco e Alessandro Di Battista avevano chiesto la rimozione di Incalza, il ministro "
            "Maurizio Lupi lo aveva difeso dicendo che nelle inchieste passate era stato assolto.")
    names = (("Michele Dell'Orco", "PER"), ("Alessandro Di Battista", "PER"), ("Incalza", "PER"),
             ("Maurizio Lupi", "PER"))
    assert found(text, *names)[0][1] == "Maurizio Lupi"


def test_two_coordinated_quotations_share_one_attribution() -> None:
    text = "«Siamo pronti» e «non arretreremo», ha dichiarato Pier Luigi Bersani."
    name = "Pier Luigi Bersani"
    assert [(c, s) for c, s, _ in found(text, (name, "PER"))] == [("Siamo pronti", name), ("non arretreremo", name)]


def test_two_coordinated_partial_quotations_inside_the_sentence() -> None:
    text = "Il presidente Giorgio Napolitano ha parlato di «un momento difficile» e di «una prova per tutti»."
    name = "Giorgio Napolitano"
    assert [(c, s) for c, s, _ in found(text, (name, "PER"))] == [("un momento difficile", name),
                                                                  ("una prova per tutti", name)]


@pytest.mark.parametrize("text, name, content", [
    ("Per Angelino Alfano, «la riforma è necessaria e urgente».", "Angelino Alfano",
     "la riforma è necessaria e urgente"),
    ("Il clima, per il ministro Corrado Passera, era «ormai insostenibile».", "Corrado Passera",
     "ormai insostenibile"),
])
def test_per_x_attributes_the_quotation(text: str, name: str, content: str) -> None:
    assert found(text, (name, "PER")) == [(content, name, name)]


def test_per_a_place_is_not_an_attribution() -> None:
    text = "Il treno, per Milano, era «in ritardo» come sempre."
    assert found(text, ("Milano", "LOC")) == []


def test_lo_ha_definito_attributes_the_quotation_to_the_subject() -> None:
    text = "Il piano è stato presentato ieri. Beppe Grillo lo ha definito «una truffa»."
    assert found(text, ("Beppe Grillo", "PER")) == [("una truffa", "Beppe Grillo", "Beppe Grillo")]


def test_a_bare_verb_after_the_quotation_takes_the_speaker_the_previous_sentence_names() -> None:
    text = ("Il segretario della Cgil Susanna Camusso è intervenuta al congresso. "
            "«Lo sciopero è confermato», ha affermato.")
    (content, speaker, entity), = found(text, ("Susanna Camusso", "PER"), ("Cgil", "ORG"))
    assert (content, entity) == ("Lo sciopero è confermato", "Susanna Camusso")


@pytest.mark.parametrize("text", [
    "Il premier Silvio Berlusconi è arrivato a Bruxelles in mattinata: «L'Italia farà la sua parte».",
    "Silvio Berlusconi ha incontrato i giornalisti dopo il vertice. Il suo messaggio è stato chiaro: "
    "«L'Italia farà la sua parte».",
])
def test_a_colon_after_a_sentence_about_the_speaker(text: str) -> None:
    (content, _, entity), = found(text, ("Silvio Berlusconi", "PER"), ("Bruxelles", "LOC"))
    assert (content, entity) == ("L'Italia farà la sua parte", "Silvio Berlusconi")


def test_a_title_as_speaker_resolves_to_the_name_given_earlier() -> None:
    text = ("Il ministro degli Esteri Franco Frattini è arrivato a Mosca. «I rapporti restano ottimi», "
            "ha detto il ministro.")
    (content, speaker, entity), = found(text, ("Franco Frattini", "PER"), ("Mosca", "LOC"))
    assert (content, speaker, entity) == ("I rapporti restano ottimi", "il ministro", "Franco Frattini")


@pytest.mark.parametrize("text, content", [
    ("Roberto Maroni ha poi annunciato di voler inviare altri cento agenti.", "voler inviare altri cento agenti"),
    ("Roberto Maroni ha affermato ai giornalisti di non aver mai ricevuto la lettera.", "non aver mai ricevuto la lettera"),
])
def test_di_and_an_infinitive_after_a_reporting_verb_is_reported_speech(text: str, content: str) -> None:
    (found_content, speaker, _), = found(text, ("Roberto Maroni", "PER"))
    assert content in found_content and speaker == "Roberto Maroni"


def test_a_request_with_di_is_an_event_not_a_quotation() -> None:
    text = "Roberto Maroni ha chiesto ai prefetti di inviare altri agenti."
    assert found(text, ("Roberto Maroni", "PER")) == []


@pytest.mark.parametrize("text, names, content, speaker", [
    ("Secondo la polizia tedesca non c'è stato un aumento dei furti durante il Mondiale.", [],
     "non c'è stato un aumento dei furti durante il Mondiale", "la polizia tedesca"),
    ("Il fossile, che secondo Tomasz Sulej poteva essere una preda del drago, è stato esposto.",
     [("Tomasz Sulej", "PER")], "poteva essere una preda del drago, è stato esposto", "Tomasz Sulej"),
    ("Secondo l'Organizzazione mondiale della sanità (OMS) non ci sono notizie di contagio tra il personale.",
     [("Organizzazione mondiale della sanità", "ORG"), ("OMS", "ORG")],
     "non ci sono notizie di contagio tra il personale", "Organizzazione mondiale della sanità"),

    ("Secondo i contrari questa non è che una mossa per permettere a Putin di tornare al Cremlino.",
     [("Putin", "PER"), ("Cremlino", "ORG")],
     "questa non è che una mossa per permettere a Putin di tornare al Cremlino", "i contrari"),
    ("Secondo quanto riferito dalla polizia di Como non ci sono feriti tra i passanti.", [("polizia di Como", "ORG")],
     "non ci sono feriti tra i passanti", "polizia di Como"),
    ("Secondo una notizia proveniente dagli Stati Uniti la Cina avrebbe sperimentato un missile.",
     [("Stati Uniti", "LOC"), ("Cina", "LOC")], "la Cina avrebbe sperimentato un missile", "Stati Uniti"),
    ("Secondo la televisione di stato iraniana invece i tre sono soldati americani.", [],
     "i tre sono soldati americani", "la televisione di stato iraniana"),
    ("Secondo il presidente della Regione Veneto Luca Zaia c'è bisogno di regole più severe in laguna.",
     [("Regione Veneto", "ORG"), ("Luca Zaia", "PER")], "c'è bisogno di regole più severe in laguna", "Luca Zaia"),
    ("Alcune carrozze sono bruciate, tuttavia secondo l'azienda potranno presto tornare in servizio.", [],
     "potranno presto tornare in servizio", "l'azienda"),
])
def test_a_source_without_a_comma_ends_where_the_clause_begins(
        text: str, names: list[tuple[str, str]], content: str, speaker: str) -> None:
    assert [(c, s) for c, s, _ in found(text, *names)] == [(content, speaker)]


def test_secondo_as_an_ordinal_is_no_source() -> None:
    assert found("Il secondo giorno la squadra ha vinto la partita contro la Lazio.") == []


@pytest.mark.parametrize("text, content, speaker", [
    ("Secondo i cacciatori, le balene affamano il Terzo mondo.", "le balene affamano il Terzo mondo",
     "i cacciatori"),
    ("Secondo molti, era un ragazzo intelligente ma solitario.", "era un ragazzo intelligente ma solitario", "molti"),
    ("Le piante sono state abbattute dalla tempesta, secondo quanto afferma il funzionario.",
     "Le piante sono state abbattute dalla tempesta", "il funzionario"),
])
def test_secondo_any_noun_phrase_is_a_source(text: str, content: str, speaker: str) -> None:
    assert [(c, s) for c, s, _ in found(text)] == [(content, speaker)]


@pytest.mark.parametrize("text, content", [
    ("Almeno 32 persone sono state uccise, secondo quanto riportato da Fox News, che cita fonti della polizia.",
     "Almeno 32 persone sono state uccise"),
    ("Il treno è deragliato all'alba, secondo Fox News, la quale cita fonti della polizia.",
     "Il treno è deragliato all'alba"),
])
def test_a_relative_clause_after_a_closing_source_is_about_the_source(text: str, content: str) -> None:
    """What a source closes is the clause before it, not the relative that describes the source."""
    assert found(text, ("Fox News", "ORG")) == [(content, "Fox News", "Fox News")]


@pytest.mark.parametrize("text, content, speaker", [
    ("Il giallo sembra risolto: si tratta di un doppio suicidio, secondo gli investigatori, anche se il ragazzo "
     "è accusato.", "si tratta di un doppio suicidio", "gli investigatori"),
    ("L'azione era necessaria secondo gli americani, dopo che sabato la Cina aveva chiuso lo spazio aereo.",
     "L'azione era necessaria", "gli americani"),
])
def test_a_source_followed_by_a_joined_clause_gives_the_clause_before_it(text: str, content: str, speaker: str) -> None:
    assert (content, speaker) in [(c, s) for c, s, _ in found(text)]
    assert not any(c.startswith(("anche se", "dopo che")) for c, _, _ in found(text))


@pytest.mark.parametrize("text", [
    "Secondo Mario Rossi la legge è sbagliata, secondo Luigi Bianchi è una vergogna.",
    "Per Mario Rossi la legge è sbagliata, per Luigi Bianchi è una vergogna.",
])
def test_two_sources_in_one_sentence_give_two_reports(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER"), ("Luigi Bianchi", "PER")) == [
        ("la legge è sbagliata", "Mario Rossi", "Mario Rossi"), ("è una vergogna", "Luigi Bianchi", "Luigi Bianchi")]


@pytest.mark.parametrize("text, content", [
    ("Mario Rossi non usa mezzi termini: non ci fermeremo davanti a nulla.", "non ci fermeremo davanti a nulla"),
    ("Mario Rossi non ha dubbi: la riforma passerà entro l'estate.", "la riforma passerà entro l'estate"),
])
def test_words_after_a_colon_that_says_how_someone_spoke_are_theirs(text: str, content: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [(content, "Mario Rossi", "Mario Rossi")]


@pytest.mark.parametrize("text", [
    "Il convegno si è chiuso tardi. «La legge è sbagliata», così Mario Rossi a margine dei lavori.",
    "Il convegno si è chiuso tardi. «La legge è sbagliata», così Mario Rossi, a margine dei lavori.",
])
def test_cosi_after_a_comma_names_the_speaker(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [("La legge è sbagliata", "Mario Rossi", "Mario Rossi")]


def test_cosi_before_a_clitic_is_how_someone_is_called_not_who_speaks() -> None:
    text = "Il ragazzo è noto a tutti. «Il Capitano», così lo chiamavano i compagni di Mario Rossi."
    assert ("Il Capitano", "i compagni di Mario Rossi") not in [(c, s) for c, s, _ in found(text, ("Mario Rossi", "PER"))]


@pytest.mark.parametrize("text", [
    "Secondo l'Ansa, Mario Rossi ha detto che la legge è sbagliata.",
    "Come riferisce l'Ansa, Mario Rossi ha detto che la legge è sbagliata.",
])
def test_a_source_relaying_someones_report_gives_it_to_that_someone(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER"), ("Ansa", "ORG")) == [
        ("la legge è sbagliata", "Mario Rossi", "Mario Rossi")]


@pytest.mark.parametrize("text", [
    "Mario Rossi ha parlato a lungo. «La legge è sbagliata», ha detto. Poi ha attaccato Luigi Bianchi: «È un incapace».",
    "Mario Rossi è arrivato in aula alle dieci. Ha attaccato Luigi Bianchi: «È un incapace».",
    "Mario Rossi ha ringraziato Luigi Bianchi: «È un incapace».",
])
def test_the_one_a_verb_is_aimed_at_before_a_colon_is_not_the_speaker(text: str) -> None:
    quotes = found(text, ("Mario Rossi", "PER"), ("Luigi Bianchi", "PER"))
    assert ("È un incapace", "Mario Rossi") in [(c, s) for c, s, _ in quotes]


def test_a_speaker_after_an_intransitive_verb_before_a_colon_is_still_the_speaker() -> None:
    text = "Mario Rossi è arrivato in aula alle dieci. Ha parlato Luigi Bianchi: «È un incapace»."
    assert found(text, ("Mario Rossi", "PER"), ("Luigi Bianchi", "PER")) == [
        ("È un incapace", "Luigi Bianchi", "Luigi Bianchi")]


def test_che_with_its_own_subject_after_a_source_is_what_the_source_says() -> None:
    text = "Questa è la prova, secondo i carabinieri, che il ladro è andato ad Amatrice solo per razziare."
    quotes = found(text)
    assert len(quotes) == 1 and quotes[0][0].endswith("il ladro è andato ad Amatrice solo per razziare")


@pytest.mark.parametrize("text", [
    "La pratica è stata chiusa secondo la legge 241, come previsto.",
    "Ma qualcosa non è andato secondo i suoi voleri, e la scena è stata ripresa.",
    "Il servizio è articolato in modo diverso secondo le varie regioni, e questo pesa sul bilancio.",
])
def test_secondo_in_accordance_with_is_no_source(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text, names, content, speaker", [
    ("Da giorni giravano voci, rilanciate dal sito TMZ, secondo cui il leader fosse morto dopo un'operazione.",
     [("TMZ", "ORG")], "il leader fosse morto dopo un'operazione", "TMZ"),
    ("I ricercatori hanno pubblicato uno studio secondo il quale i pinguini diverrebbero una specie a rischio.",
     [], "i pinguini diverrebbero una specie a rischio", "uno studio"),
])
def test_secondo_cui_reports_what_its_antecedent_says(
        text: str, names: list[tuple[str, str]], content: str, speaker: str) -> None:
    assert [(c, s) for c, s, _ in found(text, *names)] == [(content, speaker)]


def test_secondo_quanto_riportato_da_names_the_agency_as_source() -> None:
    text = "Secondo quanto riportato dall'agenzia Kazinform, l'ex presidente è risultato positivo al virus."
    assert found(text, ("Kazinform", "ORG")) == [("l'ex presidente è risultato positivo al virus", "Kazinform",
                                                   "Kazinform")]


def test_a_name_after_the_source_comma_is_its_apposition_not_the_quotation() -> None:
    text = "Il servizio è rimasto fermo per tre ore, secondo il direttore tecnico di Wikimedia, Brion Vibber."
    assert [(c, s) for c, s, _ in found(text, ("Wikimedia", "ORG"), ("Brion Vibber", "PER"))] == [
        ("Il servizio è rimasto fermo per tre ore", "Brion Vibber")]


def test_a_detta_del_is_a_source() -> None:
    text = "Sarà aperta, a detta del ministro dei Trasporti, anche un'inchiesta amministrativa sul guasto."
    assert [c for c, _, _ in found(text)] == [text[:-1]]


def test_di_and_an_infinitive_ends_at_the_comma() -> None:
    text = "La consigliera Nicole Minetti ha dichiarato di non voler lasciare il Pirellone, motivando la scelta."
    assert found(text, ("Nicole Minetti", "PER"))[0][:2] == ("non voler lasciare il Pirellone", "Nicole Minetti")


def test_an_adverb_in_mente_may_stand_between_the_verb_and_che() -> None:
    text = "Il ministro Ernesto Villegas aveva dichiarato recentemente che il presidente era affetto da un'infezione."
    assert found(text, ("Ernesto Villegas", "PER"))[0][:2] == ("il presidente era affetto da un'infezione",
                                                                "Ernesto Villegas")


def test_a_speech_noun_after_the_quotation_names_its_speaker() -> None:
    text = "«Alfano può essere il nostro candidato premier», è stata la risposta di Silvio Berlusconi ai microfoni."
    assert found(text, ("Alfano", "PER"), ("Silvio Berlusconi", "PER")) == [
        ("Alfano può essere il nostro candidato premier", "Silvio Berlusconi", "Silvio Berlusconi")]


def test_con_queste_parole_after_a_colon() -> None:
    text = "«Lunga vita al popolo iracheno»: con queste parole Saddam Hussein ha accolto il verdetto."
    assert found(text, ("Saddam Hussein", "PER")) == [("Lunga vita al popolo iracheno", "Saddam Hussein",
                                                       "Saddam Hussein")]


def test_words_after_a_reporting_verb_and_a_colon_without_quotation_marks() -> None:
    text = "Il presidente Barack Obama ha avvertito: se l'Iran attacca le nostre truppe, risponderemo con fermezza."
    assert found(text, ("Barack Obama", "PER"), ("Iran", "LOC")) == [
        ("se l'Iran attacca le nostre truppe, risponderemo con fermezza", "Barack Obama", "Barack Obama")]


def test_a_colon_before_a_quotation_mark_is_left_to_the_quotation() -> None:
    text = "Il ministro Mario Rossi ha detto: «Siamo pronti a tutto per il paese»."
    assert found(text, ("Mario Rossi", "PER")) == [("Siamo pronti a tutto per il paese", "Mario Rossi", "Mario Rossi")]


@pytest.mark.parametrize("text, names, content, speaker", [
    ("Per fermare la guerra civile, sostiene lo studio della Brookings, sarebbero necessari 450.000 soldati.",
     [("Brookings", "ORG")], "sarebbero necessari 450.000 soldati", "lo studio della Brookings"),
    ("Verso le 22 – hanno raccontato i testimoni a bordo – la luce è andata via e la nave si è inclinata.", [],
     "la luce è andata via e la nave si è inclinata", "i testimoni"),
    ("Il centro-destra - ha spiegato Mario Rossi - voterà contro la legge sulle pensioni.", [("Mario Rossi", "PER")],
     "voterà contro la legge sulle pensioni", "Mario Rossi"),  # the web's dash, a hyphen between spaces
])
def test_a_reporting_verb_set_between_commas_or_dashes(
        text: str, names: list[tuple[str, str]], content: str, speaker: str) -> None:
    assert [(c, s) for c, s, _ in found(text, *names)] == [(content, speaker)]


def test_a_verb_between_dashes_before_a_quotation_is_its_attribution_only() -> None:
    text = ("Si è presentata senza scarpe perché - ha detto - «per scendere le scale bisogna togliersi qualcosa» "
            "(con evidente riferimento alla serata del giorno prima).")
    assert [text[q.start:q.end] for q in find_quotes(text, [])] == ["per scendere le scale bisogna togliersi qualcosa"]


def test_a_gerund_between_commas_reports_nothing() -> None:
    text = "La campana di San Pietro ha suonato, confermando la notizia, seguita dalle campane di tutta Roma."
    assert found(text, ("San Pietro", "LOC"), ("Roma", "LOC")) == []


@pytest.mark.parametrize("text, names, content", [
    ("Il primo caso, secondo i dati forniti dall'ECDC, è stato registrato il 18 giugno.", [("ECDC", "ORG")],
     "Il primo caso, secondo i dati forniti dall'ECDC, è stato registrato il 18 giugno"),
    ("Infatti, secondo il quotidiano, la disoccupazione stenterà a migliorare nei prossimi anni.", [],
     "la disoccupazione stenterà a migliorare nei prossimi anni"),
])
def test_a_source_between_commas_after_a_few_words_reports_the_whole_sentence(
        text: str, names: list[tuple[str, str]], content: str) -> None:
    assert [c for c, _, _ in found(text, *names)] == [content]


@pytest.mark.parametrize("text, content", [
    ("Alcuni testimoni hanno riferito di aver notato un fulmine sul ponte, il quale potrebbe averlo fatto crollare.",
     "aver notato un fulmine sul ponte, il quale potrebbe averlo fatto crollare"),
    ("La dirigente negava di aver compiuto atti illegittimi, ammetteva di aver sbagliato.",
     "aver compiuto atti illegittimi"),
])
def test_di_and_an_infinitive_ends_where_a_new_clause_begins(text: str, content: str) -> None:
    assert [c for c, _, _ in found(text)][0] == content


@pytest.mark.parametrize("text, names, speaker", [
    ("Giravano voci, rilanciate dal sito TMZ (che annunciò la morte di Kobe Bryant), secondo cui il leader fosse morto.",
     [("TMZ", "ORG"), ("Kobe Bryant", "PER")], "TMZ"),
    ("È il caso di Silvia Noé, dell'Unione di Centro, secondo cui le interviste a pagamento sono un costume diffuso.",
     [("Silvia Noé", "PER"), ("Unione di Centro", "ORG")], "Silvia Noé"),
])
def test_secondo_cui_looks_past_a_parenthesis_or_an_apposition(
        text: str, names: list[tuple[str, str]], speaker: str) -> None:
    assert [s for _, s, _ in found(text, *names)] == [speaker]


def test_a_source_pronoun_is_the_speaker() -> None:
    text = "Gli esperti sono pessimisti. Infatti, secondo questi, la disoccupazione stenterà a migliorare."
    assert [(c, s) for c, s, _ in found(text)] == [("la disoccupazione stenterà a migliorare", "questi")]


@pytest.mark.parametrize("text, name, content", [
    ("«Non ci sono alternative», ha sentenziato Romano Prodi.", "Romano Prodi", "Non ci sono alternative"),
    ("«Non cambieremo idea», ha scandito Pier Luigi Bersani.", "Pier Luigi Bersani", "Non cambieremo idea"),
    ("«Siamo stati traditi», si è sfogato Umberto Bossi.", "Umberto Bossi", "Siamo stati traditi"),
    ("«Nessun allarme, è solo prudenza», minimizza Luca Zaia.", "Luca Zaia", "Nessun allarme, è solo prudenza"),
    ("«Così non si va avanti», ha bacchettato Mario Monti.", "Mario Monti", "Così non si va avanti"),
])
def test_journalistic_verbs_of_saying_after_the_quotation(text: str, name: str, content: str) -> None:
    assert found(text, (name, "PER")) == [(content, name, name)]


def test_ha_reso_noto_che_reports_what_an_organisation_announced() -> None:
    text = "La Farnesina ha reso noto che i due connazionali sono stati liberati."
    assert found(text, ("Farnesina", "ORG")) == [("i due connazionali sono stati liberati", "Farnesina", "Farnesina")]


def test_an_impersonal_e_stato_reso_noto_is_no_quotation() -> None:
    assert found("È stato reso noto che l'uomo sarebbe rimasto in carcere.") == []


def test_a_quanto_riferiscono_introduces_a_source() -> None:
    text = "A quanto riferiscono fonti diplomatiche, l'ambasciatore è stato richiamato a Roma."
    (content, speaker, _), = found(text)
    assert content == "l'ambasciatore è stato richiamato a Roma" and "fonti diplomatiche" in speaker


@pytest.mark.parametrize("text, name, label, content", [
    ("L'attentatore aveva 22 anni, ha riferito la polizia.", "polizia", "ORG", "L'attentatore aveva 22 anni"),
    ("Il bilancio delle vittime è salito a 12, riferisce la Protezione civile.", "Protezione civile", "ORG",
     "Il bilancio delle vittime è salito a 12"),
    ("Il governo sarebbe pronto a intervenire, scrive il Corriere della Sera.", "Corriere della Sera", "ORG",
     "Il governo sarebbe pronto a intervenire"),
    ("La protesta durerà tre giorni, ha fatto sapere la Cgil.", "Cgil", "ORG", "La protesta durerà tre giorni"),
    ("La protesta durerà tre giorni, fa sapere la Cgil.", "Cgil", "ORG", "La protesta durerà tre giorni"),
])
def test_a_reporting_verb_closing_the_sentence_attributes_the_clause_before(
        text: str, name: str, label: str, content: str) -> None:
    (got, speaker, _), = found(text, (name, label))
    assert got == content and name in speaker


@pytest.mark.parametrize("text, names", [
    ("Incidente aereo tra due Tornado, proseguono le ricerche dei dispersi.", ()),
    ("La moglie di West, Kim Kardashian, ha scritto il suo pensiero su Instagram.", (("Kim Kardashian", "PER"),)),
    ("I dati reali, giunti oltre la metà dello spoglio, confermano gli exit poll.", ()),
])
def test_a_verb_after_a_comma_that_attributes_nothing(text: str, names) -> None:
    assert found(text, *names) == []


def test_the_attribution_after_a_quotation_inside_the_sentence_is_the_quotation_s() -> None:
    text = "Il Carroccio avrà il sostegno del Pdl, in quanto «da soli non ce l'avremmo fatta», spiega Roberto Maroni."
    assert [c for c, _, _ in found(text, ("Roberto Maroni", "PER"))] == ["da soli non ce l'avremmo fatta"]


@pytest.mark.parametrize("text, content", [
    ("Il sindaco Luigi Brugnaro ha sottolineato come la situazione sia ormai sotto controllo.",
     "la situazione sia ormai sotto controllo"),
    ("Luigi Brugnaro ha spiegato ai cronisti come gli argini abbiano retto alla piena.",
     "gli argini abbiano retto alla piena"),
    ("Luigi Brugnaro ha chiesto al governo se i fondi arriveranno entro l'estate.",
     "i fondi arriveranno entro l'estate"),
])
def test_come_and_se_open_reported_speech_after_the_verbs_that_take_them(text: str, content: str) -> None:
    assert found(text, ("Luigi Brugnaro", "PER")) == [(content, "Luigi Brugnaro", "Luigi Brugnaro")]


@pytest.mark.parametrize("text", [
    "La linea (nota anche come Roma Nord) è la più vecchia delle due.",
    "Il post nasce da una domanda che chiedeva se fosse la nuova divisa.",
])
def test_come_and_se_after_an_adjective_or_a_relative_clause_are_no_quotation(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text, name, first, second", [
    ("«Il paese – ha detto Enrico Letta – ha bisogno di riforme».", "Enrico Letta", "Il paese",
     "ha bisogno di riforme"),
    ("«Siamo preoccupati – spiega il sindaco Enrico Letta – perché l'acqua continua a salire».", "Enrico Letta",
     "Siamo preoccupati", "perché l'acqua continua a salire"),
    ("Poi la protesta: \"Questa è una vergogna - ha commentato Enrico Letta - nessuno ci ha avvisati\".",
     "Enrico Letta", "Questa è una vergogna", "nessuno ci ha avvisati"),
    # the second dash closes a sentence: "- dichiara X -. …"
    ("Il magistrato ha protestato. «Non mi è stato dato nessun opuscolo - dichiara Aldo Aceto -. L'ho preso "
     "alla fine della giornata».", "Aldo Aceto", "Non mi è stato dato nessun opuscolo",
     "L'ho preso alla fine della giornata"),
])
def test_an_attribution_between_dashes_inside_the_marks_splits_the_quotation(
        text: str, name: str, first: str, second: str) -> None:
    assert found(text, (name, "PER")) == [(first, name, name), (second, name, name)]


def test_dashes_without_a_reporting_verb_leave_the_quotation_whole() -> None:
    text = "Enrico Letta ha detto: «Il paese – tutto il paese – ha bisogno di riforme»."
    assert found(text, ("Enrico Letta", "PER")) == [
        ("Il paese – tutto il paese – ha bisogno di riforme", "Enrico Letta", "Enrico Letta")]


@pytest.mark.parametrize("text", [
    "«Serve più coraggio». Lo ha detto Enrico Letta a margine del congresso.",
    "«Serve più coraggio». Lo ha dichiarato il segretario Enrico Letta.",
    "«Serve più coraggio». Parola di Enrico Letta.",
    "«Serve più coraggio». A dirlo è Enrico Letta, segretario del Pd.",
    "«Serve più coraggio». A parlare è il segretario del Pd Enrico Letta.",
    "«Serve più coraggio». È quanto ha dichiarato Enrico Letta.",
    "«Serve più coraggio», queste le parole di Enrico Letta.",
    "«Serve più coraggio», il commento di Enrico Letta.",
])
def test_the_sentence_or_phrase_after_the_quotation_names_its_speaker(text: str) -> None:
    assert found(text, ("Enrico Letta", "PER")) == [("Serve più coraggio", "Enrico Letta", "Enrico Letta")]


def test_a_following_sentence_that_names_no_one_leaves_the_speaker_open() -> None:
    text = "«Serve più coraggio». A dirlo è stato ieri."
    assert [s for _, s, _ in found(text)] == [None]


@pytest.mark.parametrize("text", [
    "Ad avviso del ministro Luigi Di Maio, la trattativa è ancora aperta.",
    "A parere di Luigi Di Maio, la trattativa è ancora aperta.",
    "Nelle parole di Luigi Di Maio, la trattativa è ancora aperta.",
    "Luigi Di Maio si è detto convinto che la trattativa è ancora aperta.",
])
def test_opinion_sources_and_si_e_detto_convinto(text: str) -> None:
    assert found(text, ("Luigi Di Maio", "PER")) == [("la trattativa è ancora aperta", "Luigi Di Maio", "Luigi Di Maio")]


def test_rinvio_a_giudizio_di_is_no_source() -> None:
    text = "Il pm ha chiesto il rinvio a giudizio di Mario Rossi, l'udienza è fissata a maggio."
    assert found(text, ("Mario Rossi", "PER")) == []


def test_a_gerund_with_its_pronouns_is_a_reporting_verb() -> None:
    text = "Il sindaco Marco Doria ha chiamato il prefetto, spiegandogli che la situazione era grave."
    assert found(text, ("Marco Doria", "PER")) == [("la situazione era grave", "Marco Doria", "Marco Doria")]


@pytest.mark.parametrize("text, content", [
    ("Marco Doria le si è avvicinato gridandole nel microfono, testualmente, «Berlusconi è uno stronzo».",
     "Berlusconi è uno stronzo"),
    ("In aula Marco Doria ha urlato «Siete dei ladri» ai banchi del governo.", "Siete dei ladri"),
])
def test_a_short_capitalised_sentence_right_after_a_verb_of_saying_is_said(text: str, content: str) -> None:
    assert found(text, ("Marco Doria", "PER")) == [(content, "Marco Doria", "Marco Doria")]


@pytest.mark.parametrize("text", [
    "Marco Doria ha letto «Il Gattopardo» da ragazzo.",
    "Marco Doria ha scritto «Il Partito è morto» nel 1994.",
    "Marco Doria ha detto «Vergogna» ai manifestanti.",
])
def test_a_short_capitalised_title_or_a_word_without_a_verb_is_not_said(text: str) -> None:
    assert found(text, ("Marco Doria", "PER")) == []


def test_a_short_quoted_sentence_right_after_an_attributed_one_follows_it() -> None:
    text = "«Non ci arrenderemo», ha detto Luca Zaia. «Ricostruiremo tutto». Il consiglio si riunirà domani."
    assert [(c, s) for c, s, _ in found(text, ("Luca Zaia", "PER"))] == [
        ("Non ci arrenderemo", "Luca Zaia"), ("Ricostruiremo tutto", "Luca Zaia")]


@pytest.mark.parametrize("text, name, label", [
    ("Viene riferito dalla Questura di Milano che il sospetto è fuggito in auto.", "Questura di Milano", "ORG"),
    ("È stato annunciato dal ministro Roberto Speranza che il sospetto è fuggito in auto.", "Roberto Speranza", "PER"),
])
def test_a_passive_verb_of_saying_takes_its_agent_as_speaker(text: str, name: str, label: str) -> None:
    assert found(text, (name, label)) == [("il sospetto è fuggito in auto", name, name)]


@pytest.mark.parametrize("text, name, label", [
    ("Il governo varerà il decreto entro venerdì. Lo ha annunciato il premier Mario Draghi in conferenza stampa.",
     "Mario Draghi", "PER"),
    ("Il governo varerà il decreto entro venerdì. Lo rende noto la Farnesina.", "Farnesina", "ORG"),
    ("Il governo varerà il decreto entro venerdì. Lo riferisce l'agenzia Reuters.", "Reuters", "ORG"),
    ("Il governo varerà il decreto entro venerdì. È quanto ha affermato il ministro Mario Rossi.", "Mario Rossi", "PER"),
    ("Il governo varerà il decreto entro venerdì. Questo è quanto ha detto Mario Rossi.", "Mario Rossi", "PER"),
])
def test_lo_ha_annunciato_x_reports_the_sentence_before(text: str, name: str, label: str) -> None:
    (content, speaker, _), = found(text, (name, label))
    assert content == "Il governo varerà il decreto entro venerdì" and name in speaker


@pytest.mark.parametrize("text", [
    "Il governo varerà il decreto entro venerdì. L'ha comunicato il ministro Mario Draghi: le scuole riapriranno lunedì.",
    "Mario Draghi ha detto che il governo varerà il decreto. Lo ha ripetuto il ministro Mario Draghi in aula.",
    "Il governo varerà il decreto entro venerdì.\nLo ha annunciato il ministro Mario Draghi.",
])
def test_lo_ha_annunciato_does_not_take_a_sentence_already_reported_or_another_paragraph(text: str) -> None:
    assert all(not content.startswith("Il governo") for content, _, _ in found(text, ("Mario Draghi", "PER")))


def test_lo_before_a_verb_is_a_pronoun_but_lo_before_a_noun_is_an_article() -> None:
    text = "Lo studio ha mostrato un calo dei contagi. Lo dice il ministro Mario Draghi, che ha chiesto lo sciopero."
    assert [(c, s) for c, s, _ in found(text, ("Mario Draghi", "PER"))] == [
        ("Lo studio ha mostrato un calo dei contagi", "Mario Draghi")]


def test_a_name_then_lo_ha_detto_after_a_quotation() -> None:
    text = "«La riforma è pronta». Carlo Nordio lo ha detto ieri sera ai cronisti."
    assert found(text, ("Carlo Nordio", "PER")) == [("La riforma è pronta", "Carlo Nordio", "Carlo Nordio")]


def test_an_organisation_and_a_colon_in_the_headline() -> None:
    text = "Farnesina: nessun italiano coinvolto\nL'attentato è avvenuto ieri sera nel centro della città."
    assert found(text, ("Farnesina", "ORG")) == [("nessun italiano coinvolto", "Farnesina", "Farnesina")]


@pytest.mark.parametrize("text, speaker", [
    ("Per il Guardasigilli, la riforma è pronta.", "il Guardasigilli"),
    ("Secondo i sopravvissuti, la nave è affondata in pochi minuti.", "i sopravvissuti"),
])
def test_more_nouns_that_name_a_speaker(text: str, speaker: str) -> None:
    assert [s for _, s, _ in found(text)] == [speaker]


@pytest.mark.parametrize("text", [
    "Mario Rossi ha spiegato che i cosiddetti «esodati» riceveranno un sussidio.",
    "Il leader della Lega, soprannominato «il Capitano», ha parlato ieri con Mario Rossi.",
    "Mario Rossi ha annunciato il ritorno dei «navigator» nei centri per l'impiego.",
    "Mario Rossi ha parlato a lungo: si tratta di una sorta di «tariffario» ufficioso.",
])
def test_terms_and_nicknames_in_marks_are_not_quotations(text: str) -> None:
    assert all(not content.startswith(("esodati", "il Capitano", "navigator", "tariffario"))
               for content, _, _ in found(text, ("Mario Rossi", "PER")))


@pytest.mark.parametrize("text, content", [
    ("Mario Rossi ha parlato di «catastrofe» annunciata.", "catastrofe"),
    ("Mario Rossi ha definito la scelta «vergognosa».", "vergognosa"),
])
def test_a_single_word_right_after_a_verb_of_saying_is_still_said(text: str, content: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [(content, "Mario Rossi", "Mario Rossi")]


@pytest.mark.parametrize("text, content", [
    ("«Ho sbagliato e chiedo scusa», si è scusato Mario Rossi.", "Ho sbagliato e chiedo scusa"),
    ("«Non ho fatto nulla di male», si difende Mario Rossi.", "Non ho fatto nulla di male"),
    ("Mario Rossi si augura che il governo cambi rotta.", "il governo cambi rotta"),
    ("Mario Rossi ha confessato di aver ucciso la moglie.", "aver ucciso la moglie"),
])
def test_reflexive_and_auxiliary_bound_verbs_of_saying(text: str, content: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [(content, "Mario Rossi", "Mario Rossi")]


def test_a_hypothetical_confession_is_no_quotation() -> None:
    text = "Gli inquirenti hanno offerto uno sconto se i due confesseranno di aver ucciso la figlia."
    assert found(text) == []


@pytest.mark.parametrize("text, speaker", [
    ("Secondo indiscrezioni, il ministro si dimetterà domani.", "indiscrezioni"),
    ("Secondo i media locali, il ministro si dimetterà domani.", "i media locali"),
])
def test_unnamed_sources_of_the_press(text: str, speaker: str) -> None:
    assert found(text) == [("il ministro si dimetterà domani", speaker, None)]


@pytest.mark.parametrize("text, name, label", [
    ("Il governo varerà il decreto entro venerdì. A darne notizia è l'agenzia Reuters.", "Reuters", "ORG"),
    ("Il governo varerà il decreto entro venerdì. A riferirlo è stato il ministro Mario Rossi.", "Mario Rossi", "PER"),
    ("Il governo varerà il decreto entro venerdì. Ad annunciarlo è stato il ministro Mario Rossi.", "Mario Rossi", "PER"),
])
def test_a_riferirlo_e_x_reports_the_sentence_before(text: str, name: str, label: str) -> None:
    (content, speaker, _), = found(text, (name, label))
    assert content == "Il governo varerà il decreto entro venerdì" and name in speaker


def test_a_plus_an_infinitive_that_is_not_saying_reports_nothing() -> None:
    assert found("Il governo varerà il decreto entro venerdì. A pagare saranno i contribuenti.") == []


@pytest.mark.parametrize("text", [
    "Il governo accelera. «Il piano è pronto», secondo il ministro Mario Rossi.",
    "Il governo accelera. «Il piano è pronto», per Mario Rossi.",
])
def test_a_source_after_the_quotation_names_its_speaker(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [("Il piano è pronto", "Mario Rossi", "Mario Rossi")]


def test_per_a_place_after_a_quotation_names_no_speaker() -> None:
    text = "Il treno è arrivato. «Il piano è pronto», per Milano è una buona notizia."
    assert found(text, ("Milano", "LOC")) == []


def test_a_gerund_after_the_attribution_reports_without_the_gerund() -> None:
    text = "«Il piano è pronto», ha detto Mario Rossi, aggiungendo che i fondi arriveranno a maggio."
    assert [c for c, _, _ in found(text, ("Mario Rossi", "PER"))] == [
        "Il piano è pronto", "i fondi arriveranno a maggio"]


@pytest.mark.parametrize("text", [
    "Il sindaco Mario Rossi ha detto che il piano è pronto, aggiungendo però che i fondi arriveranno a maggio.",
    ("Il sindaco Mario Rossi ha spiegato che il piano è pronto e ha aggiunto tuttavia che i fondi arriveranno "
     "a maggio."),
])
def test_a_connective_between_the_reporting_verb_and_che(text: str) -> None:
    """"aggiungendo però che …": the connective does not end the report."""
    assert found(text, ("Mario Rossi", "PER"))[-1] == ("i fondi arriveranno a maggio", "Mario Rossi", "Mario Rossi")


@pytest.mark.parametrize("text, content", [
    ("Matteo Salvini: 'Il governo cadrà entro l'estate'\nIl leader della Lega ha parlato ieri.",
     "Il governo cadrà entro l'estate"),
    ("Matteo Salvini: ‘Il governo cadrà entro l'estate’\nIl leader della Lega ha parlato ieri.",
     "Il governo cadrà entro l'estate"),
])
def test_a_headline_quotation_in_single_quotes_after_a_name_and_a_colon(text: str, content: str) -> None:
    assert found(text, ("Matteo Salvini", "PER")) == [(content, "Matteo Salvini", "Matteo Salvini")]


def test_an_elided_word_after_a_name_and_a_colon_is_no_single_quote() -> None:
    assert found("Matteo Salvini: 'ndrangheta al nord\nIl leader ha parlato.", ("Matteo Salvini", "PER")) == []


def test_a_gerund_between_commas_may_stand_between_the_verb_and_che() -> None:
    text = "Mario Rossi ha detto, riferendosi al governo, che la manovra è sbagliata."
    assert found(text, ("Mario Rossi", "PER")) == [("la manovra è sbagliata", "Mario Rossi", "Mario Rossi")]


@pytest.mark.parametrize("text", [
    "Mario Rossi ha concluso ringraziando i volontari che hanno lavorato tutta la notte.",
    "Mario Rossi ha parlato per ore con il ministro che lo aveva convocato.",
])
def test_a_relative_che_after_a_gerund_or_a_complement_is_no_reported_speech(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == []


@pytest.mark.parametrize("text, name, content", [
    ("Scrive Beppe Grillo sul suo blog che il Movimento non farà alleanze.", "Beppe Grillo",
     "il Movimento non farà alleanze"),
    ("Ha detto il ministro Paolo Gentiloni che l'Italia farà la sua parte.", "Paolo Gentiloni",
     "l'Italia farà la sua parte"),
])
def test_a_sentence_opening_with_the_verb_then_its_speaker_then_che(text: str, name: str, content: str) -> None:
    assert found(text, (name, "PER")) == [(content, name, name)]


def test_a_verb_first_sentence_with_a_relative_clause_after_the_name_reports_nothing() -> None:
    text = "Dice Beppe Grillo, che era presente, che nessuno lo ha avvisato."
    assert found(text, ("Beppe Grillo", "PER")) == []


@pytest.mark.parametrize("text, content, speaker", [
    ("Secondo le ricostruzioni, l'uomo sarebbe stato cacciato dal buttafuori.",
     "l'uomo sarebbe stato cacciato dal buttafuori", "le ricostruzioni"),
    ("Secondo quanto raccontato dal suo personale, il cantante aveva appena fatto colazione.",
     "il cantante aveva appena fatto colazione", "suo personale"),
])
def test_a_source_named_by_a_common_noun(text: str, content: str, speaker: str) -> None:
    assert [(c, s) for c, s, _ in found(text)] == [(content, speaker)]


@pytest.mark.parametrize("text, content", [
    ("Mario Rossi si è detto disponibile a incontrare i sindacati.", "disponibile a incontrare i sindacati"),
    ("Mario Rossi ha parlato ai giornalisti dicendosi dispiaciuto che la delegazione sia partita.",
     "dispiaciuto che la delegazione sia partita"),
])
def test_a_speaker_who_says_how_they_stand(text: str, content: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [(content, "Mario Rossi", "Mario Rossi")]


def test_si_legge_before_a_colon_reports_a_document() -> None:
    text = "Nella nota ufficiale si legge: «Abbiamo deciso di approvare la sentenza»."
    assert [c for c, _, _ in found(text)] == ["Abbiamo deciso di approvare la sentenza"]
    assert found("La legge «Salva Italia» è stata approvata.") == []


def test_a_reporting_verb_between_commas_before_another_clause() -> None:
    text = "Il velivolo, comunque, è abbastanza intatto, ha detto Gary Ginn, e i passeggeri sono rimasti a bordo."
    assert found(text, ("Gary Ginn", "PER")) == [("Il velivolo, comunque, è abbastanza intatto", "Gary Ginn",
                                                 "Gary Ginn")]


def test_a_reporting_verb_with_a_bare_infinitive() -> None:
    text = "Alcuni dei politici, tra cui Mario Rossi, hanno dichiarato trattarsi di una prassi diffusa."
    assert [c for c, _, _ in found(text, ("Mario Rossi", "PER"))] == ["trattarsi di una prassi diffusa"]


def test_someones_words_quoted_without_a_reporting_verb() -> None:
    text = "Ban Ki-moon ha diffuso un appello volto ad «evitare un nuovo bagno di sangue» in Costa d'Avorio."
    assert found(text, ("Ban Ki-moon", "PER")) == [("evitare un nuovo bagno di sangue", "Ban Ki-moon", "Ban Ki-moon")]
    # a short or capitalised string is a name or a term, not someone's words
    assert found("Mario Rossi ha presentato la riforma «buona scuola» a Roma.", ("Mario Rossi", "PER")) == []
    assert found("Mario Rossi ha letto «Il nome della rosa» in treno.", ("Mario Rossi", "PER")) == []


def test_a_gerund_cue_takes_the_subject_of_its_sentence_not_the_last_name() -> None:
    text = ("Giorgio Napolitano ha espresso il proprio cordoglio per la scomparsa di Lucio Dalla, definendolo "
            "«un artista forte ed originale».")
    assert [(c, s) for c, s, _ in found(text, ("Giorgio Napolitano", "PER"), ("Lucio Dalla", "PER"))] == [
        ("un artista forte ed originale", "Giorgio Napolitano")]


def test_what_a_report_speaks_of_after_parlare_di_or_riferire_di() -> None:
    text = "Le prime agenzie di stampa parlavano di due morti accertati. Poi il treno è ripartito."
    assert found(text) == [("due morti accertati", "Le prime agenzie di stampa", None)]
    text = "L'Ansa ha riferito di un solo morto, uno dei due macchinisti."
    assert found(text, ("Ansa", "ORG"))[0][:2] == ("un solo morto, uno dei due macchinisti", "Ansa")
    # a topic, after an articulated preposition or a name, is not what was said
    assert found("Il ministro Mario Rossi parlò anche della sua malattia.", ("Mario Rossi", "PER")) == []
    assert found("A Sanremo Adriano Celentano ha parlato di Paradiso.", ("Adriano Celentano", "PER")) == []


def test_an_infinitive_that_drops_its_vowel_before_a_pronoun() -> None:
    text = "Il dirottatore ha chiesto asilo in Svizzera, dichiarando di non trovarsi bene in Etiopia."
    assert [c for c, _, _ in found(text, ("Svizzera", "LOC"))] == ["non trovarsi bene in Etiopia"]
    text = "Lisa Palmer ha recensito il finale, affermando di sentirsene soddisfatta."
    assert found(text, ("Lisa Palmer", "PER")) == [("sentirsene soddisfatta", "Lisa Palmer", "Lisa Palmer")]
    # "di diversi" opens no infinitive
    assert found("Mario Rossi ha parlato ieri di diversi problemi.", ("Mario Rossi", "PER")) == []


def test_a_relative_che_before_the_verb_gives_its_antecedent_as_speaker() -> None:
    text = ("Roberto Maroni se la prende anche con la Federcalcio europea, che aveva parlato di responsabilità "
            "anche da parte dell'Italia.")
    names = (("Roberto Maroni", "PER"), ("Federcalcio europea", "ORG"))
    assert found(text, *names)[0][:2] == ("responsabilità anche da parte dell'Italia", "Federcalcio europea")
    text = "Il giudice ha condannato Mario Rossi; l'uomo, che si è dichiarato innocente, farà ricorso."
    assert found(text, ("Mario Rossi", "PER"))[0][1] == "l'uomo"


@pytest.mark.parametrize("text", [
    "Lo scudetto, secondo di seguito per l'Inter, è stato conquistato ieri a Siena.",
    "Anche il secondo figlio dell'uomo, un ragazzo di 20 anni, è rimasto ferito.",
    "Con quella canzone era arrivato secondo al Festival, dietro a Gianni Morandi.",
])
def test_secondo_as_an_ordinal_introduces_no_source(text: str) -> None:
    assert found(text, ("Inter", "ORG"), ("Gianni Morandi", "PER")) == []


def test_secondo_as_a_source_still_reports() -> None:
    text = "Secondo il sindaco Marco Doria, il peggio ormai è passato."
    assert found(text, ("Marco Doria", "PER")) == [("il peggio ormai è passato", "Marco Doria", "Marco Doria")]


@pytest.mark.parametrize("text", [
    "Il rito si chiude con 108 colpi di gong, per ricordare di non ripeterli nell'anno che verrà.",
    "Si può quindi dire che il primo Festival di Carlo Conti sia stato un successo.",
    "Al momento gli Stati Uniti non possono confermare che Osama bin Laden sia vivo.",
    "La posizione dei resti del sommergibile fa ritenere che sia imploso dopo il contatto con Carlo Conti.",
    "Da notare che Carlo Conti ha vinto quattro tappe.",
    "Dalla relazione dell'autopsia si evince che Carlo Conti è morto per asfissia.",
])
def test_an_infinitive_of_purpose_or_possibility_reports_nothing(text: str) -> None:
    assert found(text, ("Carlo Conti", "PER"), ("Osama bin Laden", "PER"), ("Stati Uniti", "LOC")) == []


def test_an_infinitive_after_a_verb_of_will_or_oltre_a_still_reports() -> None:
    text = "Marisa Laurito ha voluto sottolineare che il 2013 è stato un anno orribile per la musica."
    assert found(text, ("Marisa Laurito", "PER"))[0][:2] == (
        "il 2013 è stato un anno orribile per la musica", "Marisa Laurito")


@pytest.mark.parametrize("text", [
    "L'autista è morto sul colpo a causa delle ferite riportate durante la caduta.",
    "Slobodan Milošević, accusato di crimini di guerra, è morto nel carcere di Scheveningen.",
    "Da lì a poco i due vengono accusati di omicidio e trasportati nel carcere di Varanasi.",
    "Si ritiene che tale passo possa incrinare i rapporti tra gli Stati Uniti e la Turchia.",
    "Tra i suoi brani più famosi si ricorda Purple Rain, che ha vinto il Premio Oscar nel 1985.",
])
def test_reporting_verbs_in_a_sense_that_reports_nothing(text: str) -> None:
    assert found(text, ("Slobodan Milošević", "PER")) == []


def test_a_charge_with_its_accuser_is_still_reported() -> None:
    text = "L'avvocata è stata accusata dall'assessore Mario Rossi di essersi liquidata ingenti compensi."
    assert [(c, s) for c, s, _ in found(text, ("Mario Rossi", "PER"))] == [
        ("essersi liquidata ingenti compensi", "Mario Rossi")]


def test_a_modal_participle_belongs_to_the_reporting_verb() -> None:
    text = ("Monsignor Agostino Marchetto ha parlato a Roma. L'arcivescovo ha poi voluto precisare che "
            "le posizioni della Chiesa non hanno alcuna collocazione politica.")
    [quote] = find_quotes(text, entities(text, ("Agostino Marchetto", "PER"), ("Roma", "LOC")))
    assert text[slice(*quote.speaker)] == "L'arcivescovo"
    assert text[quote.cue[0]:quote.cue[1]] == "ha poi voluto precisare"
    assert text[quote.entity[0]:quote.entity[1]] == "Agostino Marchetto"


def test_quotations_joined_by_e_after_a_colon_share_the_attribution() -> None:
    text = ("Mario Rossi ha detto: «Ciao Tony, compagno di tante avventure», «Ciao Little Tony, mettevi "
            "sempre allegria» e «Addio, cuore matto». Poi è andato via.")
    assert [(c, s) for c, s, _ in found(text, ("Mario Rossi", "PER"))] == [
        ("Ciao Tony, compagno di tante avventure", "Mario Rossi"),
        ("Ciao Little Tony, mettevi sempre allegria", "Mario Rossi"),
        ("Addio, cuore matto", "Mario Rossi")]


def test_si_e_espresso_before_a_colon_is_a_reporting_verb() -> None:
    text = "La regina Beatrice si è così espressa davanti alla folla: «Oggi faccio posto a una nuova generazione»."
    assert found(text, ("Beatrice", "PER")) == [
        ("Oggi faccio posto a una nuova generazione", "Beatrice", "Beatrice")]


@pytest.mark.parametrize("text", [
    "Barack Obama ha dichiarato lo stato d'emergenza per: Washington, New York, New Jersey, Maryland e Delaware.",
    "Non è la prima volta che viene attaccata la capitale: infatti una settimana fa una bomba è esplosa.",
])
def test_a_colon_that_opens_a_list_or_an_explanation_opens_no_words(text: str) -> None:
    assert found(text, ("Barack Obama", "PER")) == []


def test_a_colon_after_a_reporting_verb_still_opens_words() -> None:
    text = "Il presidente Barack Obama ha avvertito: se l'Iran accresce le sue azioni militari noi risponderemo."
    assert [(c, s) for c, s, _ in found(text, ("Barack Obama", "PER"))] == [
        ("se l'Iran accresce le sue azioni militari noi risponderemo", "Barack Obama")]


def test_a_place_in_the_apposition_before_a_relative_che_is_not_the_speaker() -> None:
    text = ("Sulla vicenda è intervenuta Maria Luisa Coppa, presidente dell'Ascom di Torino, che si è detta "
            "«costernata, sconvolta».")
    names = (("Maria Luisa Coppa", "PER"), ("Torino", "LOC"))
    assert [(c, s) for c, s, _ in found(text, *names)] == [("costernata, sconvolta", "Maria Luisa Coppa")]


def test_come_after_a_relative_che_still_opens_the_report() -> None:
    text = ("È intervenuto anche il ministro Pier Carlo Padoan, che ha sottolineato come in Italia siano state "
            "fatte molte riforme.")
    assert found(text, ("Pier Carlo Padoan", "PER")) == [
        ("in Italia siano state fatte molte riforme", "Pier Carlo Padoan", "Pier Carlo Padoan")]


def test_spreading_the_news_that_reports_it() -> None:
    text = "L'estate scorsa la stampa americana aveva diffuso la notizia che il presidente si sarebbe opposto."
    assert [(c, s) for c, s, _ in found(text)] == [
        ("il presidente si sarebbe opposto", "la stampa americana")]
    assert found("Le azioni perdono il 7% a seguito della notizia che la società cederà la parte internet.") == []


def test_a_sentence_opening_verb_with_no_speaker_before_che_reports_nothing() -> None:
    text = ("Continuano senza sosta le ricerche dei quattro piloti dispersi da ieri a seguito dell'incidente "
            "che ha coinvolto due Tornado.")
    assert found(text) == []


def test_words_in_marks_right_after_an_article_are_a_name_not_a_quotation() -> None:
    text = "Si sono congratulati con la Kaltenbrunner Mario Merelli e il «re degli ottomila» Reinhold Messner."
    assert found(text, ("Mario Merelli", "PER"), ("Reinhold Messner", "PER")) == []


def test_a_nickname_after_noto_come_and_an_article_is_no_quotation() -> None:
    text = ("Angelo Vassallo lascia moglie e due figli. Era noto come il \"sindaco pescatore\", per l'attività "
            "che esercitava insieme al fratello.")
    assert found(text, ("Angelo Vassallo", "PER")) == []


def test_a_name_in_apposition_after_a_source_is_the_speaker() -> None:
    text = "Secondo il presidente della Commissione di Vigilanza, Mario Landolfi, «la decisione conferma la revoca»."
    assert found(text, ("Commissione di Vigilanza", "ORG"), ("Mario Landolfi", "PER")) == [
        ("la decisione conferma la revoca", "Mario Landolfi", "Mario Landolfi")]


def test_the_subject_of_the_finite_verb_speaks_through_a_gerund_not_its_object() -> None:
    text = "Il ministro degli Esteri ha commentato l'accaduto dicendo: «Condanno l'uccisione di gente indifesa»."
    assert [(c, s) for c, s, _ in found(text)] == [("Condanno l'uccisione di gente indifesa",
                                                     "Il ministro degli Esteri")]


def test_a_report_inside_a_parenthesis_ends_at_its_closing() -> None:
    text = ("Berlusconi è stato colpito con un oggetto (in un primo tempo la polizia aveva detto che si trattava di "
            "un pugno), mentre lasciava la piazza.")
    assert [(c, s) for c, s, _ in found(text, ("Berlusconi", "PER"))] == [("si trattava di un pugno", "la polizia")]


def test_come_before_a_bare_noun_is_as_not_a_report() -> None:
    text = "I reporter di Amnesty International hanno cercato di farsi riconoscere come cronisti."
    assert found(text, ("Amnesty International", "ORG")) == []
    text = "Il portavoce di Amnesty International ha riconosciuto come la situazione sia ormai fuori controllo."
    assert [c for c, _, _ in found(text, ("Amnesty International", "ORG"))] == ["la situazione sia ormai fuori controllo"]


@pytest.mark.parametrize("text, names, speaker", [
    ("L'area del fiume Irrawaddy è la più colpita: i mass media hanno informato che il 70% delle case è crollato.",
     [("Irrawaddy", "LOC")], "i mass media"),
    ("In un aggiornamento rilasciato dall'agenzia STT un testimone oculare afferma che le vittime sono tre.",
     [("STT", "ORG")], "un testimone oculare"),
    ("Dopo la cancellazione del Rally di Finlandia, oggi l'organizzazione del campionato ha annunciato che "
     "anche il Rally della Nuova Zelanda non si farà.", [("Finlandia", "LOC")], "l'organizzazione del campionato"),
])
def test_the_subject_is_not_a_name_across_a_colon_or_inside_a_complement(
        text: str, names: list[tuple[str, str]], speaker: str) -> None:
    assert [s for _, s, _ in found(text, *names)] == [speaker]


def test_a_name_is_still_the_subject_before_its_verb() -> None:
    text = "Alle 20:00 di ieri, nella sede del partito, Mario Rossi ha detto che si candiderà."
    assert [s for _, s, _ in found(text, ("Mario Rossi", "PER"))] == ["Mario Rossi"]


def test_a_name_inside_a_relative_clause_is_not_the_subject() -> None:
    text = "L'infermiere che ha accompagnato Andrea in ambulanza ha riferito che il ragazzo respirava ancora."
    assert [s for _, s, _ in found(text, ("Andrea", "PER"))] == ["L'infermiere"]


def test_one_word_in_marks_before_its_verb_is_a_term_not_speech() -> None:
    text = "Dopo la visita \"virtuale\" Umberto Guidoni ha risposto alle domande degli studenti."
    assert [c for c, _, _ in found(text, ("Umberto Guidoni", "PER"))] == []
    text = "Angelino Alfano ha criticato la scelta definendolo un \"traditore\"."
    assert [c for c, _, _ in found(text, ("Angelino Alfano", "PER"))] == ["traditore"]


def test_words_said_after_a_colon_go_on_while_the_speaker_speaks_of_himself() -> None:
    text = ("Il vincitore Chris Eubank ha dichiarato: Stavo colpendo da tempo il mio avversario. La boxe è "
            "questa, io ho raggiunto il mio sogno. Blackwell è ancora in coma.")
    assert [(c, s) for c, s, _ in found(text, ("Chris Eubank", "PER"), ("Blackwell", "PER"))] == [
        ("Stavo colpendo da tempo il mio avversario. La boxe è questa, io ho raggiunto il mio sogno", "Chris Eubank")]


def test_a_verb_of_naming_opens_no_report() -> None:
    text = "Dopo la visita, Mario Rossi è stato chiamato a testimoniare il commissario che ha accusato i ragazzi."
    assert found(text, ("Mario Rossi", "PER")) == []
    text = "Gli elettori di Mario Rossi non hanno fatto quello che essi chiamano \"il loro dovere\"."
    assert [c for c, _, _ in found(text, ("Mario Rossi", "PER"))] == ["il loro dovere"]


@pytest.mark.parametrize("text, names", [
    ("Per la morte di Ciro Esposito, il sindaco di Napoli ha proclamato il lutto cittadino.",
     [("Ciro Esposito", "PER"), ("Napoli", "LOC")]),
    ("Questa notte la polizia, per ordine del presidente Alexander Lukashenko, ha arrestato quattro esponenti.",
     [("Alexander Lukashenko", "PER")]),
])
def test_per_before_whose_death_or_order_is_no_source(text: str, names: list[tuple[str, str]]) -> None:
    assert found(text, *names) == []


@pytest.mark.parametrize("text, names, speaker", [
    ("Il portavoce del Governo polacco ha detto che la visita è annullata.", [("Governo polacco", "ORG")],
     "Il portavoce del Governo polacco"),
    ("I tecnici di Manny Pacquiao hanno spiegato che la spalla era infortunata.", [("Manny Pacquiao", "PER")],
     "I tecnici di Manny Pacquiao"),
])
def test_a_name_after_of_says_whose_spokesman_not_who_speaks(
        text: str, names: list[tuple[str, str]], speaker: str) -> None:
    assert [(s, e) for _, s, e in found(text, *names)] == [(speaker, None)]


def test_a_title_before_a_name_still_gives_the_name() -> None:
    text = "Il ministro degli Esteri Sergej Lavrov ha detto che la visita è annullata."
    assert [s for _, s, _ in found(text, ("Sergej Lavrov", "PER"))] == ["Sergej Lavrov"]


def test_a_verb_after_mentre_attributes_the_next_quotation_not_the_one_before() -> None:
    text = ("Pierluigi Bersani ha così commentato: «Bisogna reagire insieme», mentre Francesco Storace "
            "ha affermato: «La mafia uccide e lo Stato latita».")
    names = (("Pierluigi Bersani", "PER"), ("Francesco Storace", "PER"))
    assert [(c, s) for c, s, _ in found(text, *names)] == [("Bisogna reagire insieme", "Pierluigi Bersani"),
                                                          ("La mafia uccide e lo Stato latita", "Francesco Storace")]


def test_the_subject_after_an_intransitive_verb_speaks_through_a_gerund() -> None:
    text = "Sul caso Regeni è intervenuto anche il vicepremier Matteo Salvini, sostenendo che il governo fa il massimo."
    names = (("Regeni", "PER"), ("Matteo Salvini", "PER"))
    assert [(c, s) for c, s, _ in found(text, *names)] == [("il governo fa il massimo", "Matteo Salvini")]


def test_a_place_after_a_preposition_is_not_who_speaks() -> None:
    text = "Ha chiesto asilo politico in Svizzera dichiarando di non trovarsi bene in Etiopia."
    assert [(c, s) for c, s, _ in found(text, ("Svizzera", "LOC"), ("Etiopia", "LOC"))] == [
        ("non trovarsi bene in Etiopia", None)]


def test_reported_words_end_at_a_semicolon_outside_quotation_marks() -> None:
    text = ("L'agente dell'artista ha affermato che è stata una cosa improvvisa e inaspettata; le cause della "
            "morte al momento rimangono ignote.")
    assert [c for c, _, _ in found(text)] == ["è stata una cosa improvvisa e inaspettata"]


def test_a_semicolon_inside_quotation_marks_does_not_end_the_report() -> None:
    text = ("Il sindaco ha detto che i lavori, giudicati «lenti; troppo lenti» dai residenti del quartiere, "
            "finiranno a maggio.")
    assert any(c.endswith("finiranno a maggio") for c, _, _ in found(text))


def test_che_right_after_a_comma_that_closes_a_noun_phrase_is_a_relative_not_a_report() -> None:
    text = ("Gli artisti hanno confermato la partecipazione, polemizzando con la dirigenza di Viale Mazzini, "
            "che invece resta fermamente contraria.")
    assert found(text, ("Viale Mazzini", "LOC")) == []


def test_che_after_an_aside_between_commas_still_opens_the_report() -> None:
    text = "Il ministro ha detto, in un'intervista al Corriere, che il governo non cadrà."
    assert [c for c, _, _ in found(text, ("Corriere", "ORG"))] == ["il governo non cadrà"]


def test_sia_che_compares_and_opens_no_report() -> None:
    text = ("Si tratta di un asteroide già osservato in precedenza: sia l'osservatorio francese di Caussols che "
            "gli osservatori dell'Arizona lo avevano nominato.")
    assert found(text, ("Caussols", "LOC"), ("Arizona", "LOC")) == []


@pytest.mark.parametrize("text, content", [
    ("Il ministro asserisce di continuare a fare il proprio lavoro.", "continuare a fare il proprio lavoro"),
    ("La presidente della commissione ha convenuto che la sicurezza è la priorità della legge.",
     "la sicurezza è la priorità della legge"),
    ("La FAO calcola che il cibo prodotto nel mondo basterebbe per dodici miliardi di persone.",
     "il cibo prodotto nel mondo basterebbe per dodici miliardi di persone"),
])
def test_less_common_reporting_verbs_of_real_news_open_reports(text: str, content: str) -> None:
    assert [c for c, _, _ in found(text, ("FAO", "ORG"))] == [content]


def test_a_date_between_the_verb_and_di_still_opens_the_report() -> None:
    text = "La fondazione ha annunciato giovedì 7 aprile 2005 di aver raggiunto un accordo con Yahoo."
    assert [c for c, _, _ in found(text, ("Yahoo", "ORG"))] == ["aver raggiunto un accordo con Yahoo"]


def test_a_sentence_in_marks_after_a_title_word_and_a_colon_is_speech() -> None:
    text = ("La ministra Barbara Pollastrini ha partecipato all'evento: «Non voglio polemiche, penso piuttosto "
            "a regole miti e sagge».")
    assert found(text, ("Barbara Pollastrini", "PER")) == [
        ("Non voglio polemiche, penso piuttosto a regole miti e sagge", "Barbara Pollastrini", "Barbara Pollastrini")]


def test_a_short_name_in_marks_after_a_title_word_and_a_colon_is_a_title() -> None:
    text = "Il regista ha presentato il suo nuovo film: «Mare aperto»."
    assert found(text) == []



@pytest.mark.parametrize("text, name, content", [
    ("Ehud Olmert ha anche affermato come sia necessario avviare nuovi colloqui con i palestinesi.",
     "Ehud Olmert", "sia necessario avviare nuovi colloqui con i palestinesi"),
    ("Alcuni agenti della polizia hanno rivelato come Vince Li stesse facendo a pezzi la vittima.",
     "Vince Li", "Vince Li stesse facendo a pezzi la vittima"),
])
def test_come_opens_the_report_of_a_saying_verb(text: str, name: str, content: str) -> None:
    assert content in [c for c, _, _ in found(text, (name, "PER"))]


@pytest.mark.parametrize("text", [
    "Il Codice Grolier è stato confermato come il più antico libro ritrovato del Nuovo Mondo.",
    "In seguito Beppe Faletti si rivelò come artista poliedrico e scrittore di successo.",
    "La fonte di questa notizia non specifica come si sia giunti a tale conclusione.",
])
def test_come_after_a_passive_reflexive_or_negated_verb_is_as_or_how(text: str) -> None:
    assert found(text, ("Beppe Faletti", "PER")) == []


@pytest.mark.parametrize("text", [
    "Il sindaco Mauro Contini si è subito detto disponibile ad ospitare la gara.",
    "Il sindaco Mauro Contini si è ovviamente detto dispiaciuto dell'accaduto.",
])
def test_an_adverb_inside_si_e_detto_still_describes_the_speaker(text: str) -> None:
    quotes = found(text, ("Mauro Contini", "PER"))
    assert [(s, e) for _, s, e in quotes] == [("Mauro Contini", "Mauro Contini")]
    assert quotes[0][0].startswith(("disponibile", "dispiaciuto"))


@pytest.mark.parametrize("text, content", [
    ("Il presidente Recep Erdoğan ha detto che la Turchia non vuole la censura, mentre il suo avvocato ha "
     "preannunciato ricorso nei tribunali internazionali.", "la Turchia non vuole la censura"),
    ("Il ministro Giulio Tremonti ha detto di voler mantenere la rotta attuale fino a marzo e ricorda le vite "
     "dei soldati morti in Iraq.", "voler mantenere la rotta attuale fino a marzo"),
    ("Il ministro Giulio Tremonti ha detto che i conti sono in ordine da mesi, sottolineando comunque che la "
     "crisi non è finita.", "i conti sono in ordine da mesi"),
    ("Il portavoce Luca Neri ha detto che sono stati avvistati i resti del velivolo, ma le immagini aeree "
     "hanno spento ogni speranza.", "sono stati avvistati i resti del velivolo"),
    ("Il critico Luca Neri ha scritto che la Gioconda è realmente esistita, come affermava Giorgio Vasari nelle "
     "sue Vite.", "la Gioconda è realmente esistita"),
    ("Il ministro Giulio Tremonti ha detto che non ci sono le condizioni per una manovra bis, anche se la "
     "situazione è difficile.", "non ci sono le condizioni per una manovra bis"),
])
def test_an_indirect_report_ends_where_the_writer_goes_on(text: str, content: str) -> None:
    names = ("Recep Erdoğan", "PER"), ("Giulio Tremonti", "PER"), ("Luca Neri", "PER"), ("Giorgio Vasari", "PER")
    assert content in [c for c, _, _ in found(text, *names)]


def test_non_x_ma_y_stays_one_report() -> None:
    text = "Il portavoce Luca Neri ha detto che le interviste pagate non sono un'eccezione, ma un costume diffuso."
    assert [c for c, _, _ in found(text, ("Luca Neri", "PER"))] == [
        "le interviste pagate non sono un'eccezione, ma un costume diffuso"]


def test_a_gerund_that_is_no_reporting_verb_stays_inside_the_report() -> None:
    text = ("Il portavoce Luca Neri ha detto che il film potrebbe raggiungere risultati migliori, arrivando a "
            "incassare 700 milioni di dollari.")
    assert [c for c, _, _ in found(text, ("Luca Neri", "PER"))] == [
        "il film potrebbe raggiungere risultati migliori, arrivando a incassare 700 milioni di dollari"]


@pytest.mark.parametrize("text", [
    "Benedetto XVI ha annunciato il suo ritiro per il 28 febbraio alle ore 20:00, quando la sede sarà vacante.",
    "L'arresto viene convalidato con due capi d'accusa: strage e omicidio volontario.",
    "Impossibile dire a priori quanto può durare l'elezione: si va da un minimo di un giorno a due settimane.",
    "Il caso di Baldini si va ad aggiungere ad altri due casi: quello di Riccardo Riccò e di Marta Bastianelli.",
])
def test_a_colon_that_introduces_no_speech(text: str) -> None:
    assert found(text, ("Riccardo Riccò", "PER"), ("Marta Bastianelli", "PER")) == []


def test_a_colon_after_far_dire_still_introduces_speech() -> None:
    text = "La vittoria ha fatto dire al presidente Aleksander Kwaśniewski: ci hanno salvato i giovani polacchi."
    assert [c for c, _, _ in found(text, ("Aleksander Kwaśniewski", "PER"))] == ["ci hanno salvato i giovani polacchi"]


@pytest.mark.parametrize("text, content", [
    ("Il ministro Matteo Salvini ha dichiarato sui propri profili social di aver ricevuto una minaccia, cosa già "
     "accaduta in passato.", "aver ricevuto una minaccia"),
    ("Il gruppo Anonymous aveva annunciato attraverso il proprio account di Twitter di aver violato il sito del "
     "ministero.", "aver violato il sito del ministero"),
])
def test_a_phrase_after_a_preposition_may_stand_between_the_verb_and_di(text: str, content: str) -> None:
    assert [c for c, _, _ in found(text, ("Matteo Salvini", "PER"), ("Anonymous", "ORG"))] == [content]


def test_a_verb_ends_the_phrase_before_di() -> None:
    text = "L'unica alternativa suggerita nel rapporto è quella di tracciare delle chiare linee rosse."
    assert found(text) == []


def test_a_report_before_a_colon_and_quotation_marks_is_a_quotation_of_its_own() -> None:
    text = ("Le proteste, secondo il presidente Mahmoud Ahmadinejad, sarebbero state preparate all'estero: «Io dico "
            "ai governi che si intromettono che hanno commesso un'ingiustizia contro il popolo».")
    quotes = found(text, ("Mahmoud Ahmadinejad", "PER"))
    assert [c for c, _, _ in quotes] == [
        "Le proteste, secondo il presidente Mahmoud Ahmadinejad, sarebbero state preparate all'estero",
        "Io dico ai governi che si intromettono che hanno commesso un'ingiustizia contro il popolo"]
    assert {e for _, _, e in quotes} == {"Mahmoud Ahmadinejad"}


@pytest.mark.parametrize("text, content", [
    ("Il ministro Mario Rossi ha detto che si tratta di: «una vergogna per tutto il paese e per la democrazia».",
     "una vergogna per tutto il paese e per la democrazia"),
    ("Il sindaco Mario Rossi si è detto commosso dall'accoglienza riservatagli: «Ho avuto un'accoglienza "
     "straordinaria».", "Ho avuto un'accoglienza straordinaria"),
])
def test_a_short_lead_in_before_a_colon_is_no_report(text: str, content: str) -> None:
    assert [c for c, _, _ in found(text, ("Mario Rossi", "PER"))] == [content]


def test_a_name_in_a_parenthesis_before_the_verb_is_not_who_speaks() -> None:
    text = ("Saul Alvarez (soprannominato Canelo per i suoi capelli rossi) ha dichiarato che lo stile di "
            "Floyd Mayweather è talentuoso ed elusivo.")
    assert [(s, e) for _, s, e in found(text, ("Saul Alvarez", "PER"), ("Canelo", "PER"),
                                        ("Floyd Mayweather", "PER"))] == [("Saul Alvarez", "Saul Alvarez")]


def test_che_followed_by_a_colon_introduces_the_words_themselves() -> None:
    text = ("Nei giorni seguenti Chris Eubank ha inoltre dichiarato che: Anche in allenamento consiglio sempre a mio "
            "figlio di evitare la testa.")
    [quote] = find_quotes(text, entities(text, ("Chris Eubank", "PER")))
    assert text[quote.start:quote.end] == "Anche in allenamento consiglio sempre a mio figlio di evitare la testa"
    assert quote.kind == "direct"


def test_a_report_after_che_and_a_comma_starts_at_its_first_word() -> None:
    text = ("Il ministro Mario Rossi ha detto che, nell'ultimo mese, le vittime sulla statale sono state nove.")
    assert [c for c, _, _ in found(text, ("Mario Rossi", "PER"))] == [
        "nell'ultimo mese, le vittime sulla statale sono state nove"]


def test_a_described_speaker_ends_before_a_verb() -> None:
    text = ("L'uomo è stato rilasciato domenica scorsa e ha detto che vorrebbe tornare in Italia al più presto.")
    assert [s for _, s, _ in found(text, ("Italia", "LOC"))] == ["L'uomo"]


@pytest.mark.parametrize("text, speaker", [
    ("Intanto, ha dichiarato che ci sono qualcosa come 50 milioni di orfani per colpa dell'HIV.", None),
    ("Secondo i due ragazzi che erano presenti, l'uomo avrebbe investito Renzo Giacomelli.", "i due ragazzi"),
])
def test_a_described_speaker_is_cut_clean_or_left_out(text: str, speaker: str | None) -> None:
    assert [s for _, s, _ in found(text, ("Renzo Giacomelli", "PER"), ("Autostrade", "ORG"))] == [speaker]


def test_speech_after_a_colon_runs_on_through_a_first_person_future() -> None:
    text = ("Romano Prodi ha poi aggiunto: Quello che mi guida è il senso di responsabilità verso il Paese. Sono "
            "sereno, le decisioni che prenderò saranno sempre rivolte a ciò.\n\nAltra notizia.")
    [quote] = find_quotes(text, entities(text, ("Romano Prodi", "PER")))
    assert text[quote.start:quote.end].endswith("saranno sempre rivolte a ciò")


@pytest.mark.parametrize("text", [
    "Nel 1991, con la pubblicazione di Il Vangelo secondo Gesù Cristo, José Saramago si scontrò con il governo.",
    "Ieri sera a Lipsia, durante la Passione secondo Matteo di Bach, José Saramago ha lasciato la sala.",
])
def test_secondo_between_capitalised_words_is_a_title_not_a_source(text: str) -> None:
    assert found(text, ("José Saramago", "PER"), ("Gesù Cristo", "PER"), ("Matteo", "PER")) == []


def test_che_a_colon_and_quotation_marks_give_one_quotation() -> None:
    text = ("L'inviato speciale dell'ONU, De Mistura, dichiara che: «In un mese, non un solo convoglio umanitario ha "
            "raggiunto le aree assediate.» e in conseguenza decide di sospendere tutti gli aiuti umanitari.")
    assert [c for c, _, _ in found(text, ("De Mistura", "PER"), ("ONU", "ORG"))] == [
        "In un mese, non un solo convoglio umanitario ha raggiunto le aree assediate"]


def test_a_report_inside_another_report_is_not_suggested_twice() -> None:
    text = ("Il ministro Mario Rossi ha detto che, come riportato dal sito Wiwibloggs, sembra che la gara si "
            "terrà senza pubblico.")
    quotes = [c for c, _, _ in found(text, ("Mario Rossi", "PER"), ("Wiwibloggs", "ORG"))]
    assert len(quotes) == 1 and quotes[0].endswith("la gara si terrà senza pubblico")


def test_words_in_marks_after_giudicare_are_partial_quotations() -> None:
    text = "Pare che il regista Guy Ritchie abbia giudicato Madonna come «pessima attrice» e «prodotto scaduto»."
    quotes = find_quotes(text, entities(text, ("Guy Ritchie", "PER"), ("Madonna", "PER")))
    assert [(text[q.start:q.end], q.kind) for q in quotes] == [("pessima attrice", "partial"),
                                                               ("prodotto scaduto", "partial")]


def test_riferire_reports_the_fact_after_an_articulated_di() -> None:
    text = "Fonti ufficiali iraniane hanno riferito dell'arresto di 16 persone a Malakshahr, nella provincia di Esfahan."
    assert [c for c, _, _ in found(text, ("Malakshahr", "LOC"), ("Esfahan", "LOC"))] == [
        "arresto di 16 persone a Malakshahr, nella provincia di Esfahan"]


@pytest.mark.parametrize("text, name, content", [
    ("Tuttavia, l'obiettivo del pattugliamento era la protezione delle spiagge, come confermato dal capo della "
     "polizia Erick Calderón.", "Erick Calderón", "Tuttavia, l'obiettivo del pattugliamento era la protezione delle spiagge"),
    ("Il progetto si articolerà in due fasi, come ha precisato il ministro Renato Brunetta, affinché tutte le "
     "scuole siano collegate.", "Renato Brunetta", "Il progetto si articolerà in due fasi"),
])
def test_come_before_a_reporting_verb_gives_the_source_of_the_clause_before_it(text: str, name: str,
                                                                                content: str) -> None:
    assert (content, name) in [(c, e) for c, _, e in found(text, (name, "PER"))]


@pytest.mark.parametrize("text", [
    "La pandemia, come ha spiegato Mario Rossi, è ormai un problema globale.",
    "Appare però inverosimile, come affermato da Mario Rossi, che il governo possa durare.",
])
def test_come_set_between_commas_after_a_few_words_gives_the_source_of_the_whole_sentence(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER")) == [(text.rstrip("."), "Mario Rossi", "Mario Rossi")]


def test_come_after_a_source_or_after_another_report_adds_no_report() -> None:
    text = ("Secondo lo stesso sindaco Ahmed Aboutaleb, come riportato dal sito Wiwibloggs, sembra che il concorso si "
            "terrà senza pubblico.")
    assert "Secondo lo stesso sindaco Ahmed Aboutaleb" not in [c for c, _, _ in found(text, ("Ahmed Aboutaleb", "PER"))]
    text = ("Alcuni documenti, secondo il professor Giuseppe Pallanti, confermerebbero che la Gioconda è realmente "
            "esistita, come affermava Giorgio Vasari.")
    speakers = {c: s for c, s, _ in found(text, ("Giuseppe Pallanti", "PER"), ("Giorgio Vasari", "PER"))}
    assert speakers.get("la Gioconda è realmente esistita") != "Giorgio Vasari"
    assert not any(c.startswith("Alcuni documenti") and s == "Giorgio Vasari" for c, s in speakers.items())


@pytest.mark.parametrize("text", [
    "Lo ha detto Gianfranco Fini. Le elezioni si terranno comunque: «segno di rispetto per il Santo Padre», come "
    "dichiarato dal ministro Giuseppe Pisanu.",
    "Lo ha detto Gianfranco Fini. Sul treno la scena è stata terribile: «Abbiamo sentito un urlo e ci siamo "
    "girati», ha raccontato Giuseppe Pisanu.",
])
def test_a_quotation_after_a_colon_without_a_reporting_verb_takes_the_attribution_after_it(text: str) -> None:
    quotes = found(text, ("Gianfranco Fini", "PER"), ("Giuseppe Pisanu", "PER"))
    assert [s for _, s, _ in quotes] == ["Giuseppe Pisanu"]


def test_a_name_in_a_relative_clause_between_subject_and_verb_is_not_the_speaker() -> None:
    text = ("Chris Cornell è morto ieri a 52 anni. L'agente dell'artista, che ha dato la notizia ad Associated Press, "
            "ha affermato che è stata una cosa improvvisa e inaspettata.")
    quotes = found(text, ("Chris Cornell", "PER"), ("Associated Press", "ORG"))
    assert [(c, s, e) for c, s, e in quotes] == [
        ("è stata una cosa improvvisa e inaspettata", "L'agente dell'artista", None)]


def test_a_titled_subject_after_a_comma_speaks_not_a_name_in_the_clause_before() -> None:
    text = ("Il papa è arrivato oggi a Vienna. Accolto dal presidente austriaco Heinz Fischer, il pontefice ha parlato "
            "agli austriaci dicendo «Mi faccio pellegrino in Austria...». Poi è ripartito.")
    assert [s for _, s, _ in found(text, ("Heinz Fischer", "PER"))] == ["il pontefice"]


@pytest.mark.parametrize("text, names, speaker", [
    ("Il papa è grave. «Le sue condizioni sono molto gravi, ma è sereno». È quanto ha dichiarato alle 12.30 il "
     "portavoce vaticano Joaquín Navarro.", (("Joaquín Navarro", "PER"),), "Joaquín Navarro"),
    ("«Alfano può essere il nostro candidato premier», è stata la risposta di Silvio Berlusconi ai microfoni di Rtl "
     "102.5 a commento della richiesta di Roberto Calderoli.", (("Silvio Berlusconi", "PER"), ("Roberto Calderoli", "PER")),
     "Silvio Berlusconi"),
])
def test_a_time_or_a_number_with_a_point_does_not_end_the_attribution(text: str, names, speaker: str) -> None:
    assert [s for _, s, _ in found(text, *names)] == [speaker]


def test_an_impersonal_note_between_dashes_inside_the_marks_names_the_source() -> None:
    text = ("È morto ieri il giovane. «I genitori - si legge in un comunicato diramato dall'Ospedale Borgo Trento - "
            "hanno espresso il desiderio di donare gli organi». Poi è finita.")
    name = "Ospedale Borgo Trento"
    assert found(text, (name, "ORG")) == [("I genitori", name, name),
                                          ("hanno espresso il desiderio di donare gli organi", name, name)]


def test_a_name_in_a_clause_after_the_speaker_is_not_the_speaker() -> None:
    text = ("Kim Jong-nam è morto. «Sembra che qualcuno lo abbia afferrato» ha spiegato un poliziotto aggiungendo che "
            "Kim «si è sentito stordito e ha chiesto aiuto». Poi è morto.")
    assert [s for _, s, _ in found(text, ("Kim", "PER"))] == ["un poliziotto", "un poliziotto"]
    text = "«Siamo tornati a prima del 1964», ha accusato il reverendo Raphael Warnock."  # a title in -endo
    assert [s for _, s, _ in found(text, ("Raphael Warnock", "PER"))] == ["Raphael Warnock"]


def test_words_in_the_first_person_after_a_colon_about_someone_are_that_person_s() -> None:
    text = ("Pacquiao ha perso ai punti. Il suo allenatore Freddie Roach era molto deluso: Avevamo vinto, il match lo "
            "ha fatto lui da solo.")
    quotes = found(text, ("Pacquiao", "PER"), ("Freddie Roach", "PER"))
    assert [(c, s) for c, s, _ in quotes] == [("Avevamo vinto, il match lo ha fatto lui da solo", "Freddie Roach")]
    text = "Freddie Roach ha detto: «Abbiamo perso ai punti». E poi: Io alla rivincita ci sarò."  # going on
    quotes = found(text, ("Freddie Roach", "PER"))
    assert [(c, s) for c, s, _ in quotes] == [("Abbiamo perso ai punti", "Freddie Roach"),
                                              ("Io alla rivincita ci sarò", "Freddie Roach")]


@pytest.mark.parametrize("text", [
    "Il terremoto ha colpito la regione. Il bilancio della protezione civile: venti morti e trenta feriti.",
    "Molti temono per la vita di Harry Potter: secondo la scrittrice, la morte del protagonista è l'unico modo "
    "perché non vi siano seguiti.",
])
def test_a_colon_before_words_of_no_one_in_person_is_the_writer_s(text: str) -> None:
    assert [k for k, _, _ in ((q.kind, 0, 0) for q in find_quotes(text, entities(text, ("Harry Potter", "PER"))))
            if k == "direct"] == []


def test_words_said_after_a_colon_stop_where_someone_else_is_given_a_colon() -> None:
    text = ("Manny Pacquiao ha dichiarato: Avevo il pugno destro limitato. Il suo allenatore Freddie Roach: È stata una "
            "sfida molto dura, avremmo potuto fare meglio.")
    quotes = found(text, ("Manny Pacquiao", "PER"), ("Freddie Roach", "PER"))
    assert [(c, s) for c, s, _ in quotes] == [
        ("Avevo il pugno destro limitato", "Manny Pacquiao"),
        ("È stata una sfida molto dura, avremmo potuto fare meglio", "Freddie Roach")]


def test_an_unmarked_answer_stops_where_the_writer_speaks_of_its_speaker_again() -> None:
    """A headline glued to its article (the paragraph break lost): the answer is the headline's."""
    text = ("Violante: intorno a Berlusconi molti mafiosi. Le parole di Luciano Violante hanno provocato una nuova "
            "incrinatura fra i due Poli. Il coordinatore di Forza Italia, Sandro Bondi, ha detto che le parole di "
            "Violante mostrano una profonda indegnità politica.")
    quotes = found(text, ("Luciano Violante", "PER"), ("Violante", "PER"), ("Sandro Bondi", "PER"))
    assert quotes[0][:2] == ("intorno a Berlusconi molti mafiosi", "Violante")
    assert ("le parole di Violante mostrano una profonda indegnità politica", "Sandro Bondi") in \
        [q[:2] for q in quotes]


def test_an_unmarked_answer_stops_at_a_quotation_mark_and_after_six_sentences() -> None:
    answer = "Ho iniziato da giovane. Poi ho smesso. Ho ripreso dopo anni. Oggi lavoro molto. Mi piace. Spero di andare avanti"
    text = f"Helmuth Köcher: {answer}. Il festival chiude domenica. Gli espositori sono trecento. I biglietti costano poco."
    assert [q[:2] for q in found(text, ("Helmuth Köcher", "PER"))] == [(answer, "Helmuth Köcher")]
    text = "Helmuth Köcher: Ho iniziato da giovane. Il sindaco ha detto «Grazie a lui». Gli espositori sono trecento."
    assert [q[:2] for q in found(text, ("Helmuth Köcher", "PER"))][0] == ("Ho iniziato da giovane", "Helmuth Köcher")


@pytest.mark.parametrize("text, names, expected", [
    # a person after a preposition before a colon gives way to another person named
    ("Il prossimo avversario potrebbe essere Amir Khan, il quale è già ansioso di misurarsi con Floyd Mayweather: "
     "«Batterlo mi renderebbe il miglior pugile del pianeta».", ("Amir Khan", "Floyd Mayweather"),
     [("Batterlo mi renderebbe il miglior pugile del pianeta", "Amir Khan")]),
    ("Nel pomeriggio ha parlato Floyd Mayweather: «Sono pronto a combattere».", ("Floyd Mayweather",),
     [("Sono pronto a combattere", "Floyd Mayweather")]),
    # a gerund after a partial quotation goes on with the sentence's subject, not the agent it names
    ("Il presidente della Camera Fausto Bertinotti ha espresso «piena fiducia nella totale indipendenza della "
     "Consulta», auspicando un ripensamento da parte di Romano Vaccarella.", ("Fausto Bertinotti", "Romano Vaccarella"),
     [("piena fiducia nella totale indipendenza della Consulta", "Fausto Bertinotti")]),
], ids=["preposition", "one-person", "gerund"])
def test_the_speaker_is_the_subject_not_a_person_the_clause_mentions(text: str, names: tuple[str, ...],
                                                                      expected: list[tuple[str, str]]) -> None:
    assert [(c, s) for c, s, _ in found(text, *((n, "PER") for n in names))] == expected


@pytest.mark.parametrize("text", [
    "Il Milan è terzo in classifica, ma non è detto che possa partecipare alla prossima Champions League.",
    "Va detto che la Francia non ha mai conosciuto un lockdown rigidissimo in questi mesi.",
])
def test_idioms_with_detto_report_no_one(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Maurizio Gasparri ha parlato di «memoria collettiva», Gianni Alemanno di «scelta positiva».",
    "Maurizio Gasparri ha definito la legge «memoria collettiva» e Gianni Alemanno «scelta positiva».",
    "Maurizio Gasparri ha parlato di «memoria collettiva», mentre Gianni Alemanno di «scelta positiva».",
], ids=["comma-preposition", "e", "mentre"])
def test_the_second_of_two_statements_sharing_one_verb_is_the_second_name_s(text: str) -> None:
    names = (("Maurizio Gasparri", "PER"), ("Gianni Alemanno", "PER"))
    assert [(content, speaker) for content, speaker, _ in found(text, *names)] == [
        ("memoria collettiva", "Maurizio Gasparri"), ("scelta positiva", "Gianni Alemanno")]


@pytest.mark.parametrize("text", [
    "Mario Rossi ha definito Paolo Verdi «un ladro», Luigi Bianchi «un truffatore».",  # both are called so
    "Mario Rossi ha parlato di «un ladro», Luigi Bianchi a «un truffatore».",  # not the first one's preposition
], ids=["second-object", "other-preposition"])
def test_a_name_between_two_quotations_that_is_no_second_speaker(text: str) -> None:
    names = (("Mario Rossi", "PER"), ("Paolo Verdi", "PER"), ("Luigi Bianchi", "PER"))
    assert [speaker for _, speaker, _ in found(text, *names)] == ["Mario Rossi", "Mario Rossi"]


@pytest.mark.parametrize("text", [
    "«Non ci arrenderemo» è il commento di Mario Rossi.",
    "«Non ci arrenderemo»: è il commento di Mario Rossi.",
    "«Non ci arrenderemo». Questo il commento di Mario Rossi dopo la sentenza.",
    "«Non ci arrenderemo»: queste le parole di Mario Rossi.",
    "«Non ci arrenderemo». Queste sono le parole di Mario Rossi.",
    "«Non ci arrenderemo»: questo il giudizio dell'avvocato Mario Rossi.",
], ids=["copula", "colon-copula", "new-sentence", "colon-demonstrative", "demonstrative-copula", "giudizio"])
def test_a_noun_of_speech_pointing_back_names_who_said_the_quotation(text: str) -> None:
    assert found(text, ("Mario Rossi", "PER"))[0][:2] == ("Non ci arrenderemo", "Mario Rossi")


@pytest.mark.parametrize("text, speaker", [
    ("Mario Rossi ha definito «vergognosa» la replica di Luigi Bianchi.", "Mario Rossi"),
    ("«Non ci arrenderemo». La replica di Luigi Bianchi è arrivata in serata.", None),
    ("«Non ci arrenderemo». La replica di Luigi Bianchi: «Vedremo».", None),
], ids=["object-of-the-verb", "sentence-of-its-own", "introduces-the-next"])
def test_a_noun_of_speech_that_does_not_point_back_names_no_speaker_of_the_quotation(text: str, speaker) -> None:
    assert found(text, ("Mario Rossi", "PER"), ("Luigi Bianchi", "PER"))[0][1] == speaker


@pytest.mark.parametrize("text, names, speaker", [
    ("Letta è salito al Quirinale da Giorgio Napolitano per decidere, e ha poi dichiarato che sarà lui a "
     "dimettersi.", (("Letta", "PER"), ("Giorgio Napolitano", "PER")), "Letta"),
    ("La polizia ha arrestato Mario Rossi, dicendo che il caso è chiuso.",
     (("polizia", "ORG"), ("Mario Rossi", "PER")), "polizia"),
    ("I sostenitori degli accusati negano le accuse e affermano che le confessioni sono state estorte.",
     (), "I sostenitori degli accusati"),
])
def test_a_verb_joined_to_the_first_by_e_or_a_gerund_has_the_first_verb_s_subject(text: str, names, speaker) -> None:
    """Not the object or complement of the verb it is joined to."""
    assert [quote[1] for quote in found(text, *names)] == [speaker]


@pytest.mark.parametrize("text, names, speaker", [
    ("Placanica ribadiva le accuse a Mario Rossi e confermava di voler andare avanti.",
     (("Placanica", "PER"), ("Mario Rossi", "PER")), "Placanica"),
    ("«L'AIEA avrà un ruolo» ha detto Hill, aggiungendo che «gli esperti potranno entrare».",
     (("AIEA", "ORG"), ("Hill", "PER")), "Hill"),
    ("Sul caso Regeni è intervenuto anche il vicepremier Matteo Salvini, sostenendo che il governo fa il massimo.",
     (("Regeni", "PER"), ("Matteo Salvini", "PER")), "Matteo Salvini"),
])
def test_a_joined_verb_keeps_a_subject_that_is_no_object(text: str, names, speaker) -> None:
    """A name that is the subject of a verb of its own, or stands after the verb as its subject."""
    assert {quote[1] for quote in found(text, *names)} == {speaker}


def test_per_and_a_speaker_noun_opening_the_sentence_names_a_source_without_a_comma() -> None:
    text = "Le immagini sono arrivate ieri. Per gli esperti non ci sono dubbi sulla nave."
    assert found(text) == [("non ci sono dubbi sulla nave", "gli esperti", None)]


@pytest.mark.parametrize("text", [
    "Le regole cambiano. Per i cittadini è previsto un bonus di cento euro.",
    "Le regole cambiano. Il bonus per gli esperti è previsto da domani.",
])
def test_per_before_other_nouns_or_inside_the_sentence_names_no_source(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Il premier ha parlato a lungo. Un giorno gli disse: «Io nella vita ho più grazie da dire».",
    "Il calciatore era felice. Lo stesso calciatore, che un giorno gli disse: «Io ho più grazie da dire», è morto.",
])
def test_a_noun_of_time_or_an_abstraction_is_no_speaker(text: str) -> None:
    """"Un giorno", "la disponibilità", "il costo degli affitti" say nothing."""
    speakers = [quote[1] for quote in found(text)]
    assert len(speakers) == 1 and "giorno" not in (speakers[0] or "").lower()


def test_a_document_may_still_speak() -> None:
    text = "La risoluzione è passata con 96 voti. La risoluzione riporta che la schiavitù fu un crimine."
    assert [quote[1] for quote in found(text)] == ["La risoluzione"]


def test_a_pronoun_subject_of_the_verb_a_gerund_cue_hangs_on_is_the_speaker() -> None:
    text = ("Anche la cancelliera Angela Merkel ha parlato. Il ministro iraniano è uno di questi. "
            "Egli ha commentato l'accaduto dicendo: «Condanno l'uccisione di gente indifesa».")
    assert [quote[1] for quote in found(text, ("Angela Merkel", "PER"))] == ["Egli"]


def test_a_gerund_opening_the_sentence_leaves_the_words_to_the_main_clause_s_subject() -> None:
    text = ("Rispondendo ad un appello del ministro Evgeni Zinitchev, Putin ha accolto la proposta: "
            "«Accetto la vostra proposta».")
    assert [quote[1] for quote in found(text, ("Evgeni Zinitchev", "PER"), ("Putin", "PER"))] == ["Putin"]


@pytest.mark.parametrize("text, content, speaker", [
    ("Secondo quanto riportato dal telegiornale regionale, sarebbero state chiuse le fermate del metro.",
     "sarebbero state chiuse le fermate del metro", "telegiornale regionale"),
    ("Secondo quanto riferito dai vicini di casa, l'uomo era già noto alla polizia.",
     "l'uomo era già noto alla polizia", "vicini di casa"),
])
def test_who_reported_after_secondo_quanto_is_the_source_whatever_its_noun(text: str, content: str,
                                                                          speaker: str) -> None:
    assert [quote[:2] for quote in found(text)] == [(content, speaker)]


@pytest.mark.parametrize("text", [
    "Secondo quanto previsto dal regolamento, le fermate restano chiuse fino alle otto.",
    "Secondo quanto stabilito dalla legge, il sindaco resta in carica cinque anni.",
    "Il Senato ha votato la decadenza di Silvio Berlusconi, secondo quanto stabilito dalla legge Severino.",
])
def test_what_a_rule_prescribes_after_secondo_quanto_is_no_quotation(text: str) -> None:
    assert found(text, ("Silvio Berlusconi", "PER"), ("Severino", "PER")) == []


def test_a_detta_di_names_who_said_it_whatever_the_noun() -> None:
    text = "Il furto dei camini è, a detta dei diretti interessati, stato effettuato su commissione."
    assert found(text) == [(text[:-1], "diretti interessati", None)]


@pytest.mark.parametrize("text, content", [
    ("Il ministro Mario Rossi ha parlato a lungo. A suo dire, il governo non ha fatto nulla per la crisi.",
     "il governo non ha fatto nulla per la crisi"),
    ("Il ministro Mario Rossi ha parlato a lungo. Il governo, a suo avviso, non ha fatto nulla per la crisi.",
     "Il governo, a suo avviso, non ha fatto nulla per la crisi"),
    ("Il ministro Mario Rossi ha parlato a lungo. Il governo non ha fatto nulla per la crisi, a detta sua.",
     "Il governo non ha fatto nulla per la crisi"),
])
def test_a_possessive_source_gives_the_words_to_who_spoke_before(text: str, content: str) -> None:
    """ "A suo dire", "a suo avviso", "a detta sua": the person the possessive stands for."""
    assert found(text, ("Mario Rossi", "PER")) == [(content, "Mario Rossi", "Mario Rossi")]


def test_a_possessive_source_inside_a_subordinate_clause_is_the_subject_s() -> None:
    text = ("I Fratelli Musulmani chiedono una nuova legge elettorale, dal momento che quella attuale "
            "a loro dire favorirebbe le aree rurali.")
    assert found(text, ("Fratelli Musulmani", "ORG")) == [
        ("quella attuale a loro dire favorirebbe le aree rurali", "Fratelli Musulmani", "Fratelli Musulmani")]


@pytest.mark.parametrize("text, name", [
    ("«Questa sessione sarà ricordata» ha detto il deputato A. Donald McEachin, che ha presentato la legge.",
     "A. Donald McEachin"),
    ("«Non ci sono dubbi» ha spiegato il sen. Mario Rossi, che presiede la commissione.", "Mario Rossi"),
])
def test_a_point_after_an_initial_or_an_abbreviation_does_not_end_the_speaker_s_clause(text: str, name: str) -> None:
    assert [quote[1:] for quote in found(text, (name, "PER"))] == [(name, name)]


@pytest.mark.parametrize("text, names, speaker", [
    ("Il generale Roberto Speciale è stato rimosso. Secondo i legali di Speciale, la decisione è illegittima.",
     [("Roberto Speciale", "PER"), ("Speciale", "PER")], "i legali di Speciale"),
    ("Il tunnel è chiuso. Una portavoce della società Eurotunnel ha detto che il tunnel riaprirà domani.",
     [("Eurotunnel", "ORG")], "Una portavoce della società Eurotunnel"),
])
def test_a_name_that_only_completes_a_description_is_not_the_speaker(text: str, names, speaker: str) -> None:
    """Speciale's lawyers speak, not Speciale; the entity of "i legali di Speciale" is no one named."""
    assert [quote[1:] for quote in found(text, *names)] == [(speaker, None)]


def test_a_name_after_a_title_and_its_complement_is_still_the_title_s_holder() -> None:
    text = "Il ministro del lavoro Cesare Damiano ha detto che la riforma è pronta."
    assert [quote[1:] for quote in found(text, ("Cesare Damiano", "PER"))] == [("Cesare Damiano", "Cesare Damiano")]


def test_a_sentence_of_several_quotations_is_each_the_last_speaker_s() -> None:
    text = ("Arturo Parisi attacca il segretario. «Berlusconi ha il segno più in cento giorni», «C'è stata una "
            "falsa partenza, si vede solo confusione» e «Il governo ombra? Esperienza fallimentare». Poi se ne va.")
    assert found(text, ("Arturo Parisi", "PER")) == [
        ("Berlusconi ha il segno più in cento giorni", "Arturo Parisi", "Arturo Parisi"),
        ("C'è stata una falsa partenza, si vede solo confusione", "Arturo Parisi", "Arturo Parisi"),
        ("Il governo ombra? Esperienza fallimentare", "Arturo Parisi", "Arturo Parisi")]


def test_quotations_the_sentence_goes_on_about_are_still_no_statement() -> None:
    text = "Arturo Parisi parla. «Via col vento», «Casablanca» e «Ombre rosse» sono i suoi film preferiti."
    assert found(text, ("Arturo Parisi", "PER")) == []


@pytest.mark.parametrize("text, names", [
    ("La notizia è stata confermata da un astronomo amatoriale, George Hall, che la stessa notte riprendeva Giove.",
     [("George Hall", "PER")]),
    ("«Non respiro più!» (frase in seguito confermata da una donna che si trovava nei paraggi).", []),
])
def test_che_after_the_person_who_did_a_passive_verb_is_a_relative_not_a_report(text: str, names) -> None:
    assert [quote[0] for quote in found(text, *names) if "Giove" in quote[0] or "paraggi" in quote[0]] == []


def test_an_impersonal_passive_with_its_agent_still_reports() -> None:
    text = "Il processo si è aperto ieri. È stato confermato dai magistrati che l'uomo resterà in carcere fino a gennaio."
    assert [quote[:2] for quote in found(text)] == [("l'uomo resterà in carcere fino a gennaio", "magistrati")]


@pytest.mark.parametrize("text, speaker", [
    ("Alcuni contadini della zona hanno confermato di averlo visto nei pressi del fiume.", "Alcuni contadini della zona"),
    ("Ora ci fermano ed i doganieri dicono che l'ambulanza non può entrare in Marocco.", "i doganieri"),
])
def test_an_unnamed_subject_before_the_verb_is_the_speaker(text: str, speaker: str) -> None:
    """A quantifier opens a subject before its verb; after "e", a verb before ends the clause before."""
    assert [quote[1] for quote in found(text)] == [speaker]


def test_a_quantifier_after_the_verb_still_opens_no_speaker() -> None:
    text = "Il ministro Mario Rossi ha parlato ai cronisti. Ha poi aggiunto alcuni dettagli: «Non ci fermeremo»."
    assert [quote[1] for quote in found(text, ("Mario Rossi", "PER"))] == ["Mario Rossi"]


def test_come_and_a_reporting_verb_take_any_noun_phrase_for_the_source() -> None:
    text = "Come ha scherzato un ragazzo, la cosa più difficile era copiare poiché i professori erano severi."
    assert [quote[:2] for quote in found(text)] == [
        ("la cosa più difficile era copiare poiché i professori erano severi", "un ragazzo")]


def test_per_after_a_colon_opens_its_clause_as_at_a_sentence_start() -> None:
    text = ("Il tribunale ha accolto i ricorsi, fermando gli abbattimenti: per entrambe le associazioni "
            "ambientaliste, questo è un passo avanti per la giustizia animale.")
    assert [quote[:2] for quote in found(text)] == [
        ("questo è un passo avanti per la giustizia animale", "le associazioni ambientaliste")]


@pytest.mark.parametrize("text, content, speaker", [
    ("Secondo gli investigatori sembrerebbe che la donna abbia opposto resistenza.",
     "sembrerebbe che la donna abbia opposto resistenza", "gli investigatori"),
    ("Secondo gli inquirenti pare che l'uomo fosse armato.", "pare che l'uomo fosse armato", "gli inquirenti"),
])
def test_a_source_without_a_comma_ends_at_a_conditional_or_sembra_pare(text: str, content: str, speaker: str) -> None:
    assert [quote[:2] for quote in found(text)] == [(content, speaker)]


@pytest.mark.parametrize("text, name, speaker", [
    ("«Abbiamo fatto il possibile». Parola del sindaco di Bologna Matteo Lepore.", "Matteo Lepore", "Matteo Lepore"),
    ("«Abbiamo fatto il possibile». Parola del sindaco.", "Matteo Lepore", "sindaco"),
])
def test_parola_del_names_who_said_the_quotation_before(text: str, name: str, speaker: str) -> None:
    assert [quote[:2] for quote in found(text, (name, "PER"))] == [("Abbiamo fatto il possibile", speaker)]


def test_a_relative_after_an_opening_source_is_not_what_it_reports() -> None:
    text = "Secondo l'agenzia Reuters, che cita fonti diplomatiche, l'accordo sarebbe vicino."
    assert [quote[:2] for quote in found(text, ("Reuters", "ORG"))] == [("l'accordo sarebbe vicino", "Reuters")]


@pytest.mark.parametrize("text, names", [
    ("Il premier ha poi risposto alle critiche dell'opposizione. «Non ci faremo intimidire», ha assicurato.", []),
    ("Il premier ha incontrato Mario Rossi. «Non ci faremo intimidire», ha assicurato.", [("Mario Rossi", "PER")]),
])
def test_a_bare_verb_goes_on_with_the_titled_subject_of_the_sentence_before(text: str, names) -> None:
    assert [quote[:2] for quote in found(text, *names)] == [("Non ci faremo intimidire", "Il premier")]


def test_stato_in_capo_dello_stato_is_no_auxiliary_of_the_cue() -> None:
    text = ("Il presidente della Repubblica Sergio Mattarella ha firmato il decreto. "
            "Il capo dello Stato ha spiegato che la legge è urgente.")
    assert found(text, ("Sergio Mattarella", "PER")) == [
        ("la legge è urgente", "Il capo dello Stato", "Sergio Mattarella")]


def test_the_person_an_accusation_is_aimed_at_is_not_who_reports_it() -> None:
    text = ("Il vescovo Mariann Budde ha criticato la polizia. Inoltre, dopo aver accusato Trump di aver usato "
            "la Bibbia per scopi politici, ha lasciato la chiesa.")
    quotes = found(text, ("Mariann Budde", "PER"), ("Trump", "PER"))
    assert [quote[1] for quote in quotes if quote[0].startswith("aver usato")] == ["Mariann Budde"]


def test_a_long_name_the_ner_missed_counts_as_one_word_of_a_source_and_is_its_own_entity() -> None:
    text = ("Il primo caso, secondo i dati forniti dallo European Centre for Disease Prevention and Control, "
            "è stato registrato il 18 giugno.")
    [quote] = find_quotes(text, [])
    name = "European Centre for Disease Prevention and Control"
    assert text[slice(*quote.speaker)] == name
    assert quote.entity == (text.index(name), text.index(name) + len(name), "ORG")


def test_a_capitalised_common_noun_is_no_entity_of_its_own() -> None:
    text = "Il processo si è aperto ieri. È stato confermato dai Magistrati che l'uomo resterà in carcere."
    [quote] = find_quotes(text, [])
    assert text[slice(*quote.speaker)] == "Magistrati" and quote.entity is None


@pytest.mark.parametrize("text, place, speaker", [
    ("Secondo la stampa del Regno Unito, è stato lo stesso Gazza ad avvisare la famiglia.", "Regno Unito",
     "la stampa del Regno Unito"),
    ("Secondo i quotidiani di Belgrado, il governo è pronto a dimettersi.", "Belgrado", "i quotidiani di Belgrado"),
])
def test_a_place_never_speaks_itself_after_the_noun_it_completes(text: str, place: str, speaker: str) -> None:
    assert [quote[1:] for quote in found(text, (place, "LOC"))] == [(speaker, None)]


def test_the_title_of_a_book_between_commas_is_nobody_who_speaks() -> None:
    text = ("Lo scrittore Mario Rossi ha lasciato il gruppo. Nel suo libro pubblicato quest'anno, Inside Wikileaks, "
            "ha rivelato i motivi, scrivendo che il potere logora chi non ce l'ha.")
    assert [quote[1] for quote in found(text, ("Mario Rossi", "PER"), ("Inside Wikileaks", "PER"))] == ["Mario Rossi"]


def test_a_gerund_after_a_subjectless_clause_goes_back_to_the_description_opening_the_sentence() -> None:
    text = ("La delibera era a beneficio di Nicole Minetti. Quest'ultima, però, interrogata mentre entrava in aula, "
            "si è schernita negando ogni legame con l'Ufficio di presidenza: «Non credo l'abbiano fatto per me».")
    assert found(text, ("Nicole Minetti", "PER"), ("Ufficio di presidenza", "ORG")) == [
        ("Non credo l'abbiano fatto per me", "Quest'ultima", "Nicole Minetti")]


def test_a_person_before_a_reflexive_auxiliary_is_the_subject_carried_to_a_bare_verb() -> None:
    text = ("Ieri sera, prima di aver incassato la fiducia al Senato, il premier Silvio Berlusconi si era mostrato "
            "fiducioso. «Otterremo la fiducia anche alla Camera», aveva detto ai suoi collaboratori.")
    assert found(text, ("Silvio Berlusconi", "PER"), ("Senato", "ORG"), ("Camera", "ORG")) == [
        ("Otterremo la fiducia anche alla Camera", "Silvio Berlusconi", "Silvio Berlusconi")]


def test_a_party_after_a_title_says_whose_side_and_the_title_resolves_to_the_person() -> None:
    text = "Rosy Bindi è arrivata in aula. La senatrice Pd ha detto che è arrivato il momento della politica."
    assert found(text, ("Rosy Bindi", "PER"), ("Pd", "ORG")) == [
        ("è arrivato il momento della politica", "La senatrice Pd", "Rosy Bindi")]


def test_a_role_after_the_source_s_comma_describes_the_source_and_reports_nothing() -> None:
    text = ("La raccomandazione viene da uno studio della Brookings Institution, secondo quanto riferito da "
            "Rupert Cornwell, inviato a Washington del quotidiano britannico The Independent.")
    assert [quote[:2] for quote in found(text, ("Rupert Cornwell", "PER"), ("The Independent", "ORG"))] == [
        ("La raccomandazione viene da uno studio della Brookings Institution", "Rupert Cornwell")]


def test_a_person_before_a_clitic_and_an_auxiliary_is_carried_to_the_next_bare_verb() -> None:
    text = ("Qualche giorno fa, durante una conferenza stampa, Erik Zabel l'aveva detto. "
            "Aveva detto di voler vincere questa Parigi-Tours.")
    assert [quote[1:] for quote in found(text, ("Erik Zabel", "PER"))] == [("Erik Zabel", "Erik Zabel")]


def test_questo_e_il_racconto_di_names_who_told_the_quotation_before() -> None:
    text = "«Erano passate da poco le 23 e mi trovavo nel ristorante». Questo è il racconto di Patrizia, una testimone."
    assert [quote[:2] for quote in found(text, ("Patrizia", "PER"))] == [
        ("Erano passate da poco le 23 e mi trovavo nel ristorante", "Patrizia")]


@pytest.mark.parametrize("text, speaker", [
    ("Secondo i dati ufficiali pubblicati all'indomani della chiusura dei seggi, il presidente avrebbe "
     "ricevuto il 63% delle preferenze.", "i dati ufficiali"),
    ("Secondo il convivente della ragazza — interrogato dai carabinieri del comando provinciale —, Vanessa era "
     "uscita nel tardo pomeriggio.", "il convivente"),
])
def test_a_long_source_is_named_by_its_noun_phrase_before_a_participle_or_a_complement(text: str, speaker: str) -> None:
    assert [quote[1] for quote in found(text)] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("Le stime, annunciano che la tempesta causerà danni per 18 miliardi di dollari.", "Le stime"),
    ("I giornalisti, comunque, citando testimoni oculari hanno riferito di esplosioni accidentali a catena.",
     "I giornalisti"),
])
def test_the_description_opening_the_sentence_speaks_past_commas_and_a_gerund_s_phrase(text: str, speaker: str) -> None:
    assert [quote[1] for quote in found(text)] == [speaker]


def test_a_relative_che_stands_for_a_quantified_noun_phrase_too() -> None:
    text = "Nel viaggio erano presenti alcuni amici, che hanno dichiarato come tra i due non ci sia stato nulla."
    assert [quote[1] for quote in found(text)] == ["alcuni amici"]


def test_a_verb_with_its_object_between_commas_is_no_parenthesis_that_reports() -> None:
    text = ("L'organizzazione terroristica Al Qaeda, ha confermato la notizia, dopo una iniziale attesa durata "
            "diversi giorni.")
    assert found(text, ("Al Qaeda", "ORG")) == []


@pytest.mark.parametrize("when", ["Il fine settimana scorso", "La notte scorsa", "Nel weekend"])
def test_a_time_before_the_verb_is_no_speaker(when: str) -> None:
    text = f"{when} ha minacciato di attaccare le moschee della città."
    assert [quote[1] for quote in found(text)] == [None]


def test_a_named_attribution_after_a_colon_quotation_names_its_speaker() -> None:
    text = ("Oltre a Napolitano hanno commentato anche altri politici: «L'integrazione ha impedito la guerra» "
            "ha dichiarato il Presidente del Consiglio Mario Monti. La cerimonia è finita.")
    assert found(text, ("Napolitano", "PER"), ("Mario Monti", "PER"))[0] == (
        "L'integrazione ha impedito la guerra", "Mario Monti", "Mario Monti")


@pytest.mark.parametrize("after", [
    ", attaccando i vertici Rai, che avrebbero organizzato la protesta.",  # a gerund aims at its object
    " Continua la polemica tra i vertici Rai e il cantante.",  # a new sentence, the headline's point lost
])
def test_words_after_a_colon_quotation_that_attribute_nothing_leave_its_speaker(after: str) -> None:
    text = "La moglie Claudia Mori ha così commentato: «I fischi? Una buffonata»" + after
    assert found(text, ("Claudia Mori", "PER"), ("Rai", "ORG"))[0] == (
        "I fischi? Una buffonata", "Claudia Mori", "Claudia Mori")


def test_a_place_after_a_preposition_before_a_colon_is_no_speaker() -> None:
    text = ("Raphael Bob-Waksberg, il creatore della serie, ha commentato la scelta di Brie. Tuttavia, è stato "
            "assunto un consulente per la puntata ambientata in Vietnam: «Avremmo dovuto assumere uno scrittore».")
    speakers = [quote[1] for quote in found(text, ("Raphael Bob-Waksberg", "PER"), ("Brie", "PER"),
                                            ("Vietnam", "LOC"))]
    assert speakers and "Vietnam" not in speakers


def test_with_these_words_before_a_verb_whose_subject_follows_it_names_that_subject() -> None:
    text = ("Colpo di stato nelle Maldive\n\n«Se fossi rimasto al potere sarebbe stato peggio». Con queste parole "
            "si è dimesso ieri il presidente delle Maldive Mohamed Nasheed e al suo posto è subentrato il "
            "vicepresidente, Mohamed Waheed.")
    assert found(text, ("Mohamed Nasheed", "PER"), ("Mohamed Waheed", "PER"))[0] == (
        "Se fossi rimasto al potere sarebbe stato peggio", "Mohamed Nasheed", "Mohamed Nasheed")


def test_words_after_a_report_in_a_relative_clause_go_on_with_the_sentence_s_subject() -> None:
    text = ("Maroni se la prende anche con la Federcalcio europea, che aveva parlato di responsabilità "
            "anche da parte dell'Italia. «Se la UEFA avesse adottato le nostre misure, non sarebbe successo».")
    quotes = found(text, ("Maroni", "PER"), ("Federcalcio europea", "ORG"), ("UEFA", "ORG"))
    assert quotes[0][1] == "Federcalcio europea"
    assert quotes[1] == ("Se la UEFA avesse adottato le nostre misure, non sarebbe successo", "Maroni", "Maroni")


def test_a_direct_quotation_whose_subject_words_name_no_one_goes_on_with_the_last_person_named() -> None:
    text = ("Andrea Rivera animava la manifestazione raccontando battute in attesa di altri interventi, talvolta "
            "pesanti (su Jörg Haider, morto proprio quel giorno, ad esempio ha detto: «È sbandato. Mi dispiace.»).")
    assert found(text, ("Andrea Rivera", "PER"), ("Jörg Haider", "PER")) == [
        ("È sbandato. Mi dispiace", "Andrea Rivera", "Andrea Rivera")]


@pytest.mark.parametrize("person", ["Il copilota dirottatore", "La fidanzata", "Il conduttore", "La collega"])
def test_a_person_named_by_who_they_are_to_someone_or_by_their_work_is_a_speaker_carried_over(person: str) -> None:
    text = (f"L'attentatore\n\n{person} è un cittadino etiope di 30 anni. Ha chiesto asilo politico in Svizzera "
            "dichiarando di non trovarsi bene in Etiopia; le autorità svizzere lo hanno arrestato.")
    assert found(text, ("Svizzera", "LOC"), ("Etiopia", "LOC"))[0][:2] == ("non trovarsi bene in Etiopia", person)


def test_a_description_with_a_name_in_apposition_speaks_by_that_name() -> None:
    text = ("Anche il figlio di Vittorio Emanuele, Emanuele Filiberto, al quale è contestato un episodio di "
            "incursione informatica. «Sono pronto a venire in qualsiasi momento in Italia», ha dichiarato.")
    assert found(text, ("Vittorio Emanuele", "PER"), ("Emanuele Filiberto", "PER"), ("Italia", "LOC"))[0][:2] == (
        "Sono pronto a venire in qualsiasi momento in Italia", "Emanuele Filiberto")


def test_words_quoted_after_a_passive_reporting_verb_are_its_agent_s() -> None:
    text = ("La giunta ha preso atto dell'autosospensione del presidente. Il provvedimento è stato contestato da "
            "alcuni esponenti del Popolo della Libertà, in quanto l'autosospensione «non è prevista dallo statuto» "
            "regionale.")
    quotes = found(text, ("Popolo della Libertà", "ORG"))
    assert quotes[0][0] == "non è prevista dallo statuto"
    assert quotes[0][1].endswith("Popolo della Libertà")  # not "Il provvedimento", what was contested


def test_a_titled_description_right_before_the_verb_is_its_subject_over_a_name_before_it() -> None:
    text = ("Il presidente Napolitano appresa la notizia della scomparsa dell'Ammiraglio Birindelli ha inviato un "
            "messaggio nel quale secondo quanto riferisce un comunicato stampa il Capo dello Stato ricorda "
            "«l'insigne figura di uomo e di marinaio valoroso».")
    quotes = found(text, ("Napolitano", "PER"), ("Birindelli", "PER"))
    assert quotes[0][:2] == ("l'insigne figura di uomo e di marinaio valoroso", "il Capo dello Stato")


def test_a_body_after_a_preposition_before_a_colon_is_no_speaker() -> None:
    text = ("Per voce di Manlio Di Stefano, il M5S respinge le accuse dicendo che «è colpa del governo» che porta i "
            "decreti sotto scadenza, in quanto il decreto è stato presentato alla Camera solo il 25 febbraio: «è la "
            "maggioranza a stabilire il calendario dei lavori».")
    quotes = found(text, ("Manlio Di Stefano", "PER"), ("M5S", "ORG"), ("Camera", "ORG"))
    assert quotes[-1][0] == "è la maggioranza a stabilire il calendario dei lavori"
    assert quotes[-1][1] in ("Manlio Di Stefano", "il M5S")  # the Camera is where, not who


def test_a_body_after_da_before_a_colon_still_speaks() -> None:
    text = "La decisione è stata commentata dalla Federcalcio: «Rispettiamo la sentenza»."
    assert found(text, ("Federcalcio", "ORG"))[0][:2] == ("Rispettiamo la sentenza", "Federcalcio")


@pytest.mark.parametrize("text, speaker", [
    ("Non sono mancati i contestatori della visita di Obama; un cartello dei contestatori recitava «Putin è il "
     "benvenuto, Obama no».", "un cartello dei contestatori"),
    ("Durante il funerale gli arriva un messaggio che recita «Stai zitto idiota!».", "un messaggio"),
])
def test_words_a_sign_or_a_message_reads_are_its_own(text: str, speaker: str) -> None:
    quotes = found(text, ("Obama", "PER"), ("Putin", "PER"))
    assert [quote[1] for quote in quotes] == [speaker]


def test_an_actor_who_recites_in_a_film_says_nothing_quoted() -> None:
    assert found("Giorgio Albertazzi recitava nel film di Losey.", ("Giorgio Albertazzi", "PER"), ("Losey", "PER")) == []


def test_words_after_an_irregular_passive_participle_and_its_agent_are_the_agent_s() -> None:
    text = "Una lettera scritta da Armstrong alla federazione: «Oggi ho finito di mentire»."
    assert found(text, ("Armstrong", "PER"))[0][:2] == ("Oggi ho finito di mentire", "Armstrong")


def test_per_a_leader_named_by_their_role_is_a_source() -> None:
    text = ("Ahmadinejad ha vinto le elezioni. Per la guida suprema della teocrazia iraniana, «La vittoria di "
            "Ahmadinejad è il frutto di una battaglia contro l'arroganza».")
    assert found(text, ("Ahmadinejad", "PER"))[0][1] == "la guida suprema della teocrazia iraniana"
