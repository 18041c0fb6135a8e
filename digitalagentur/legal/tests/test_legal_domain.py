"""The pure parts of the legal app: text rendering, the form timestamp, the rate limit."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from digitalagentur.core import testing as t
from digitalagentur.core.services import EditConflict, changes_for
from digitalagentur.legal import rules, services, spam
from digitalagentur.legal.models import ContactDetails, LegalText, Message, TextKind
from digitalagentur.legal.text import render_text
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.permissions import get_access


class TestRenderText:
    def test_paragraphs_headings_lists_and_links(self):
        html = render_text(
            "## Kontakt\nKreis A\nStraße 1\n\n- eins\n- zwei\nMail: a@example.org https://x.example"
        )
        assert html.startswith("<h2>Kontakt</h2>\n<p>Kreis A<br>Straße 1</p>")
        assert "<ul><li>eins</li><li>zwei</li></ul>" in html
        assert '<a href="mailto:a@example.org">a@example.org</a>' in html
        assert 'href="https://x.example"' in html

    def test_everything_is_escaped(self):
        html = render_text('## <b>x</b>\n<img src=x onerror="alert(1)">\n- <script>')
        assert "<b>" not in html and "<img" not in html and "<script>" not in html
        assert "&lt;img" in html

    def test_heading_level(self):
        assert render_text("## Titel", 3) == "<h3>Titel</h3>"
        assert render_text("") == ""


class TestTimestamp:
    def test_fresh_token_is_too_fast_then_fine_then_expired(self, settings):
        now = time.time()
        token = spam.issue_token(now=now)
        assert "zu schnell" in spam.token_problem(token, now=now + 1)
        assert spam.token_problem(token, now=now + 10) is None
        assert "abgelaufen" in spam.token_problem(token, now=now + 3 * 60 * 60)
        settings.DIGITALAGENTUR_FORM_MAX_AGE = 5
        assert "abgelaufen" in spam.token_problem(token, now=now + 10)

    @pytest.mark.parametrize(
        "token",
        ["", "x", signing.dumps(1, salt="andere"), signing.dumps("1", salt=spam.TOKEN_SALT)],
        ids=["empty", "garbage", "other-salt", "not-a-number"],  # stable: tokens hold the time
    )
    def test_bad_tokens(self, token):
        assert "ungültig" in spam.token_problem(token)

    def test_tampered_token(self):
        token = spam.issue_token(now=time.time() - 60)
        value, rest = token.split(":", 1)
        forged = signing.dumps(int(time.time()) - 3600, salt=spam.TOKEN_SALT).split(":", 1)[0]
        assert "ungültig" in spam.token_problem(f"{forged}:{rest}")

    def test_sender_key_is_a_stable_hash(self):
        assert spam.sender_key("192.0.2.1") == spam.sender_key("192.0.2.1")
        assert spam.sender_key("192.0.2.1") != spam.sender_key("192.0.2.2")
        assert "192" not in spam.sender_key("192.0.2.1")

    def test_sender_key_counts_an_ipv6_client_by_its_64_network(self):
        # One connection gets a whole /64: its addresses are one sender.
        assert spam.sender_key("2001:db8:1:2::1") == spam.sender_key("2001:db8:1:2:ffff::9")
        assert spam.sender_key("2001:db8:1:2::1") != spam.sender_key("2001:db8:1:3::1")
        assert spam.sender_key("::ffff:192.0.2.1") == spam.sender_key("192.0.2.1")


@pytest.mark.django_db
class TestServices:
    def test_rate_limit_counts_the_last_hour(self, region, settings):
        settings.DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS = 2
        key = spam.sender_key("192.0.2.1")
        values = {"kind": "contact", "name": "A", "subject": "S", "text": "T"}
        Message.objects.create(region=region, sender_key=key, email="a@example.org", **values)
        assert not spam.rate_limited(key, "b@example.org")
        old = Message.objects.create(region=region, sender_key=key, email="c@example.org", **values)
        assert spam.rate_limited(key, "b@example.org")
        Message.objects.filter(pk=old.pk).update(created=old.created.replace(year=2020))
        assert not spam.rate_limited(key, "b@example.org")

    def test_save_page_creates_then_updates_with_version(self, region):
        page = services.save_page(
            LegalText, region, {"body": "a"}, kind=TextKind.IMPRINT, expected_version=None
        )
        page = services.save_page(
            LegalText, region, {"body": "b"}, kind=TextKind.IMPRINT, expected_version=1
        )
        assert page.body == "b" and page.version == 2
        assert changes_for(page).count() == 2
        with pytest.raises(EditConflict):
            services.save_page(
                LegalText, region, {"body": "c"}, kind=TextKind.IMPRINT, expected_version=1
            )
        assert LegalText.objects.get().body == "b"

    def test_recipients(self, region, users):
        users["admin"].email = "admin@example.org"
        users["admin"].save()
        users["reader"].email = "reader@example.org"
        users["reader"].save()
        assert services.recipients(region) == ["admin@example.org"]
        ContactDetails.objects.create(region=region, email="kontakt@example.org")
        assert services.recipients(region) == ["kontakt@example.org"]

    def test_rules(self, region, other_region, users):
        coordinator = get_access(users["coordinator"], region)
        message = Message.objects.create(
            region=other_region, kind="contact", name="A", email="a@example.org", subject="S"
        )
        assert rules.can_edit_legal_pages(coordinator)
        assert rules.can_handle_messages(coordinator)
        assert not rules.can_handle_messages(coordinator, message)
        for role in ("officer", "reader"):
            access = get_access(users[role], region)
            assert not rules.can_edit_legal_pages(access)
            assert not rules.can_handle_messages(access)
        outsider = t.make_user_with_role(other_region, Role.COORDINATOR, username="b")
        assert not rules.can_handle_messages(get_access(outsider, region))
