"""Deadlines in the staff area (issue 8, section 4): the page with the user's own and the
region's deadlines, the user's reminder settings and calendar address, the confirmation
before a new address replaces the old one, and the secret calendar feed itself.

The feed has no login (calendar programs cannot log in): its address carries a random token
of which only the SHA-256 is stored (funding/calendar.py). An unknown token, a user without
a role in the region or an inactive account answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.funding import calendar
from digitalagentur.funding.deadlines import Deadline, region_deadlines, start_of_day, visible_to
from digitalagentur.funding.models import CallStatus, DeadlinePreference, default_remind_days
from digitalagentur.funding.reminders import parse_remind_days, remind_days_text
from digitalagentur.tenancy.permissions import get_access

from .base import StaffPage
from .funding import CALL_STATUS_CLASS, FundingSection, overview_crumbs

# How far back the calendar feeds reach (a subscribed calendar keeps recent history).
DASHBOARD_DEADLINES = 5


@dataclass
class DeadlineItem:
    """A deadline with what the page says about it today."""

    deadline: Deadline
    when: str
    status_label: str = ""
    status_class: str = ""


def items(deadlines, now) -> list[DeadlineItem]:
    today = timezone.localdate(now)
    found = []
    for deadline in deadlines:
        item = DeadlineItem(deadline, deadline.relative_text(today))
        status = deadline.call_status(now)
        if status is not None:
            item.status_label = str(CallStatus(status).label)
            item.status_class = CALL_STATUS_CLASS[status]
        found.append(item)
    return found


def next_deadlines(region, access, now=None, limit: int = DASHBOARD_DEADLINES) -> dict:
    """The user's next deadlines for the dashboard (constant queries)."""
    now = now or timezone.now()
    mine = visible_to(access, region_deadlines(region, since=start_of_day(now)))
    return {"items": items(mine[:limit], now), "more": len(mine) > limit}


def feed_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("staff:funding_deadline_feed", args=[token]))


class DeadlinePreferenceForm(forms.Form):
    reminders_enabled = forms.BooleanField(
        label=gettext_lazy("Erinnerungen per E-Mail schicken"), required=False
    )
    remind_days = forms.CharField(
        label=gettext_lazy("Tage vor der Frist"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Ganze Zahlen von 0 bis 365, durch Kommas getrennt, höchstens fünf; 0 ist der Tag "
            "der Frist selbst. Beispiel: 14, 3"
        ),
    )

    def clean_remind_days(self) -> list[int]:
        try:
            return parse_remind_days(self.cleaned_data["remind_days"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reminders_enabled") and cleaned.get("remind_days") == []:
            self.add_error(
                "remind_days",
                _("Bitte mindestens einen Tag angeben (z. B. 14, 3) oder Erinnerungen abschalten."),
            )
        return cleaned


class DeadlineList(FundingSection, StaffPage):
    """The user's and the region's deadlines, reminder settings and calendar addresses."""

    template_name = "staff/funding/deadlines.html"
    title = gettext_lazy("Fristen")

    def get_breadcrumbs(self):
        return overview_crumbs() + [(_("Fristen"), None)]

    def preference(self, *, create: bool = False) -> DeadlinePreference:
        if create:  # get_or_create: a double click makes one row, not a 500
            preference, _created = DeadlinePreference.objects.get_or_create(
                region=self.region, user=self.request.user
            )
            return preference
        found = DeadlinePreference.objects.filter(region=self.region, user=self.request.user)
        return found.first() or DeadlinePreference(region=self.region, user=self.request.user)

    def get_context_data(self, form=None, new_feed_url="", **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        region_all = region_deadlines(self.region, since=start_of_day(now))
        mine = visible_to(self.access, region_all)
        preference = self.preference()
        if form is None:
            form = DeadlinePreferenceForm(
                initial={
                    "reminders_enabled": preference.reminders_enabled,
                    "remind_days": remind_days_text(preference.remind_days),
                }
            )
        context.update(
            mine=items(mine, now),
            region_all=items(region_all, now) if len(mine) != len(region_all) else None,
            form=form,
            preference=preference,
            has_feed=bool(preference.feed_token_hash),
            new_feed_url=new_feed_url,
            public_feed_url=self.request.build_absolute_uri(
                reverse("public:funding_deadline_feed")
            ),
            has_email=bool(self.request.user.email),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "settings":
            form = DeadlinePreferenceForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            preference = self.preference(create=True)
            preference.reminders_enabled = form.cleaned_data["reminders_enabled"]
            # Kept when reminders are off, so that switching them on again restores them.
            preference.remind_days = form.cleaned_data["remind_days"] or default_remind_days()
            preference.save(update_fields=["reminders_enabled", "remind_days"])
            messages.success(request, _("Ihre Einstellungen zu Erinnerungen sind gespeichert."))
            return redirect(reverse("staff:funding_deadlines") + "#einstellungen")
        if action in ("create_feed", "renew_feed"):
            preference = self.preference(create=True)
            if preference.feed_token_hash and action == "create_feed":
                # A second tab or a reload: replacing the address needs the confirmation.
                return redirect("staff:funding_deadline_calendar_renew")
            token = calendar.new_feed_token(preference)
            return self.render_to_response(
                self.get_context_data(new_feed_url=feed_url(request, token))
            )
        if action == "remove_feed":
            preference = self.preference()
            if preference.pk is not None and preference.feed_token_hash:
                calendar.remove_feed_token(preference)
                messages.success(
                    request, _("Die Kalenderadresse ist gelöscht; sie funktioniert nicht mehr.")
                )
            return redirect(reverse("staff:funding_deadlines") + "#kalender")
        return redirect("staff:funding_deadlines")


class CalendarAddressConfirm(FundingSection, StaffPage):
    """Asks before a new calendar address replaces the old one, or before removing it."""

    template_name = "staff/funding/deadline_calendar_confirm.html"
    remove = False

    def get_title(self):
        if self.remove:
            return _("Kalenderadresse löschen")
        return _("Neue Kalenderadresse erzeugen")

    def get_breadcrumbs(self):
        return overview_crumbs() + [
            (_("Fristen"), reverse("staff:funding_deadlines")),
            (self.get_title(), None),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            remove=self.remove,
            has_feed=DeadlinePreference.objects.filter(region=self.region, user=self.request.user)
            .exclude(feed_token_hash="")
            .exists(),
        )
        return context


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class DeadlineFeed(View):
    """The user's deadlines as iCalendar, at a secret address without login."""

    http_method_names = ["get", "head"]

    def get(self, request, token: str):
        region = getattr(request, "region", None)
        if region is None:
            raise Http404
        preference = calendar.preference_for_token(token, region)
        if preference is None or not preference.user.is_active:
            raise Http404
        access = get_access(preference.user, region)
        if not access.is_staff_member:
            raise Http404
        now = timezone.now()
        deadlines = visible_to(access, region_deadlines(region, since=now - calendar.FEED_HISTORY))
        content = calendar.build_calendar(
            deadlines,
            name=_("Fristen – %(region)s") % {"region": region.name},
            uid_domain=f"fristen.{region.slug}.digitalagentur",
            base_url=request.build_absolute_uri("/").rstrip("/"),
            now=now,
        )
        response = calendar_response(content, "fristen.ics")
        # Personal: never kept by shared caches, never indexed.
        response["Cache-Control"] = "private, no-cache"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
