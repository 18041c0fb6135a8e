"""The document library on the public website (issue 14, section 2), mounted at /dokumente/:
the public documents of the region, searchable (library/search.py) and filtered by kind, and
the download of each one's current version.

Internal documents do not exist here: not in the list, not in the search, and their files
answer 404, as do older versions of public documents (library/rules.py). A project is named
only when it is published itself. A file is always an attachment with nosniff and a
sandboxing Content-Security-Policy (library/downloads.py).
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from digitalagentur.library import rules, services
from digitalagentur.library.choices import DocumentKind
from digitalagentur.library.downloads import file_response
from digitalagentur.library.models import Document, DocumentVersion
from digitalagentur.library.search import search_documents
from digitalagentur.portfolio.models import Project
from digitalagentur.tenancy.pagecache import cache_public
from digitalagentur.tenancy.permissions import Access

from .ideas import region_of

PAGE_SIZE = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Suchbegriff"), required=False, max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Art"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("alle"))] + list(DocumentKind.choices)


def public_documents(region):
    """The region's public documents with a file, for everybody (staff too: this is the
    public website)."""
    return rules.public_only(Document.objects.filter(region=region))


@require_safe
@cache_public
def document_list(request):
    region = region_of(request)
    form = SearchForm(request.GET or None)
    documents = public_documents(region)
    chosen = form.cleaned_data if form.is_valid() else {}
    if chosen.get("kind"):
        documents = documents.filter(kind=chosen["kind"])
    if chosen.get("q"):
        documents = search_documents(documents, chosen["q"])
    documents = (
        documents.select_related("current_version")
        .prefetch_related(
            "tags",
            "municipalities",
            Prefetch("project", queryset=Project.objects.filter(published=True)),
        )
        .order_by("title", "pk")
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "documents": list(page.object_list),
        "filters_active": bool(chosen.get("q") or chosen.get("kind")),
        "region": region,
        "title": _("Dokumente"),
        "breadcrumbs": [(_("Start"), reverse("public:home")), (_("Dokumente"), None)],
    }
    return render(request, "public/library/list.html", context)


@require_safe
def document_download(request, pk: int, version_pk: int):
    """The current version of a public document; anything else is 404."""
    region = region_of(request)
    document = Document.objects.filter(region=region, pk=pk).first()
    version = DocumentVersion.objects.filter(document_id=pk, pk=version_pk).first()
    if document is None or version is None:
        raise Http404
    # The public rule, whoever asks: staff download other versions in the staff area.
    public = Access(region_id=region.pk)
    if not rules.can_download(public, document, version):
        raise Http404
    content = services.version_content(version)
    if not content:
        raise Http404
    return file_response(version, content)
