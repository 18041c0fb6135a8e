"""The newsletter's list in the staff area (issue 13, section 1), mounted at
/intern/newsletter/: the subscribers (counts per status, a sortable, searchable, paginated
list), the segments (created, edited and, for staff segments, deleted here) and the proof of
consent of one address (every consent record, as a page, a CSV and a JSON file).

Only the coordination (coordinators, region admins) sees these pages
(communication.rules.can_manage_newsletter); every other role gets 403, other regions'
segments 404. Subscribers and their consent records are personal data: every page here is
sent with "Cache-Control: private, no-store" and the address searched for is never part of a
file name. Bad input is shown again in German with status 400 and saves nothing.
"""

from __future__ import annotations

import csv
import io
import json

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.communication import newsletter, rules
from digitalagentur.communication.choices import SegmentKind, SubscriptionStatus
from digitalagentur.communication.models import Segment, Subscription
from digitalagentur.core.text import spreadsheet_safe

from ..forms_newsletter import ConsentSearchForm, SegmentForm, SubscriberFilterForm
from ..mixins import ObjectMixin
from .base import CreatePage, DeletePage, FormPageMixin, StaffPage
from .projects import home_crumb

SUBSCRIBERS_PER_PAGE = 50
SORT_PARAM = "sortierung"
DEFAULT_SORT = "adresse"
SORTS = {
    "adresse": ("email", "pk"),
    "-adresse": ("-email", "-pk"),
    "status": ("status", "email", "pk"),
    "-status": ("-status", "email", "pk"),
    "angefragt": ("requested", "email", "pk"),
    "-angefragt": ("-requested", "email", "pk"),
    "bestaetigt": ("confirmed", "email", "pk"),
    "-bestaetigt": ("-confirmed", "email", "pk"),
}
TEMPLATES = "staff/newsletter/"


# -- helpers ------------------------------------------------------------------------------------


def subscribers_url() -> str:
    return reverse("staff:newsletter_subscribers")


def segments_url() -> str:
    return reverse("staff:newsletter_segments")


def consents_url(email: str = "") -> str:
    url = reverse("staff:newsletter_consents")
    return f"{url}?{urlencode({'email': email})}" if email else url


def section_crumbs(*tail):
    return [home_crumb(), (_("Newsletter"), subscribers_url()), *tail]


def sort_columns(current: str) -> list[dict]:
    """Table headers: the sort value each header links to and its aria-sort state (a second
    click on the sorted column reverses it)."""
    columns = [
        ("email", _("E-Mail-Adresse"), "adresse"),
        ("status", _("Status"), "status"),
        ("segments", _("Gruppen"), None),
        ("requested", _("angefragt am"), "angefragt"),
        ("confirmed", _("bestätigt am"), "bestaetigt"),
    ]
    result = []
    for key, label, sort in columns:
        column = {"key": key, "label": label, "sort": sort, "aria_sort": None}
        if sort is not None and current == sort:
            column.update(sort=f"-{sort}", aria_sort="ascending")
        elif sort is not None and current == f"-{sort}":
            column["aria_sort"] = "descending"
        result.append(column)
    return result


def status_counts(region) -> list[dict]:
    """Every status with its number of addresses (zeros included), in the choices' order."""
    found = dict(
        Subscription.objects.filter(region=region)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        {"value": value, "label": label, "count": found.get(value, 0)}
        for value, label in SubscriptionStatus.choices
    ]


class NewsletterSection:
    """The coordination only; the navigation highlights "Newsletter"; nothing is cached."""

    def has_page_permission(self) -> bool:
        return rules.can_manage_newsletter(self.access)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "newsletter"
        context["newsletter_tab"] = getattr(self, "tab", "")
        return context


class SegmentObject(NewsletterSection, ObjectMixin):
    """A segment of the request's region (404 otherwise)."""

    conflict_subject = gettext_lazy("Diese Gruppe")

    def get_queryset(self):
        return Segment.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return rules.can_manage_segment(self.access, obj)


class BadRequestOnInvalid:
    """A form shown again with its errors answers 400 (nothing was saved)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:
            response.status_code = 400
        return response


# -- subscribers --------------------------------------------------------------------------------


class SubscriberList(NewsletterSection, StaffPage):
    """The region's addresses with their status, groups and dates: the counts per status, a
    search in the address, filters for the status and a group, sortable columns."""

    template_name = TEMPLATES + "subscribers.html"
    title = gettext_lazy("Newsletter: Abonnements")
    tab = "subscribers"

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Newsletter"), None)]

    def render_to_response(self, context, **response_kwargs):
        if context["filter_form"].errors:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SubscriberFilterForm(self.request.GET or None, region=self.region)
        found = Subscription.objects.filter(region=self.region)
        filtered = False
        if form.is_bound and form.is_valid():
            query = form.cleaned_data["q"].strip().lower()
            state, segment = form.cleaned_data["status"], form.cleaned_data["gruppe"]
            if query:
                found = found.filter(email__icontains=query)
            if state:
                found = found.filter(status=state)
            if segment:
                found = found.filter(segments=segment)
            filtered = bool(query or state or segment)
        sort = self.request.GET.get(SORT_PARAM, DEFAULT_SORT)
        if sort not in SORTS:
            sort = DEFAULT_SORT
        found = found.prefetch_related(
            Prefetch("segments", queryset=Segment.objects.order_by("kind", "position", "name"))
        ).order_by(*SORTS[sort])
        page = Paginator(found, SUBSCRIBERS_PER_PAGE).get_page(self.request.GET.get("page"))
        counts = status_counts(self.region)
        context.update(
            filter_form=form,
            filtered=filtered,
            page=page,
            sort=sort,
            columns=sort_columns(sort),
            counts=counts,
            total=sum(row["count"] for row in counts),
        )
        return context


# -- segments -----------------------------------------------------------------------------------


class SegmentList(NewsletterSection, StaffPage):
    """Every segment of the region with its active subscribers; the standard ones (towns,
    fields of action, audiences) are created on the first visit."""

    template_name = TEMPLATES + "segments.html"
    title = gettext_lazy("Newsletter: Gruppen")
    tab = "segments"

    def get_breadcrumbs(self):
        return section_crumbs((_("Gruppen"), None))

    def prepare(self) -> None:
        newsletter.ensure_segments(self.region)
        super().prepare()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = Q(subscriptions__status=SubscriptionStatus.ACTIVE)
        segments = (
            Segment.objects.filter(region=self.region)
            .annotate(active=Count("subscriptions", filter=active, distinct=True))
            .order_by("kind", "position", "name", "pk")
        )
        rows = [
            {"segment": segment, "can_delete": rules.can_delete_segment(self.access, segment)}
            for segment in segments
        ]
        context.update(rows=rows)
        return context


class SegmentCreate(NewsletterSection, BadRequestOnInvalid, CreatePage):
    form_class = SegmentForm
    title = gettext_lazy("Neue Newsletter-Gruppe")
    success_message = gettext_lazy("Die Gruppe wurde angelegt.")
    submit_label = gettext_lazy("Gruppe anlegen")
    tab = "segments"

    def get_breadcrumbs(self):
        return section_crumbs((_("Gruppen"), segments_url()), (self.get_title(), None))

    def get_cancel_url(self) -> str:
        return segments_url()

    def save(self, form):
        return newsletter.create_segment(
            self.region,
            {k: v for k, v in form.model_values().items()},
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class SegmentEdit(SegmentObject, BadRequestOnInvalid, FormPageMixin, StaffPage):
    form_class = SegmentForm
    success_message = gettext_lazy("Die Gruppe wurde gespeichert.")
    tab = "segments"

    def get_title(self) -> str:
        return _("Gruppe bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return section_crumbs((_("Gruppen"), segments_url()), (str(self.object), None))

    def get_form_kwargs(self) -> dict:
        # A copy: validating writes into the instance; the title keeps the stored name.
        return {"region": self.region, "instance": Segment.objects.get(pk=self.object.pk)}

    def get_cancel_url(self) -> str:
        return segments_url()

    def save(self, form):
        return newsletter.update_segment(
            self.object,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        if self.object.kind != SegmentKind.CUSTOM:
            context["intro"] = _(
                "Eine Standardgruppe (%(kind)s): Sie können Namen, Beschreibung und "
                "Sichtbarkeit ändern, aber sie nicht löschen."
            ) % {"kind": self.object.get_kind_display()}
        return context


class SegmentDelete(SegmentObject, DeletePage):
    """Only staff segments; their subscribers stay on the list (without this group)."""

    tab = "segments"
    question = gettext_lazy(
        "Wollen Sie die Gruppe „{obj}“ wirklich löschen? Die Abonnentinnen und Abonnenten "
        "bleiben auf der Liste, nur ohne diese Gruppe."
    )

    def has_permission(self, obj) -> bool:
        return rules.can_delete_segment(self.access, obj)

    def get_breadcrumbs(self):
        return section_crumbs((_("Gruppen"), segments_url()), (self.get_title(), None))

    def get_cancel_url(self) -> str:
        return segments_url()


# -- proof of consent ---------------------------------------------------------------------------


EXPORT_COLUMNS = [
    ("email", gettext_lazy("E-Mail-Adresse")),
    ("form", gettext_lazy("Formular")),
    ("requested", gettext_lazy("angefragt am")),
    ("request_ip", gettext_lazy("IP-Adresse der Anfrage")),
    ("consent_version", gettext_lazy("Version des Textes")),
    ("consent_text", gettext_lazy("Einwilligungstext")),
    ("segments", gettext_lazy("gewählte Gruppen")),
    ("confirmed", gettext_lazy("bestätigt am")),
    ("confirm_ip", gettext_lazy("IP-Adresse der Bestätigung")),
    ("withdrawn", gettext_lazy("widerrufen am")),
]


def consents_csv(records: list[dict]) -> bytes:
    """Semicolons, UTF-8 with BOM (as German spreadsheets expect), formulas defused."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(label) for _key, label in EXPORT_COLUMNS])
    for record in records:
        writer.writerow([spreadsheet_safe(record[key] or "") for key, _label in EXPORT_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def consents_json(region, email: str, records: list[dict]) -> bytes:
    document = {
        "region": region.name,
        "email": email,
        "exported": timezone.localtime().isoformat(timespec="seconds"),
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


class ConsentProof(NewsletterSection, StaffPage):
    """GET `?email=`: every consent record of that address in the region (oldest first), with
    the downloads; without an address only the form."""

    template_name = TEMPLATES + "consents.html"
    title = gettext_lazy("Newsletter: Einwilligungen nachweisen")
    tab = "consents"
    fmt = ""

    def get_breadcrumbs(self):
        return section_crumbs((_("Einwilligungen"), None))

    def get(self, request, *args, **kwargs):
        form = ConsentSearchForm(request.GET if "email" in request.GET else None)
        if not form.is_bound or not form.is_valid():
            status = 400 if form.is_bound else 200
            return self.render_to_response(self.get_context_data(form=form), status=status)
        email = form.cleaned_data["email"]
        if self.fmt:
            return self.download(email)
        records = list(newsletter.consent_records(self.region, email))
        subscription = Subscription.objects.filter(region=self.region, email=email).first()
        context = self.get_context_data(
            form=form,
            email=email,
            records=records,
            subscription=subscription,
            csv_url=reverse("staff:newsletter_consents_csv") + "?" + urlencode({"email": email}),
            json_url=reverse("staff:newsletter_consents_json") + "?" + urlencode({"email": email}),
        )
        return self.render_to_response(context)

    def download(self, email: str) -> HttpResponse:
        records = newsletter.consent_export(self.region, email)
        stamp = timezone.localdate().isoformat()
        if self.fmt == "json":
            body = consents_json(self.region, email, records)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        else:
            response = HttpResponse(consents_csv(records), content_type="text/csv; charset=utf-8")
        name = f"einwilligungen-{stamp}.{self.fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
