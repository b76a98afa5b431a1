"""Writes of the reports app: a funder report asked for, an export journaled. Reports only
read the other apps."""

from __future__ import annotations

from django.db import transaction

from passerelle.core.enums import AuditAction
from passerelle.core.services import audit_log
from passerelle.reports.models import FunderReport
from passerelle.reports.tasks import build_funder_report


@transaction.atomic
def funder_report_request(*, report: FunderReport, by) -> FunderReport:
    """Save the manager's request and queue the PDF (built by the worker)."""
    report.organisation = by.organisation
    report.requested_by = by
    report.full_clean()
    report.save()
    build_funder_report.enqueue(report.pk)
    return report


@transaction.atomic
def export_journal(*, by, summary: str, request=None) -> None:
    """Every export and every download of a report is journaled (who, when, what)."""
    audit_log(actor=by, action=AuditAction.EXPORT, summary=summary, request=request)
