import pytest

from passerelle.notifications import sms


@pytest.mark.parametrize(
    ("length", "segments"), [(0, 0), (1, 1), (160, 1), (161, 2), (306, 2), (307, 3)]
)
def test_gsm_text_is_160_characters_a_segment_then_153(length, segments):
    assert sms.count("a" * length).segments == segments


def test_french_accents_of_the_gsm_alphabet_keep_160_characters():
    text = ("éèàù" * 40)[:160]
    assert (sms.count(text).encoding, sms.count(text).segments) == ("GSM-7", 1)


@pytest.mark.parametrize(("length", "segments"), [(70, 1), (71, 2), (134, 2), (135, 3)])
def test_a_circumflex_switches_to_ucs2_70_then_67(length, segments):
    text = "ê" * length
    assert (sms.count(text).encoding, sms.count(text).segments) == ("UCS-2", segments)


def test_extension_characters_count_twice():
    assert sms.count("€" * 80).characters == 160
    assert sms.count("€" * 81).segments == 2


def test_folding_keeps_a_french_sentence_in_the_gsm_alphabet():
    text = "Vous êtes inscrit(e) à l’atelier « Boîte mail » : c’est noté, garçon…"
    folded = sms.fold(text)
    assert folded == "Vous etes inscrit(e) à l'atelier \" Boite mail \" : c'est noté, garcon..."
    assert sms.is_gsm(folded)


def test_folding_keeps_what_it_cannot_replace():
    assert sms.fold("Rendez-vous 📅") == "Rendez-vous 📅"
    assert sms.count("📅").characters == 2
