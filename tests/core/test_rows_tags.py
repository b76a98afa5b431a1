"""The list rows' tags give what `{% url %}` and the phone number's own formats give."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix
from django.utils import translation
from phonenumber_field.phonenumber import PhoneNumber

from passerelle.core.templatetags import rows
from passerelle.core.templatetags.rows import phone_link, phone_national, row_url


def test_row_url_gives_what_reverse_gives():
    assert row_url("people:detail", 42) == reverse("people:detail", args=[42])
    assert row_url("procedures:occurrence_done", 7) == reverse(
        "procedures:occurrence_done", args=[7]
    )


def test_row_url_follows_the_script_prefix():
    try:
        set_script_prefix("/centre/")
        assert row_url("people:detail", 3) == "/centre/personnes/3/"
    finally:
        set_script_prefix("/")
    assert row_url("people:detail", 3) == "/personnes/3/"


def test_row_url_refuses_a_key_that_is_not_a_number():
    with pytest.raises(ValueError):
        row_url("people:detail", "3/../../compte")


def test_phone_link_dials_the_international_form_and_shows_the_national_one():
    phone = PhoneNumber.from_string("+33612345678")
    assert phone_link(phone) == '<a href="tel:+33612345678">06 12 34 56 78</a>'
    assert phone_national(phone) == phone.as_national == "06 12 34 56 78"


def test_phone_link_is_empty_without_a_number():
    assert phone_link("") == phone_national("") == ""
    assert phone_link(None) == ""


def test_phone_link_shows_an_unreadable_number_as_typed_without_a_link():
    assert phone_link(PhoneNumber(raw_input="<b>06 12</b>")) == "&lt;b&gt;06 12&lt;/b&gt;"


def test_phone_link_in_a_template_defaults_to_a_dash():
    template = Template('{% load rows %}{{ phone|phone_link|default:"—" }}')
    assert template.render(Context({"phone": ""})) == "—"


def test_fixed_url_gives_what_reverse_gives():
    from passerelle.core.templatetags.rows import fixed_url

    assert fixed_url("accounts:profile") == reverse("accounts:profile")


def test_an_address_with_arguments_is_refused_where_none_or_one_key_is_expected():
    from django.urls import NoReverseMatch

    from passerelle.core.addresses import fixed_address

    with pytest.raises(NoReverseMatch):
        fixed_address("people:detail")
    with pytest.raises(NoReverseMatch):
        row_url("accounts:profile", 1)


def test_a_new_url_configuration_is_not_answered_from_the_old_one(settings):
    from passerelle.core.addresses import fixed_address

    assert fixed_address("accounts:profile") == "/compte/"
    settings.ROOT_URLCONF = "tests.core.urls_moved"
    assert fixed_address("accounts:profile") == "/ailleurs/compte/"


def test_day_writes_a_date_as_the_date_filter_does():
    with translation.override("fr"):
        assert rows.day(dt.date(2026, 1, 13), "l j F") == "mardi 13 janvier"


def test_day_follows_the_language_of_the_page():
    day = dt.date(2026, 1, 13)
    with translation.override("fr"):
        rows.day(day, "l j F")
    with translation.override("en"):
        assert rows.day(day, "l j F") == "Tuesday 13 January"


def test_day_writes_a_moment_in_the_local_time_zone_as_the_date_filter_does():
    moment = dt.datetime(2026, 1, 13, 23, 30, tzinfo=dt.UTC)  # already the 14th in Paris
    template = Template('{% load rows %}{{ moment|day:"l j F" }}|{{ moment|date:"l j F" }}')
    with translation.override("fr"):
        ours, django = template.render(Context({"moment": moment})).split("|")
    assert ours == django == "mercredi 14 janvier"


def test_day_of_nothing_is_empty():
    assert rows.day(None, "l j F") == ""


@pytest.mark.parametrize("fmt", ["d/m/Y H:i", "d/m H:i", "j/n/y G\\hi", "H\\hi", "l j F, H\\hi"])
def test_moment_writes_a_moment_as_the_date_filter_does(fmt):
    moment = dt.datetime(2026, 3, 29, 0, 5, tzinfo=dt.UTC)  # 01:05, then 02:05 in summer time
    template = Template("{% load rows %}{{ moment|moment:fmt }}|{{ moment|date:fmt }}")
    with translation.override("fr"):
        ours, django = template.render(Context({"moment": moment, "fmt": fmt})).split("|")
    assert ours == django


def test_moment_is_written_in_the_local_time_zone():
    moment = dt.datetime(2026, 1, 13, 23, 30, tzinfo=dt.UTC)
    template = Template('{% load rows %}{{ moment|moment:"d/m/Y H:i" }}')
    assert template.render(Context({"moment": moment})) == "14/01/2026 00:30"


def test_moment_of_nothing_is_empty():
    assert rows.moment(None, "d/m/Y H:i") == ""


def test_day_leaves_a_format_with_the_time_to_the_date_filter():
    moment = dt.datetime(2026, 1, 13, 23, 30, tzinfo=dt.UTC)
    template = Template('{% load rows %}{{ moment|day:"l j F, H\\hi" }}')
    with translation.override("fr"):
        assert template.render(Context({"moment": moment})) == "mercredi 14 janvier, 00h30"
