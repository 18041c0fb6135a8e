"""The document library in the staff area (issue 14, section 2), mounted at /intern/dokumente/:
the list (search, filters, pages), a document's page with its versions, uploading a document
or a new version, editing the description, deleting, and downloading any version.

Who may do what is library.rules with the request's access: every role of the region reads
every document (internal ones too) and downloads every version; the coordination uploads and
edits all of them, an officer those of their own town (403 otherwise); other regions'
documents are 404. Writes go through library/services.py (file checks, virus-scan hook,
change log). A download is always an attachment, never rendered by the browser: nosniff and
a sandboxing Content-Security-Policy, so that even a crafted file cannot run in our origin.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.library import rules, services
from digitalagentur.library.downloads import file_response
from digitalagentur.library.models import Document, DocumentVersion
from digitalagentur.library.search import search_documents
from digitalagentur.strategy.models import Field

from ..changes import history
from ..forms_library import DocumentFilterForm, DocumentForm, VersionForm, read_upload
from ..mixins import ObjectMixin, StaffMixin
from .base import CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

PAGE_SIZE = 25
RENAMES = {"municipalities": "towns"}


def list_url() -> str:
    return reverse("staff:library_list")


def detail_url(pk: int) -> str:
    return reverse("staff:library_detail", args=[pk])


def list_crumbs(*tail):
    return [home_crumb(), (_("Dokumente"), list_url()), *tail]


def document_crumbs(document, *tail):
    return list_crumbs((str(document), detail_url(document.pk)), *tail)


def towns_hint(access) -> str:
    if access.can_manage:
        return ""
    return _(
        "Wählen Sie mindestens Ihre eigene Kommune: Dokumente Ihrer Kommune können Sie "
        "später weiter bearbeiten."
    )


class LibrarySection:
    """The navigation highlights "Dokumente"."""

    conflict_subject = gettext_lazy("Dieses Dokument")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "library"
        return context


class DocumentObject(LibrarySection, ObjectMixin):
    """A document of the request's region (404 otherwise) that the user may edit (403)."""

    def get_queryset(self):
        return Document.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return rules.can_edit_document(self.access, obj, user=self.request.user)


class DocumentList(LibrarySection, StaffPage):
    """Every document of the region with its current file, searchable and filtered; the
    number of queries does not grow with the list."""

    template_name = "staff/library/list.html"
    title = gettext_lazy("Dokumente")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Dokumente"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DocumentFilterForm(self.request.GET or None, region=self.region)
        chosen = form.filters() if self.request.GET else {}
        documents = rules.visible_documents(self.access, Document.objects.all())
        if chosen.get("kind"):
            documents = documents.filter(kind=chosen["kind"])
        if chosen.get("visibility"):
            documents = documents.filter(visibility=chosen["visibility"])
        if chosen.get("tag"):
            documents = documents.filter(tags=chosen["tag"])
        if chosen.get("field"):
            documents = documents.filter(fields=chosen["field"])
        if chosen.get("town"):
            documents = documents.filter(municipalities=chosen["town"])
        if chosen.get("q"):
            documents = search_documents(documents, chosen["q"])
        documents = (
            documents.distinct()
            .select_related("current_version", "project")
            .prefetch_related("tags", "municipalities")
            .order_by("title", "pk")
        )
        page = Paginator(documents, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            form=form,
            page=page,
            documents=list(page.object_list),
            filtered=bool(chosen),
            can_create=rules.can_create_documents(self.access),
        )
        return context


class DocumentDetail(LibrarySection, ObjectMixin, StaffPage):
    """A document with every version (newest first) and what may be done with it."""

    template_name = "staff/library/detail.html"

    def get_queryset(self):
        return (
            Document.objects.filter(region=self.region)
            .select_related("project", "created_by", "current_version")
            .prefetch_related(
                "tags",
                "municipalities",
                Prefetch("fields", queryset=Field.objects.order_by("position", "name")),
                Prefetch(
                    "versions",
                    queryset=DocumentVersion.objects.select_related("uploaded_by").order_by(
                        "-number"
                    ),
                ),
            )
        )

    def has_permission(self, obj) -> bool:
        return rules.can_see_document(self.access, obj)

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        towns = list(document.municipalities.all())
        context.update(
            document=document,
            towns=towns,
            versions=list(document.versions.all()),
            can_edit=rules.can_edit_document(
                self.access, document, user=self.request.user, town_ids=[t.pk for t in towns]
            ),
            public_url=(
                reverse("public:library_list") + f"#dokument-{document.pk}"
                if document.is_public
                else ""
            ),
            history=history(document),
        )
        return context


class UploadFormMixin:
    """Forms with a file: the upload reaches the form, invalid input comes back with 400
    (nothing saved), the service's messages at their fields, a stale version shows the
    conflict (409)."""

    template_name = "staff/library/form.html"
    invalid_status = 400
    errors_at_fields = True
    error_renames = RENAMES
    deleted_message = gettext_lazy("Das Dokument wurde inzwischen gelöscht.")

    def get_form(self, data=None):
        files = self.request.FILES if data is not None else None
        return self.form_class(data=data, files=files, **self.get_form_kwargs())

    def get_deleted_url(self) -> str:
        return list_url()


class DocumentCreate(LibrarySection, UploadFormMixin, CreatePage):
    form_class = DocumentForm
    title = gettext_lazy("Dokument hochladen")
    submit_label = gettext_lazy("Hochladen")
    success_message = gettext_lazy("Das Dokument wurde hochgeladen.")

    def has_page_permission(self) -> bool:
        return rules.can_create_documents(self.access)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "towns_hint": towns_hint(self.access)}

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def save(self, form):
        relations = form.relations()
        town_ids = [t.pk for t in relations["municipalities"]]
        if not rules.can_assign_towns(self.access, town_ids):
            raise ValidationError({"municipalities": [own_town_message()]})
        filename, content = read_upload(form.cleaned_data["file"])
        return services.create_document(
            region=self.region,
            user=self.request.user,
            values=form.model_values(),
            filename=filename,
            content=content,
            note=form.cleaned_data["reason"],
            **relations,
        )


def own_town_message() -> str:
    return _("Bitte wählen Sie mindestens eine Ihrer eigenen Kommunen.")


class DocumentEdit(DocumentObject, UploadFormMixin, EditPage):
    form_class = DocumentForm
    success_message = gettext_lazy("Das Dokument wurde gespeichert.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "towns_hint": towns_hint(self.access)}

    def get_title(self) -> str:
        return _("Dokument bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return document_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def save(self, form):
        relations = form.relations()
        town_ids = [t.pk for t in relations["municipalities"]]
        if not rules.can_assign_towns(self.access, town_ids):
            raise ValidationError({"municipalities": [own_town_message()]})
        return services.update_document(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            **relations,
        )


class VersionUpload(DocumentObject, UploadFormMixin, CreatePage):
    """A new file for the document: the next version, from now on the current one."""

    form_class = VersionForm
    submit_label = gettext_lazy("Hochladen")
    success_message = gettext_lazy("Die neue Fassung wurde hochgeladen.")

    def get_form_kwargs(self) -> dict:
        return {}

    def get_title(self) -> str:
        return _("Neue Fassung hochladen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return document_crumbs(self.object, (_("Neue Fassung"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_success_url(self, obj) -> str:
        return detail_url(self.object.pk) + f"#fassung-{obj.pk}"

    def save(self, form):
        filename, content = read_upload(form.cleaned_data["file"])
        return services.add_version(
            self.object,
            user=self.request.user,
            filename=filename,
            content=content,
            note=form.cleaned_data["note"],
        )


class DocumentDelete(DocumentObject, DeletePage):
    question = gettext_lazy(
        "Wollen Sie das Dokument „{obj}“ mit allen Fassungen wirklich löschen? Die Dateien "
        "sind danach nicht mehr abrufbar."
    )

    def get_breadcrumbs(self):
        return document_crumbs(self.object, (_("Löschen"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def get_success_url(self) -> str:
        return list_url()

    def perform(self, form) -> str:
        services.delete_document(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Das Dokument „%(obj)s“ wurde gelöscht.") % {"obj": self.object}


class VersionDownload(StaffMixin, View):
    """Any version of a document of the region, for every staff role (404 elsewhere)."""

    def get(self, request, pk: int, version_pk: int):
        document = get_object_or_404(Document, region=self.region, pk=pk)
        version = get_object_or_404(DocumentVersion, document=document, pk=version_pk)
        if not rules.can_download(self.access, document, version):
            raise PermissionDenied
        content = services.version_content(version)
        if not content:
            raise Http404
        return file_response(version, content)


class DocumentRedirect(ObjectMixin, View):
    """The own address of a version (change-log links): its document's page."""

    def get_queryset(self):
        return DocumentVersion.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return True

    def get(self, request, *args, **kwargs):
        return redirect(detail_url(self.object.document_id) + f"#fassung-{self.object.pk}")
