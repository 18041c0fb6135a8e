"""News posts in the staff area (issue 13, section 3), mounted at /intern/neuigkeiten/: the
list (status filter, search, sortable columns), a post's form, its page with a preview,
publishing now and withdrawing, the texts for social media, and deleting it.

Who may do what is communication.rules with the request's access: the coordination
(coordinators, region admins) writes every post of the region; a digitalisation officer
writes posts for their own towns and edits, publishes and deletes only posts whose towns are
all theirs (403 for others); every other role gets 403, other regions' posts 404. Writes go
through communication/news.py (change log, the image re-encoded); bad input is shown again
with status 400 and saves nothing.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.communication import news, rules
from digitalagentur.communication.models import NewsPost
from digitalagentur.core.formatting import render_markdown
from digitalagentur.core.images import image_response

from ..changes import history
from ..forms_news import STATUSES, NewsFilterForm, NewsPostForm
from ..mixins import ObjectMixin
from .base import ConfirmPage, CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

POSTS_PER_PAGE = 50
SORT_PARAM = "sortierung"
DEFAULT_SORT = "-datum"
# A draft (no date yet) counts as later than every date: first when the newest come first.
SORTS = {
    "datum": (F("publish_at").asc(nulls_last=True), "updated", "pk"),
    "-datum": (F("publish_at").desc(nulls_first=True), "-updated", "-pk"),
    "titel": ("title", "pk"),
    "-titel": ("-title", "-pk"),
    "geaendert": ("updated", "pk"),
    "-geaendert": ("-updated", "-pk"),
}
# The service's field names -> the form's
FORM_FIELDS = {"municipalities": "towns", "image": "upload"}


def list_url() -> str:
    return reverse("staff:news_list")


def detail_url(pk: int) -> str:
    return reverse("staff:news_detail", args=[pk])


def list_crumbs(*tail):
    return [home_crumb(), (_("Neuigkeiten"), list_url()), *tail]


def post_crumbs(post, *tail):
    return list_crumbs((str(post), detail_url(post.pk)), *tail)


def sort_columns(current: str) -> list[dict]:
    """Table headers: the sort value each header links to and its aria-sort state."""
    columns = [
        ("title", _("Titel"), "titel"),
        ("status", _("Status"), None),
        ("date", _("Veröffentlichung"), "datum"),
        ("towns", _("Kommunen"), None),
        ("updated", _("zuletzt geändert"), "geaendert"),
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


def with_status(status: str, now) -> Q:
    if status == "draft":
        return Q(publish_at__isnull=True)
    if status == "scheduled":
        return Q(publish_at__gt=now)
    return Q(publish_at__lte=now)


class NewsSection:
    """The coordination and the digitalisation officers; the navigation highlights
    "Neuigkeiten"."""

    def has_page_permission(self) -> bool:
        return rules.can_create_news(self.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "news"
        return context


class NewsObject(NewsSection, ObjectMixin):
    """A post of the request's region (404 otherwise) that the user manages (403)."""

    conflict_subject = gettext_lazy("Dieser Beitrag")

    def get_queryset(self):
        return NewsPost.objects.filter(region=self.region).defer("image")

    def has_permission(self, obj) -> bool:
        return rules.can_manage_news(self.access, obj)


class NewsList(NewsSection, StaffPage):
    """The posts the user manages, the newest first; filters for the status and a search."""

    template_name = "staff/news/list.html"
    title = gettext_lazy("Neuigkeiten")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Neuigkeiten"), None)]

    def render_to_response(self, context, **response_kwargs):
        if context["filter_form"].errors:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        found = rules.managed_news(self.access, NewsPost.objects.defer("image", "body"))
        form = NewsFilterForm(self.request.GET or None)
        filtered = False
        if form.is_bound and form.is_valid():
            status, query = form.cleaned_data["status"], form.cleaned_data["q"].strip()
            if status:
                found = found.filter(with_status(STATUSES[status], now))
            if query:
                found = found.filter(Q(title__icontains=query) | Q(teaser__icontains=query))
            filtered = bool(status or query)
        sort = self.request.GET.get(SORT_PARAM, DEFAULT_SORT)
        if sort not in SORTS:
            sort = DEFAULT_SORT
        found = found.prefetch_related("municipalities").order_by(*SORTS[sort])
        page = Paginator(found, POSTS_PER_PAGE).get_page(self.request.GET.get("page"))
        for post in page.object_list:
            post.status = news.status_of(post, now)
        context.update(
            filter_form=form,
            filtered=filtered,
            page=page,
            sort=sort,
            columns=sort_columns(sort),
            can_create=rules.can_create_news(self.access),
        )
        return context


class NewsFormMixin:
    """A post's form with its image upload: invalid input comes back with status 400 (nothing
    saved), the service's German messages at their fields."""

    form_class = NewsPostForm
    template_name = "staff/news/form.html"
    invalid_status = 400
    errors_at_fields = True
    error_renames = FORM_FIELDS
    deleted_message = gettext_lazy("Der Beitrag wurde inzwischen gelöscht.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "access": self.access}

    def get_form(self, data=None):
        files = self.request.FILES if data is not None else None
        return self.form_class(data=data, files=files, **self.get_form_kwargs())

    def get_deleted_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def relations(self, form) -> dict:
        return {"fields": form.cleaned_data["fields"], "municipalities": form.cleaned_data["towns"]}


class NewsCreate(NewsSection, NewsFormMixin, CreatePage):
    title = gettext_lazy("Neuer Beitrag")
    success_message = gettext_lazy("Der Beitrag wurde angelegt.")

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def save(self, form):
        return news.create_post(
            region=self.region,
            user=self.request.user,
            values=form.model_values(),
            image=form.cleaned_data.get("upload"),
            **self.relations(form),
        )


class NewsEdit(NewsObject, NewsFormMixin, EditPage):
    success_message = gettext_lazy("Der Beitrag wurde gespeichert.")

    def get_title(self) -> str:
        return _("Beitrag bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return post_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def save(self, form):
        return news.update_post(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            image=form.cleaned_data.get("upload"),
            remove_image=bool(form.cleaned_data.get("remove_image")),
            reason=form.cleaned_data["reason"],
            **self.relations(form),
        )


class NewsDetail(NewsObject, StaffPage):
    """The post with its status, a preview of the text as the website shows it, its image,
    fields and towns, and the ways to its form, publishing, social media texts and deleting."""

    template_name = "staff/news/detail.html"

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        status = news.status_of(post)
        context.update(
            post=post,
            object=post,
            status=status,
            body=render_markdown(post.body),
            fields=list(post.fields.order_by("name", "pk")),
            towns=list(post.municipalities.order_by("name", "pk")),
            public_url=news.post_path(post) if status == "published" else "",
            history=history(post),
        )
        return context


class NewsImage(NewsObject, View):
    """The post's image for its managers (a draft's image is not public yet)."""

    def get_queryset(self):
        return NewsPost.objects.filter(region=self.region)

    def get(self, request, *args, **kwargs):
        if not self.object.image:
            return redirect(detail_url(self.object.pk))
        return image_response(self.object.image, self.object.image_type, public=False)


class NewsSocial(NewsObject, StaffPage):
    """Drafts of texts for social media, each to copy (nothing is posted anywhere)."""

    template_name = "staff/news/social.html"

    def get_title(self) -> str:
        return _("Texte für soziale Medien: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return post_crumbs(self.object, (_("Texte für soziale Medien"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            post=self.object,
            status=news.status_of(self.object),
            drafts=news.social_drafts(self.object),
        )
        return context


class NewsPublish(NewsObject, ConfirmPage):
    """Publish now (a draft, or a scheduled post brought forward)."""

    submit_label = gettext_lazy("Jetzt veröffentlichen")

    def get_title(self) -> str:
        return _("Veröffentlichen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return post_crumbs(self.object, (_("Veröffentlichen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _(
            "„%(obj)s“ jetzt veröffentlichen? Der Beitrag erscheint sofort auf der Website, im "
            "Feed und in der API."
        ) % {"obj": self.object}
        return context

    def perform(self, form) -> str:
        if news.status_of(self.object) == "published":
            return _("„%(obj)s“ ist bereits veröffentlicht.") % {"obj": self.object}
        news.publish_now(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ ist veröffentlicht.") % {"obj": self.object}


class NewsUnpublish(NewsPublish):
    """Back to a draft (also a scheduled post)."""

    submit_label = gettext_lazy("Zurückziehen")

    def get_title(self) -> str:
        return _("Zurückziehen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return post_crumbs(self.object, (_("Zurückziehen"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _(
            "„%(obj)s“ zurückziehen? Der Beitrag wird wieder ein Entwurf: nicht mehr auf der "
            "Website, im Feed und in der API (auch ein geplanter Termin entfällt)."
        ) % {"obj": self.object}
        return context

    def perform(self, form) -> str:
        if self.object.publish_at is None:
            return _("„%(obj)s“ ist bereits ein Entwurf.") % {"obj": self.object}
        news.unpublish(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ ist zurückgezogen (Entwurf).") % {"obj": self.object}


class NewsDelete(NewsObject, DeletePage):
    question = gettext_lazy("Wollen Sie den Beitrag „{obj}“ wirklich löschen?")

    def get_breadcrumbs(self):
        return post_crumbs(self.object, (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_success_url(self) -> str:
        return list_url()

    def perform(self, form) -> str:
        news.delete_post(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Der Beitrag „%(obj)s“ wurde gelöscht.") % {"obj": self.object}
