"""The right of access (GDPR art. 15): everything Passerelle keeps about one person, from
every app's registration (`extensions.register_person_data`), and who opened the file (the
journal). Read only; `services.person_access_archive` journals the download."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from passerelle.core.documents import pdf_from_html
from passerelle.core.models import AuditEntry
from passerelle.core.readable import value_text
from passerelle.people.extensions import PERSON_DATA


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    purpose: str
    rows: list[dict[str, str]]


def sections_for(person) -> list[Section]:
    found = [
        Section(data.key, str(data.title), str(data.purpose), data.rows(person))
        for data in PERSON_DATA
    ]
    journal = [
        {
            _("Le"): value_text(entry.at),
            _("Action"): entry.get_action_display(),
            _("Par"): entry.actor.get_full_name() if entry.actor else _("Passerelle"),
        }
        for entry in AuditEntry.objects.filter(person_id=person.pk)
        .select_related("actor")
        .order_by("at", "pk")
    ]
    found.append(
        Section(
            "journal",
            _("Qui a consulté ou modifié votre fiche"),
            _("Chaque ouverture et chaque changement de votre fiche est noté, pour le contrôler."),
            journal,
        )
    )
    return found


def archive(person, *, organisation) -> bytes:
    """A ZIP: a readable PDF in plain French, and the same data as JSON."""
    sections = sections_for(person)
    made_at = timezone.localtime()
    html = render_to_string(
        "people/access_archive.html",
        {
            "person": person,
            "organisation": organisation,
            "sections": sections,
            "made_at": made_at,
        },
    )
    data = {
        "personne": str(person),
        "structure": organisation.name,
        "fait_le": made_at.isoformat(timespec="seconds"),
        "rubriques": [
            {"titre": s.title, "pourquoi": s.purpose, "donnees": s.rows} for s in sections
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("mes-donnees.pdf", pdf_from_html(html))
        bundle.writestr("mes-donnees.json", json.dumps(data, ensure_ascii=False, indent=2).encode())
    return buffer.getvalue()
