"""Answers for failures nobody handled: JSON under /api/, a German page elsewhere.

Django calls `server_error` (settings: `handler500` in digitalagentur/urls.py) for every
exception that escaped a view or a middleware, still inside the `except` block, so the
exception is at hand. When the database cannot store anything (read-only, disk full, locked,
connection lost) the answer is 503 with Retry-After: the request may succeed later and, since
every write runs in a transaction, nothing was half saved. Any other failure is a 500. The API
always answers JSON with a German "detail"; pages use templates/503.html or 500.html, which
need neither a request context nor the database.
"""

from __future__ import annotations

import sys

from django.db import DatabaseError, DataError, IntegrityError, NotSupportedError, ProgrammingError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"

# Errors that mean the data or the code is wrong, not that storage is unavailable.
NOT_STORAGE_ERRORS = (IntegrityError, DataError, ProgrammingError, NotSupportedError)


def is_storage_failure(exc: BaseException | None) -> bool:
    """True for database errors of the storage itself: read-only, disk full, locked, gone.

    These are OperationalError (SQLite: "attempt to write a readonly database", "database or
    disk is full", "database is locked"; PostgreSQL: disk full, connection lost),
    InterfaceError (connection closed) and InternalError (PostgreSQL: read-only transaction).
    """
    return isinstance(exc, DatabaseError) and not isinstance(exc, NOT_STORAGE_ERRORS)


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def storage_message() -> str:
    return _(
        "Die Daten können gerade nicht gespeichert werden (der Speicher ist vorübergehend nicht"
        " verfügbar). Es wurde nichts geändert. Bitte versuchen Sie es in einigen Minuten"
        " noch einmal."
    )


def server_error_message() -> str:
    return _(
        "Auf dem Server ist ein Fehler aufgetreten. Er wurde protokolliert; es wurde nichts"
        " geändert. Bitte versuchen Sie es später noch einmal."
    )


def server_error(request, *args, **kwargs):
    """handler500: 503 when storage failed, else 500; JSON for the API, HTML for pages."""
    exc = sys.exc_info()[1]
    if is_storage_failure(exc):
        if is_api_request(request):
            response = JsonResponse({"detail": storage_message()}, status=503)
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if is_api_request(request):
        return JsonResponse({"detail": server_error_message()}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())
