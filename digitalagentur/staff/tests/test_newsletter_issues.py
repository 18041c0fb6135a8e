"""Newsletter issues in the staff area (issue 13, section 1 "Composing" and "Sending"): only
the coordination composes and sends (403 for other roles, 404 for other regions' issues); a
new issue takes over the picked suggestions of the region's recent activity; bad input is
refused in German and saves nothing; a stale edit shows the conflict; the preview is escaped;
the test mail goes to the editor; sending writes the deliveries once and shows its progress;
only drafts are edited, sent and deleted."""

from __future__ import annotations

import datetime
import secrets
import smtplib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from digitalagentur.communication import newsletter, sending
from digitalagentur.communication.choices import DeliveryStatus, IssueStatus, SubscriptionStatus
from digitalagentur.communication.models import Delivery, NewsletterIssue, Segment, Subscription
from digitalagentur.communication.rules import can_manage_newsletter
from digitalagentur.core import testing as t
from digitalagentur.core.services import changes_for, create_object, update_object
from digitalagentur.portfolio.models import ProjectUpdate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def url(name, *args):
    return reverse(f"staff:{name}", args=args)


def make_issue(region, subject="Neues aus der Digitalagentur", **values):
    values.setdefault("intro", "Liebe Leserinnen und Leser,\n\nhier das Neueste.")
    values.setdefault(
        "items",
        [{"title": "Coworking in Billerbeck", "text": "ExtraGleis", "url": "https://x.example"}],
    )
    return create_object(NewsletterIssue(region=region, subject=subject, **values))


def subscribe(region, *emails, segment=None):
    now = timezone.now()
    rows = []
    for email in emails:
        row = Subscription.objects.create(
            region=region,
            email=email,
            status=SubscriptionStatus.ACTIVE,
            requested=now,
            confirmed=now,
            unsubscribe_key=secrets.token_urlsafe(16),
        )
        if segment is not None:
            row.segments.add(segment)
        rows.append(row)
    return rows


def page_urls(issue):
    return [
        url("newsletter_issue_detail", issue.pk),
        url("newsletter_issue_edit", issue.pk),
        url("newsletter_issue_preview_html", issue.pk),
        url("newsletter_issue_preview_text", issue.pk),
        url("newsletter_issue_send", issue.pk),
        url("newsletter_issue_delete", issue.pk),
    ]


def all_urls(issue):
    return [url("newsletter_issue_list"), url("newsletter_issue_create"), *page_urls(issue)]


def edit_data(issue, **overrides) -> dict:
    issue.refresh_from_db()
    data = {
        "subject": issue.subject,
        "intro": issue.intro,
        "segments": list(issue.segments.values_list("pk", flat=True)),
        "version": issue.version,
        "reason": "",
        "beitrag-TOTAL_FORMS": str(len(issue.items)),
        "beitrag-INITIAL_FORMS": str(len(issue.items)),
        "beitrag-MIN_NUM_FORMS": "0",
        "beitrag-MAX_NUM_FORMS": "50",
    }
    for n, item in enumerate(issue.items):
        data.update(
            {
                f"beitrag-{n}-position": str(n + 1),
                f"beitrag-{n}-title": item["title"],
                f"beitrag-{n}-text": item["text"],
                f"beitrag-{n}-url": item["url"],
            }
        )
    data.update(overrides)
    return data


# -- access -----------------------------------------------------------------------------------


def test_the_helper_is_the_coordination(users, region):
    from digitalagentur.tenancy.permissions import get_access

    expected = {"admin": True, "coordinator": True, "officer": False, "reader": False}
    for role, allowed in expected.items():
        assert can_manage_newsletter(get_access(users[role], region)) is allowed, role


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_coordination_reaches_every_page(client, login, region, role):
    issue = make_issue(region)
    login(role)
    for address in all_urls(issue):
        assert client.get(address).status_code == 200, address


def test_anonymous_is_sent_to_the_login(client, region):
    issue = make_issue(region)
    for address in all_urls(issue):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("login")), address


@pytest.mark.parametrize("role", ["officer", "reader"])
def test_other_roles_get_403_and_change_nothing(client, login, region, role):
    issue = make_issue(region)
    subscribe(region, "a@example.org")
    login(role)
    for address in all_urls(issue):
        assert client.get(address).status_code == 403, address
    for address in [
        url("newsletter_issue_create"),
        url("newsletter_issue_edit", issue.pk),
        url("newsletter_issue_test", issue.pk),
        url("newsletter_issue_send", issue.pk),
        url("newsletter_issue_delete", issue.pk),
    ]:
        response = client.post(address, {"version": issue.version, "subject": "X", "seit": ""})
        assert response.status_code == 403, address
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and NewsletterIssue.objects.count() == 1
    assert not Delivery.objects.exists() and not mail.outbox


def test_other_regions_issues_are_not_found(client, login, region, other_region):
    foreign = make_issue(other_region, "Fremde Ausgabe")
    subscribe(other_region, "fremd@example.org")
    login("coordinator")
    assert "Fremde Ausgabe" not in client.get(url("newsletter_issue_list")).content.decode()
    for address in page_urls(foreign):
        assert client.get(address).status_code == 404, address
    for address in [
        url("newsletter_issue_test", foreign.pk),
        url("newsletter_issue_send", foreign.pk),
        url("newsletter_issue_delete", foreign.pk),
    ]:
        assert client.post(address, {"version": foreign.version}).status_code == 404, address
    foreign.refresh_from_db()
    assert foreign.status == IssueStatus.DRAFT and not Delivery.objects.exists()


# -- the list ---------------------------------------------------------------------------------


def test_the_list_explains_how_to_start_and_shows_each_state(client, login, region):
    login("coordinator")
    page = client.get(url("newsletter_issue_list")).content.decode()
    assert "Noch keine Ausgaben" in page and url("newsletter_issue_create") in page
    assert "Neue Ausgabe" in page

    subscribe(region, "a@example.org", "b@example.org")
    draft = make_issue(region, "Der Entwurf")
    sent = make_issue(region, "Die versandte")
    sending.start_sending(sent)
    sending.send_pending(sent.pk, rate=0)
    running = make_issue(region, "Die laufende")
    sending.start_sending(running)
    first = Delivery.objects.filter(issue=running).order_by("pk").first()
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.SENT)
    page = client.get(url("newsletter_issue_list")).content.decode()
    # newest first
    assert page.index("Die laufende") < page.index("Die versandte") < page.index("Der Entwurf")
    assert "<progress" in page and "50 %" in page
    sent.refresh_from_db()
    assert f"am {timezone.localtime(sent.send_finished):%d.%m.%Y} an 2" in page
    assert url("newsletter_issue_detail", draft.pk) in page


# -- composing --------------------------------------------------------------------------------


@pytest.fixture
def news(region):
    """A published project with a published update ten days ago (a suggestion) and an
    unpublished one (none)."""
    project = t.make_project(region, "Online ins Rathaus")
    today = timezone.localdate()
    update = create_object(
        ProjectUpdate(
            region=region,
            project=project,
            date=today - datetime.timedelta(days=10),
            title="Erste Anträge online",
            text="Seit Montag lassen sich Anträge im Portal stellen.",
            published=True,
        )
    )
    create_object(
        ProjectUpdate(
            region=region,
            project=project,
            date=today - datetime.timedelta(days=5),
            title="Geheimer Zwischenstand",
            text="Intern.",
            published=False,
        )
    )
    old = create_object(
        ProjectUpdate(
            region=region,
            project=project,
            date=today - datetime.timedelta(days=100),
            title="Projektstart",
            text="Es geht los.",
            published=True,
        )
    )
    return project, update, old


def test_an_issue_is_created_from_the_picked_suggestions(client, login, region, town, news):
    project, update, old = news
    user = login("coordinator")
    form = client.get(url("newsletter_issue_create"))
    page = form.content.decode()
    assert form.status_code == 200
    assert "Online ins Rathaus: Erste Anträge online" in page and "Projekt-Update" in page
    assert "Seit Montag lassen sich" in page
    assert "Geheimer Zwischenstand" not in page and "Projektstart" not in page
    # the groups are there (ensure_segments), as checkboxes
    senden = Segment.objects.get(region=region, municipality=town)
    assert f'value="{senden.pk}"' in page and 'type="checkbox"' in page
    default = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert f'value="{default}"' in page

    # an earlier date brings the older update too
    since = (timezone.localdate() - datetime.timedelta(days=200)).isoformat()
    page = client.get(url("newsletter_issue_create"), {"seit": since}).content.decode()
    assert "Projektstart" in page
    # a date that is none: a German message, the default is used
    page = client.get(url("newsletter_issue_create"), {"seit": "gestern"}).content.decode()
    assert "Bitte geben Sie ein gültiges Datum an" in page and "Projektstart" not in page

    response = client.post(
        url("newsletter_issue_create"),
        {
            "seit": since,
            "subject": "Neues im Mai",
            "intro": "Hallo!",
            "segments": [senden.pk],
            "picks": [f"update-{old.pk}", f"update-{update.pk}"],
        },
    )
    issue = NewsletterIssue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("newsletter_issue_detail", issue.pk)
    assert issue.region == region and issue.status == IssueStatus.DRAFT
    assert issue.subject == "Neues im Mai" and issue.created_by == user
    assert list(issue.segments.all()) == [senden]
    public = reverse("public:project_detail", args=[project.slug])
    # in the order of the list: the newest first
    assert [item["title"] for item in issue.items] == [
        "Online ins Rathaus: Erste Anträge online",
        "Online ins Rathaus: Projektstart",
    ]
    assert issue.items[0]["text"] == "Seit Montag lassen sich Anträge im Portal stellen."
    assert issue.items[0]["url"].endswith(public)
    assert set(issue.items[0]) == {"title", "text", "url"}
    assert changes_for(issue).first().user == user


def test_bad_input_on_creating_is_refused_and_saves_nothing(client, login, region, news):
    _project, update, _old = news
    login("coordinator")
    good = {
        "seit": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        "subject": "Neues",
        "intro": "",
        "picks": [f"update-{update.pk}"],
    }
    cases = [
        ({"subject": "  "}, "Bitte geben Sie einen Betreff an."),
        ({"subject": "x" * 300}, "Der Betreff ist zu lang"),
        ({"segments": ["999999"]}, "ist keine Gruppe des Newsletters"),
        ({"segments": ["abc"]}, "ist keine Gruppe des Newsletters"),
        ({"picks": ["update-999999"]}, "nicht mehr verfügbar"),
        ({"seit": "31.02.2024"}, "Bitte geben Sie ein gültiges Datum an"),
    ]
    for overrides, message in cases:
        response = client.post(url("newsletter_issue_create"), {**good, **overrides})
        assert response.status_code == 400, overrides
        assert message in response.content.decode(), overrides
    assert not NewsletterIssue.objects.exists()


# -- editing ----------------------------------------------------------------------------------


def test_editing_the_items_orders_deletes_and_validates_links(client, login, region):
    issue = make_issue(
        region,
        items=[
            {"title": "Erster", "text": "A", "url": "https://a.example"},
            {"title": "Zweiter", "text": "B", "url": ""},
            {"title": "Dritter", "text": "C", "url": "http://c.example/seite"},
        ],
    )
    login("coordinator")
    form = client.get(url("newsletter_issue_edit", issue.pk)).content.decode()
    assert 'value="Zweiter"' in form and f'name="version" value="{issue.version}"' in form

    for bad in ["javascript:alert(1)", "ftp://a.example/x", "a.example"]:
        response = client.post(
            url("newsletter_issue_edit", issue.pk), edit_data(issue, **{"beitrag-0-url": bad})
        )
        assert response.status_code == 400, bad
        assert "mit https:// oder http:// beginnt" in response.content.decode()
    response = client.post(
        url("newsletter_issue_edit", issue.pk),
        edit_data(issue, **{"beitrag-1-title": "", "beitrag-1-text": "Text ohne Titel"}),
    )
    assert response.status_code == 400
    assert "Bitte geben Sie einen Titel an." in response.content.decode()
    issue.refresh_from_db()
    assert issue.items[0]["url"] == "https://a.example" and issue.version == 1

    data = edit_data(
        issue,
        subject="Neuer Betreff",
        **{
            "beitrag-0-position": "5",  # the first goes last
            "beitrag-1-DELETE": "on",
            "beitrag-TOTAL_FORMS": "4",
            "beitrag-3-title": "Neuer Beitrag",
            "beitrag-3-text": "",
            "beitrag-3-url": "https://neu.example",
            "beitrag-3-position": "",
        },
    )
    response = client.post(url("newsletter_issue_edit", issue.pk), data)
    assert response.status_code == 302
    assert response["Location"] == url("newsletter_issue_detail", issue.pk)
    issue.refresh_from_db()
    assert issue.subject == "Neuer Betreff" and issue.version == 2
    assert [item["title"] for item in issue.items] == ["Dritter", "Erster", "Neuer Beitrag"]
    assert issue.items[2] == {"title": "Neuer Beitrag", "text": "", "url": "https://neu.example"}


def test_a_stale_edit_shows_the_conflict_and_saves_nothing(client, login, region):
    issue = make_issue(region, "Mai-Ausgabe")
    login("coordinator")
    stale = edit_data(issue, subject="Mein Betreff")
    update_object(issue, {"subject": "Betreff der Kollegin"}, expected_version=issue.version)
    response = client.post(url("newsletter_issue_edit", issue.pk), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bearbeitungskonflikt" in page and "Diese Ausgabe wurde inzwischen" in page
    assert 'value="Mein Betreff"' in page  # the input is kept
    issue.refresh_from_db()
    assert issue.subject == "Betreff der Kollegin"


# -- preview and test mail --------------------------------------------------------------------


def test_the_preview_shows_the_items_escaped(client, login, region):
    issue = make_issue(
        region,
        items=[
            {"title": "<script>alert(1)</script>Hallo", "text": "Text & mehr", "url": ""},
            {"title": "Mit Link", "text": "", "url": "https://link.example/"},
            {"title": "Böser Link", "text": "", "url": "javascript:alert(2)"},
        ],
    )
    login("coordinator")
    detail = client.get(url("newsletter_issue_detail", issue.pk))
    page = detail.content.decode()
    preview = url("newsletter_issue_preview_html", issue.pk)
    assert f'<iframe class="mail-preview" sandbox src="{preview}"' in page
    assert "<pre>" in page and "&lt;script&gt;alert(1)&lt;/script&gt;Hallo" in page
    assert "<script>alert(1)" not in page

    response = client.get(preview)
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Hallo" in html and "<script>" not in html
    assert "Text &amp; mehr" in html and 'href="https://link.example/"' in html
    assert "javascript:" not in html and sending.UNSUBSCRIBE_PLACEHOLDER not in html
    assert 'href="#"' in html  # the unsubscribe link of the preview

    text = client.get(url("newsletter_issue_preview_text", issue.pk))
    assert text["Content-Type"].startswith("text/plain")
    assert "<script>alert(1)</script>Hallo" in text.content.decode()  # plain text: as it is
    assert sending.UNSUBSCRIBE_PLACEHOLDER not in text.content.decode()


def test_the_test_mail_goes_to_the_editor(client, login, region, monkeypatch):
    issue = make_issue(region)
    user = login("coordinator")
    assert client.get(url("newsletter_issue_test", issue.pk)).status_code == 405

    response = client.post(url("newsletter_issue_test", issue.pk), follow=True)
    assert "keine E-Mail-Adresse" in response.content.decode() and not mail.outbox

    user.email = "koordination@example.org"
    user.save()
    response = client.post(url("newsletter_issue_test", issue.pk), follow=True)
    assert "Testversand an koordination@example.org verschickt" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["koordination@example.org"]
    assert message.subject == "[Test] Neues aus der Digitalagentur"
    assert "Coworking in Billerbeck" in message.body
    assert not Delivery.objects.exists()

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr(sending, "send_test", broken)
    response = client.post(url("newsletter_issue_test", issue.pk), follow=True)
    assert response.status_code == 200
    assert "Der Testversand ist fehlgeschlagen" in response.content.decode()


# -- sending ----------------------------------------------------------------------------------


def test_sending_after_the_confirmation_writes_the_deliveries_once(
    client, login, region, django_capture_on_commit_callbacks
):
    newsletter.ensure_segments(region)
    businesses = Segment.objects.get(region=region, audience="businesses")
    subscribe(region, "firma1@example.org", "firma2@example.org", segment=businesses)
    subscribe(region, "andere@example.org")
    issue = make_issue(region)
    issue.segments.set([businesses])
    login("coordinator")
    detail = client.get(url("newsletter_issue_detail", issue.pk)).content.decode()
    assert '<dd id="empfaenger">2</dd>' in detail
    confirm = client.get(url("newsletter_issue_send", issue.pk))
    page = confirm.content.decode()
    assert "An 2 Empfängerinnen und Empfänger senden?" in page and "„Unternehmen“" in page
    assert not Delivery.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("newsletter_issue_send", issue.pk), {"version": issue.version})
    assert response.status_code == 302
    assert response["Location"] == url("newsletter_issue_detail", issue.pk)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING and issue.recipients == 2
    assert set(Delivery.objects.filter(issue=issue).values_list("email", flat=True)) == {
        "firma1@example.org",
        "firma2@example.org",
    }
    # the background job is queued (the database backend of django-tasks)
    assert DBTaskResult.objects.filter(task_path__endswith="send_newsletter_issue").exists()

    # a second send changes nothing
    response = client.post(
        url("newsletter_issue_send", issue.pk), {"version": issue.version}, follow=True
    )
    assert "schon versandt oder ist versandt" in response.content.decode()
    assert Delivery.objects.filter(issue=issue).count() == 2
    response = client.get(url("newsletter_issue_send", issue.pk))
    assert response.status_code == 302
    # nor can it be edited any more
    response = client.post(url("newsletter_issue_edit", issue.pk), edit_data(issue, subject="X"))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.subject == "Neues aus der Digitalagentur"


def test_a_stale_confirmation_or_an_issue_without_recipients_sends_nothing(client, login, region):
    issue = make_issue(region)
    login("coordinator")
    page = client.get(url("newsletter_issue_send", issue.pk)).content.decode()
    assert "An 0 Empfängerinnen und Empfänger senden?" in page and "keine Empfänger" in page
    response = client.post(
        url("newsletter_issue_send", issue.pk), {"version": issue.version}, follow=True
    )
    assert "keine Empfänger" in response.content.decode()
    subscribe(region, "a@example.org")
    seen = issue.version
    update_object(issue, {"subject": "Anderer Betreff"}, expected_version=seen)
    response = client.post(url("newsletter_issue_send", issue.pk), {"version": seen})
    assert response.status_code == 409 and "Bearbeitungskonflikt" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and not Delivery.objects.exists()


def test_the_page_of_an_issue_being_sent_shows_its_progress(client, login, region):
    subscribe(region, "a@example.org", "b@example.org", "c@example.org", "d@example.org")
    issue = make_issue(region)
    sending.start_sending(issue)
    first, second, *_rest = Delivery.objects.filter(issue=issue).order_by("pk")
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.SENT)
    Delivery.objects.filter(pk=second.pk).update(status=DeliveryStatus.FAILED)
    login("coordinator")
    page = client.get(url("newsletter_issue_detail", issue.pk)).content.decode()
    assert 'data-report-progress="' in page and "js/report-progress.js" in page
    assert '<progress max="100" value="50"' in page
    assert "50 % (2 von 4): 1 versandt, 1 fehlgeschlagen, 0 übersprungen, 2 wartend." in page
    assert '<dd id="zustellung-pending">2</dd>' in page
    assert url("newsletter_issue_edit", issue.pk) not in page
    assert url("newsletter_issue_send", issue.pk) not in page

    sending.send_pending(issue.pk, rate=0)
    page = client.get(url("newsletter_issue_detail", issue.pk)).content.decode()
    assert "Versand abgeschlossen" in page and "data-report-progress" not in page
    assert reverse("public:newsletter_issue", args=[issue.pk]) in page


# -- deleting ---------------------------------------------------------------------------------


def test_only_drafts_are_deleted(client, login, region):
    draft = make_issue(region, "Entwurf")
    login("coordinator")
    page = client.get(url("newsletter_issue_delete", draft.pk)).content.decode()
    assert "Wollen Sie den Entwurf „Entwurf“ wirklich löschen?" in page
    assert client.post(url("newsletter_issue_delete", draft.pk), {}).status_code == 400
    response = client.post(url("newsletter_issue_delete", draft.pk), {"version": draft.version})
    assert response.status_code == 302 and response["Location"] == url("newsletter_issue_list")
    assert not NewsletterIssue.objects.filter(pk=draft.pk).exists()

    subscribe(region, "a@example.org")
    sent = make_issue(region, "Versandt")
    sending.start_sending(sent)
    sent.refresh_from_db()
    response = client.get(url("newsletter_issue_delete", sent.pk))
    assert response.status_code == 302
    response = client.post(
        url("newsletter_issue_delete", sent.pk), {"version": sent.version}, follow=True
    )
    assert "kann nicht mehr geändert, versandt oder gelöscht werden" in response.content.decode()
    assert NewsletterIssue.objects.filter(pk=sent.pk).exists()
    assert Delivery.objects.filter(issue=sent).count() == 1
