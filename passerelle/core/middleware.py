"""Middleware of the project: NUL characters out of input; a query counter for `make bench`."""

from django.db import connection


class QueryCountHeaderMiddleware:
    """Report how many SQL queries a page ran, in an X-Query-Count response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class NulCharacterMiddleware:
    """A NUL character is never meaningful in what a person types, and PostgreSQL refuses it
    in text (DataError, a 500). It is taken out of query strings and form fields before any
    view reads them; a path holding one is a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            from django.http import Http404

            raise Http404
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _without_nul(request.POST)
        return self.get_response(request)


def _without_nul(query):
    if not any("\x00" in v for values in query.lists() for v in values[1]):
        return query
    cleaned = query.copy()
    for key, values in query.lists():
        cleaned.setlist(key, [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned
