"""The public archive of the newsletter (issue 13, section 1): every issue sent, newest
first, each on a page of its own as it went out (without anyone's unsubscribe link), and an
Atom feed of the issues."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digitalagentur.communication.choices import IssueStatus
from digitalagentur.communication.models import NewsletterIssue
from digitalagentur.communication.sending import shown_items
from digitalagentur.tenancy.pagecache import cache_public

from .feeds import ENTRIES, RegionFeed, tag_uri, text_summary
from .ideas import region_of
from .views import _page_notice

ISSUES_PER_PAGE = 20


def sent_issues(region):
    return NewsletterIssue.objects.filter(region=region, status=IssueStatus.SENT).order_by(
        "-send_started", "-pk"
    )


def crumbs(*items):
    return [
        (_("Start"), reverse("public:home")),
        (_("Newsletter"), reverse("public:newsletter")),
        *items,
    ]


@require_safe
@cache_public
def newsletter_archive(request):
    region = region_of(request)
    paginator = Paginator(sent_issues(region), ISSUES_PER_PAGE)
    raw_page = request.GET.get("page")
    page = paginator.get_page(raw_page)
    context = {
        "page": page,
        "issues": page.object_list,
        "notice": _page_notice(raw_page, page),
        "title": _("Newsletter-Archiv"),
        "breadcrumbs": crumbs((_("Archiv"), None)),
    }
    return render(request, "public/newsletter/archive.html", context)


@require_safe
@cache_public
def newsletter_issue(request, pk: int):
    region = region_of(request)
    issue = get_object_or_404(sent_issues(region), pk=pk)
    context = {
        "issue": issue,
        "items": shown_items(issue),
        "title": issue.subject,
        "breadcrumbs": crumbs(
            (_("Archiv"), reverse("public:newsletter_archive")), (issue.subject, None)
        ),
    }
    return render(request, "public/newsletter/issue.html", context)


class NewsletterFeed(RegionFeed):
    """The issues sent, the newest first."""

    def title(self, region):
        return _("Newsletter – %(region)s") % {"region": region.name}

    def subtitle(self, region):
        return _("Die Ausgaben des Newsletters der Digitalagentur")

    def link(self, region):
        return reverse("public:newsletter_archive")

    def author_name(self, region):
        return region.name

    def items(self, region):
        return sent_issues(region)[:ENTRIES]

    def item_title(self, issue):
        return issue.subject

    def item_description(self, issue):
        parts = [issue.intro] + [item["title"] for item in shown_items(issue)]
        return text_summary("\n\n".join(part for part in parts if part))

    def item_link(self, issue):
        return reverse("public:newsletter_issue", args=[issue.pk])

    def item_guid(self, issue):
        return tag_uri(self.host, self.region, f"newsletter-{issue.pk}")

    def item_pubdate(self, issue):
        return issue.send_started or issue.created

    def item_updateddate(self, issue):
        return issue.send_started or issue.created
