"""Statistics: the dashboard, the impact charts, the exports and the funder report."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from passerelle.accounts import permissions
from passerelle.accounts.decorators import require
from passerelle.core.models import Site
from passerelle.core.routers import replica_reads
from passerelle.people import coop_beneficiaries
from passerelle.reports import coop, exports, impact, presentation, selectors, services
from passerelle.reports.enums import ReportStatus
from passerelle.reports.forms import FunderReportForm, ReportFilterForm
from passerelle.reports.models import FunderReport


def _form(request) -> ReportFilterForm:
    data = request.GET if any(key in request.GET for key in ReportFilterForm.base_fields) else None
    form = ReportFilterForm(data, user=request.user)
    if data is None:
        form = ReportFilterForm({"periode": "annee"}, user=request.user)
    return form


@require(permissions.can_view_statistics)
@replica_reads
def dashboard(request):
    form = _form(request)
    context = {"form": form, "can_export": permissions.can_export(request.user)}
    if form.is_valid():
        scope = form.scope()
        figures = selectors.dashboard(scope)
        context.update(figures)
        context.update(presentation.charts(figures))
        context["profile_tables"] = presentation.profile_tables(figures["profile"])
        context["query"] = request.GET.urlencode()
        context["empty"] = not any(v.value for _label, v in figures["key_figures"])
    return render(request, "reports/dashboard.html", context)


@require(permissions.can_view_statistics)
@replica_reads
def impact_view(request):
    form = _form(request)
    context = {"form": form}
    if form.is_valid():
        scope = form.scope()
        autonomy = impact.autonomy_progress(scope)
        diagnostics = impact.diagnostic_progress(scope)
        context.update(scope=scope, autonomy=autonomy, diagnostics=diagnostics)
        context.update(presentation.impact_charts(autonomy, diagnostics))
    return render(request, "reports/impact.html", context)


# An Excel file is built whole before it is sent (the CSV streams): past this many rows it
# would outlast the web server's timeout (see the bench). Excel itself stops at 1,048,576.
XLSX_MAX_ROWS = 200_000
# The Coop's workbook writes 31 columns a row with its styles: 27,926 rows in 8.7 s, 191,418 in
# 58 s at bench volume (python -m bench.coop_export). Past this, its CSV (streamed) is offered.
COOP_XLSX_MAX_ROWS = 100_000
EXPORTS = {
    "csv": (_("activités anonymisées (CSV)"), "passerelle-activites"),
    "xlsx": (_("activités anonymisées (XLSX)"), "passerelle-activites"),
    "coop": (_("La Coop de la médiation numérique (Excel)"), "coop-numerique_accompagnements"),
    "coop-csv": (_("La Coop de la médiation numérique (CSV)"), "coop-numerique_accompagnements"),
    "coop-beneficiaires": (
        _("bénéficiaires pour La Coop de la médiation numérique"),
        "coop-numerique_beneficiaires",
    ),
}


@require(permissions.can_export)
@replica_reads
def export(request, fmt: str):
    form = _form(request)
    if fmt not in EXPORTS or not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    scope = form.scope()
    qs = selectors.activities(scope)
    label, stem = EXPORTS[fmt]
    too_long = (fmt == "xlsx" and qs.count() > XLSX_MAX_ROWS) or (
        fmt == "coop" and coop.total(qs) > COOP_XLSX_MAX_ROWS
    )
    if too_long:
        limit = COOP_XLSX_MAX_ROWS if fmt == "coop" else XLSX_MAX_ROWS
        messages.error(
            request,
            _(
                "Plus de %(rows)s activités sur cette période : le fichier Excel serait trop "
                "long à préparer. Choisissez une période plus courte, ou l'export CSV, qui "
                "s'ouvre aussi dans Excel."
            )
            % {"rows": f"{limit:,}".replace(",", " ")},
        )
        return redirect(f"{reverse('reports:dashboard')}?{request.GET.urlencode()}")
    services.export_journal(
        by=request.user,
        summary=_("Export %(label)s du %(start)s au %(end)s")
        % {"label": label, "start": scope.start, "end": scope.end},
        request=request,
    )
    filename = f"{stem}-{scope.start}-{scope.end}"
    if fmt.startswith("coop"):
        return _coop_export(request, fmt, qs, scope, filename)
    if fmt == "xlsx":
        handle = exports.xlsx_file(exports.HEADER, exports.rows(qs, scope.organisation_id))
        return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")
    lines = exports.csv_stream(exports.HEADER, exports.rows(qs, scope.organisation_id))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _coop_export(request, fmt, qs, scope, filename):
    """The Coop's worksheet: one staff member's own ("self") when the export is filtered on
    one, else the team's."""
    self_export = scope.staff_id is not None
    if fmt == "coop-beneficiaires":
        handle = coop_beneficiaries.workbook(coop.beneficiaries(qs))
        return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")
    if fmt == "coop-csv":
        header = coop.header(self_export=self_export)
        lines = coop.csv_rows(qs, organisation_id=scope.organisation_id, self_export=self_export)
        response = StreamingHttpResponse(
            exports.csv_stream(header, lines), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    site_names = []
    if scope.site_ids is not None:
        site_names = list(
            Site.objects.filter(pk__in=scope.site_ids)
            .order_by("name")
            .values_list("name", flat=True)
        )
    handle = coop.xlsx_file(
        qs=qs,
        organisation_id=scope.organisation_id,
        user=request.user,
        start=scope.start,
        end=scope.end,
        site_names=site_names,
        self_export=self_export,
    )
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")


@require(permissions.can_export)
def funder_new(request):
    form = FunderReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        report = services.funder_report_request(report=form.instance, by=request.user)
        return redirect("reports:funder_detail", report.pk)
    reports = FunderReport.objects.visible_to(request.user).defer("pdf")[:20]
    return render(request, "reports/funder_form.html", {"form": form, "reports": reports})


@require(permissions.can_export)
def funder_detail(request, pk: int):
    report = get_object_or_404(FunderReport.objects.visible_to(request.user).defer("pdf"), pk=pk)
    template = "reports/funder_detail.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"report": report, "busy": _busy(report)})


def _busy(report: FunderReport) -> bool:
    return report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)


@require(permissions.can_export)
def funder_pdf(request, pk: int):
    report = get_object_or_404(
        FunderReport.objects.visible_to(request.user), pk=pk, status=ReportStatus.DONE
    )
    services.export_journal(
        by=request.user,
        summary=_("Bilan pour un financeur : %(title)s") % {"title": report.title},
        request=request,
    )
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bilan-{report.start}-{report.end}.pdf"'
    )
    return response
