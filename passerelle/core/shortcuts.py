"""View helpers for ids that come from the query string or a form."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404


def int_or_none(raw) -> int | None:
    """An id typed in a URL or posted by a form: a positive integer, or None."""
    text = str(raw or "").strip()
    return int(text) if text.isdigit() else None


def object_or_404(queryset, raw_pk):
    """`get_object_or_404` for an id that may be anything: 404, never a 500."""
    pk = int_or_none(raw_pk)
    if pk is None:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def query_without_page(request) -> str:
    """The current filters, to build the links of a paginated list."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
