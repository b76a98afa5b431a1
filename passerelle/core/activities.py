"""Building the Activity record (DESIGN §4) the same way wherever it is written.

`build(**fields)` makes an unsaved, normalised `Activity` (other themes without the main
one, sorted equipment, a label that fits, the generic link to its source row). Each app has
an `activities.py` with one builder per kind it writes, used both by its services (through
`core.services.activity_record`) and by `seed_demo` (in bulk), so that the demo's history is
exactly what the services would have written.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from passerelle.core import enums
from passerelle.core.models import Activity


def build(
    *,
    source: models.Model | None = None,
    other_themes: Iterable[str] = (),
    equipment: Iterable[str] = (),
    label: str = "",
    place_type: str = enums.PlaceType.ON_SITE,
    **fields,
) -> Activity:
    """An unsaved Activity. `fields` are Activity's own (ids welcome: `site_id`,
    `person_id`, `staff_id`), `source` the row it records."""
    theme = fields.get("theme")
    return Activity(
        other_themes=sorted(set(other_themes) - {theme}),
        equipment=sorted(set(equipment)),
        label=str(label)[:200],
        place_type=place_type,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        **fields,
    )
