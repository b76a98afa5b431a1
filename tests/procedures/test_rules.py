import datetime as dt

import pytest

from passerelle.procedures import rules
from passerelle.procedures.rules import Window

D = dt.date


@pytest.mark.parametrize(
    ("year", "month", "opens", "closes"),
    [
        (2026, 1, D(2026, 1, 28), D(2026, 2, 15)),
        (2026, 2, D(2026, 2, 26), D(2026, 3, 15)),
        (2026, 3, D(2026, 3, 28), D(2026, 4, 15)),
        (2026, 4, D(2026, 4, 28), D(2026, 5, 15)),
        (2026, 5, D(2026, 5, 28), D(2026, 6, 15)),
        (2026, 6, D(2026, 6, 28), D(2026, 7, 15)),
        (2026, 7, D(2026, 7, 28), D(2026, 8, 15)),
        (2026, 8, D(2026, 8, 28), D(2026, 9, 15)),
        (2026, 9, D(2026, 9, 28), D(2026, 10, 15)),
        (2026, 10, D(2026, 10, 28), D(2026, 11, 15)),
        (2026, 11, D(2026, 11, 28), D(2026, 12, 15)),
        (2026, 12, D(2026, 12, 28), D(2027, 1, 15)),
        (2028, 2, D(2028, 2, 26), D(2028, 3, 15)),  # leap year: still the 26th
        (2024, 2, D(2024, 2, 26), D(2024, 3, 15)),
    ],
)
def test_france_travail_window_of_each_month(year, month, opens, closes):
    assert rules.ft_actualisation_window(year, month) == Window(opens, closes)


def test_france_travail_windows_match_the_published_2026_calendar():
    windows = rules.ft_actualisation_windows(D(2026, 1, 1), D(2026, 4, 15))
    assert windows[:4] == [
        Window(D(2025, 12, 28), D(2026, 1, 15)),
        Window(D(2026, 1, 28), D(2026, 2, 15)),
        Window(D(2026, 2, 26), D(2026, 3, 15)),
        Window(D(2026, 3, 28), D(2026, 4, 15)),
    ]


@pytest.mark.parametrize(
    ("opened", "due"),
    [
        (D(2026, 1, 20), [D(2026, 4, 1), D(2026, 7, 1), D(2026, 10, 1)]),
        (D(2025, 11, 3), [D(2026, 2, 1), D(2026, 5, 1), D(2026, 8, 1), D(2026, 11, 1)]),
        (D(2025, 12, 31), [D(2026, 3, 1), D(2026, 6, 1), D(2026, 9, 1), D(2026, 12, 1)]),
    ],
)
def test_caf_declarations_fall_every_three_months_from_the_opening_month(opened, due):
    assert rules.caf_due_months(opened, D(2026, 1, 1), D(2026, 12, 31)) == due


def test_caf_window_covers_the_whole_month_by_default():
    windows = rules.caf_quarterly_windows(D(2025, 11, 3), D(2026, 1, 1), D(2026, 3, 31))
    assert windows == [Window(D(2026, 2, 1), D(2026, 2, 28))]


def test_caf_closing_day_setting_shortens_the_window_and_fits_short_months():
    windows = rules.caf_quarterly_windows(D(2025, 11, 3), D(2026, 1, 1), D(2026, 6, 30), 30)
    assert windows == [Window(D(2026, 2, 1), D(2026, 2, 28)), Window(D(2026, 5, 1), D(2026, 5, 30))]


@pytest.mark.parametrize(
    ("postcode", "zone"),
    [
        ("01000", 1),
        ("19100", 1),
        ("20000", 2),
        ("54000", 2),
        ("55000", 3),
        ("94400", 3),
        ("97400", 3),
        ("97600", 3),
        ("", None),
        ("9440", None),
        ("00100", None),
    ],
)
def test_tax_zone_follows_the_departement(postcode, zone):
    assert rules.tax_zone_for_postcode(postcode) == zone


def test_css_renewal_from_four_to_two_months_before_each_end():
    windows = rules.css_renewal_windows(D(2026, 9, 30), D(2026, 1, 1), D(2027, 12, 31))
    assert windows == [
        Window(D(2026, 5, 30), D(2026, 7, 30), D(2026, 9, 29)),
        Window(D(2027, 5, 30), D(2027, 7, 30), D(2027, 9, 29)),
    ]


def test_an_anef_title_is_renewed_from_the_120th_to_the_60th_day_before_its_end():
    window = rules.residence_permit_window(D(2026, 12, 31), "anef")
    assert window == Window(D(2026, 9, 2), D(2026, 11, 1), D(2026, 12, 30))


def test_an_anef_title_ending_in_april_closes_on_the_first_of_march():
    # February 2027 has 28 days: the 60th day before 30 April is 1 March.
    assert rules.residence_permit_window(D(2027, 4, 30), "anef") == Window(
        D(2026, 12, 31), D(2027, 3, 1), D(2027, 4, 29)
    )


def test_a_prefecture_title_is_renewed_in_the_two_months_before_its_end():
    assert rules.residence_permit_window(D(2027, 3, 15), "prefecture") == Window(
        D(2027, 1, 15), D(2027, 3, 14)
    )


def test_a_prefecture_title_ending_in_april_opens_at_the_end_of_february():
    assert rules.residence_permit_window(D(2027, 4, 30), "prefecture") == Window(
        D(2027, 2, 28), D(2027, 4, 29)
    )


def test_aah_is_filed_six_months_before_the_end_of_rights_from_a_year_before():
    assert rules.aah_window(D(2027, 3, 31), lead_months=12, file_by_months=6) == Window(
        D(2026, 3, 31), D(2026, 9, 30), D(2027, 3, 30)
    )


def test_an_identity_document_needs_its_appointment_weeks_before_it_expires():
    assert rules.identity_window(D(2027, 3, 31), lead_months=6, file_by_weeks=8) == Window(
        D(2026, 9, 30), D(2027, 2, 3), D(2027, 3, 31)
    )


def test_a_social_housing_request_is_renewed_in_the_month_before_its_anniversary():
    windows = rules.social_housing_windows(D(2025, 6, 12), D(2026, 11, 30), D(2027, 12, 31))
    assert windows == [Window(D(2027, 5, 12), D(2027, 6, 11))]


def test_a_domiciliation_is_renewed_every_year_before_it_ends():
    windows = rules.domiciliation_windows(
        D(2027, 1, 15), D(2026, 11, 30), D(2027, 12, 31), lead_months=2
    )
    assert windows == [
        Window(D(2026, 11, 15), D(2027, 1, 14)),
        Window(D(2027, 11, 15), D(2028, 1, 14)),
    ]


def test_a_receipt_is_renewed_in_the_month_before_it_ends():
    assert rules.residence_receipt_window(D(2027, 1, 10)) == Window(D(2026, 12, 10), D(2027, 1, 9))


def test_the_caf_date_typed_from_the_agenda_comes_back_every_three_months():
    windows = rules.caf_quarterly_windows(
        D(2025, 3, 1), D(2026, 11, 30), D(2027, 7, 31), agenda_due_on=D(2026, 12, 10)
    )
    assert windows == [
        Window(D(2026, 12, 1), D(2026, 12, 10)),
        Window(D(2027, 3, 1), D(2027, 3, 10)),
        Window(D(2027, 6, 1), D(2027, 6, 10)),
    ]


def test_every_rule_shows_its_source():
    assert all(rule.source for rule in rules.RULES.values())
