"""Statistics: the dashboard, the impact charts, the exports and the funder report."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from passerelle.accounts import permissions
from passerelle.accounts.views import require
from passerelle.core.charts import Series, bar_chart, heatmap, line_chart
from passerelle.core.enums import AuditAction
from passerelle.core.services import audit_log
from passerelle.reports import exports, impact, selectors
from passerelle.reports.forms import ReportFilterForm

WEEKDAYS = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
# ExtractWeekDay: 1 = Sunday … 7 = Saturday, on every database.
WEEKDAY_ORDER = [2, 3, 4, 5, 6, 7, 1]


def _form(request) -> ReportFilterForm:
    data = request.GET if any(key in request.GET for key in ReportFilterForm.base_fields) else None
    form = ReportFilterForm(data, user=request.user)
    if data is None:
        form = ReportFilterForm({"periode": "annee"}, user=request.user)
    return form


@require(permissions.can_view_statistics)
def dashboard(request):
    form = _form(request)
    context = {"form": form, "can_export": permissions.can_export(request.user)}
    if form.is_valid():
        scope = form.scope()
        figures = selectors.dashboard(scope)
        context.update(figures)
        context.update(_charts(figures))
        context["profile_tables"] = _profile_tables(figures["profile"])
        context["query"] = request.GET.urlencode()
        context["empty"] = not any(v.value for _label, v in figures["key_figures"])
    return render(request, "reports/dashboard.html", context)


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


def _profile_tables(profile: dict) -> list[tuple[str, list[tuple[str, int]]]]:
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


def _month_label(day: dt.date) -> str:
    return formats.date_format(day, "M Y")


def _charts(figures: dict) -> dict:
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
        peak = max(max(n, people) for _m, n, people in monthly) or 1
        charts["monthly_chart"] = line_chart(
            x_labels=[_month_label(month) for month, _n, _p in monthly],
            series=[
                Series(_("Activités"), [n for _m, n, _p in monthly]),
                Series(_("Personnes"), [p for _m, _n, p in monthly]),
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
        charts["weekday_months"] = [_month_label(m) for m in months]
        charts["weekday_chart"] = heatmap(
            rows=WEEKDAYS,
            columns=[formats.date_format(m, "M") for m in months],
            values=[values for _label, values in charts["weekday_rows"]],
        )
    return charts


@require(permissions.can_view_statistics)
def impact_view(request):
    form = _form(request)
    context = {"form": form}
    if form.is_valid():
        scope = form.scope()
        autonomy = impact.autonomy_progress(scope)
        diagnostics = impact.diagnostic_progress(scope)
        context.update(scope=scope, autonomy=autonomy, diagnostics=diagnostics)
        labels = [_("Première mesure"), _("Dernière mesure")]
        if autonomy:
            context["autonomy_chart"] = line_chart(
                x_labels=labels,
                series=[Series(p.label, [p.first, p.latest]) for p in autonomy[:7]],
            )
        if diagnostics:
            context["diagnostic_chart"] = line_chart(
                x_labels=labels,
                series=[Series(p.label, [p.first, p.latest]) for p in diagnostics[:7]],
            )
    return render(request, "reports/impact.html", context)


EXPORTS = {
    "csv": (_("activités anonymisées (CSV)"), "passerelle-activites"),
    "xlsx": (_("activités anonymisées (XLSX)"), "passerelle-activites"),
    "coop": (_("format La Coop de la médiation numérique (CSV)"), "coop-mediation-activites"),
}


@require(permissions.can_export)
def export(request, fmt: str):
    form = _form(request)
    if fmt not in EXPORTS or not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    scope = form.scope()
    qs = selectors.activities(scope)
    label, stem = EXPORTS[fmt]
    audit_log(
        actor=request.user,
        action=AuditAction.EXPORT,
        summary=_("Export %(label)s du %(start)s au %(end)s")
        % {"label": label, "start": scope.start, "end": scope.end},
        request=request,
    )
    filename = f"{stem}-{scope.start}-{scope.end}"
    if fmt == "xlsx":
        handle = exports.xlsx_file(exports.HEADER, exports.rows(qs, scope.organisation_id))
        return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")
    if fmt == "coop":
        lines = exports.csv_stream(exports.COOP_HEADER, exports.coop_rows(qs))
    else:
        lines = exports.csv_stream(exports.HEADER, exports.rows(qs, scope.organisation_id))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
