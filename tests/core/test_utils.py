import datetime as dt

import pytest

from passerelle.core.enums import AgeBand
from passerelle.core.utils import age_band_for, fold


@pytest.mark.parametrize(
    ("birth_date", "band"),
    [
        (dt.date(2015, 6, 2), AgeBand.UNDER_12),
        (dt.date(2014, 6, 1), AgeBand.FROM_12_TO_17),
        (dt.date(2008, 6, 2), AgeBand.FROM_12_TO_17),
        (dt.date(2008, 6, 1), AgeBand.FROM_18_TO_24),
        (dt.date(2001, 6, 1), AgeBand.FROM_25_TO_39),
        (dt.date(1986, 6, 1), AgeBand.FROM_40_TO_59),
        (dt.date(1966, 6, 1), AgeBand.FROM_60_TO_69),
        (dt.date(1956, 6, 1), AgeBand.OVER_70),
        (None, AgeBand.UNKNOWN),
    ],
)
def test_age_band_follows_the_national_bands_on_the_given_day(birth_date, band):
    assert age_band_for(birth_date, dt.date(2026, 6, 1)) == band


def test_fold_ignores_accents_and_case():
    assert fold("Éloïse LEFÈVRE-Çelik") == "eloise lefevre-celik"
