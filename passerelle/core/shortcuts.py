"""View helpers for ids that come from the query string or a form."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

# Larger ids do not fit a 64-bit integer column (SQLite raises OverflowError, not a 404).
MAX_ID = 2**63 - 1


def int_or_none(raw) -> int | None:
    """An id typed in a URL or posted by a form: a positive integer, or None."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def object_or_404(queryset, raw_pk):
    """`get_object_or_404` for an id that may be anything: 404, never a 500."""
    pk = int_or_none(raw_pk)
    if pk is None:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def safe_return(request, default: str, *, name: str = "retour") -> str:
    """Where to go back after a form: the `retour` (or `next`) address the page carried, if it
    stays on Passerelle; otherwise `default`. An outside or `//host` address is never
    followed."""
    target = request.POST.get(name) or request.GET.get(name) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def query_without_page(request) -> str:
    """The current filters, to build the links of a paginated list."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class NarrowPages:
    """A long, ordered list paginated in two steps: the page's keys are sorted alone (a
    narrow sort: only the ordering columns travel through SQLite's sorter), then the page's
    50 rows are read whole by their keys. For Django's Paginator: `count()` and slices.

    A list of at most `held` rows (the usual case) is sorted once: its keys are read in one
    query, which gives the count and every page's keys (a COUNT would join and filter the
    same rows a second time). A longer one is counted, and each page's keys read alone."""

    def __init__(self, queryset, rows, *, held: int = 10_000):
        self.queryset = queryset
        self.rows = rows  # keys -> the full rows (with their select_related)
        self.held = held
        self._keys: list | None = None
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            keys = list(self.queryset.values_list("pk", flat=True)[: self.held + 1])
            if len(keys) <= self.held:
                self._keys, self._count = keys, len(keys)
            else:
                self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self._keys is not None:
            keys = self._keys[index]
        else:
            keys = list(self.queryset.values_list("pk", flat=True)[index])
        if not keys:
            return []
        found = {row.pk: row for row in self.rows(keys)}
        return [found[key] for key in keys if key in found]
