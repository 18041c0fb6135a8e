"""The technology radar in the staff area (issue 14, section 1), mounted at /intern/radar/: the
region's radars, a radar's form, its page (the picture drawn by radar/svg.py with the entries
as a table, the ring history, the editions, the export links) and publishing an edition.
Entries: views/radar_entries.py; the import: views/radar_import.py.

Who may do what is radar.rules with the request's access: every role of the region reads the
radars (drafts too); the coordination (coordinators, region admins) creates and edits them,
their entries, imports and publishes editions (403 for the other roles); other regions'
radars are 404. Writes go through radar/services.py (change log, ring history).

The quadrants and rings keep the names of the preset they were created with: the services
offer no way to rename them yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import EditConflict
from digitalagentur.radar import rules, services, svg
from digitalagentur.radar.models import Edition, Entry, Radar, RingChange

from ..changes import conflict_context, history
from ..forms_radar import EditionForm, RadarForm
from ..mixins import ObjectMixin
from .base import ConfirmPage, CreatePage, EditPage, ObjectRedirect, StaffPage
from .projects import home_crumb

RECENT_RING_CHANGES = 30


def list_url() -> str:
    return reverse("staff:radar_list")


def detail_url(pk: int) -> str:
    return reverse("staff:radar_detail", args=[pk])


def list_crumbs(*tail):
    return [home_crumb(), (_("Technologie-Radar"), list_url()), *tail]


def radar_crumbs(radar, *tail):
    return list_crumbs((str(radar), detail_url(radar.pk)), *tail)


class RadarSection:
    """Every role of the region reads; the navigation highlights "Technologie-Radar"."""

    conflict_subject = gettext_lazy("Dieses Radar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "radar"
        return context


class RadarObject(RadarSection, ObjectMixin):
    """A radar of the request's region (404 otherwise) that the user may manage (403)."""

    pk_url_kwarg = "pk"

    def get_queryset(self):
        return Radar.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return rules.can_manage_radar(self.access, obj)


class RadarFormMixin:
    """Invalid input comes back with status 400 (nothing saved), the service's messages at
    their fields; a stale version shows the conflict (409)."""

    form_class = RadarForm
    template_name = "staff/radar/form.html"
    invalid_status = 400
    errors_at_fields = True
    error_renames = {"quadrants": "quadrant_names", "rings": "ring_names"}
    deleted_message = gettext_lazy("Das Radar wurde inzwischen gelöscht.")

    def get_deleted_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)


class RadarList(RadarSection, StaffPage):
    """The region's radars, drafts too, with their entry counts and latest editions."""

    template_name = "staff/radar/list.html"
    title = gettext_lazy("Technologie-Radar")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Technologie-Radar"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        radars = (
            rules.visible_radars(self.access, Radar.objects.all())
            .annotate(
                entry_count=Count("entries", distinct=True),
                last_edition=Max("editions__date"),
            )
            .order_by("name", "pk")
        )
        context.update(radars=list(radars), can_create=rules.can_manage_radars(self.access))
        return context


class RadarCreate(RadarSection, RadarFormMixin, CreatePage):
    title = gettext_lazy("Neues Radar")
    success_message = gettext_lazy("Das Radar wurde angelegt.")

    def has_page_permission(self) -> bool:
        return rules.can_manage_radars(self.access)

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def save(self, form):
        return services.create_radar(
            region=self.region,
            user=self.request.user,
            values=form.model_values(),
            preset=form.cleaned_data["preset"],
            **form.names(),
        )


class RadarEdit(RadarObject, RadarFormMixin, EditPage):
    success_message = gettext_lazy("Das Radar wurde gespeichert.")

    def get_title(self) -> str:
        return _("Radar bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return radar_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def save(self, form):
        return services.update_radar(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            **form.names(),
        )


@dataclass
class Row:
    """An entry as the staff page shows it: a blip of the picture and a row of the table."""

    blip: svg.Blip
    entry: Entry

    @property
    def anchor(self) -> str:
        return f"eintrag-{self.entry.pk}"

    @property
    def state(self) -> str:
        return svg.state_text(self.blip)


def radar_rows(radar: Radar, quadrants: list, rings: list) -> list[Row]:
    """The live entries, numbered as in the picture, "new" and "moved" against the latest
    edition."""
    context = services.movement_context(radar, quadrants, rings)
    entries = services.ordered_entries(radar).prefetch_related(
        "projects", "municipalities", "fields"
    )
    rows = []
    for number, entry in enumerate(entries, start=1):
        moved = context.of(entry)
        blip = svg.Blip(
            number=number,
            name=entry.name,
            quadrant=context.quadrant_index[entry.quadrant_id],
            ring=context.ring_index[entry.ring_id],
            is_new=moved.is_new,
            moved=moved.moved,
            href=f"#eintrag-{entry.pk}",
        )
        rows.append(Row(blip=blip, entry=entry))
    return rows


class RadarDetail(RadarObject, StaffPage):
    """The radar's picture and table, its ring history, editions and the ways to edit,
    import, export and publish (the latter for the coordination only)."""

    template_name = "staff/radar/detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("quadrants", "rings")

    def has_permission(self, obj) -> bool:
        return rules.can_see_radar(self.access, obj)

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        radar = self.object
        quadrants, rings = list(radar.quadrants.all()), list(radar.rings.all())
        rows = radar_rows(radar, quadrants, rings)
        editions = list(Edition.objects.filter(radar=radar).order_by("-date", "-pk"))
        quadrant_names, ring_names = [q.name for q in quadrants], [r.name for r in rings]
        ring_changes = (
            RingChange.objects.filter(entry__radar=radar)
            .select_related("entry", "old_ring", "new_ring", "user")
            .order_by("-date", "-pk")[:RECENT_RING_CHANGES]
        )
        context.update(
            radar=radar,
            rows=rows,
            svg=svg.draw(
                quadrant_names,
                ring_names,
                [row.blip for row in rows],
                title=_("Technologie-Radar: %(name)s") % {"name": radar.name},
            ),
            quadrants=quadrant_names,
            rings=ring_names,
            editions=editions,
            compared_with=editions[0] if editions else None,
            ring_changes=list(ring_changes),
            can_manage=rules.can_manage_radar(self.access, radar),
            history=history(radar),
        )
        return context


class EditionPublish(RadarObject, ConfirmPage):
    """Freeze the radar's entries into an edition dated today, with an optional note."""

    template_name = "staff/radar/publish.html"
    submit_label = gettext_lazy("Ausgabe veröffentlichen")

    def get_title(self) -> str:
        return _("Ausgabe veröffentlichen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return radar_crumbs(self.object, (_("Ausgabe veröffentlichen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", EditionForm(initial={"version": self.object.version}))
        context = super().get_context_data(**kwargs)
        count = self.object.entries.count()
        context["question"] = _(
            "Den jetzigen Stand von „%(obj)s“ (%(count)d Einträge) als Ausgabe von heute "
            "einfrieren? Leser sehen dann, was sich seit der letzten Ausgabe bewegt hat; die "
            "Ausgabe bleibt, wie sie ist, auch wenn sich die Einträge später ändern."
        ) % {"obj": self.object, "count": count}
        latest = services.latest_edition(self.object)
        if latest is not None and latest.date == timezone.localdate():
            context["notice"] = _(
                "Heute gibt es schon eine Ausgabe; eine zweite am selben Tag ist nicht möglich."
            )
        elif not self.object.published:
            context["notice"] = _(
                "Das Radar ist noch ein Entwurf: die Ausgabe wird erst öffentlich sichtbar, "
                "wenn das Radar veröffentlicht ist."
            )
        return context

    def post(self, request, *args, **kwargs):
        form = EditionForm(request.POST)
        if form.is_valid() and form.cleaned_data["version"] is None:
            form.add_error("version", _("Die Version fehlt."))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        current = Radar.objects.filter(pk=self.object.pk).values_list("version", flat=True).first()
        if current is None:
            messages.error(request, _("Das Radar wurde inzwischen gelöscht."))
            return redirect(list_url())
        if current != form.cleaned_data["version"]:
            # The radar itself was edited since the page was loaded: show what changed first.
            self.object.refresh_from_db()
            exc = EditConflict(self.object, form.cleaned_data["version"])
            conflict = conflict_context(exc, str(self.conflict_subject), [], kept_input=False)
            fresh = EditionForm(initial={"version": current, "note": form.cleaned_data["note"]})
            context = self.get_context_data(form=fresh, conflict=conflict)
            return self.render_to_response(context, status=409)
        try:
            edition = services.publish_edition(
                self.object, user=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:  # e.g. an edition of today exists already
            messages.error(request, " ".join(exc.messages))
            return redirect(self.get_cancel_url())
        messages.success(
            request,
            _("Die Ausgabe vom %(date)s ist veröffentlicht.")
            % {"date": edition.date.strftime("%d.%m.%Y")},
        )
        return redirect(self.get_success_url())


# ---- own addresses of the objects (change-log links) ----------------------------------------


class RadarRedirectBase(ObjectRedirect):
    def has_permission(self, obj) -> bool:
        return rules.can_see_radar(self.access, obj.radar)

    def get_queryset(self):
        return self.model.objects.filter(region=self.region).select_related("radar")


class EntryRedirect(RadarRedirectBase):
    model = Entry

    def target(self, obj) -> str:
        return detail_url(obj.radar_id) + f"#eintrag-{obj.pk}"


class EditionRedirect(RadarRedirectBase):
    model = Edition

    def target(self, obj) -> str:
        return detail_url(obj.radar_id) + f"#ausgabe-{obj.pk}"
