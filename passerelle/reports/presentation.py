"""What the dashboard and the funder report show of the figures: charts (SVG) with the rows
of their tables, and the profile tables with their labels."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from passerelle.core.charts import Series, bar_chart, heatmap, line_chart
from passerelle.core.utils import short_month
from passerelle.reports import selectors

WEEKDAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 7]  # ISO: Monday first


PROFILE_CAPTIONS = [
    ("age_band", _l("Tranche d'âge")),
    ("gender", _l("Genre")),
    ("employment_status", _l("Situation professionnelle")),
    ("education_level", _l("Niveau de diplôme")),
    ("income_situation", _l("Ressources principales")),
    ("household", _l("Composition du foyer")),
    ("equipment", _l("Équipement à domicile")),
    ("programme", _l("Dispositif")),
    ("commune", _l("Commune")),
]
EQUIPMENT = {
    "smartphone": _l("A un smartphone"),
    "computer": _l("A un ordinateur"),
    "internet": _l("A internet"),
    "none": _l("Ni smartphone ni ordinateur"),
}
TOP_COMMUNES = 15


def profile_tables(profile: dict) -> list[tuple[str, list[tuple[str, int]]]]:
    tables = []
    for key, caption in PROFILE_CAPTIONS:
        counter = profile[key]
        if key == "commune":
            unknown = counter.pop("unknown", 0)
            top = counter.most_common(TOP_COMMUNES)
            rest = sum(counter.values()) - sum(n for _c, n in top)
            rows = top + ([(_("Autres communes"), rest)] if rest else [])
            rows += [(_("Non communiquée"), unknown)] if unknown else []
        elif key == "equipment":
            rows = [(EQUIPMENT[k], counter[k]) for k in EQUIPMENT if counter.get(k)]
        else:
            labels = selectors.PROFILE_CHOICES[key]
            rows = [(label, counter[value]) for value, label in labels if counter.get(value)]
        tables.append((caption, rows))
    return tables


def month_label(day: dt.date) -> str:
    return short_month(day, with_year=True)


def axis_months(months: list[dt.date]) -> list[str]:
    """Month abbreviations for an axis, the year under the first month and under January."""
    return [
        f"{short_month(m)}\n{m.year}" if i == 0 or m.month == 1 else short_month(m)
        for i, m in enumerate(months)
    ]


def charts(figures: dict) -> dict:
    kinds = figures["by_kind"]
    themes = figures["by_theme"]
    monthly = figures["monthly"]
    charts = {}
    if kinds:
        peak = max(item["value"] for item in kinds) or 1
        charts["kind_chart"] = bar_chart(
            items=[(str(i["label"]), i["value"]) for i in kinds], max_value=peak, unit=""
        )
    if themes:
        peak = max(item["value"] for item in themes) or 1
        charts["theme_chart"] = bar_chart(
            items=[(str(i["label"]), i["value"]) for i in themes], max_value=peak, unit=""
        )
    if len(monthly) > 1:
        peak = max(max(n, hours) for _m, n, hours in monthly) or 1
        charts["monthly_chart"] = line_chart(
            x_labels=axis_months([month for month, _n, _h in monthly]),
            series=[
                Series(_("Activités"), [n for _m, n, _h in monthly]),
                Series(_("Heures"), [h for _m, _n, h in monthly]),
            ],
            y_max=peak * 1.1,
            unit="",
        )
    weekdays = figures["weekdays"]
    if weekdays and monthly:
        months = [month for month, _n, _p in monthly]
        charts["weekday_rows"] = [
            (
                WEEKDAYS[i],
                [weekdays.get((month, code), 0) for month in months],
            )
            for i, code in enumerate(WEEKDAY_ORDER)
        ]
        charts["weekday_months"] = [month_label(m) for m in months]
        charts["weekday_chart"] = heatmap(
            rows=WEEKDAYS,
            columns=[short_month(m) for m in months],
            values=[values for _label, values in charts["weekday_rows"]],
        )
    return charts


def impact_charts(autonomy: list, diagnostics: list) -> dict:
    """Slope charts: first and latest measure, one line per domain (seven at most)."""
    labels = [_("Première mesure"), _("Dernière mesure")]
    charts = {}
    for key, rows in (("autonomy_chart", autonomy), ("diagnostic_chart", diagnostics)):
        if rows:
            charts[key] = line_chart(
                x_labels=labels, series=[Series(p.label, [p.first, p.latest]) for p in rows[:7]]
            )
    return charts
