import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from passerelle.core.models import AuditEntry
from passerelle.reports import funder
from passerelle.reports.models import FunderReport
from tests.factories import ActivityFactory, PersonFactory, SiteFactory
from tests.tasks import run_worker

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Bilan 2026 — Conseil départemental",
    "funder": "Département du Val-de-Marne",
    "start": "2026-01-01",
    "end": "2026-03-31",
    "introduction": "Un lieu ouvert à tous.",
    "highlights": "Trois ateliers CAF complets.",
    "outlook": "Ouvrir le samedi.",
}


@pytest.fixture
def activities(organisation, site):
    for day in (5, 6, 7):
        ActivityFactory(
            organisation=organisation,
            site=site,
            person=PersonFactory(organisation=organisation),
            date=dt.date(2026, 2, day),
        )


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_report_is_built_in_the_background_then_downloaded(manager_client, activities):
    response = manager_client.post(reverse("reports:funder_new"), FORM)
    report = FunderReport.objects.get()
    assert response.url == reverse("reports:funder_detail", args=[report.pk])
    assert report.status == "queued"
    assert "<progress" in manager_client.get(response.url).text

    run_worker()

    report.refresh_from_db()
    assert (report.status, report.progress) == ("done", 100)
    page = manager_client.get(response.url)
    assert "Télécharger le bilan (PDF)" in page.text
    text = pdf_text(manager_client.get(reverse("reports:funder_pdf", args=[report.pk])))
    assert "Bilan 2026 — Conseil départemental" in text
    assert "Personnes accompagnées 3" in text
    assert "Trois ateliers CAF complets." in text


def test_each_step_moves_the_progress_bar(manager, organisation, monkeypatch):
    report = FunderReport.objects.create(
        organisation=organisation,
        requested_by=manager,
        title="T",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 1, 31),
    )
    seen = []
    real_step = funder._step
    monkeypatch.setattr(
        funder,
        "_step",
        lambda r, progress, step: (seen.append(progress), real_step(r, progress, step)),
    )
    assert funder.build(report.pk) == "done"
    assert seen == sorted(seen) and len(seen) >= 3


def test_the_progress_fragment_polls_until_ready(manager_client, manager, organisation):
    report = FunderReport.objects.create(
        organisation=organisation, requested_by=manager, title="T",
        start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), progress=45, status="running",
    )  # fmt: skip
    response = manager_client.get(
        reverse("reports:funder_detail", args=[report.pk]), HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="every 1s"' in response.text
    assert 'value="45"' in response.text
    assert "<html" not in response.text


def test_a_failure_is_said_not_spun_forever(manager, organisation, monkeypatch):
    report = FunderReport.objects.create(
        organisation=organisation, requested_by=manager, title="T",
        start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31),
    )  # fmt: skip
    monkeypatch.setattr(funder.selectors, "dashboard", lambda scope: 1 / 0)
    assert funder.build(report.pk) == "failed"
    report.refresh_from_db()
    assert report.status == "failed"


def test_downloading_the_report_is_journaled(manager_client, manager, organisation):
    report = FunderReport.objects.create(
        organisation=organisation, requested_by=manager, title="Bilan T1",
        start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31), status="done", pdf=b"%PDF-1.7",
    )  # fmt: skip
    manager_client.get(reverse("reports:funder_pdf", args=[report.pk]))
    assert AuditEntry.objects.filter(action="export", summary__contains="Bilan T1").exists()


def test_dates_in_the_wrong_order_get_a_french_message(manager_client):
    response = manager_client.post(
        reverse("reports:funder_new"), {**FORM, "start": "2026-03-01", "end": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "La date de fin doit venir après la date de début." in response.text
    assert not FunderReport.objects.exists()


def test_a_site_of_another_organisation_is_refused(manager_client):
    response = manager_client.post(
        reverse("reports:funder_new"), {**FORM, "site": SiteFactory(name="Ailleurs").pk}
    )
    assert "Sélectionnez un choix valide" in response.text


def test_another_organisations_report_is_not_found(manager_client, manager):
    other = FunderReport.objects.create(
        organisation=SiteFactory(name="X").organisation, requested_by=manager, title="T",
        start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31),
    )  # fmt: skip
    assert manager_client.get(reverse("reports:funder_detail", args=[other.pk])).status_code == 404


def test_only_managers_prepare_funder_reports(staff_client):
    client, _user = staff_client("social_worker")
    assert client.get(reverse("reports:funder_new")).status_code == 403


def test_a_new_report_proposes_the_current_years_dates(manager_client):
    form = manager_client.get("/statistiques/bilan/").context["form"]
    year = timezone.localdate().year
    assert form["start"].value() == dt.date(year, 1, 1)
    assert form["end"].value() == dt.date(year, 12, 31)
