"""The demo's people in order of arrival, by home site: who can take part in something on a
given day, and where. With it, new people arrive all year long, nobody has an activity before
their file exists or long after they stopped coming, and each site's figures are mostly its
own people."""

from __future__ import annotations

import bisect
import datetime as dt
import random

# A person does most things at their home site; a few go to the other one.
HOME_SITE_SHARE = 0.97
# Many people come for a few months (a procedure, a job search); some stay for years.
STAYING_SHARE = 0.4
STAY_DAYS = (60, 420)
PICK_TRIES = 12


class Roster:
    def __init__(self, people: list[tuple[int, int | None, dt.date]], rng: random.Random):
        """`people`: (person id, home site id, arrival date)."""
        ordered = sorted(people, key=lambda p: (p[2], p[0]))
        self.leaving = {
            pk: None
            if rng.random() < STAYING_SHARE
            else day + dt.timedelta(days=rng.randint(*STAY_DAYS))
            for pk, _site, day in ordered
        }
        self.ids = [pk for pk, _site, _day in ordered]
        self.arrival = {pk: day for pk, _site, day in ordered}
        self.home_site = {pk: site for pk, site, _day in ordered}
        self._days = [day for _pk, _site, day in ordered]
        self._by_site: dict[int | None, tuple[list[int], list[dt.date]]] = {}
        for pk, site, day in ordered:
            ids, days = self._by_site.setdefault(site, ([], []))
            ids.append(pk)
            days.append(day)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids)

    def _pool(self, rng: random.Random, site_id) -> tuple[list[int], list[dt.date]]:
        if site_id in self._by_site and rng.random() < HOME_SITE_SHARE:
            return self._by_site[site_id]
        return self.ids, self._days

    def _present(self, person_id: int, day: dt.date) -> bool:
        leaving = self.leaving[person_id]
        return leaving is None or day <= leaving

    def pick(self, rng: random.Random, day: dt.date, site_id=None) -> int | None:
        """Someone who comes to the centre on `day`, mostly of this site; None if nobody
        was found (before anyone came)."""
        ids, days = self._pool(rng, site_id)
        known = bisect.bisect_right(days, day)
        for _ in range(PICK_TRIES if known else 0):
            person_id = ids[rng.randrange(known)]
            if self._present(person_id, day):
                return person_id
        return None

    def sample(self, rng: random.Random, count: int, day: dt.date, site_id=None) -> list[int]:
        """Up to `count` different people who come on `day`, mostly of this site."""
        ids, days = self._pool(rng, site_id)
        known = bisect.bisect_right(days, day)
        chosen = rng.sample(range(known), min(count * 2, known))
        return [ids[i] for i in chosen if self._present(ids[i], day)][:count]

    def day_for(self, rng: random.Random, person_id: int, today: dt.date) -> dt.date:
        """A day between the person's arrival and the last day they came (or today)."""
        arrival = self.arrival[person_id]
        last = min(self.leaving[person_id] or today, today)
        return arrival + dt.timedelta(days=rng.randint(0, max((last - arrival).days, 0)))

    def site_for(self, rng: random.Random, person_id: int, sites: list) -> object:
        """The person's home site most of the time, else any site."""
        home = self.home_site.get(person_id)
        if rng.random() < HOME_SITE_SHARE:
            for site in sites:
                if site.pk == home:
                    return site
        return rng.choice(sites)
