"""Provider pages of Landräume (issue 11, section 1) under /landraeume/verwalten/: the overview
of one's spaces, their requests and coming bookings; creating and editing a space; providers
(the coordination's).

Who: a provider's managers (ordinary accounts, no role in the region needed) for the
provider's spaces; the coordination (access.can_manage) for every space of the region
(spaces/rules.py). Anonymous visitors are sent to the login; objects are looked up in the
request's region only (404 elsewhere), then the right is checked (403). Nothing here is
cached: every page is personal.

Opening hours, closed periods and photos: spaces_manage_details.py; bookings:
spaces_manage_bookings.py.
"""

from __future__ import annotations

import copy
import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from digitalagentur.core.services import EditConflict, changes_for, update_object
from digitalagentur.spaces import manage, rules, services
from digitalagentur.spaces.choices import BookingStatus
from digitalagentur.spaces.models import Booking, Provider, Space

from .forms_spaces_manage import ProviderForm, SpaceForm

UPCOMING_LIMIT = 50


# -- access ----------------------------------------------------------------------------------


def manager_view(view):
    """Login first (anonymous → login page), a region (else 404), never cached."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if getattr(request, "region", None) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def access_of(request):
    return request.access


def managed_providers(request):
    providers = Provider.objects.filter(region=request.region)
    if access_of(request).can_manage:
        return providers
    return providers.filter(managers=request.user)


def managed_space_queryset(request):
    return rules.managed_spaces(request.user, access_of(request), Space.objects.all())


def space_or_404(request, pk: int) -> Space:
    """The space of the request's region (404 elsewhere) that the user manages (else 403)."""
    space = get_object_or_404(
        Space.objects.select_related("provider", "municipality"), pk=pk, region=request.region
    )
    if not rules.manages_space(request.user, access_of(request), space):
        raise PermissionDenied
    return space


def booking_or_404(request, pk: int) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("space", "space__provider", "unit", "booker"),
        pk=pk,
        region=request.region,
    )
    if rules.decide_denial(request.user, access_of(request), booking) is not None:
        raise PermissionDenied
    return booking


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Räume verwalten"), reverse("public:spaces_manage")),
        *items,
    ]


def space_crumb(space: Space):
    return (space.name, reverse("public:spaces_manage_space_edit", args=[space.pk]))


def space_tabs(space: Space, current: str) -> list[dict]:
    """The sub-pages of a space (edit, hours, closed periods, photos, bookings)."""
    items = [
        ("edit", _("Angaben"), "public:spaces_manage_space_edit"),
        ("hours", _("Öffnungszeiten"), "public:spaces_manage_hours"),
        ("closed", _("Schließzeiten"), "public:spaces_manage_closed"),
        ("photos", _("Fotos"), "public:spaces_manage_photos"),
        ("bookings", _("Buchungen"), "public:spaces_manage_bookings"),
    ]
    return [
        {"label": label, "url": reverse(name, args=[space.pk]), "current": key == current}
        for key, label, name in items
    ]


def conflict_message(exc: EditConflict, subject: str) -> str:
    """Who changed the object since the form was loaded (nothing was saved)."""
    last = changes_for(exc.instance).exclude(action="create").order_by("-time", "-pk").first()
    if last is not None:
        who = last.user_name or _("unbekannt")
        moment = timezone.localtime(last.time).strftime("%d.%m.%Y, %H:%M")
        text = _("%(subject)s wurde inzwischen von %(name)s am %(time)s Uhr geändert.") % {
            "subject": subject,
            "name": who,
            "time": moment,
        }
    else:
        text = _("%(subject)s wurde inzwischen von jemand anderem geändert.") % {"subject": subject}
    return (
        text
        + " "
        + _(
            "Ihre Änderungen wurden nicht gespeichert; Ihre Eingaben sind unten erhalten. Prüfen "
            "Sie die aktuelle Fassung und speichern Sie erneut, wenn Ihre Fassung gelten soll."
        )
    )


def add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form (fields it knows, else the whole form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


# -- overview --------------------------------------------------------------------------------


@manager_view
def overview(request):
    access = access_of(request)
    spaces = list(
        managed_space_queryset(request)
        .select_related("provider", "municipality")
        .order_by("provider__name", "name")
    )
    space_ids = [space.pk for space in spaces]
    now = timezone.now()
    bookings = Booking.objects.filter(space_id__in=space_ids, end__gt=now).select_related(
        "space", "unit", "booker"
    )
    requests = list(bookings.filter(status=BookingStatus.REQUESTED).order_by("start", "pk"))
    upcoming = list(
        bookings.filter(status=BookingStatus.CONFIRMED).order_by("start", "pk")[:UPCOMING_LIMIT]
    )
    providers = list(managed_providers(request).order_by("name")) if access.can_manage else []
    context = {
        "spaces": spaces,
        "requests": requests,
        "upcoming": upcoming,
        "upcoming_limit": UPCOMING_LIMIT,
        "can_manage": access.can_manage,
        "providers": providers,
        "can_create": access.can_manage or managed_providers(request).exists(),
        "title": _("Räume verwalten"),
        "breadcrumbs": crumbs()[:-1] + [(_("Räume verwalten"), None)],
    }
    return render(request, "public/spaces/manage/overview.html", context)


# -- spaces ----------------------------------------------------------------------------------


def space_form(request, data=None, instance=None):
    providers = managed_providers(request).order_by("name")
    return SpaceForm(
        data,
        instance=instance if instance is not None else Space(region=request.region),
        region=request.region,
        providers=providers,
        can_manage=access_of(request).can_manage,
    )


@manager_view
def space_new(request):
    if not managed_providers(request).exists():
        if access_of(request).can_manage:
            messages.info(request, _("Legen Sie zuerst einen Anbieter an."))
            return redirect("public:spaces_manage_provider_new")
        raise PermissionDenied
    form = space_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        space = form.save(commit=False)
        try:
            services.create_space(space, user=request.user, units=form.cleaned_data["units"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("„%(name)s“ ist angelegt. Tragen Sie jetzt die Öffnungszeiten ein.")
                % {"name": space.name},
            )
            return redirect("public:spaces_manage_hours", space.pk)
    context = {
        "form": form,
        "title": _("Neuer Raum"),
        "breadcrumbs": crumbs((_("Neuer Raum"), None)),
        "cancel_url": reverse("public:spaces_manage"),
        "submit_label": _("Raum anlegen"),
    }
    return render(
        request, "public/spaces/manage/space_form.html", context, status=form_status(form)
    )


@manager_view
def space_edit(request, pk: int):
    space = space_or_404(request, pk)
    # A copy: validating writes the input into the instance; the page shows the stored one.
    form = space_form(request, request.POST if request.method == "POST" else None, copy.copy(space))
    conflict, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                space = manage.update_space(
                    space,
                    form.model_values(),
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                    units=form.cleaned_data["units"],
                )
            except EditConflict as exc:
                conflict, status = conflict_message(exc, _("Dieser Raum")), 409
                space = exc.instance
                data = request.POST.copy()
                data["version"] = str(exc.current_version)
                form = space_form(request, data, copy.copy(space))
                form.is_valid()
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Gespeichert."))
                return redirect("public:spaces_manage_space_edit", space.pk)
        else:
            status = 400
    context = {
        "form": form,
        "space": space,
        "conflict": conflict,
        "tabs": space_tabs(space, "edit"),
        "units": list(space.units.all()),
        "title": _("Raum bearbeiten: %(name)s") % {"name": space.name},
        "breadcrumbs": crumbs((space.name, None)),
        "cancel_url": reverse("public:spaces_manage"),
        "submit_label": _("Speichern"),
    }
    return render(request, "public/spaces/manage/space_form.html", context, status=status)


# -- providers (the coordination's) ----------------------------------------------------------


def coordination_only(request) -> None:
    if not access_of(request).can_manage:
        raise PermissionDenied


@manager_view
def provider_new(request):
    coordination_only(request)
    form = ProviderForm(
        request.POST if request.method == "POST" else None,
        instance=Provider(region=request.region),
        region=request.region,
    )
    if request.method == "POST" and form.is_valid():
        provider = form.save(commit=False)
        try:
            services.create_provider(
                provider, user=request.user, managers=form.cleaned_data["manager_names"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Anbieter „%(name)s“ ist angelegt.") % {"name": provider})
            return redirect("public:spaces_manage")
    context = {
        "form": form,
        "title": _("Neuer Anbieter"),
        "breadcrumbs": crumbs((_("Neuer Anbieter"), None)),
        "cancel_url": reverse("public:spaces_manage"),
        "submit_label": _("Anbieter anlegen"),
    }
    return render(
        request, "public/spaces/manage/provider_form.html", context, status=form_status(form)
    )


@manager_view
def provider_edit(request, pk: int):
    coordination_only(request)
    provider = get_object_or_404(Provider, pk=pk, region=request.region)
    form = ProviderForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(provider),
        region=request.region,
    )
    conflict, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in ProviderForm.Meta.fields}
            try:
                update_object(
                    provider,
                    values,
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                    m2m={"managers": [u.pk for u in form.cleaned_data["manager_names"]]},
                    m2m_before={"managers": provider.managers.values_list("pk", flat=True)},
                )
            except EditConflict as exc:
                conflict, status = conflict_message(exc, _("Dieser Anbieter")), 409
                provider = exc.instance
                data = request.POST.copy()
                data["version"] = str(exc.current_version)
                form = ProviderForm(data, instance=copy.copy(provider), region=request.region)
                form.is_valid()
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("Gespeichert."))
                return redirect("public:spaces_manage")
        else:
            status = 400
    context = {
        "form": form,
        "provider": provider,
        "conflict": conflict,
        "title": _("Anbieter bearbeiten: %(name)s") % {"name": provider.name},
        "breadcrumbs": crumbs((provider.name, None)),
        "cancel_url": reverse("public:spaces_manage"),
        "submit_label": _("Speichern"),
    }
    return render(request, "public/spaces/manage/provider_form.html", context, status=status)
