"""Every error answers JSON with a German message; bad input is 400, never 500.

On top of DRF's handler: Django's ValidationError (model validation in the services) is a 400
with field messages, an EditConflict is a 409 with the current version and the other change,
and database integrity errors caused by the input are a 400. Every 400 has a "detail"
summary next to the messages per field or query parameter.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from digitalagentur.core.services import EditConflict


def validation_error_detail(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        detail = {}
        for name, messages in exc.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name
            detail[key] = list(messages)
        return detail
    return {api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)}


def conflict_detail(exc: EditConflict) -> dict:
    data = {
        "detail": _(
            "Das Objekt wurde inzwischen von jemand anderem geändert (aktuelle Version %(current)s,"
            " Ihre Änderung beruht auf Version %(expected)s). Es wurde nichts gespeichert; bitte"
            " laden Sie den aktuellen Stand und übertragen Sie Ihre Änderung erneut."
        )
        % {"current": exc.current_version, "expected": exc.expected_version},
        "current_version": exc.current_version,
    }
    last = exc.last_change()
    if last is not None:
        data["last_change"] = {
            "time": timezone.localtime(last.time).isoformat(),
            "user": last.user_name,
            "action": last.action,
            "changes": last.changes,
            "reason": last.reason,
        }
    return data


def with_summary(data):
    """Every 400 carries a German "detail" besides the messages per field or parameter."""
    if isinstance(data, dict):
        if "detail" in data:
            return data
        names = ", ".join(str(key) for key in data)
        return {"detail": _("Ungültige Angaben: %(names)s.") % {"names": names}, **data}
    if isinstance(data, list):
        return {"detail": " ".join(str(message) for message in data), "errors": data}
    return data


def exception_handler(exc, context):
    response = handle(exc, context)
    if response is not None and response.status_code == status.HTTP_400_BAD_REQUEST:
        response.data = with_summary(response.data)
    return response


def handle(exc, context):
    if isinstance(exc, EditConflict):
        set_rollback()
        return Response(conflict_detail(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError | DataError):
        set_rollback()
        return Response(
            {"detail": _("Die Angaben passen nicht zu den vorhandenen Daten.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404 | NotFound):
        # One German message for every "not found", whatever raised it.
        set_rollback()
        return Response({"detail": _("Nicht gefunden.")}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)
