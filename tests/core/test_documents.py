"""Every PDF Passerelle makes is a tagged PDF (PDF/UA-1) a screen reader can follow: a
structure tree, the document's language and title, headings, table headers, and charts as
figures with their alternative text."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from passerelle.reports.models import FunderReport
from tests.factories import ActivityFactory, PersonFactory
from tests.tasks import run_worker

ROOT = Path(__file__).resolve().parents[2] / "passerelle"


def structure(pdf: bytes) -> tuple[dict, set[str], list[str]]:
    """The catalogue, the structure types used and the figures' alternative texts."""
    reader = PdfReader(io.BytesIO(pdf))
    catalogue = reader.trailer["/Root"]
    types, alts = set(), []

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child, depth)
            return
        if not hasattr(node, "get"):
            return
        if node.get("/S"):
            types.add(str(node["/S"]))
        if node.get("/Alt"):
            alts.append(str(node["/Alt"]))
        if node.get("/K") is not None and depth < 60:
            walk(node["/K"], depth + 1)

    walk(catalogue["/StructTreeRoot"])
    return catalogue, types, alts


def assert_tagged(pdf: bytes, title: str) -> tuple[set[str], list[str]]:
    catalogue, types, alts = structure(pdf)
    assert catalogue["/Lang"] == "fr"
    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert PdfReader(io.BytesIO(pdf)).metadata.title == title
    return types, alts


def test_the_attendance_sheet_is_a_tagged_pdf_with_language_title_and_table_headers(
    staff_client, session
):
    client, user = staff_client("mediator")
    response = client.get(f"/ateliers/seances/{session.pk}/emargement.pdf")
    types, _alts = assert_tagged(response.content, "Feuille d'émargement")
    assert {"/H1", "/Table", "/TH", "/TD"} <= types


def test_the_funder_report_is_a_tagged_pdf_whose_charts_have_alternative_text(
    manager_client, organisation, site
):
    for day in (5, 6, 7):
        ActivityFactory(
            organisation=organisation,
            site=site,
            person=PersonFactory(organisation=organisation),
            date=dt.date(2026, 2, day),
        )
    manager_client.post(
        reverse("reports:funder_new"),
        {"title": "Bilan 2026", "funder": "CD94", "start": "2026-01-01", "end": "2026-12-31"},
    )
    run_worker()
    report = FunderReport.objects.get()
    assert report.status == "done", report.error
    types, alts = assert_tagged(bytes(report.pdf), "Bilan 2026")
    assert {"/H1", "/H2", "/Table", "/TH", "/Figure"} <= types
    assert alts and all("tableau qui suit" in alt for alt in alts)


def test_every_pdf_is_made_through_the_tagged_pdf_helper():
    callers = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "weasyprint" in path.read_text() and path.name != "documents.py"
    ]
    assert callers == []


@pytest.fixture
def session(organisation, site):
    from django.utils import timezone

    from passerelle.workshops import services
    from passerelle.workshops.models import Workshop

    workshop = Workshop.objects.create(
        organisation=organisation,
        title="Boîte mail",
        theme="email",
        level="debutant",
        duration_minutes=90,
        description="Créer son adresse.",
    )
    starts = timezone.now() + dt.timedelta(days=2)
    return services.session_create(workshop=workshop, site=site, starts_at=starts, capacity=4)
