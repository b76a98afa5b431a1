"""Build the funder report's PDF, step by step, saying how far it is (the page polls it)."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core.documents import pdf_from_html
from passerelle.reports import impact, presentation, selectors
from passerelle.reports.enums import ReportStatus
from passerelle.reports.forms import Scope
from passerelle.reports.models import FunderReport

logger = logging.getLogger(__name__)


def scope_of(report: FunderReport) -> Scope:
    return Scope(
        organisation_id=report.organisation_id,
        site_ids=[report.site_id] if report.site_id else None,
        programme="",
        staff_id=None,
        start=report.start,
        end=report.end,
    )


def _step(report: FunderReport, progress: int, step: str) -> None:
    FunderReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, progress=progress, step=step, updated_at=timezone.now()
    )


def build(report_id: int) -> str:
    report = FunderReport.objects.select_related("organisation", "site").get(pk=report_id)
    if report.status == ReportStatus.DONE:
        return "already built"
    try:
        scope = scope_of(report)
        _step(report, 10, _("Calcul des chiffres"))
        figures = selectors.dashboard(scope)
        _step(report, 45, _("Mesure de la progression des personnes"))
        autonomy = impact.autonomy_progress(scope)
        diagnostics = impact.diagnostic_progress(scope)
        _step(report, 65, _("Dessin des graphiques"))
        context = {
            "report": report,
            **figures,
            **presentation.charts(figures),
            **presentation.impact_charts(autonomy, diagnostics),
            "profile_tables": presentation.profile_tables(figures["profile"]),
            "autonomy": autonomy,
            "diagnostics": diagnostics,
            "printed_at": timezone.localtime(),
        }
        html = render_to_string("reports/funder_pdf.html", context)
        _step(report, 80, _("Mise en page du PDF"))
        pdf = pdf_from_html(html)
    except Exception as error:  # the page must say it failed, not spin forever
        logger.exception("Funder report %s", report_id)
        FunderReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=str(error)[:300], updated_at=timezone.now()
        )
        return "failed"
    FunderReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.DONE, progress=100, step="", pdf=pdf, updated_at=timezone.now()
    )
    return "done"
