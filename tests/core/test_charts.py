import datetime as dt
import re

from passerelle.core.charts import Series, bar_chart, line_chart
from passerelle.core.utils import short_month
from passerelle.reports.presentation import axis_months

LONG = "Travail - Formation - Entrepreneuriat et insertion professionnelle"


def _texts(svg: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", svg).split())


def test_a_long_bar_label_is_wrapped_never_cut():
    svg = bar_chart(items=[(LONG, 12)], max_value=12, unit="")
    assert _texts(svg).startswith(LONG)
    assert svg.count("<tspan") >= 3


def test_a_long_legend_is_wrapped_never_cut():
    svg = line_chart(x_labels=["a", "b"], series=[Series(LONG, [1, 2])])
    assert LONG in _texts(svg)


def test_months_use_french_abbreviations_that_never_repeat():
    names = [short_month(dt.date(2026, m, 1)) for m in range(1, 13)]
    assert names[:2] == ["janv.", "févr."] and names[5:7] == ["juin", "juil."]
    assert len(set(names)) == 12


def test_the_axis_puts_the_year_under_the_first_month_and_january():
    months = [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1)]
    assert axis_months(months) == ["nov.\n2025", "déc.", "janv.\n2026"]
