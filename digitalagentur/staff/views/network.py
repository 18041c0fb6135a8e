"""Staff resources in the staff area (issue 14, section 3), mounted at /intern/stellen/: the
figures per town and at the district against the recommendation (table, chart drawn by
network/chart.py, CSV), the posts with their vacancies, and the forms to add, edit and delete
posts and to add, edit and close vacancies.

Who may do what is network.rules with the request's access: every role of the region reads;
the coordination edits every post, an officer only the posts of their own town(s) (403 for
the others); posts and vacancies of other regions are 404. Writes go through
network/services.py (change log).
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core.services import EditConflict
from digitalagentur.network import chart, rules, services
from digitalagentur.network.models import Post, Vacancy

from ..changes import conflict_context
from ..forms_network import PostForm, VacancyCloseForm, VacancyForm
from ..mixins import ObjectMixin, StaffMixin
from .base import CreatePage, DeletePage, EditPage, ObjectRedirect, StaffPage, add_errors
from .projects import home_crumb


def overview_url() -> str:
    return reverse("staff:network_overview")


def post_anchor(post_id: int) -> str:
    return f"{overview_url()}#stelle-{post_id}"


def crumbs(*tail):
    return [home_crumb(), (_("Stellen"), overview_url()), *tail]


def fte(value) -> str:
    """A German FTE figure: 0,5 / 1,25 (no trailing zeros)."""
    return chart.fte_label(value)


def chart_summary(figures) -> str:
    """The chart's description (its <desc>): what it shows and the totals."""
    return _(
        "Balken für geplante und besetzte Vollzeitäquivalente, Strich für die Empfehlung, "
        "Ausrufezeichen, wo sie nicht erfüllt ist. Insgesamt %(planned)s geplant, %(filled)s "
        "besetzt, empfohlen %(recommendation)s; die Empfehlung erfüllen %(met)d von %(all)d. "
        "Alle Zahlen stehen in der Tabelle unter der Grafik."
    ) % {
        "planned": fte(figures.planned),
        "filled": fte(figures.filled),
        "recommendation": fte(figures.recommendation),
        "met": figures.met_count,
        "all": len(figures.lines),
    }


class NetworkSection:
    """Every role of the region reads; the navigation highlights "Stellen"."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "network"
        return context


class NetworkFormMixin:
    """Invalid input comes back with status 400 (nothing saved), the model's messages at their
    fields; a stale version shows the conflict (409); success returns to the post's row."""

    template_name = "staff/network/form.html"
    invalid_status = 400
    errors_at_fields = True

    def get_cancel_url(self) -> str:
        return overview_url()

    def get_success_url(self, obj) -> str:
        return post_anchor(getattr(obj, "post_id", None) or obj.pk)


# ---- the overview -----------------------------------------------------------------------------


class NetworkOverview(NetworkSection, StaffPage):
    """Figures, chart and the posts with their vacancies: a fixed number of queries however
    many posts and vacancies there are."""

    template_name = "staff/network/overview.html"
    title = gettext_lazy("Stellen für die Digitalisierung")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Stellen"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        posts = list(services.posts_for_page(self.region, today))
        figures = services.region_staffing(self.region, today, posts=posts)
        for post in posts:
            post.editable = rules.can_edit_post(self.access, post)
            post.vacancy_list = list(post.vacancies.all())
            for vacancy in post.vacancy_list:
                vacancy.is_open = vacancy.is_open_on(today)
        context.update(
            today=today,
            figures=figures,
            chart=chart.build(figures.lines),
            chart_summary=chart_summary(figures),
            posts=posts,
            can_create=rules.can_create_posts(self.access),
            town_recommendation=fte(figures.town_recommendation),
            district_recommendation=fte(figures.district_recommendation),
        )
        return context


class NetworkCsv(StaffMixin, View):
    """The figures' table as CSV (semicolon, decimal comma, UTF-8 with BOM for Excel)."""

    def get(self, request, *args, **kwargs):
        figures = services.region_staffing(self.region, timezone.localdate())
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(
            [
                _("Ebene"),
                _("Stellen"),
                _("davon vakant"),
                _("geplant (VZÄ)"),
                _("besetzt (VZÄ)"),
                _("Empfehlung (VZÄ)"),
                _("Lücke (VZÄ)"),
                _("Empfehlung erfüllt"),
            ]
        )
        for line in figures.lines:
            writer.writerow(
                [
                    line.name,
                    line.posts,
                    line.vacant_posts,
                    fte(line.planned),
                    fte(line.filled),
                    fte(line.recommendation),
                    fte(line.gap),
                    _("ja") if line.met else _("nein"),
                ]
            )
        writer.writerow(
            [
                _("Summe"),
                figures.posts,
                figures.vacant_posts,
                fte(figures.planned),
                fte(figures.filled),
                fte(figures.recommendation),
                fte(figures.gap),
                _("%(met)d von %(all)d") % {"met": figures.met_count, "all": len(figures.lines)},
            ]
        )
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="stellen.csv"'
        return response


# ---- posts ------------------------------------------------------------------------------------


class PostObject(NetworkSection, ObjectMixin):
    """A post of the request's region (404 otherwise) that the user may edit (403)."""

    conflict_subject = gettext_lazy("Diese Stelle")

    def get_queryset(self):
        return Post.objects.filter(region=self.region).select_related("municipality")

    def has_permission(self, obj) -> bool:
        return rules.can_edit_post(self.access, obj)


class PostCreate(NetworkSection, NetworkFormMixin, CreatePage):
    form_class = PostForm
    title = gettext_lazy("Neue Stelle")
    success_message = gettext_lazy("Die Stelle wurde angelegt.")

    def has_page_permission(self) -> bool:
        return rules.can_create_posts(self.access)

    def get_breadcrumbs(self):
        return crumbs((self.get_title(), None))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "access": self.access}

    def save(self, form):
        values = form.model_values()
        if not rules.can_edit_level(self.access, getattr(values["municipality"], "pk", None)):
            raise PermissionDenied  # the form offers only the user's towns; never reached
        return services.create_post(
            self.region,
            user=self.request.user,
            values=values,
            reason=form.cleaned_data["reason"],
        )


class PostEdit(PostObject, NetworkFormMixin, EditPage):
    form_class = PostForm
    success_message = gettext_lazy("Die Stelle wurde gespeichert.")

    def get_title(self) -> str:
        return _("Stelle bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return crumbs((str(self.object), None))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "access": self.access}

    def save(self, form):
        return services.update_post(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class PostDelete(PostObject, DeletePage):
    question = gettext_lazy(
        "Wollen Sie die Stelle „{obj}“ wirklich löschen? Ihre Vakanzen werden mit gelöscht."
    )

    def get_breadcrumbs(self):
        return crumbs((str(self.object), None), (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return post_anchor(self.object.pk)

    def get_success_url(self) -> str:
        return overview_url()

    def perform(self, form) -> str:
        services.delete_post(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Die Stelle „%(obj)s“ wurde gelöscht.") % {"obj": self.object}


# ---- vacancies --------------------------------------------------------------------------------


class VacancyObject(NetworkSection, ObjectMixin):
    """A vacancy of the request's region (404 otherwise) whose post the user may edit (403)."""

    conflict_subject = gettext_lazy("Diese Vakanz")

    def get_queryset(self):
        return Vacancy.objects.filter(region=self.region).select_related("post__municipality")

    def has_permission(self, obj) -> bool:
        return rules.can_edit_post(self.access, obj.post)

    def get_cancel_url(self) -> str:
        return post_anchor(self.object.post_id)


class VacancyCreate(NetworkSection, NetworkFormMixin, CreatePage):
    form_class = VacancyForm
    success_message = gettext_lazy("Die Vakanz wurde eingetragen.")

    def prepare(self) -> None:
        self.post_obj = get_object_or_404(
            Post.objects.select_related("municipality"), region=self.region, pk=self.kwargs["pk"]
        )
        if not rules.can_edit_post(self.access, self.post_obj):
            raise PermissionDenied
        super().prepare()

    def get_title(self) -> str:
        return _("Vakanz eintragen: %(post)s") % {"post": self.post_obj}

    def get_breadcrumbs(self):
        return crumbs((str(self.post_obj), post_anchor(self.post_obj.pk)), (_("Vakanz"), None))

    def get_cancel_url(self) -> str:
        return post_anchor(self.post_obj.pk)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "post": self.post_obj}

    def save(self, form):
        return services.create_vacancy(
            self.post_obj,
            user=self.request.user,
            values=form.model_values(),
            reason=form.cleaned_data["reason"],
        )


class VacancyEdit(VacancyObject, NetworkFormMixin, EditPage):
    form_class = VacancyForm
    success_message = gettext_lazy("Die Vakanz wurde gespeichert.")

    def get_title(self) -> str:
        return _("Vakanz bearbeiten: %(post)s") % {"post": self.object.post}

    def get_breadcrumbs(self):
        post = self.object.post
        return crumbs((str(post), post_anchor(post.pk)), (_("Vakanz"), None))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "post": self.object.post}

    def save(self, form):
        return services.update_vacancy(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class VacancyClose(VacancyObject, StaffPage):
    """End an open vacancy: its last vacant day (today by default)."""

    template_name = "staff/network/form.html"

    def get_title(self) -> str:
        return _("Vakanz beenden: %(post)s") % {"post": self.object.post}

    def get_breadcrumbs(self):
        post = self.object.post
        return crumbs((str(post), post_anchor(post.pk)), (_("Vakanz beenden"), None))

    def get_form(self, data=None):
        initial = {"version": self.object.version, "end": timezone.localdate()}
        return VacancyCloseForm(data=data, initial=initial, vacancy=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(
            cancel_url=self.get_cancel_url(),
            submit_label=_("Vakanz beenden"),
            intro=_(
                "Die Stelle ist vakant seit %(start)s (%(cause)s). Geben Sie den letzten Tag der "
                "Vakanz an; ab dem Tag danach zählt die Stelle wieder als besetzt."
            )
            % {"start": self.object.start.strftime("%d.%m.%Y"), "cause": self.object.cause},
        )
        return context

    def get(self, request, *args, **kwargs):
        if self.object.end is not None:
            messages.info(request, _("Diese Vakanz ist bereits beendet."))
            return redirect(self.get_cancel_url())
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.close_vacancy(
                    self.object,
                    form.cleaned_data["end"],
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except EditConflict as exc:
                self.object = exc.instance
                data = form.data.copy()
                data["version"] = str(exc.current_version)
                conflict = conflict_context(exc, _("Diese Vakanz"), ["end"])
                fresh = self.get_form(data)
                return self.render_to_response(
                    self.get_context_data(form=fresh, conflict=conflict), status=409
                )
            except ObjectDoesNotExist:
                messages.error(request, _("Die Vakanz wurde inzwischen gelöscht."))
                return redirect(overview_url())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Die Vakanz wurde beendet."))
                return redirect(self.get_cancel_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class VacancyDelete(VacancyObject, DeletePage):
    question = gettext_lazy(
        "Wollen Sie die „{obj}“ wirklich löschen (z. B. weil sie falsch erfasst war)?"
    )

    def get_breadcrumbs(self):
        post = self.object.post
        return crumbs((str(post), post_anchor(post.pk)), (_("Vakanz löschen"), None))

    def get_success_url(self) -> str:
        return post_anchor(self.object.post_id)

    def perform(self, form) -> str:
        services.delete_vacancy(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Die Vakanz wurde gelöscht.")


# ---- own addresses (change-log links) ---------------------------------------------------------


class PostRedirect(ObjectRedirect):
    """A post's own address: its row on the overview (every role of the region reads it)."""

    model = Post

    def target(self, obj) -> str:
        return post_anchor(obj.pk)


class VacancyRedirect(ObjectRedirect):
    """A vacancy's own address: its post's row on the overview."""

    model = Vacancy

    def target(self, obj) -> str:
        return post_anchor(obj.post_id)
