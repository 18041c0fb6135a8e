"""Newsletter issues in the staff area (issue 13, section 1), mounted at
/intern/newsletter/ausgaben/: the list, a new issue, an issue's page, form and preview, the
test mail, sending and deleting a draft."""

from django.urls import path

from .views import newsletter_issues as n

issue = "<int:pk>"

urlpatterns = [
    path("", n.IssueList.as_view(), name="newsletter_issue_list"),
    path("neu/", n.IssueCreate.as_view(), name="newsletter_issue_create"),
    path(f"{issue}/", n.IssueDetail.as_view(), name="newsletter_issue_detail"),
    path(f"{issue}/bearbeiten/", n.IssueEdit.as_view(), name="newsletter_issue_edit"),
    path(
        f"{issue}/vorschau.html",
        n.IssuePreview.as_view(fmt="html"),
        name="newsletter_issue_preview_html",
    ),
    path(
        f"{issue}/vorschau.txt",
        n.IssuePreview.as_view(fmt="text"),
        name="newsletter_issue_preview_text",
    ),
    path(f"{issue}/testversand/", n.IssueTestSend.as_view(), name="newsletter_issue_test"),
    path(f"{issue}/versenden/", n.IssueSend.as_view(), name="newsletter_issue_send"),
    path(f"{issue}/loeschen/", n.IssueDelete.as_view(), name="newsletter_issue_delete"),
]
