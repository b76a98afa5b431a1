"""Lending a laptop from a person's file, printing the agreement, and taking it back; the
desk's list shows the late loan first. axe-core on each page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.browser.conftest import assert_accessible, log_in


def test_the_loan_cycle_with_its_agreement(page, demo_centre):
    from passerelle.equipment.models import Device, Loan
    from passerelle.people.models import Person

    reception = demo_centre[3]
    log_in(page, reception["email"], reception["password"])
    page.wait_for_url("**/")
    page.goto("/pret/")
    page.get_by_role("heading", name="En retard").wait_for()
    assert "Samsung Galaxy Tab A8" in page.locator("#late-title + ul").inner_text()
    assert_accessible(page)

    device = Device.objects.get(serial_number="DL-5490-07")
    person = Person.objects.filter(loans__isnull=True).order_by("pk").first()
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Prêter du matériel").click()
    assert_accessible(page)
    page.get_by_label("Matériel").select_option(str(device.pk))
    due = timezone.localdate() + dt.timedelta(days=14)
    page.get_by_label("À rendre le").fill(due.isoformat())
    page.get_by_role("button", name="Prêter").click()
    page.get_by_text("Prêt noté. Imprimez la convention et faites-la signer.").wait_for()
    assert_accessible(page)

    loan = Loan.objects.get(device=device, returned_on__isnull=True)
    pdf = page.request.get(f"/pret/prets/{loan.pk}/convention.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    page.get_by_label("Traces d'usage").check()
    page.get_by_label("Remarques").fill("Touche A un peu dure")
    page.get_by_role("button", name="Noter le retour").click()
    page.get_by_text("Retour noté : le matériel peut être prêté à nouveau.").wait_for()
    loan.refresh_from_db()
    assert (loan.condition_back, loan.return_notes) == ("fair", "Touche A un peu dure")
