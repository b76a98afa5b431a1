"""The demo centre's devices to lend, two of them out (one late)."""

from __future__ import annotations

import datetime as dt

from passerelle.equipment.models import Device, Loan
from passerelle.people.models import Person

DEVICES = [
    ("laptop", "Lenovo ThinkPad T480 (reconditionné)", "PF-1A2B3C", "chargeur, housse"),
    ("laptop", "Dell Latitude 5490 (reconditionné)", "DL-5490-07", "chargeur"),
    ("tablet", "Samsung Galaxy Tab A8", "R52T-1187", "chargeur, coque"),
    ("smartphone", "Samsung Galaxy A14", "A14-35678", "chargeur, carte SIM solidaire"),
    ("router", "Routeur 4G Huawei E5576", "E5576-991", "câble USB"),
]


def seed_equipment(*, organisation, sites, staff, today, **_common) -> None:
    vitry = next(s for s in sites if s.name == "Vitry-sur-Seine")
    devices = [
        Device.objects.create(
            organisation=organisation,
            site=vitry,
            kind=kind,
            label=label,
            serial_number=serial,
            accessories=accessories,
        )
        for kind, label, serial, accessories in DEVICES
    ]
    lender = next(u for u in staff if u.role == "mediator")
    people = list(Person.objects.filter(organisation=organisation).order_by("pk")[:2])
    for device, person, started, due in (
        (devices[0], people[0], 20, 10),  # out for three weeks, back in ten days
        (devices[2], people[1], 40, -5),  # five days late
    ):
        Loan.objects.create(
            device=device,
            person=person,
            starts_on=today - dt.timedelta(days=started),
            due_on=today + dt.timedelta(days=due),
            condition_out=device.condition,
            accessories_out=device.accessories,
            lent_by=lender,
        )
