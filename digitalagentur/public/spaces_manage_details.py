"""Provider pages of a space (issue 11, section 1): opening hours, closed periods and photos.

Access as in spaces_manage.py. Deleting a closed period or a photo asks first (a
confirmation page whose button posts). Photos are re-encoded on upload (core/images.py);
the provider's preview is served here, also for unpublished spaces, without caching and as
an inert picture (nosniff, its own content type, a sandboxing CSP).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.core.images import MAX_BYTES as PHOTO_MAX_BYTES
from digitalagentur.spaces import manage, services
from digitalagentur.spaces.models import ClosedPeriod, SpacePhoto

from .forms_spaces_manage import ClosedPeriodForm, ConfirmForm, OpeningHoursForm, PhotoForm
from .spaces_manage import (
    add_errors,
    crumbs,
    form_status,
    manager_view,
    space_crumb,
    space_or_404,
    space_tabs,
)


@manager_view
def hours(request, pk: int):
    space = space_or_404(request, pk)
    current = list(space.opening_hours.all())
    form = OpeningHoursForm(request.POST if request.method == "POST" else None, hours=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_opening_hours(space, form.cleaned_data["hours"], user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if form.cleaned_data["hours"]:
                messages.success(request, _("Die Öffnungszeiten sind gespeichert."))
            else:
                messages.warning(
                    request,
                    _(
                        "Gespeichert: Der Raum hat jetzt keine Öffnungszeiten und kann nicht "
                        "gebucht werden."
                    ),
                )
            return redirect("public:spaces_manage_hours", space.pk)
    context = {
        "space": space,
        "form": form,
        "tabs": space_tabs(space, "hours"),
        "title": _("Öffnungszeiten: %(name)s") % {"name": space.name},
        "breadcrumbs": crumbs(space_crumb(space), (_("Öffnungszeiten"), None)),
    }
    return render(request, "public/spaces/manage/hours.html", context, status=form_status(form))


@manager_view
def closed_periods(request, pk: int):
    space = space_or_404(request, pk)
    form = ClosedPeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_closed_period(
                space, data["start"], data["end"], data["reason"], user=request.user
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Die Schließzeit ist eingetragen."))
            return redirect("public:spaces_manage_closed", space.pk)
    now = timezone.now()
    periods = list(space.closed_periods.order_by("start"))
    context = {
        "space": space,
        "form": form,
        "current": [p for p in periods if p.end > now],
        "past": [p for p in periods if p.end <= now][-10:],
        "tabs": space_tabs(space, "closed"),
        "title": _("Schließzeiten: %(name)s") % {"name": space.name},
        "breadcrumbs": crumbs(space_crumb(space), (_("Schließzeiten"), None)),
    }
    return render(request, "public/spaces/manage/closed.html", context, status=form_status(form))


@manager_view
def closed_period_delete(request, pk: int, period: int):
    space = space_or_404(request, pk)
    period = get_object_or_404(ClosedPeriod, pk=period, space=space)
    back = reverse("public:spaces_manage_closed", args=[space.pk])
    if request.method == "POST" and ConfirmForm(request.POST).is_valid():
        manage.delete_closed_period(period, user=request.user)
        messages.success(request, _("Die Schließzeit ist gelöscht."))
        return redirect(back)
    context = {
        "space": space,
        "form": ConfirmForm(),
        "question": _(
            "Wollen Sie die Schließzeit %(period)s wirklich löschen? Der Raum ist dann in "
            "dieser Zeit wieder buchbar."
        )
        % {"period": period_text(period)},
        "submit_label": _("Schließzeit löschen"),
        "cancel_url": back,
        "title": _("Schließzeit löschen"),
        "breadcrumbs": crumbs(space_crumb(space), (_("Schließzeit löschen"), None)),
    }
    return render(request, "public/spaces/manage/confirm.html", context)


def period_text(period: ClosedPeriod) -> str:
    start, end = timezone.localtime(period.start), timezone.localtime(period.end)
    text = f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"
    return f"{text} ({period.reason})" if period.reason else text


@manager_view
def photos(request, pk: int):
    space = space_or_404(request, pk)
    form = PhotoForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["image"]
        content = b""
        if upload.size is not None and upload.size <= PHOTO_MAX_BYTES:
            content = upload.read()
        else:
            form.add_error(
                "image",
                _("Das Foto ist größer als %(mb)d MB.") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)},
            )
        if content:
            try:
                manage.add_photo(space, content, form.cleaned_data["alt"], user=request.user)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Das Foto ist hochgeladen."))
                return redirect("public:spaces_manage_photos", space.pk)
    context = {
        "space": space,
        "form": form,
        "photos": list(space.photos.defer("content")),
        "max_photos": manage.MAX_PHOTOS,
        "tabs": space_tabs(space, "photos"),
        "title": _("Fotos: %(name)s") % {"name": space.name},
        "breadcrumbs": crumbs(space_crumb(space), (_("Fotos"), None)),
    }
    return render(request, "public/spaces/manage/photos.html", context, status=form_status(form))


@manager_view
def photo_delete(request, pk: int, photo: int):
    space = space_or_404(request, pk)
    photo = get_object_or_404(SpacePhoto.objects.defer("content"), pk=photo, space=space)
    back = reverse("public:spaces_manage_photos", args=[space.pk])
    if request.method == "POST" and ConfirmForm(request.POST).is_valid():
        manage.delete_photo(photo, user=request.user)
        messages.success(request, _("Das Foto ist gelöscht."))
        return redirect(back)
    context = {
        "space": space,
        "photo": photo,
        "form": ConfirmForm(),
        "question": _("Wollen Sie das Foto „%(alt)s“ wirklich löschen?") % {"alt": photo.alt},
        "submit_label": _("Foto löschen"),
        "cancel_url": back,
        "title": _("Foto löschen"),
        "breadcrumbs": crumbs(space_crumb(space), (_("Foto löschen"), None)),
    }
    return render(request, "public/spaces/manage/confirm.html", context)


@manager_view
def photo_image(request, pk: int, photo: int):
    """The stored (re-encoded) file, for the provider's preview."""
    space = space_or_404(request, pk)
    photo = get_object_or_404(SpacePhoto, pk=photo, space=space)
    response = HttpResponse(bytes(photo.content), content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
