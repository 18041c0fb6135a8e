"""Every public and staff page type on a phone: at 390 px (and 320 px) the document is never
wider than the viewport, no table hides columns behind horizontal scrolling (every table
becomes labelled cards: `table-cards`, `data-label`), and buttons, form controls, navigation,
pagination and table action links are touch targets of at least 24 x 24 px or keep the
spacing WCAG 2.2 (2.5.8) asks for. Every view of the website must be reached by a page type
(NOT_PAGES lists the few that are no page).

The same pages are checked at 1280 px for a page that scrolls sideways, and some with axe-core
at 390 px. The main menu, the staff menu and the filter forms collapse on phones, with and
without JavaScript.

One headless Chromium for the module (Debian's, see conftest.py). Data: the Coesfeld demo plus
a few edits that produce long words, a long URL, a change-log entry with a text diff and a
second version to compare, a person, a message with an answer, an open invitation and an
account with two-factor authentication.

New page types: add one line to PUBLIC_PAGES, STAFF_PAGES, OFFICER_PAGES or TWO_FACTOR_PAGES
below. A page that is the answer to a form (a form with errors, the next step of a flow) is a
Sent(...): the page is opened, the form filled in and sent, at every width again.

axe-core: public/tests/test_browser.py checks every public page type (the legal pages too),
accounts/tests/test_browser.py the login and account pages, staff/tests/
test_invitations_browser.py the invitation pages, test_legal_browser.py the contact and
barrier forms with errors and test_agency_browser.py the directory pages. AXE_PAGES holds a few
of those again for their phone layout (cards, menus, collapsed filters) and the page types none
of them checks.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP

from digitalagentur.accounts import services as account_services
from digitalagentur.assessment.models import Questionnaire, Round, Survey, Workshop
from digitalagentur.assessment.rounds import create_round
from digitalagentur.core import testing as t
from digitalagentur.core.models import PendingUpload
from digitalagentur.directory.models import Body, Membership, StakeholderRole, WorkLine
from digitalagentur.directory.services import create_person
from digitalagentur.funding.models import (
    Application,
    BudgetLine,
    CallDeadline,
)
from digitalagentur.indicators.models import Indicator
from digitalagentur.legal import services as legal_services
from digitalagentur.legal.models import MessageKind
from digitalagentur.portfolio.models import Milestone, Participation, Project, ProjectUpdate
from digitalagentur.portfolio.services import update_project
from digitalagentur.reports import services as report_services
from digitalagentur.reports.models import StatusReport
from digitalagentur.staff.invitations import invite
from digitalagentur.strategy.choices import Topic
from digitalagentur.strategy.models import (
    Adoption,
    Field,
    Goal,
    StrategyVersion,
    TimelineEvent,
)
from digitalagentur.strategy.versions import freeze_version
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Municipality, Region, RegionLogo, RoleAssignment

from .test_browser import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.browser

WIDTHS = (390, 320)
DESKTOP = 1280  # checked too: the desktop layout must not scroll sideways either
HEIGHT = 800
MIN_TARGET = 24  # px, WCAG 2.2 success criterion 2.5.8 (Target Size, Minimum)
SERVER_ERROR_PATH = "/__server-error-page__/"
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"
LONG_URL = "https://www.example.org/" + "sehr-langer-pfad-ohne-leerzeichen-" * 4 + "ende"
LONG_EMAIL = "donaudampfschifffahrtsgesellschaft.kapitaenswitwe@sehr-lange-verwaltung.example.org"
TWO_FACTOR_USER = "zwei-faktor"
# The staff pages are seen by a region admin with a long user name (also in the 2FA QR code).
STAFF_USER = "maximiliane.donaudampfschifffahrtsgesellschaft@kreis-coesfeld.example.org"
DEMO_PASSWORD = "demo"  # noqa: S105 (the documented password of the demo logins)


@dataclass(frozen=True)
class Sent:
    """A page type that answers a form: open `path`, fill in `fill` (selector -> value), send
    `form` with the browser's own checks switched off (the server's error messages are what is
    measured) and expect `status`."""

    path: str
    fill: dict[str, str]
    form: str = "main form"
    status: int = 200


@dataclass(frozen=True)
class Status:
    """A page type opened with GET that answers with another status than 200."""

    path: str
    status: int


def tiny_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 90, 135)).save(buffer, "PNG")
    return buffer.getvalue()


WIDE_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" width="400" height="100">'
    b'<rect width="400" height="100" fill="#005a87"/></svg>'
)

# ---- the pages --------------------------------------------------------------------------------
# One line per page type: name -> function of the prepared data (see prepare_data) giving the
# path. New page types must be added here. Public pages are opened without login, staff pages
# logged in as a region admin (who may open every staff page).

PUBLIC_PAGES = {
    "public home": lambda d: reverse("public:home"),
    "public strategy": lambda d: reverse("public:strategy"),
    "public brochure": lambda d: reverse("public:brochure", args=[d.version.pk]),
    "public brochure PDF, being made": lambda d: Status(
        reverse("public:brochure_pdf", args=[d.version.pk]), 202
    ),
    "public field": lambda d: reverse("public:field_detail", args=[d.field.slug]),
    "public project list": lambda d: reverse("public:project_list"),
    "public project list, filtered": lambda d: (
        reverse("public:project_list") + f"?field={d.field.slug}&ordering=-progress"
    ),
    "public project list, bad filter": lambda d: (
        reverse("public:project_list") + "?status=kaputt&page=x"
    ),
    "public project list, page 2": lambda d: reverse("public:project_list") + "?page=2",
    "public project list, nothing found": lambda d: (
        reverse("public:project_list") + "?q=gibt-es-nicht"
    ),
    "public project detail": lambda d: reverse("public:project_detail", args=[d.project.slug]),
    "public funding": lambda d: reverse("public:funding"),
    "public funding application": lambda d: reverse(
        "public:funding_application", args=[d.application.slug]
    ),
    "public assessment list": lambda d: reverse("public:assessment_list"),
    "public assessment round": lambda d: reverse("public:assessment_round", args=[d.round.slug]),
    "public assessment round, town": lambda d: reverse(
        "public:assessment_round_town", args=[d.round.slug, "senden"]
    ),
    "public survey list": lambda d: reverse("public:survey_list"),
    "public survey": lambda d: reverse("public:survey_detail", args=[d.survey.slug]),
    "public survey, with errors": lambda d: Sent(
        reverse("public:survey_detail", args=[d.survey.slug]),
        {},
        form="form.survey-form",
        status=400,
    ),
    "public survey, thanks": lambda d: reverse("public:survey_thanks", args=[d.survey.slug]),
    "public survey, invalid confirmation link": lambda d: Status(
        reverse("public:survey_confirm", args=[d.survey.slug, "kaputt"]), 404
    ),
    "public survey results": lambda d: reverse("public:survey_results", args=[d.survey.slug]),
    "public indicator list": lambda d: reverse("public:indicator_list"),
    "public indicator detail": lambda d: reverse(
        "public:indicator_detail", args=[d.indicator.slug]
    ),
    "public town list": lambda d: reverse("public:municipality_list"),
    "public town detail": lambda d: reverse("public:municipality_detail", args=[d.town.slug]),
    "public agency": lambda d: reverse("public:agency"),
    "public open data": lambda d: reverse("public:opendata"),
    "public imprint": lambda d: reverse("public:imprint"),
    "public privacy": lambda d: reverse("public:privacy"),
    "public accessibility": lambda d: reverse("public:accessibility"),
    "public barrier report": lambda d: (
        reverse("public:barrier_report") + "?seite=" + reverse("public:project_list")
    ),
    "public barrier report, with errors": lambda d: Sent(
        reverse("public:barrier_report"),
        {"#id_email": "keine-adresse", "#id_text": LONG_URL},
        form="form.message-form",
    ),
    "public contact": lambda d: reverse("public:contact"),
    "public contact, with errors": lambda d: Sent(
        reverse("public:contact"),
        {"#id_name": LONG_WORD, "#id_email": "keine-adresse"},
        form="form.message-form",
    ),
    "public easy language": lambda d: reverse("public:easy_language"),
    "public sign language": lambda d: reverse("public:sign_language"),
    "login": lambda d: reverse("login"),
    "login, with errors": lambda d: Sent(
        reverse("login"), {"#id_username": LONG_WORD, "#id_password": "falsch"}
    ),
    "password reset": lambda d: reverse("password_reset"),
    "password reset, sent": lambda d: Sent(
        reverse("password_reset"), {"#id_email": "niemand@example.org"}
    ),
    "password reset, new password": lambda d: reverse(
        "password_reset_confirm", args=[d.reset_uid, d.reset_token]
    ),
    "password reset, new password with errors": lambda d: Sent(
        reverse("password_reset_confirm", args=[d.reset_uid, d.reset_token]),
        {"#id_new_password1": "kurz", "#id_new_password2": "anders"},
    ),
    "password reset, invalid link": lambda d: reverse(
        "password_reset_confirm", args=["MQ", "kaputt-123"]
    ),
    "password reset, done": lambda d: reverse("password_reset_complete"),
    "invitation accept": lambda d: reverse("staff:invitation_accept", args=[d.invitation_token]),
    "invitation accept, with errors": lambda d: Sent(
        reverse("staff:invitation_accept", args=[d.invitation_token]),
        {"#id_new_password1": "kurz", "#id_new_password2": "anders"},
        status=400,
    ),
    "invitation, invalid link": lambda d: Status(
        reverse("staff:invitation_accept", args=["kaputt"]), 404
    ),
    # Last: the password step leaves a half-finished login in this browser's session.
    "login code": lambda d: Sent(
        reverse("login"), {"#id_username": TWO_FACTOR_USER, "#id_password": t.TEST_PASSWORD}
    ),
    "404": lambda d: "/gibt-es-nicht/",
    "500": lambda d: SERVER_ERROR_PATH,
    # Self-registration (issue 11, accounts)
    "account register": lambda d: reverse("accounts:register"),
    "account register, with errors": lambda d: Sent(
        reverse("accounts:register"),
        {"#id_email": "keine-adresse", "#id_password1": "kurz"},
        form=f"form[action='{reverse('accounts:register')}']",
        status=400,
    ),
    "account register sent": lambda d: reverse("accounts:register_sent"),
    "account register confirm": lambda d: reverse(
        "accounts:register_confirm", args=[d.registration_token]
    ),
    "account register link invalid": lambda d: Status(
        reverse("accounts:register_confirm", args=["kaputt"]), 400
    ),
    # Landräume (issue 11)
    "public spaces search": lambda d: reverse("public:spaces"),
    "public spaces search, free tomorrow": lambda d: (
        reverse("public:spaces") + f"?datum={d.weekday}&von=09:00&bis=12:00"
    ),
    "public spaces search, bad filter": lambda d: (
        reverse("public:spaces") + "?datum=kaputt&personen=viele"
    ),
    "public spaces search, nothing found": lambda d: reverse("public:spaces") + "?personen=10000",
    "public space": lambda d: reverse("public:space_detail", args=[d.space.slug]),
    "public space, next week": lambda d: (
        reverse("public:space_detail", args=[d.space.slug]) + "?woche=" + d.next_monday
    ),
    # Ideas (issue 12)
    "public ideas": lambda d: reverse("public:ideas"),
    "public ideas, filtered": lambda d: (
        reverse("public:ideas") + f"?field={d.field.slug}&ordering=supported&status=kaputt"
    ),
    "public ideas, nothing found": lambda d: reverse("public:ideas") + "?q=gibt-es-nicht",
    "public idea": lambda d: reverse("public:idea", args=[d.public_idea.pk]),
    "public idea, waiting (404)": lambda d: Status(
        reverse("public:idea", args=[d.waiting_idea.pk]), 404
    ),
    # Competitions (issue 12): the calls, a call in its jury phase, one with its winners.
    "public competitions": lambda d: reverse("public:competitions"),
    "public competition": lambda d: reverse("public:competition", args=[d.competition.slug]),
    "public competition, winners": lambda d: reverse(
        "public:competition_winners", args=[d.won_competition.slug]
    ),
    "public competition, winners to follow": lambda d: reverse(
        "public:competition_winners", args=[d.competition.slug]
    ),
    # Events (issue 13).
    "public event list": lambda d: reverse("public:event_list"),
    "public event list, filtered": lambda d: (
        reverse("public:event_list") + "?zeitraum=vergangene&kind=kaputt"
    ),
    "public event list, nothing found": lambda d: (
        reverse("public:event_list") + "?zeitraum=kommende&kind=seminar"
    ),
    "public event": lambda d: reverse("public:event_detail", args=[d.open_event.slug]),
    "public event, past with programme": lambda d: reverse(
        "public:event_detail", args=[d.past_event.slug]
    ),
    # Newsletter (issue 13).
    "public newsletter": lambda d: reverse("public:newsletter"),
    "public newsletter, with errors": lambda d: Sent(
        reverse("public:newsletter"),
        {"#id_email": "keine-adresse"},
        form="form.newsletter-form",
        status=400,
    ),
    "public newsletter thanks": lambda d: reverse("public:newsletter_thanks"),
    "public newsletter confirmation": lambda d: reverse(
        "public:newsletter_confirm", args=[d.newsletter_pending_token]
    ),
    "public newsletter confirmation, already confirmed": lambda d: reverse(
        "public:newsletter_confirm", args=[d.newsletter_active_token]
    ),
    "public newsletter confirmation, unknown link": lambda d: Status(
        reverse("public:newsletter_confirm", args=["unbekannt"]), 404
    ),
    "public newsletter unsubscribe": lambda d: reverse(
        "public:newsletter_unsubscribe", args=[d.newsletter_active_key]
    ),
    "public newsletter unsubscribe, already": lambda d: reverse(
        "public:newsletter_unsubscribe", args=[d.newsletter_gone_key]
    ),
    # Issue 14, section 2: solutions to reuse, a project offered with its reuse, the library.
    "public reuse list": lambda d: reverse("public:reuse_list"),
    "public project offered for reuse": lambda d: reverse(
        "public:project_detail", args=[d.reuse_offer.project.slug]
    ),
    "public library list": lambda d: reverse("public:library_list"),
    "public library search": lambda d: reverse("public:library_list") + "?q=vorlage",
    # Technology radar (issue 14, section 1): the picture, its table, an edition.
    "public radar list": lambda d: reverse("public:radar_list"),
    "public radar": lambda d: reverse("public:radar_detail", args=["technologie-radar"]),
    "public radar edition": lambda d: reverse(
        "public:radar_edition", args=["technologie-radar", d.radar_edition.pk]
    ),
    "public radar, draft": lambda d: Status(
        reverse("public:radar_detail", args=["chancen-radar"]), 404
    ),
    # News (issue 13, section 3).
    "public news list": lambda d: reverse("public:news_list"),
    "public news list, filtered": lambda d: reverse("public:news_list") + "?field=mobilitaet",
    "public news list, nothing found": lambda d: (
        reverse("public:news_list") + "?municipality=rosendahl"
    ),
    "public news post": lambda d: reverse(
        "public:news_detail", args=["digitalisierungsstrategie-verabschiedet"]
    ),
    "public news post, long words": lambda d: reverse(
        "public:news_detail", args=[d.news_long.slug]
    ),
    "public news post, scheduled": lambda d: Status(
        reverse("public:news_detail", args=["ideen-fuer-die-digitalisierung-gesucht"]), 404
    ),
    # Data export and deletion per address (issue 13, section 4).
    "public data request": lambda d: reverse("public:data_request"),
    "public data request, with errors": lambda d: Sent(
        reverse("public:data_request"),
        {"#id_email": "keine-adresse"},
        form="form.datarequest-form",
        status=400,
    ),
    "public data request thanks": lambda d: reverse("public:data_request_thanks"),
    "public data request link": lambda d: reverse(
        "public:data_request_link", args=[d.data_request_token]
    ),
    "public data request link, deletion not confirmed": lambda d: Sent(
        reverse("public:data_request_link", args=[d.data_request_token]),
        {},
        form="form.datarequest-erase",
        status=400,
    ),
    "public data request link, expired": lambda d: Status(
        reverse("public:data_request_link", args=[d.data_request_expired]), 410
    ),
    "public data request link, unknown": lambda d: Status(
        reverse("public:data_request_link", args=["unbekannt"]), 404
    ),
    "public newsletter archive": lambda d: reverse("public:newsletter_archive"),
    "public newsletter issue": lambda d: reverse(
        "public:newsletter_issue", args=[d.newsletter_sent.pk]
    ),
}

STAFF_PAGES = {
    "staff region look": lambda d: reverse("staff:region_look"),
    "staff dashboard": lambda d: reverse("staff:dashboard"),
    "staff project list": lambda d: reverse("staff:project_list"),
    "staff project list, filtered": lambda d: (
        reverse("staff:project_list") + "?q=online&status=kaputt"
    ),
    "staff project list, page 2": lambda d: reverse("staff:project_list") + "?page=2",
    "staff project list, nothing found": lambda d: (
        reverse("staff:project_list") + "?q=gibt-es-nicht"
    ),
    "staff project detail": lambda d: reverse("staff:project_detail", args=[d.project.pk]),
    "staff project create": lambda d: reverse("staff:project_create"),
    "staff project edit": lambda d: reverse("staff:project_edit", args=[d.project.pk]),
    "staff project publish": lambda d: reverse("staff:project_unpublish", args=[d.project.pk]),
    "staff project delete": lambda d: reverse("staff:project_delete", args=[d.project.pk]),
    "staff milestone create": lambda d: reverse("staff:milestone_create", args=[d.project.pk]),
    "staff milestone edit": lambda d: reverse(
        "staff:milestone_edit", args=[d.project.pk, d.milestone.pk]
    ),
    "staff update create": lambda d: reverse("staff:update_create", args=[d.project.pk]),
    "staff update edit": lambda d: reverse("staff:update_edit", args=[d.project.pk, d.update.pk]),
    "staff indicator list": lambda d: reverse("staff:indicator_list"),
    "staff indicator list, filtered": lambda d: (
        reverse("staff:indicator_list") + "?aktuell=0&status=kaputt"
    ),
    "staff indicator detail": lambda d: reverse("staff:indicator_detail", args=[d.indicator.pk]),
    "staff indicator create": lambda d: reverse("staff:indicator_create"),
    "staff indicator edit": lambda d: reverse("staff:indicator_edit", args=[d.indicator.pk]),
    "staff indicator delete": lambda d: reverse("staff:indicator_delete", args=[d.indicator.pk]),
    "staff indicator import": lambda d: reverse("staff:indicator_import"),
    "staff target create": lambda d: reverse(
        "staff:indicator_target_create", args=[d.indicator.pk]
    ),
    "staff target edit": lambda d: reverse(
        "staff:indicator_target_edit", args=[d.indicator.pk, d.target.pk]
    ),
    "staff target delete": lambda d: reverse(
        "staff:indicator_target_delete", args=[d.indicator.pk, d.target.pk]
    ),
    "staff value create": lambda d: reverse("staff:indicator_value_create", args=[d.indicator.pk]),
    "staff value edit": lambda d: reverse(
        "staff:indicator_value_edit", args=[d.indicator.pk, d.value.pk]
    ),
    "staff value delete": lambda d: reverse(
        "staff:indicator_value_delete", args=[d.indicator.pk, d.value.pk]
    ),
    "staff questionnaire list": lambda d: reverse("staff:questionnaire_list"),
    "staff questionnaire create": lambda d: reverse("staff:questionnaire_create"),
    "staff questionnaire": lambda d: reverse("staff:questionnaire_detail", args=[d.q.pk]),
    "staff questionnaire edit": lambda d: reverse("staff:questionnaire_edit", args=[d.q.pk]),
    "staff questionnaire delete": lambda d: reverse("staff:questionnaire_delete", args=[d.q.pk]),
    "staff questionnaire preview": lambda d: reverse("staff:questionnaire_preview", args=[d.q.pk]),
    "staff questionnaire copy": lambda d: reverse("staff:questionnaire_copy", args=[d.q.pk]),
    "staff section create": lambda d: reverse("staff:questionnaire_section_create", args=[d.q.pk]),
    "staff section edit": lambda d: reverse(
        "staff:questionnaire_section_edit", args=[d.section.pk]
    ),
    "staff section delete": lambda d: reverse(
        "staff:questionnaire_section_delete", args=[d.section.pk]
    ),
    "staff criterion create": lambda d: reverse(
        "staff:questionnaire_criterion_create", args=[d.q.pk]
    ),
    "staff criterion edit": lambda d: reverse(
        "staff:questionnaire_criterion_edit", args=[d.criterion.pk]
    ),
    "staff criterion delete": lambda d: reverse(
        "staff:questionnaire_criterion_delete", args=[d.criterion.pk]
    ),
    "staff question create": lambda d: reverse(
        "staff:questionnaire_question_create", args=[d.q.pk]
    ),
    "staff question edit": lambda d: reverse(
        "staff:questionnaire_question_edit", args=[d.question.pk]
    ),
    "staff question delete": lambda d: reverse(
        "staff:questionnaire_question_delete", args=[d.question.pk]
    ),
    "staff round list": lambda d: reverse("staff:round_list"),
    "staff round create": lambda d: reverse("staff:round_create"),
    "staff round": lambda d: reverse("staff:round_detail", args=[d.round.slug]),
    "staff round edit": lambda d: reverse("staff:round_edit", args=[d.round.slug]),
    "staff round delete": lambda d: reverse("staff:round_delete", args=[d.round.slug]),
    "staff round reminder": lambda d: reverse("staff:round_remind", args=[d.round.slug]),
    "staff round answer": lambda d: reverse("staff:round_answer", args=[d.round.slug, "senden"]),
    "staff round answer, saved state": lambda d: reverse(
        "staff:round_answer_revision", args=[d.round.slug, "senden", 1]
    ),
    "staff round results": lambda d: reverse("staff:round_results", args=[d.round.slug]),
    "staff round results, town": lambda d: (
        reverse("staff:round_results", args=[d.round.slug]) + "?kommune=senden"
    ),
    "staff round apply": lambda d: reverse("staff:round_apply", args=[d.round.slug]),
    "staff round publish": lambda d: reverse("staff:round_publish", args=[d.round.slug]),
    "staff round unpublish": lambda d: reverse("staff:round_unpublish", args=[d.round.slug]),
    "staff workshop list": lambda d: reverse("staff:workshop_list"),
    "staff workshop create": lambda d: reverse("staff:workshop_create"),
    "staff workshop": lambda d: reverse("staff:workshop_detail", args=[d.workshop.pk]),
    "staff workshop edit": lambda d: reverse("staff:workshop_edit", args=[d.workshop.pk]),
    "staff workshop delete": lambda d: reverse("staff:workshop_delete", args=[d.workshop.pk]),
    "staff idea create": lambda d: reverse("staff:idea_create", args=[d.workshop.pk]),
    "staff idea edit": lambda d: reverse("staff:idea_edit", args=[d.workshop.pk, d.idea.pk]),
    "staff idea delete": lambda d: reverse("staff:idea_delete", args=[d.workshop.pk, d.idea.pk]),
    "staff idea to project": lambda d: reverse(
        "staff:idea_to_project", args=[d.workshop.pk, d.idea.pk]
    ),
    "staff survey list": lambda d: reverse("staff:survey_list"),
    "staff survey create": lambda d: reverse("staff:survey_create"),
    "staff survey results": lambda d: reverse("staff:survey_results", args=[d.survey.pk]),
    "staff survey edit": lambda d: reverse("staff:survey_edit", args=[d.survey.pk]),
    "staff survey delete": lambda d: reverse("staff:survey_delete", args=[d.survey.pk]),
    "staff report list": lambda d: reverse("staff:report_list"),
    "staff report create": lambda d: reverse("staff:report_create"),
    "staff report create, with errors": lambda d: Sent(
        reverse("staff:report_create"),
        {"#id_since": "2023-09-14", "#id_until": "2022-03-17", "#id_meeting_date": "2023-09-14"},
    ),
    "staff report": lambda d: reverse("staff:report_detail", args=[d.report.pk]),
    "staff report edit": lambda d: reverse("staff:report_edit", args=[d.report.pk]),
    "staff report regenerate": lambda d: reverse("staff:report_regenerate", args=[d.report.pk]),
    "staff report delete": lambda d: reverse("staff:report_delete", args=[d.draft_report.pk]),
    "staff funding overview": lambda d: reverse("staff:funding_overview"),
    "staff programme detail": lambda d: reverse(
        "staff:programme_detail", args=[d.application.programme_id]
    ),
    "staff application detail": lambda d: reverse(
        "staff:application_detail", args=[d.application.pk]
    ),
    "staff funding deadlines": lambda d: reverse("staff:funding_deadlines"),
    "staff calendar address, renew": lambda d: reverse("staff:funding_deadline_calendar_renew"),
    "staff funding import": lambda d: reverse("staff:funding_import"),
    "staff funding import report": lambda d: reverse(
        "staff:funding_import_report", args=[d.programme_import]
    ),
    "staff funder create": lambda d: reverse("staff:funder_create"),
    "staff funder edit": lambda d: reverse("staff:funder_edit", args=[d.funder.pk]),
    "staff funder delete": lambda d: reverse("staff:funder_delete", args=[d.funder.pk]),
    "staff programme create": lambda d: reverse("staff:programme_create"),
    "staff programme edit": lambda d: reverse("staff:programme_edit", args=[d.programme.pk]),
    "staff programme delete": lambda d: reverse("staff:programme_delete", args=[d.programme.pk]),
    "staff call create": lambda d: reverse("staff:call_create", args=[d.programme.pk]),
    "staff call edit": lambda d: reverse("staff:call_edit", args=[d.call.pk]),
    "staff call delete": lambda d: reverse("staff:call_delete", args=[d.call.pk]),
    "staff later deadline create": lambda d: reverse("staff:calldeadline_create", args=[d.call.pk]),
    "staff later deadline edit": lambda d: reverse(
        "staff:calldeadline_edit", args=[d.later_deadline.pk]
    ),
    "staff later deadline delete": lambda d: reverse(
        "staff:calldeadline_delete", args=[d.later_deadline.pk]
    ),
    "staff application create": lambda d: reverse("staff:application_create"),
    "staff application edit": lambda d: reverse("staff:application_edit", args=[d.application.pk]),
    "staff application delete": lambda d: reverse(
        "staff:application_delete", args=[d.application.pk]
    ),
    "staff financing plan": lambda d: reverse("staff:application_plan", args=[d.application.pk]),
    "staff own share weights": lambda d: reverse(
        "staff:application_weights", args=[d.application.pk]
    ),
    "staff sub-project create": lambda d: reverse(
        "staff:subproject_create", args=[d.application.pk]
    ),
    "staff sub-project edit": lambda d: reverse("staff:subproject_edit", args=[d.subproject.pk]),
    "staff sub-project delete": lambda d: reverse(
        "staff:subproject_delete", args=[d.subproject.pk]
    ),
    "staff budget line create": lambda d: reverse(
        "staff:budgetline_create", args=[d.subproject.pk]
    ),
    "staff budget line edit": lambda d: reverse("staff:budgetline_edit", args=[d.line.pk]),
    "staff budget line delete": lambda d: reverse("staff:budgetline_delete", args=[d.line.pk]),
    "staff strategy": lambda d: reverse("staff:strategy"),
    "staff strategy edit": lambda d: reverse("staff:strategy_edit"),
    "staff field create": lambda d: reverse("staff:field_create"),
    "staff field edit": lambda d: reverse("staff:field_edit", args=[d.field.pk]),
    "staff goal create": lambda d: reverse("staff:goal_create", args=[d.field.pk]),
    "staff goal edit": lambda d: reverse("staff:goal_edit", args=[d.goal.pk]),
    "staff town list": lambda d: reverse("staff:municipality_list"),
    "staff town edit": lambda d: reverse("staff:municipality_edit", args=[d.town.pk]),
    "staff change log": lambda d: reverse("staff:change_list"),
    "staff change log, filtered": lambda d: reverse("staff:change_list") + "?action=kaputt",
    "staff versions": lambda d: reverse("staff:version_list"),
    "staff version detail": lambda d: reverse("staff:version_detail", args=[d.version.pk]),
    "staff version brochure": lambda d: reverse("staff:version_brochure", args=[d.version.pk]),
    "staff version brochure PDF, being made": lambda d: Status(
        reverse("staff:version_brochure_pdf", args=[d.version.pk]), 202
    ),
    "staff version diff": lambda d: (
        reverse("staff:version_diff") + f"?a={d.version.pk}&b={d.new_version.pk}"
    ),
    "staff version freeze": lambda d: reverse("staff:version_freeze"),
    "staff adoption matrix": lambda d: reverse("staff:adoption_matrix"),
    "staff adoption create": lambda d: reverse("staff:adoption_create"),
    "staff adoption delete": lambda d: reverse("staff:adoption_delete", args=[d.adoption.pk]),
    "staff roles": lambda d: reverse("staff:role_list"),
    "staff role create": lambda d: reverse("staff:role_create"),
    "staff role create, with errors": lambda d: Sent(
        reverse("staff:role_create"), {"#id_username": LONG_WORD}, form="form.staff-form"
    ),
    "staff role revoke": lambda d: reverse("staff:role_delete", args=[d.role.pk]),
    "staff invitation resend": lambda d: reverse("staff:invitation_resend", args=[d.invitation.pk]),
    "staff invitation withdraw": lambda d: reverse(
        "staff:invitation_withdraw", args=[d.invitation.pk]
    ),
    "invitation accept, other account (403)": lambda d: reverse(
        "staff:invitation_accept", args=[d.invitation_token]
    ),
    "staff project progress": lambda d: reverse("staff:project_progress", args=[d.project.pk]),
    "staff milestone delete": lambda d: reverse(
        "staff:milestone_delete", args=[d.project.pk, d.milestone.pk]
    ),
    "staff milestone publish": lambda d: reverse(
        "staff:milestone_unpublish" if d.milestone.published else "staff:milestone_publish",
        args=[d.project.pk, d.milestone.pk],
    ),
    "staff update delete": lambda d: reverse(
        "staff:update_delete", args=[d.project.pk, d.update.pk]
    ),
    "staff update publish": lambda d: reverse(
        "staff:update_unpublish" if d.update.published else "staff:update_publish",
        args=[d.project.pk, d.update.pk],
    ),
    "staff field delete": lambda d: reverse("staff:field_delete", args=[d.field.pk]),
    "staff field publish": lambda d: reverse("staff:field_unpublish", args=[d.field.pk]),
    "staff goal delete": lambda d: reverse("staff:goal_delete", args=[d.goal.pk]),
    "staff goal publish": lambda d: reverse(
        "staff:goal_unpublish" if d.goal.published else "staff:goal_publish", args=[d.goal.pk]
    ),
    # The Digitalagentur: people, bodies and members, lines of work, stakeholders, timeline
    "staff directory": lambda d: reverse("staff:directory"),
    "staff person list": lambda d: reverse("staff:person_list"),
    "staff person create": lambda d: reverse("staff:person_create"),
    "staff person create, with errors": lambda d: Sent(
        reverse("staff:person_create"), {"#id_name": ""}, form="form.staff-form"
    ),
    "staff person edit": lambda d: reverse("staff:person_edit", args=[d.person.pk]),
    "staff person delete": lambda d: reverse("staff:person_delete", args=[d.person.pk]),
    "staff body list": lambda d: reverse("staff:body_list"),
    "staff body create": lambda d: reverse("staff:body_create"),
    "staff body detail": lambda d: reverse("staff:body_detail", args=[d.body.pk]),
    "staff body delete": lambda d: reverse("staff:body_delete", args=[d.body.pk]),
    "staff member create": lambda d: reverse("staff:membership_create", args=[d.body.pk]),
    "staff member edit": lambda d: reverse("staff:membership_edit", args=[d.membership.pk]),
    "staff member delete": lambda d: reverse("staff:membership_delete", args=[d.membership.pk]),
    "staff work lines": lambda d: reverse("staff:workline_list"),
    "staff work line create": lambda d: reverse("staff:workline_create"),
    "staff work line edit": lambda d: reverse("staff:workline_edit", args=[d.workline.pk]),
    "staff work line delete": lambda d: reverse("staff:workline_delete", args=[d.workline.pk]),
    "staff stakeholders": lambda d: reverse("staff:stakeholder_list"),
    "staff stakeholder create": lambda d: reverse("staff:stakeholder_create"),
    "staff stakeholder edit": lambda d: reverse("staff:stakeholder_edit", args=[d.stakeholder.pk]),
    "staff stakeholder delete": lambda d: reverse(
        "staff:stakeholder_delete", args=[d.stakeholder.pk]
    ),
    "staff timeline": lambda d: reverse("staff:timeline_list"),
    "staff timeline create": lambda d: reverse("staff:timeline_create"),
    "staff timeline edit": lambda d: reverse("staff:timeline_edit", args=[d.event.pk]),
    "staff timeline delete": lambda d: reverse("staff:timeline_delete", args=[d.event.pk]),
    # Legal texts and the messages of the public forms
    "staff legal texts": lambda d: reverse("staff:legal_overview"),
    "staff legal text edit": lambda d: reverse("staff:legal_edit", args=["impressum"]),
    "staff accessibility statement edit": lambda d: reverse(
        "staff:legal_edit", args=["barrierefreiheit"]
    ),
    "staff contact details edit": lambda d: reverse("staff:legal_edit", args=["kontakt"]),
    "staff sign language edit": lambda d: reverse("staff:legal_edit", args=["gebaerdensprache"]),
    "staff messages": lambda d: reverse("staff:message_list"),
    "staff messages, bad filter": lambda d: reverse("staff:message_list") + "?art=kaputt",
    "staff message detail": lambda d: reverse("staff:message_detail", args=[d.message.pk]),
    "staff message answer, with errors": lambda d: Sent(
        reverse("staff:message_detail", args=[d.message.pk]),
        {"#id_text": ""},
        form=f"form[action='{reverse('staff:message_answer', args=[d.message.pk])}']",
        status=400,
    ),
    # The account pages (shown in the staff layout)
    "account profile": lambda d: reverse("accounts:profile"),
    "account e-mail change, with errors": lambda d: Sent(
        reverse("accounts:profile"),
        {"#id_email": "keine-adresse"},
        form=f"form[action='{reverse('accounts:email_change')}']",
        status=400,
    ),
    "account e-mail confirm": lambda d: reverse("accounts:email_confirm", args=[d.email_token]),
    "account e-mail link invalid": lambda d: Status(
        reverse("accounts:email_confirm", args=["kaputt"]), 400
    ),
    "account password change": lambda d: reverse("accounts:password_change"),
    "account password change, with errors": lambda d: Sent(
        reverse("accounts:password_change"),
        {"#id_old_password": "falsch", "#id_new_password1": "kurz"},
        status=200,
    ),
    "account two-factor setup": lambda d: reverse("accounts:two_factor_setup"),
    "staff 404": lambda d: reverse("staff:project_detail", args=[999999]),
    "public home, logged in": lambda d: reverse("public:home"),
    "public imprint, logged in": lambda d: reverse("public:imprint"),
    # Landräume (issue 11): booking as any logged-in user, the booker's pages, the management
    # of spaces (the coordination manages every space), employers and the impact.
    "public space booking": lambda d: reverse("public:space_book", args=[d.space.slug]),
    "public space booking, with errors": lambda d: Sent(
        reverse("public:space_book", args=[d.space.slug]),
        {"#id_date": "", "#id_start": "12:00", "#id_end": "10:00"},
        form="form.booking-form",
        status=400,
    ),
    "public my bookings": lambda d: reverse("public:my_bookings"),
    "public my bookings, past": lambda d: reverse("public:my_bookings") + "?zeit=vergangen",
    "public my booking": lambda d: reverse("public:my_booking", args=[d.my_booking.pk]),
    "public booking cancel": lambda d: reverse("public:booking_cancel", args=[d.my_booking.pk]),
    "public booker profile": lambda d: reverse("public:booker_profile"),
    "spaces manage overview": lambda d: reverse("public:spaces_manage"),
    "spaces manage provider new": lambda d: reverse("public:spaces_manage_provider_new"),
    "spaces manage provider edit": lambda d: reverse(
        "public:spaces_manage_provider_edit", args=[d.space.provider_id]
    ),
    "spaces manage space new": lambda d: reverse("public:spaces_manage_space_new"),
    "spaces manage space edit": lambda d: reverse(
        "public:spaces_manage_space_edit", args=[d.space.pk]
    ),
    "spaces manage space edit, errors": lambda d: Sent(
        reverse("public:spaces_manage_space_edit", args=[d.space.pk]),
        {"#id_name": "", "#id_capacity": "0"},
        status=400,
    ),
    "spaces manage hours": lambda d: reverse("public:spaces_manage_hours", args=[d.space.pk]),
    "spaces manage hours, errors": lambda d: Sent(
        reverse("public:spaces_manage_hours", args=[d.space.pk]),
        {"#id_d0_0_opens": "25:00"},
        status=400,
    ),
    "spaces manage closed periods": lambda d: reverse(
        "public:spaces_manage_closed", args=[d.closed_period.space_id]
    ),
    "spaces manage closed period delete": lambda d: reverse(
        "public:spaces_manage_closed_delete",
        args=[d.closed_period.space_id, d.closed_period.pk],
    ),
    "spaces manage photos": lambda d: reverse("public:spaces_manage_photos", args=[d.space.pk]),
    "spaces manage photo delete": lambda d: reverse(
        "public:spaces_manage_photo_delete", args=[d.space.pk, d.photo.pk]
    ),
    "spaces manage bookings": lambda d: reverse("public:spaces_manage_bookings", args=[d.space.pk]),
    "spaces manage bookings, filtered": lambda d: Status(
        reverse("public:spaces_manage_bookings", args=[d.space.pk])
        + "?start=2020-01-01&status=kaputt",
        400,
    ),
    "spaces manage booking decline": lambda d: reverse(
        "public:spaces_manage_booking_decline", args=[d.requested_booking.pk]
    ),
    "spaces manage booking cancel": lambda d: reverse(
        "public:spaces_manage_booking_cancel", args=[d.my_booking.pk]
    ),
    "spaces employers": lambda d: reverse("public:spaces_employers"),
    "spaces employer usage": lambda d: (
        reverse("public:spaces_employer", args=[d.employer.pk]) + "?monat=" + d.month
    ),
    "spaces employer usage, bad month": lambda d: Status(
        reverse("public:spaces_employer", args=[d.employer.pk]) + "?monat=kaputt", 400
    ),
    "staff spaces overview": lambda d: reverse("staff:spaces"),
    "staff spaces employers": lambda d: reverse("staff:spaces_employers"),
    "staff spaces employer new": lambda d: reverse("staff:spaces_employer_new"),
    "staff spaces employer edit": lambda d: reverse(
        "staff:spaces_employer_edit", args=[d.employer.pk]
    ),
    "staff spaces contingent new": lambda d: reverse(
        "staff:spaces_contingent_new", args=[d.employer.pk]
    ),
    "staff spaces contingent edit": lambda d: reverse(
        "staff:spaces_contingent_edit", args=[d.member.contingent_id]
    ),
    "staff spaces contingent member remove": lambda d: reverse(
        "staff:spaces_contingent_member_remove", args=[d.member.contingent_id, d.member.pk]
    ),
    "staff spaces contingent delete": lambda d: reverse(
        "staff:spaces_contingent_delete", args=[d.member.contingent_id]
    ),
    "staff spaces employer delete": lambda d: reverse(
        "staff:spaces_employer_delete", args=[d.employer.pk]
    ),
    "staff spaces impact": lambda d: reverse("staff:spaces_impact"),
    "staff spaces impact, bad year": lambda d: Status(
        reverse("staff:spaces_impact") + "?jahr=abc", 400
    ),
    # Ideas (issue 12) as a signed-in member of the public: supporting, comments, submitting.
    "public idea, signed in": lambda d: reverse("public:idea", args=[d.public_idea.pk]),
    "public idea, comment with errors": lambda d: Sent(
        reverse("public:idea", args=[d.public_idea.pk]),
        {"#id_text": ""},
        form="#kommentar-formular",
        status=400,
    ),
    "public idea submit": lambda d: reverse("public:idea_new"),
    "public idea submit, with errors": lambda d: Sent(
        reverse("public:idea_new"),
        {"#id_title": LONG_WORD, "#id_text": ""},
        form="form.idea-form",
        status=400,
    ),
    "public idea submit, similar ideas": lambda d: Sent(
        reverse("public:idea_new"),
        {"#id_title": f"{LONG_WORD} nochmal", "#id_text": LONG_URL},
        form="form.idea-form",
    ),
    # Competitions (issue 12): handing in an entry, and the jury's pages (the staff user sits
    # in the jury of the call in its jury phase: a seat needs only an active account).
    "public competition submit": lambda d: reverse(
        "public:competition_submit", args=[d.open_competition.slug]
    ),
    "public competition, signed in juror": lambda d: reverse(
        "public:competition", args=[d.competition.slug]
    ),
    "public competition jury": lambda d: reverse(
        "public:competition_jury", args=[d.competition.slug]
    ),
    "public competition jury entry": lambda d: reverse(
        "public:competition_jury_entry", args=[d.competition.slug, d.submission.pk]
    ),
    # The moderation of ideas and comments (issue 12) by the coordination.
    "staff ideas queue": lambda d: reverse("staff:ideas_queue"),
    "staff idea moderate": lambda d: reverse("staff:idea_moderate", args=[d.public_idea.pk]),
    "staff idea status": lambda d: reverse(
        "staff:idea_status", args=[d.public_idea.pk, "declined"]
    ),
    "staff idea moderation edit": lambda d: reverse(
        "staff:idea_moderation_edit", args=[d.public_idea.pk]
    ),
    "staff idea merge": lambda d: (
        reverse("staff:idea_merge", args=[d.public_idea.pk]) + f"?q=Idee&ziel={d.other_idea.pk}"
    ),
    "staff idea adopt": lambda d: reverse("staff:idea_adopt", args=[d.public_idea.pk]),
    "staff comments reported": lambda d: reverse("staff:idea_comments_reported"),
    "staff comment hide": lambda d: reverse("staff:idea_comment_hide", args=[d.comment.pk]),
    "staff comment show": lambda d: reverse("staff:idea_comment_show", args=[d.hidden_comment.pk]),
    "staff comment dismiss": lambda d: (
        reverse("staff:idea_comment_dismiss", args=[d.comment.pk]) + "?next=meldungen"
    ),
    # Competitions in the staff area (issue 12).
    "staff competition list": lambda d: reverse("staff:competition_list"),
    "staff competition create": lambda d: reverse("staff:competition_create"),
    "staff competition detail": lambda d: reverse(
        "staff:competition_detail", args=[d.competition.pk]
    ),
    "staff competition detail, result published": lambda d: reverse(
        "staff:competition_detail", args=[d.won_competition.pk]
    ),
    "staff competition edit": lambda d: reverse("staff:competition_edit", args=[d.competition.pk]),
    "staff competition submissions": lambda d: reverse(
        "staff:competition_submissions", args=[d.competition.pk]
    ),
    "staff competition ranking": lambda d: reverse(
        "staff:competition_ranking", args=[d.competition.pk]
    ),
    "staff competition publish result": lambda d: reverse(
        "staff:competition_publish_result", args=[d.competition.pk]
    ),
    "staff competition criterion create": lambda d: reverse(
        "staff:competition_criterion_create", args=[d.competition.pk]
    ),
    "staff competition criterion edit": lambda d: reverse(
        "staff:competition_criterion_edit", args=[d.criterion_of_call.pk]
    ),
    "staff competition criterion delete": lambda d: reverse(
        "staff:competition_criterion_delete", args=[d.criterion_of_call.pk]
    ),
    "staff competition prize create": lambda d: reverse(
        "staff:competition_prize_create", args=[d.competition.pk]
    ),
    "staff competition prize edit": lambda d: reverse(
        "staff:competition_prize_edit", args=[d.prize.pk]
    ),
    "staff competition prize delete": lambda d: reverse(
        "staff:competition_prize_delete", args=[d.prize.pk]
    ),
    "staff competition juror remove": lambda d: reverse(
        "staff:competition_juror_remove", args=[d.juror.pk]
    ),
    # Events (issue 13): registering on the website, and the staff pages.
    "public event, signed in": lambda d: reverse("public:event_detail", args=[d.open_event.slug]),
    "public event, registration with errors": lambda d: Sent(
        reverse("public:event_detail", args=[d.open_event.slug]),
        {"#id_name": LONG_WORD * 3},
        form="form.event-register-form",
        status=400,
    ),
    "public event cancel": lambda d: reverse("public:event_cancel", args=[d.registered_event.slug]),
    "staff event list": lambda d: reverse("staff:event_list"),
    "staff event create": lambda d: reverse("staff:event_create"),
    "staff event detail": lambda d: reverse("staff:event_detail", args=[d.registered_event.pk]),
    "staff event edit": lambda d: reverse("staff:event_edit", args=[d.registered_event.pk]),
    "staff event programme": lambda d: reverse(
        "staff:event_programme", args=[d.registered_event.pk]
    ),
    "staff event delete": lambda d: reverse("staff:event_delete", args=[d.registered_event.pk]),
    "staff event participants": lambda d: reverse(
        "staff:event_participants", args=[d.registered_event.pk]
    ),
    "staff event registration cancel": lambda d: reverse(
        "staff:event_registration_cancel",
        args=[d.registered_event.pk, d.event_registration.pk],
    ),
    "staff event attendance": lambda d: reverse("staff:event_attendance", args=[d.past_event.pk]),
    "staff event attendance, before the start": lambda d: reverse(
        "staff:event_attendance", args=[d.registered_event.pk]
    ),
    # News (issue 13, section 3).
    "staff news list": lambda d: reverse("staff:news_list"),
    "staff news list, bad filter": lambda d: Status(
        reverse("staff:news_list") + "?q=digital&status=kaputt", 400
    ),
    "staff news create": lambda d: reverse("staff:news_create"),
    "staff news create, with errors": lambda d: Sent(
        reverse("staff:news_create"), {"#id_title": ""}, form="main form.staff-form", status=400
    ),
    "staff news detail": lambda d: reverse("staff:news_detail", args=[d.news_long.pk]),
    "staff news detail, scheduled": lambda d: reverse(
        "staff:news_detail", args=[d.news_scheduled.pk]
    ),
    "staff news edit": lambda d: reverse("staff:news_edit", args=[d.news_long.pk]),
    "staff news publish": lambda d: reverse("staff:news_publish", args=[d.news_scheduled.pk]),
    "staff news unpublish": lambda d: reverse("staff:news_unpublish", args=[d.news_long.pk]),
    "staff news social media": lambda d: reverse("staff:news_social", args=[d.news_long.pk]),
    "staff news delete": lambda d: reverse("staff:news_delete", args=[d.news_long.pk]),
    # Issue 14, section 2: reuse across towns and the phase checklists.
    "staff reuse list": lambda d: reverse("staff:reuse_list"),
    "staff project offered for reuse": lambda d: reverse(
        "staff:project_detail", args=[d.reuse_offer.project_id]
    ),
    "staff reuse offer edit": lambda d: reverse(
        "staff:reuse_offer", args=[d.reuse_offer.project_id]
    ),
    "staff reuse offer withdraw": lambda d: reverse(
        "staff:reuse_offer_withdraw", args=[d.reuse_offer.pk]
    ),
    "staff reuse take": lambda d: reverse("staff:reuse_take", args=[d.reuse_offer.project_id]),
    "staff checklist": lambda d: reverse("staff:checklist_items"),
    "staff checklist item create": lambda d: reverse("staff:checklist_item_create"),
    "staff checklist item create, with errors": lambda d: Sent(
        reverse("staff:checklist_item_create"), {"#id_text": ""}, form="main form.staff-form"
    ),
    "staff checklist item edit": lambda d: reverse(
        "staff:checklist_item_edit", args=[d.checklist_item.pk]
    ),
    "staff checklist item delete": lambda d: reverse(
        "staff:checklist_item_delete", args=[d.checklist_item.pk]
    ),
    # Issue 14, section 2: the document library.
    "staff library list": lambda d: reverse("staff:library_list"),
    "staff library search": lambda d: reverse("staff:library_list") + "?q=datenschutz",
    "staff library create": lambda d: reverse("staff:library_create"),
    "staff library create, with errors": lambda d: Sent(
        reverse("staff:library_create"), {"#id_title": ""}, form="main form.staff-form", status=400
    ),
    "staff library detail": lambda d: reverse("staff:library_detail", args=[d.document.pk]),
    "staff library edit": lambda d: reverse("staff:library_edit", args=[d.document.pk]),
    "staff library version upload": lambda d: reverse(
        "staff:library_version_create", args=[d.document.pk]
    ),
    "staff library delete": lambda d: reverse("staff:library_delete", args=[d.document.pk]),
    # Issue 14, section 3: posts and vacancies, meetings and their tasks.
    "staff posts": lambda d: reverse("staff:network_overview"),
    "staff post create": lambda d: reverse("staff:network_post_create"),
    "staff post edit": lambda d: reverse("staff:network_post_edit", args=[d.post.pk]),
    "staff post delete": lambda d: reverse("staff:network_post_delete", args=[d.post.pk]),
    "staff vacancy create": lambda d: reverse("staff:network_vacancy_create", args=[d.post.pk]),
    "staff vacancy edit": lambda d: reverse("staff:network_vacancy_edit", args=[d.vacancy.pk]),
    "staff vacancy close": lambda d: reverse("staff:network_vacancy_close", args=[d.vacancy.pk]),
    "staff vacancy delete": lambda d: reverse("staff:network_vacancy_delete", args=[d.vacancy.pk]),
    "staff meeting list": lambda d: reverse("staff:meeting_list"),
    "staff meeting create": lambda d: reverse("staff:meeting_create"),
    "staff meeting detail": lambda d: reverse("staff:meeting_detail", args=[d.meeting.pk]),
    "staff meeting edit": lambda d: reverse("staff:meeting_edit", args=[d.meeting.pk]),
    "staff meeting task create": lambda d: reverse(
        "staff:meeting_task_create", args=[d.meeting.pk]
    ),
    "staff meeting task edit": lambda d: reverse(
        "staff:meeting_task_edit", args=[d.meeting_task.pk]
    ),
    "staff meeting task delete": lambda d: reverse(
        "staff:meeting_task_delete", args=[d.meeting_task.pk]
    ),
    # Technology radar (issue 14, section 1).
    "staff radar list": lambda d: reverse("staff:radar_list"),
    "staff radar create": lambda d: reverse("staff:radar_create"),
    "staff radar create, with errors": lambda d: Sent(
        reverse("staff:radar_create"), {"#id_name": ""}, form="main form.staff-form", status=400
    ),
    "staff radar detail": lambda d: reverse("staff:radar_detail", args=[d.radar.pk]),
    "staff radar edit": lambda d: reverse("staff:radar_edit", args=[d.radar.pk]),
    "staff radar publish edition": lambda d: reverse("staff:radar_publish", args=[d.radar.pk]),
    "staff radar import": lambda d: reverse("staff:radar_import", args=[d.radar.pk]),
    "staff radar import report": lambda d: reverse(
        "staff:radar_import_report", args=[d.radar.pk, "byor-csv", d.radar_import_token]
    ),
    "staff radar entry create": lambda d: reverse("staff:radar_entry_create", args=[d.radar.pk]),
    "staff radar entry edit": lambda d: reverse("staff:radar_entry_edit", args=[d.radar_entry.pk]),
    "staff radar entry delete": lambda d: reverse(
        "staff:radar_entry_delete", args=[d.radar_entry.pk]
    ),
    # Newsletter (issue 13): subscribers, segments, consents and issues.
    "staff newsletter subscribers": lambda d: reverse("staff:newsletter_subscribers"),
    "staff newsletter subscribers, bad filter": lambda d: Status(
        reverse("staff:newsletter_subscribers") + "?q=example&status=kaputt", 400
    ),
    "staff newsletter segments": lambda d: reverse("staff:newsletter_segments"),
    "staff newsletter segment create": lambda d: reverse("staff:newsletter_segment_create"),
    "staff newsletter segment create, name taken": lambda d: Sent(
        reverse("staff:newsletter_segment_create"),
        {"#id_name": d.newsletter_segment.name},
        status=400,
    ),
    "staff newsletter segment edit": lambda d: reverse(
        "staff:newsletter_segment_edit", args=[d.newsletter_segment.pk]
    ),
    "staff newsletter segment delete": lambda d: reverse(
        "staff:newsletter_segment_delete", args=[d.newsletter_segment.pk]
    ),
    "staff newsletter consents": lambda d: (
        reverse("staff:newsletter_consents") + f"?email={LONG_EMAIL}"
    ),
    "staff newsletter consents, bad address": lambda d: Status(
        reverse("staff:newsletter_consents") + "?email=keine-adresse", 400
    ),
    "staff newsletter bounces": lambda d: reverse("staff:newsletter_bounces"),
    "staff newsletter bounces, no file": lambda d: Sent(
        reverse("staff:newsletter_bounces"), {}, form="main form.staff-form", status=400
    ),
    "staff newsletter bounces report": lambda d: reverse(
        "staff:newsletter_bounces_report", args=[d.newsletter_bounce_token]
    ),
    "staff newsletter issue list": lambda d: reverse("staff:newsletter_issue_list"),
    "staff newsletter issue create": lambda d: reverse("staff:newsletter_issue_create"),
    "staff newsletter issue create, bad date": lambda d: (
        reverse("staff:newsletter_issue_create") + "?seit=gestern"
    ),
    "staff newsletter issue create, with errors": lambda d: Sent(
        reverse("staff:newsletter_issue_create"),
        {"#id_subject": LONG_WORD * 4},
        form="main form.staff-form",
        status=400,
    ),
    "staff newsletter issue draft": lambda d: reverse(
        "staff:newsletter_issue_detail", args=[d.newsletter_draft.pk]
    ),
    "staff newsletter issue sending": lambda d: reverse(
        "staff:newsletter_issue_detail", args=[d.newsletter_sending.pk]
    ),
    "staff newsletter issue sent": lambda d: reverse(
        "staff:newsletter_issue_detail", args=[d.newsletter_sent.pk]
    ),
    "staff newsletter issue edit": lambda d: reverse(
        "staff:newsletter_issue_edit", args=[d.newsletter_draft.pk]
    ),
    "staff newsletter issue edit, with errors": lambda d: Sent(
        reverse("staff:newsletter_issue_edit", args=[d.newsletter_draft.pk]),
        {"#id_beitrag-0-url": "javascript:alert(1)"},
        form="main form.staff-form",
        status=400,
    ),
    "staff newsletter issue send": lambda d: reverse(
        "staff:newsletter_issue_send", args=[d.newsletter_draft.pk]
    ),
    "staff newsletter issue delete": lambda d: reverse(
        "staff:newsletter_issue_delete", args=[d.newsletter_draft.pk]
    ),
}

# Pages of an account with two-factor authentication (logged in with password and code).
TWO_FACTOR_PAGES = {
    "account profile, two-factor on": lambda d: reverse("accounts:profile"),
    "account recovery codes, renew": lambda d: reverse("accounts:recovery_codes"),
    "account recovery codes": lambda d: Sent(
        reverse("accounts:recovery_codes"), {"#id_password": t.TEST_PASSWORD}
    ),
    "account two-factor off": lambda d: reverse("accounts:two_factor_disable"),
}

# Page types also checked with axe-core at 390 px: some for their phone layout (cards, menus,
# collapsed filters), then those no other module checks (see the docstring).
AXE_PAGES = {
    "public reuse list",
    "public project offered for reuse",
    "public library list",
    "public radar list",
    "public radar",
    "public radar edition",
    "public project list",
    "public ideas, filtered",
    "public idea, signed in",
    "public competitions",
    "public competition",
    "public competition, winners",
    "public event list",
    "public event",
    "public event, registration with errors",
    "staff event participants",
    "public newsletter, with errors",
    "public newsletter confirmation",
    "public newsletter unsubscribe",
    "public newsletter archive",
    "public newsletter issue",
    "public data request, with errors",
    "public data request link",
    "public news list",
    "public news post",
    "staff newsletter subscribers",
    "staff newsletter issue draft",
    "staff comments reported",
    "public strategy",
    "public town detail",
    "staff project list",
    "staff project detail",
    "staff change log",
    "staff version diff",
    # not checked elsewhere
    "public brochure",
    "public brochure PDF, being made",
    "password reset, new password",
    "password reset, new password with errors",
    "password reset, done",
    "staff role create, with errors",
    "staff legal text edit",
    "staff message answer, with errors",
    "account e-mail change, with errors",
    "account e-mail confirm",
    "account recovery codes, renew",
}

# Pages seen by a digitalisation officer (403 for another town's project).
OFFICER_PAGES = {
    "staff 403": lambda d: reverse("staff:project_edit", args=[d.foreign_project.pk]),
    "staff town's part, officer": lambda d: reverse("staff:part_edit", args=[d.senden_part.pk]),
    "staff directory, read only": lambda d: reverse("staff:person_list"),
    "staff town's value, officer": lambda d: reverse(
        "staff:indicator_value_edit", args=[d.indicator.pk, d.senden_value.pk]
    ),
    "account profile, officer": lambda d: reverse("accounts:profile"),
    "staff round answer, officer": lambda d: reverse(
        "staff:round_answer", args=[d.open_round.slug, "senden"]
    ),
    "staff news list, officer": lambda d: reverse("staff:news_list"),
    "staff news edit, officer": lambda d: reverse("staff:news_edit", args=[d.news_senden.pk]),
    "staff posts, officer": lambda d: reverse("staff:network_overview"),
}

# ---- measuring in the browser ---------------------------------------------------------------

# Elements wider than the viewport (the outermost ones), and boxes that scroll sideways inside.
OVERFLOW_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const hidden = (el) => {
    if (!el.checkVisibility({visibilityProperty: true})) return true;  // e.g. in closed <details>
    const r = el.getBoundingClientRect();
    return r.width <= 1 || r.height <= 1;
  };
  const clipped = (el) => {  // inside a box that scrolls or clips: reported below, if at all
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    // Not hidden(): a 1 px "visually hidden" text can widen the page as much as any box.
    if (!el.checkVisibility({visibilityProperty: true}) || clipped(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > vw + 0.5 || r.left < -0.5) {
      if (!wide.some((w) => w.el.contains(el))) wide.push({el, right: Math.round(r.right)});
    }
  }
  const scrollers = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(style.overflowX) || hidden(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      const size = `${el.scrollWidth} px in ${el.clientWidth} px`;
      scrollers.push(`${describe(el)} scrolls sideways (${size})`);
    }
  }
  return {
    viewport: vw,
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.sort((a, b) => b.right - a.right).slice(0, 5)
      .map((w) => `${describe(w.el)} reaches ${w.right} px`),
    scrollers,
  };
}
"""

# Touch targets under 24 x 24 px whose 24 px circle (centred on the target) meets another
# target or another small target's circle: the WCAG 2.2 spacing exception, computed.
TARGETS_JS = """
(min) => {
  const selector = [
    'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary', '[role=button]',
    'nav a', '.pagination a', '.staff-pagination a', 'a.button', '.row-actions a',
    'a.row-action', 'table a', '.action-bar a', '.form-actions a', '.site-footer a',
  ].join(',');
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim()
      .replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const targets = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;  // e.g. in closed <details>
    if (el.closest('[aria-hidden=true], .visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    targets.push({el, r});
  }
  const distToRect = (x, y, r) => {
    const dx = Math.max(r.left - x, 0, x - r.right);
    const dy = Math.max(r.top - y, 0, y - r.bottom);
    return Math.hypot(dx, dy);
  };
  const small = targets.filter((t) => t.r.width < min - 0.5 || t.r.height < min - 0.5);
  const problems = [];
  for (const t of small) {
    const cx = (t.r.left + t.r.right) / 2, cy = (t.r.top + t.r.bottom) / 2;
    let clash = null;
    for (const o of targets) {
      if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) continue;
      if (distToRect(cx, cy, o.r) < min / 2 - 0.5) { clash = o; break; }
      if (small.includes(o)) {
        const ox = (o.r.left + o.r.right) / 2, oy = (o.r.top + o.r.bottom) / 2;
        if (Math.hypot(cx - ox, cy - oy) < min - 0.5) { clash = o; break; }
      }
    }
    if (clash) {
      problems.push(`${describe(t.el)} is ${Math.round(t.r.width)} x ${Math.round(t.r.height)} px`
        + ` and too close to ${describe(clash.el)}`);
    }
  }
  return problems;
}
"""


# Every table of the content becomes cards on phones (site.css, `table-cards`); the cells of a
# table with more than one value column carry the column's name in data-label, except cells
# holding only actions and empty cells (hidden on phones).
TABLES_JS = """
() => {
  const problems = [];
  for (const table of document.querySelectorAll('main table')) {
    const name = (table.caption?.innerText || table.querySelector('th')?.innerText || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    if (!table.classList.contains('table-cards')) {
      problems.push(`table "${name}" does not become cards on phones (class table-cards)`);
      continue;
    }
    for (const row of table.querySelectorAll(':scope > tbody > tr')) {
      const cells = row.querySelectorAll(':scope > td');
      if (cells.length < 2) continue;
      const unlabelled = [...cells].filter((td) => !td.hasAttribute('data-label')
        && !td.matches('.row-actions, .empty-cell'));
      if (unlabelled.length) {
        problems.push(`table "${name}": ${unlabelled.length} cells without data-label`);
        break;
      }
    }
  }
  return problems;
}
"""

# The open state of every <details> as loaded, to measure the next phone width as loaded.
REMEMBER_MENUS_JS = "() => document.querySelectorAll('details')"
REMEMBER_MENUS_JS += ".forEach(d => { d.dataset.loadedOpen = d.open; })"
RESTORE_MENUS_JS = "() => document.querySelectorAll('details')"
RESTORE_MENUS_JS += ".forEach(d => { d.open = d.dataset.loadedOpen === 'true'; })"


def prepare_data():
    """The demo, and the objects whose pages are visited, with long words and a text diff."""
    call_command("load_demo", verbosity=0)
    # Every page with a (wide) logo in its header.
    region = Region.objects.get(slug="kreis-coesfeld")
    RegionLogo.objects.create(region=region, content=WIDE_LOGO, content_type="image/svg+xml")
    Region.objects.filter(pk=region.pk).update(logo_type="image/svg+xml")
    field = Field.objects.filter(published=True, strategy__published=True).first()
    project = Project.objects.filter(published=True, is_strategy_project=True).first()
    town = Municipality.objects.filter(participations__project=project).first()
    project = update_project(
        project,
        {
            "title": f"{project.title} {LONG_WORD}",
            "description": f"{project.description}\n\nMehr unter {LONG_URL} – {LONG_WORD}.",
            "website": LONG_URL,
            "lead": LONG_WORD,
        },
        expected_version=project.version,
        reason=f"Test für schmale Bildschirme: {LONG_WORD}",
    )
    version = StrategyVersion.objects.filter(strategy=field.strategy).earliest("created")
    new_version = freeze_version(field.strategy, f"Fassung {LONG_WORD}", note=LONG_URL)
    foreign_project = Project.objects.exclude(participations__municipality__slug="senden").first()
    region = project.region
    admin = t.make_user_with_role(
        region,
        Role.ADMIN,
        username=STAFF_USER,
        first_name="Maximiliane",
        last_name=LONG_WORD,
        email=LONG_EMAIL,
    )
    person = create_person(
        region,
        {"name": f"Dr. {LONG_WORD}", "office": LONG_WORD, "email": LONG_EMAIL},
        reason="Test für schmale Bildschirme",
    )
    body = Body.objects.filter(region=region, memberships__isnull=False).first()
    message = legal_services.submit_message(
        region,
        MessageKind.BARRIER,
        {
            "name": LONG_WORD,
            "email": LONG_EMAIL,
            "subject": f"Barriere: {LONG_WORD}",
            "text": f"Auf {LONG_URL} ist die Tabelle nicht lesbar.\n\n{LONG_WORD}",
            "page_url": LONG_URL,
        },
        sender_key="test",
    )
    legal_services.answer_message(
        message, f"Danke, siehe {LONG_URL}", expected_version=message.version, user=admin
    )
    message.refresh_from_db()
    tokens = []
    invitation = invite(
        region,
        username=LONG_EMAIL,
        role=Role.OFFICER,
        municipality=town,
        first_name="Nora",
        last_name=LONG_WORD,
        email=LONG_EMAIL,
        user=admin,
        reason=f"Test für schmale Bildschirme: {LONG_WORD}",
        link_for=tokens.append,
    )
    # An account with two-factor authentication (TOTP and recovery codes).
    two_factor = t.make_user_with_role(region, Role.COORDINATOR, username=TWO_FACTOR_USER)
    device = account_services.pending_totp_device(two_factor)
    device.confirmed = True
    device.save()
    account_services.regenerate_recovery_codes(two_factor)
    # A password reset link of an account that logs in nowhere in this test (valid meanwhile).
    resetting = get_user_model().objects.get(username="lenkungskreis")
    # The demo bid (its call with a deadline still to come, for the deadline lists), and a
    # programme import waiting for its confirmation.
    application = Application.objects.select_related("programme__funder", "call").get(
        slug="kreis-coesfeld-raum-fuer-zukunft"
    )
    CallDeadline.objects.create(
        region=region,
        call=application.call,
        title=f"Ratsbeschluss {LONG_WORD}",
        due=timezone.now() + datetime.timedelta(days=10),
    )
    programme_import = "mobil-" + "x" * 30
    PendingUpload.objects.create(
        token=programme_import,
        kind="programmes",
        region=region,
        user=get_user_model().objects.get(username=STAFF_USER),
        name=f"{LONG_WORD}.csv",
        content=(
            "Titel;Fördergeber;Förderart\n"
            f"{LONG_WORD};Bundesministerium des Innern;Zuschuss\n"
            "Modellprojekte Smart Cities;;\n"
        ).encode(),
    )
    # A demo indicator with targets, the region's values and values of Senden.
    indicator = Indicator.objects.filter(values__municipality__slug="senden").distinct().first()
    return SimpleNamespace(
        **radar_data(region),
        **network_data(region),
        person=person,
        body=body,
        membership=Membership.objects.filter(body=body).first(),
        workline=WorkLine.objects.filter(region=region).first(),
        stakeholder=StakeholderRole.objects.filter(region=region).first(),
        event=TimelineEvent.objects.filter(region=region).first(),
        message=message,
        invitation=invitation,
        invitation_token=tokens[-1],
        email_token=account_services.email_change_token(admin, LONG_EMAIL),
        totp_device=device,
        reset_uid=urlsafe_base64_encode(force_bytes(resetting.pk)),
        reset_token=default_token_generator.make_token(resetting),
        field=field,
        goal=Goal.objects.filter(field=field).first() or t.make_goal(field, f"Ziel {LONG_WORD}"),
        project=project,
        town=town,
        milestone=Milestone.objects.filter(project=project).first()
        or Milestone.objects.create(region=project.region, project=project, title=LONG_WORD),
        update=ProjectUpdate.objects.filter(project=project).first()
        or ProjectUpdate.objects.create(
            region=project.region, project=project, date=version.created, title=LONG_WORD
        ),
        version=version,
        new_version=new_version,
        adoption=Adoption.objects.filter(version=version).first(),
        role=RoleAssignment.objects.filter(region=project.region)
        .exclude(user__username__in=["admin", STAFF_USER])
        .first(),
        foreign_project=foreign_project,
        senden_part=Participation.objects.filter(municipality__slug="senden").first(),
        indicator=indicator,
        target=indicator.targets.first(),
        value=indicator.values.filter(municipality__isnull=True).first(),
        senden_value=indicator.values.filter(municipality__slug="senden").first(),
        application=application,
        programme=application.programme,
        funder=application.programme.funder,
        call=application.call,
        later_deadline=application.call.later_deadlines.first(),
        subproject=application.subprojects.first(),
        line=BudgetLine.objects.filter(subproject__application=application).first(),
        programme_import=programme_import,
        **assessment_data(region),
        **reports_data(region),
        **spaces_data(region),
        **participation_data(region, field, town),
        **events_data(region, town, admin),
        **newsletter_data(region, admin),
    )


def assessment_data(region) -> dict:
    """The demo's questionnaire, round, workshop and survey, and a round still open with
    Senden taking part (for the officer's answering page)."""
    q = Questionnaire.objects.get(region=region, slug="bedarfsanalyse-digitalisierung-2019")
    round_ = Round.objects.get(region=region, slug="bestandsaufnahme-2019")
    open_round = create_round(
        region,
        {
            "slug": "fortschreibung",
            "title": f"Fortschreibung {LONG_WORD}",
            "questionnaire": q,
            "deadline": timezone.now() + datetime.timedelta(days=30),
            "group_sizes": [2, 3, 3],
        },
        municipalities=list(round_.municipalities.all()),
        fields=list(round_.fields.all()),
        user=None,
    )
    workshop = Workshop.objects.filter(region=region).first()
    return {
        "q": q,
        "section": q.sections.first(),
        "criterion": q.criteria.first(),
        "question": q.questions.first(),
        "round": round_,
        "open_round": open_round,
        "workshop": workshop,
        "idea": workshop.ideas.first(),
        "survey": Survey.objects.get(region=region, is_demo=True),
    }


def reports_data(region) -> dict:
    """The demo's latest status report and a new draft (only drafts can be deleted)."""
    report = StatusReport.objects.filter(region=region).order_by("-date", "-pk").first()
    draft = report_services.create_report(
        region,
        body=report.body,
        meeting_date=datetime.date(2024, 3, 14),
        since=report.period_end,
        until=datetime.date(2024, 3, 14),
        topics=list(Topic.values),
    )
    return {"report": report, "draft_report": draft}


def spaces_data(region) -> dict:
    """ExtraGleis with a photo, a booking of the staff user there and a request for the
    Kreishaus room on the next weekday but one, a closed period with a long reason."""
    from digitalagentur.accounts import registration as account_registration
    from digitalagentur.accounts.models import Registration
    from digitalagentur.spaces import booking as space_booking
    from digitalagentur.spaces import manage as space_manage
    from digitalagentur.spaces.models import ClosedPeriod, ContingentMember, Employer, Space

    space = Space.objects.get(region=region, slug="extragleis")
    day = timezone.localdate() + datetime.timedelta(days=2)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)

    def at(hour):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    staff_user = get_user_model().objects.get(username=STAFF_USER)
    my_booking = space_booking.book(space, staff_user, at(9), at(12), notify=False)
    room = Space.objects.filter(region=region, booking_mode="request", capacity__gte=2).first()
    requested = space_booking.book(room, staff_user, at(10), at(11), notify=False)
    photo = space_manage.add_photo(space, tiny_png(), f"Der Waggon {LONG_WORD}")
    closed = ClosedPeriod.objects.create(
        space=space,
        start=at(0) + datetime.timedelta(days=20),
        end=at(0) + datetime.timedelta(days=21),
        reason=LONG_WORD,
    )
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())
    pending = t.make_user(
        "neu-registriert", email="neu@example.org", first_name=LONG_WORD, is_active=False
    )
    now = timezone.now()
    registration_token = account_registration.make_token(
        Registration.objects.create(user=pending, requested=now, consented=now)
    )
    return {
        "registration_token": registration_token,
        "space": space,
        "my_booking": my_booking,
        "requested_booking": requested,
        "photo": photo,
        "closed_period": closed,
        "weekday": day.isoformat(),
        "next_monday": monday.isoformat(),
        "month": timezone.localdate().strftime("%Y-%m"),
        "employer": Employer.objects.filter(region=region).order_by("pk").first(),
        "member": ContingentMember.objects.filter(contingent__region=region).order_by("pk").first(),
    }


def events_data(region, town, staff_user) -> dict:
    """The demo's future event open for registration (the staff user not registered), its
    past conference with a programme, and an event with long words where the staff user is
    registered, with a waiting list."""
    from digitalagentur.communication import registrations
    from digitalagentur.communication.models import Event
    from digitalagentur.testing.communication import make_event

    registered = make_event(
        region,
        f"Seminar {LONG_WORD}",
        capacity=1,
        place=LONG_WORD,
        online_url=LONG_URL,
        description=f"Mehr unter {LONG_URL}\n\n{LONG_WORD}",
        municipalities=[town],
    )
    registration = registrations.register(registered, staff_user).registration
    registrations.register(registered, t.make_user(first_name=LONG_WORD, email=LONG_EMAIL))
    return {
        "open_event": Event.objects.get(region=region, slug="informationsabend-ideen-einbringen"),
        "past_event": Event.objects.get(region=region, slug="digitalisierungskonferenz-2022"),
        "registered_event": registered,
        "event_registration": registration,
    }


def newsletter_data(region, staff_user) -> dict:
    """Links of a pending, an active and an unsubscribed subscription (with long words), a
    staff segment, the demo's sent issue and draft (its first item with a long word and a
    long URL), an issue being sent, and a checked bounce file of the staff user."""
    import secrets
    from unittest import mock

    from digitalagentur.communication import datarequests, newsletter
    from digitalagentur.communication.choices import IssueStatus, SubscriptionStatus
    from digitalagentur.communication.models import Delivery, NewsletterIssue, Subscription
    from digitalagentur.core import uploads

    segment = newsletter.create_segment(region, {"name": f"Presse {LONG_WORD}"})
    tokens = {}
    for name, email in [("pending", LONG_EMAIL), ("active", f"aktiv.{LONG_EMAIL}")]:
        newsletter.subscribe(region, email, segments=[segment])
        tokens[name] = secrets.token_urlsafe(32)
        Subscription.objects.filter(region=region, email=email).update(
            token_hash=newsletter.token_hash(tokens[name])
        )
    newsletter.confirm(tokens["active"])
    active = Subscription.objects.get(region=region, email=f"aktiv.{LONG_EMAIL}")
    newsletter.subscribe(region, f"weg.{LONG_EMAIL}")
    gone = Subscription.objects.get(region=region, email=f"weg.{LONG_EMAIL}")
    newsletter.unsubscribe(gone.unsubscribe_key)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 25 * 3600):
        expired_data_request = datarequests.make_token(region, LONG_EMAIL)
    draft = NewsletterIssue.objects.get(region=region, status=IssueStatus.DRAFT)
    draft.items = [
        {"title": LONG_WORD, "text": f"{LONG_WORD} {LONG_URL}", "url": LONG_URL},
        *draft.items,
    ]
    draft.save(update_fields=["items"])
    sending = NewsletterIssue.objects.create(
        region=region,
        subject=f"Sonderausgabe {LONG_WORD}",
        items=draft.items,
        status=IssueStatus.SENDING,
        send_started=timezone.now(),
    )
    for subscription in Subscription.objects.filter(status=SubscriptionStatus.ACTIVE):
        Delivery.objects.create(issue=sending, subscription=subscription, email=subscription.email)
    sending.recipients = sending.deliveries.count()
    sending.save(update_fields=["recipients"])
    from digitalagentur.communication.models import NewsPost
    from digitalagentur.testing.communication import make_news_post

    long_post = make_news_post(
        region,
        f"Neuigkeit {LONG_WORD}",
        teaser=f"{LONG_WORD} {LONG_URL}",
        body=f"## {LONG_WORD}\n\nMehr unter [{LONG_URL}]({LONG_URL}).\n\n- {LONG_WORD}\n",
    )
    return {
        "news_long": long_post,
        "news_scheduled": NewsPost.objects.get(
            region=region, slug="ideen-fuer-die-digitalisierung-gesucht"
        ),
        "news_senden": NewsPost.objects.get(region=region, slug="smarte-land-regionen-landraeume"),
        "newsletter_segment": segment,
        "newsletter_pending_token": tokens["pending"],
        "newsletter_active_token": tokens["active"],
        "newsletter_active_key": active.unsubscribe_key,
        "newsletter_gone_key": gone.unsubscribe_key,
        "newsletter_sent": NewsletterIssue.objects.get(region=region, status=IssueStatus.SENT),
        "newsletter_draft": draft,
        "newsletter_sending": sending,
        "data_request_token": datarequests.make_token(region, LONG_EMAIL),
        "data_request_expired": expired_data_request,
        "newsletter_bounce_token": uploads.remember(
            "newsletter-bounces",
            staff_user,
            region,
            f"{LONG_WORD}.csv",
            f"email;typ\n{LONG_EMAIL};hard\naktiv.{LONG_EMAIL};soft\nkaputt;hard\n".encode(),
        ),
    }


def participation_data(region, field, town) -> dict:
    """A public idea with long words, an image, an answer and a comment with an answer (and
    a reported and a hidden comment), another idea to merge it into, an idea waiting for
    moderation (404 for the public), and the competitions (competitions_data)."""
    from digitalagentur.participation import services as participation
    from digitalagentur.participation.choices import IdeaStatus
    from digitalagentur.testing.participation import make_idea, make_participant

    author = make_participant(first_name=LONG_WORD)
    idea = make_idea(
        region,
        author,
        title=f"Idee {LONG_WORD}",
        text=f"Mehr unter {LONG_URL}\n\n{LONG_WORD}",
        field=field,
        municipality=town,
        image=tiny_png(),
        image_alt=f"Bild {LONG_WORD}",
        status=IdeaStatus.REVIEW,
        reason=f"Wir prüfen {LONG_WORD}.",
    )
    comment = participation.add_comment(idea, make_participant(first_name="Alex"), LONG_URL)
    participation.add_comment(idea, author, LONG_WORD, parent=comment)
    participation.support(idea, make_participant())
    reported = participation.add_comment(idea, make_participant(), f"Gemeldet: {LONG_WORD}")
    participation.report_comment(reported, make_participant(), f"Beleidigend {LONG_URL}")
    hidden = participation.add_comment(idea, make_participant(), f"Ausgeblendet: {LONG_WORD}")
    participation.hide_comment(hidden, user=None, reason=f"Werbung für {LONG_URL}")
    other = make_idea(region, title=f"Ähnliche Idee {LONG_WORD}", field=field)
    waiting = make_idea(region, title="Wartende Idee", status=IdeaStatus.RECEIVED)
    return {
        "public_idea": idea,
        "waiting_idea": waiting,
        "other_idea": other,
        "comment": reported,
        "hidden_comment": hidden,
        **competitions_data(region, town),
    }


def competitions_data(region, town) -> dict:
    """A call open for entries, a call in its jury phase (the staff user in its jury, a
    juror's scores and another's conflict of interest) and a call with its winners, each with
    long words in its criteria, prizes and entries."""
    from digitalagentur.participation import competitions
    from digitalagentur.participation.choices import CompetitionPhase
    from digitalagentur.testing.participation import (
        make_competition,
        make_juror,
        make_participant,
        make_submission,
        move_to_phase,
    )

    def call(slug):  # open for entries first; moved to its phase after them
        return make_competition(
            region,
            phase=CompetitionPhase.SUBMISSION,
            slug=slug,
            title=f"Wettbewerb {LONG_WORD} {slug}",
            description=f"Alles unter {LONG_URL}\n\n{LONG_WORD}",
            eligibility=f"Alle aus dem {LONG_WORD}",
            extra_fields=[{"key": "team", "label": f"Team {LONG_WORD}", "required": False}],
            criteria=((f"Idee {LONG_WORD}", 2), ("Umsetzbarkeit", 1)),
            prizes=(f"1. Preis {LONG_WORD}", "2. Preis"),
        )

    def entries(competition):
        return [
            make_submission(
                competition,
                make_participant(first_name=LONG_WORD),
                title=f"Beitrag {LONG_WORD}",
                text=f"Mehr unter {LONG_URL}\n\n{LONG_WORD}",
                municipality=town,
                extra={"team": LONG_WORD},
            ),
            make_submission(competition, title="Zweiter Beitrag"),
        ]

    def scores(juror, submission, values):
        for criterion, value in zip(juror.competition.criteria.all(), values, strict=False):
            competitions.score(juror, submission, criterion, value, f"Gut: {LONG_WORD}")

    open_call = call("offen")
    entries(open_call)

    competition = call("jury")
    submission, second = entries(competition)
    move_to_phase(competition, CompetitionPhase.JURY)
    staff_user = get_user_model().objects.get(username=STAFF_USER)
    make_juror(competition, staff_user)
    juror = make_juror(competition, first_name="Jana", last_name=LONG_WORD)
    scores(juror, submission, (8, 6))
    scores(juror, second, (4, 9))
    biased = make_juror(competition, first_name="Bernd")
    competitions.declare_conflict(biased, submission, f"Mein Nachbar {LONG_WORD}")

    won = call("entschieden")
    won_entries = entries(won)
    move_to_phase(won, CompetitionPhase.AWAITING)
    won_juror = make_juror(won, first_name=LONG_WORD)
    scores(won_juror, won_entries[0], (9, 9))
    scores(won_juror, won_entries[1], (5, 5))
    competitions.publish_result(won, user=None, reason=f"Jury-Sitzung {LONG_WORD}")
    won.refresh_from_db()
    return {
        "open_competition": open_call,
        "competition": competition,
        "won_competition": won,
        "submission": submission,
        "criterion_of_call": competition.criteria.first(),
        "prize": competition.prizes.first(),
        "juror": juror,
    }


@pytest.fixture(scope="module")
def context_factory(browser):
    """New browser contexts at phone size that may only talk to the test server."""
    contexts = []

    def make(live_server):
        context = browser.new_context(
            locale="de-DE",
            viewport={"width": WIDTHS[0], "height": HEIGHT},
        )
        blocked = []

        def guard(route):
            url = route.request.url
            if url.startswith((live_server.url, "data:", "about:")):
                route.continue_()
            else:
                blocked.append(url)
                route.abort()

        context.route("**/*", guard)
        context.blocked = blocked
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def log_in(page, live_server, username, password=DEMO_PASSWORD, device=None):
    """Log in with the password and, for an account with two-factor authentication, the
    code an authenticator app would show for `device`."""
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Anmelden").click()
    if device is not None:
        page.wait_for_url(live_server.url + reverse("login_code"))
        page.fill("#id_code", totp_code(device))
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + reverse("staff:dashboard"))


def totp_code(device) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def measure(page, label: str, load: Callable[[], object]) -> list[str]:
    """The problems of the page at every width of WIDTHS and at DESKTOP width."""
    problems = []
    page.evaluate(REMEMBER_MENUS_JS)
    for number, width in enumerate((*WIDTHS, DESKTOP)):
        if number:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            if width in WIDTHS:  # the same layout (and script state) as at WIDTHS[0]
                page.evaluate(RESTORE_MENUS_JS)
            else:  # load the page again, as a screen of this width would
                load()
        for state in ("", ", menus opened") if width in WIDTHS else ("",):
            if state:
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                if number == 0:
                    problems += [f"{label}: {p}" for p in page.evaluate(TABLES_JS)]
            result = page.evaluate(OVERFLOW_JS)
            where = f"{label} at {width} px{state}"
            if result["scrollWidth"] > min(result["viewport"], result["innerWidth"]):
                problems.append(
                    f"{where}: document is {result['scrollWidth']} px wide; widest: "
                    + "; ".join(result["wide"])
                )
            if width == DESKTOP:  # wide tables may scroll inside their box, as they always did
                continue
            problems += [f"{where}: {s}" for s in result["scrollers"]]
            problems += [f"{where}: {p}" for p in page.evaluate(TARGETS_JS, MIN_TARGET)]
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    return problems


def visit(page, live_server, label, target: str | Sent | Status, seen: set) -> list[str]:
    """Open (or send) the page and measure it; the problems found, naming the page. The view
    that answered is added to `seen`."""
    if isinstance(target, str):
        target = Status(target, 404 if "404" in label else 403 if "403" in label else 200)
        if "500" in label:
            target = Status(target.path, 500)

    def load():
        response = page.goto(live_server.url + target.path)
        if isinstance(target, Status):
            return response
        for selector, value in target.fill.items():
            # The browser's length limit off too: the server's message is what is measured.
            page.locator(selector).evaluate("field => field.removeAttribute('maxlength')")
            page.fill(selector, value)
        with page.expect_navigation() as navigation:
            page.locator(target.form).evaluate(
                "form => { form.noValidate = true; form.requestSubmit(); }"
            )
        return navigation.value

    response = load()
    path = target.path
    problems = []
    try:
        seen.add(view_of(resolve(urlsplit(page.url).path).func))
    except Resolver404:
        pass
    if response is None or response.status != target.status:
        status = response.status if response is not None else None
        problems.append(f"{label} ({path}): status {status}, expected {target.status}")
    if label in AXE_PAGES:
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            problems.append(f"{label} at {WIDTHS[0]} px: axe: {format_violations(violations)}")
    return problems + [f"{p} ({path})" for p in measure(page, label, load)]


def network_data(region) -> dict:
    """Issue 14, sections 2 and 3, from the demo: an offer for reuse (whose project the staff
    user may take for another town), a checklist point, a library document, a meeting with a
    task, and a post with an open vacancy whose title is a long word."""
    from digitalagentur.library.models import Document
    from digitalagentur.portfolio.models import ChecklistItem, ReuseOffer
    from digitalagentur.reports.models import MeetingTask
    from digitalagentur.testing.network import make_post, make_vacancy

    post = make_post(region, None, f"Koordination {LONG_WORD}", planned="1")
    task = MeetingTask.objects.filter(meeting__region=region).select_related("meeting").first()
    return {
        "reuse_offer": ReuseOffer.objects.get(
            region=region, project__slug="lastenradbox-nordkirchen"
        ),
        "checklist_item": ChecklistItem.objects.filter(region=region).first(),
        "document": Document.objects.get(
            region=region, title="Checkliste Datenschutz-Folgenabschätzung"
        ),
        "meeting": task.meeting,
        "meeting_task": task,
        "post": post,
        "vacancy": make_vacancy(post),
    }


def radar_data(region) -> dict:
    """The demo's radar, an entry with a long name, and a checked import file with a rejected
    row waiting for the staff user's confirmation (its report page)."""
    from digitalagentur.core import uploads
    from digitalagentur.radar.models import Edition as RadarEdition
    from digitalagentur.radar.models import Radar
    from digitalagentur.staff.views.radar_import import upload_kind
    from digitalagentur.testing.radar import make_entry

    radar = Radar.objects.get(region=region, slug="technologie-radar")
    entry = make_entry(radar, f"Technik {LONG_WORD}", links=[LONG_URL])
    csv = f"name,ring,quadrant,isNew,description\n{entry.name},Irgendwo,Verwaltung,FALSE,x\n"
    token = uploads.remember(
        upload_kind(radar, "byor-csv"),
        get_user_model().objects.get(username=STAFF_USER),
        region,
        "radar.csv",
        csv.encode(),
    )
    return {
        "radar": radar,
        "radar_entry": entry,
        "radar_edition": RadarEdition.objects.filter(radar=radar).first(),
        "radar_import_token": token,
    }


@pytest.fixture
def data(transactional_db):
    return prepare_data()


# Views of the website that are no page of their own: they only take a POST and redirect, or
# answer with a file. Every other view must be reached by a page type above.
NOT_PAGES = {
    "public:project_export": "CSV file",
    "public:space_photo": "image",
    "public:spaces_manage_photo_image": "image",
    "public:spaces_manage_booking_confirm": "POST only",
    "public:events_ical": "iCalendar file",
    "public:event_ical": "iCalendar file",
    "public:event_register": "POST only; GET redirects to the event's page",
    "staff:event_participants_csv": "CSV file",
    "staff:event_participants_xlsx": "Excel file",
    "public:newsletter_feed": "Atom feed (XML)",
    "public:data_request_download": "JSON file (POST only)",
    "public:news_feed": "Atom feed (XML)",
    "public:news_image": "image",
    "staff:news_image": "image",
    "public:data_request_erase": "POST only; its answers are the link page's form, sent",
    "staff:newsletter_consents_csv": "CSV file",
    "staff:newsletter_consents_json": "JSON file",
    "staff:newsletter_issue_preview_html": "the mail's HTML, shown in a sandboxed frame",
    "staff:newsletter_issue_preview_text": "the mail's plain text",
    "staff:newsletter_issue_test": "POST only; redirects to the issue's page",
    "public:spaces_space_feed": "iCalendar file",
    "public:spaces_user_feed": "iCalendar file",
    "public:spaces_user_feed_renew": "POST only; redirects to the booker's bookings",
    "public:spaces_employer_csv": "CSV file",
    "public:spaces_member_consent": "POST only; redirects to the employers page",
    "staff:spaces_impact_export": "CSV or Excel file",
    "staff:spaces_provider": "redirect to the provider page (change log)",
    "staff:spaces_space": "redirect to the space's management page (change log)",
    "staff:radar_entry": "redirect to its row on the radar's page (change log)",
    "staff:reuse_offer_page": "redirect to the project's reuse panel (change log)",
    "staff:project_checklist_tick": "POST only; redirects to the project's checklist",
    "public:library_download": "file",
    "staff:library_download": "file",
    "staff:library_version": "redirect to the version on its document's page (change log)",
    "staff:network_csv": "CSV file",
    "staff:network_post": "redirect to the post's row on the overview (change log)",
    "staff:network_vacancy": "redirect to the post's row on the overview (change log)",
    "staff:meeting_task_done": "POST only; redirects back",
    "staff:radar_edition": "redirect to the editions on the radar's page (change log)",
    "staff:spaces_employer": "redirect to the employer's edit page (change log)",
    "staff:spaces_contingent": "redirect to the contingent's edit page (change log)",
    "public:project_feed": "Atom feed (XML)",
    "public:field_feed": "Atom feed (XML)",
    "public:municipality_feed": "Atom feed (XML)",
    "public:region_feed": "Atom feed (XML)",
    "public:opendata_download": "CSV, Excel or JSON file",
    "public:events_calendar": "iCalendar file",
    "staff:project_export": "CSV or Excel file",
    "public:region_css": "stylesheet",
    "public:region_logo": "image",
    "staff:indicator_import_apply": "POST only; redirects (or shows the import's report)",
    "staff:indicator_import_template": "CSV file",
    "staff:indicator_target": "redirects to the indicator's page (change-log links)",
    "staff:indicator_value": "redirects to the indicator's page (change-log links)",
    "staff:funding_call": "redirects to the programme's page (change-log links)",
    "staff:funding_calldeadline": "redirects to the programme's page (change-log links)",
    "staff:funding_subproject": "redirects to the application's page (change-log links)",
    "staff:funding_budgetline": "redirects to the application's page (change-log links)",
    "staff:funding_import_template": "CSV file",
    "staff:funding_ownshareweight": "redirects to the application's page (change-log links)",
    "staff:funding_deadline_feed": "iCalendar file",
    "public:funding_deadline_feed": "iCalendar file",
    "staff:application_plan_export": "CSV or Excel file",
    "staff:application_budget_export": "CSV or Excel file",
    "public:funding_application_export": "CSV or Excel file",
    "accounts:logout_everywhere": "POST only; redirects to the login",
    "accounts:policy": "POST only; redirects to the profile",
    "staff:message_status": "POST only; redirects to the message (errors: 'message answer')",
    "staff:questionnaire_section_move": "POST only; redirects to the questionnaire",
    "staff:questionnaire_section": "redirects to the questionnaire's page (change-log links)",
    "staff:questionnaire_criterion": "redirects to the questionnaire's page (change-log links)",
    "staff:questionnaire_question": "redirects to the questionnaire's page (change-log links)",
    "staff:questionnaire_criterion_move": "POST only; redirects to the questionnaire",
    "staff:questionnaire_question_move": "POST only; redirects to the questionnaire",
    "staff:round_by_pk": "redirects to the round's page (change-log links)",
    "staff:round_response": "redirects to the town's answer (change-log links)",
    "staff:round_groupoverride": "redirects to the round's results (change-log links)",
    "staff:round_results_csv": "CSV file",
    "staff:round_override": "POST only; redirects to the results",
    "staff:round_override_clear": "confirmation of the results page's form; the demo has none",
    "staff:workshop_idea": "redirects to the workshop's page (change-log links)",
    "staff:survey_export": "CSV or Excel file",
    "staff:report_export": "Markdown, DOCX or PDF file",
    "public:assessment_matrix_svg": "SVG image",
    "public:assessment_results_csv": "CSV file",
    "public:idea_image": "image",
    "public:idea_similar": "JSON or HTML fragment for the submit form's script",
    "public:idea_support": "POST only; redirects to the idea",
    "public:idea_comment_report": "POST only; redirects to the idea",
    "public:ideas_feed": "Atom feed (XML)",
    "public:ideas_answers_feed": "Atom feed (XML)",
    "staff:idea_comment": "redirects to the comment on the idea's page (change-log links)",
    "staff:competition_criterion": "redirects to the competition's page (change-log links)",
    "staff:competition_prize": "redirects to the competition's page (change-log links)",
    "staff:competition_juror": "redirects to the competition's page (change-log links)",
    "staff:competition_submission": "redirects to the submissions page (change-log links)",
    "staff:competition_score": "redirects to the ranking (change-log links)",
    "staff:competition_conflict": "redirects to the ranking (change-log links)",
}


def view_of(callback):
    return getattr(callback, "view_class", callback)


def website_views() -> dict:
    """Every view of the website's own apps (not the API, admin or Django's) by its URL name;
    a view serving several URLs (publish and withdraw) once."""
    views = {}

    def collect(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                collect(pattern.url_patterns, inner)
                continue
            view = view_of(pattern.callback)
            module = view.__module__
            if module.startswith("digitalagentur.") and not module.startswith("digitalagentur.api"):
                views.setdefault(view, f"{namespace}{pattern.name}")

    collect(get_resolver().url_patterns, "")
    return {name: view for view, name in views.items()}


def test_every_page_type_fits_a_phone(context_factory, live_server, data, settings):
    # Map tiles from the test server (404s), never from the network.
    settings.DIGITALAGENTUR_MAP_TILE_URL = live_server.url + "/kacheln/{z}/{x}/{y}.png"
    # Forms sent at once are not refused as too fast (the similar ideas step of an idea).
    settings.DIGITALAGENTUR_FORM_MIN_SECONDS = 0
    labels = {*PUBLIC_PAGES, *STAFF_PAGES, *OFFICER_PAGES, *TWO_FACTOR_PAGES}
    assert AXE_PAGES <= labels, f"AXE_PAGES names no page type: {AXE_PAGES - labels}"
    problems = []
    seen = set()

    public = context_factory(live_server).new_page()
    html = render_to_string("500.html")
    public.route(
        f"{live_server.url}{SERVER_ERROR_PATH}",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )
    for label, path in PUBLIC_PAGES.items():
        problems += visit(public, live_server, label, path(data), seen)

    staff = context_factory(live_server).new_page()
    log_in(staff, live_server, STAFF_USER, t.TEST_PASSWORD)
    for label, path in STAFF_PAGES.items():
        problems += visit(staff, live_server, label, path(data), seen)

    officer = context_factory(live_server).new_page()
    log_in(officer, live_server, "senden")
    for label, path in OFFICER_PAGES.items():
        problems += visit(officer, live_server, label, path(data), seen)

    two_factor = context_factory(live_server).new_page()
    log_in(two_factor, live_server, TWO_FACTOR_USER, t.TEST_PASSWORD, data.totp_device)
    for label, path in TWO_FACTOR_PAGES.items():
        problems += visit(two_factor, live_server, label, path(data), seen)

    for page in (public, staff, officer, two_factor):
        assert not page.context.blocked, f"pages reached the network: {page.context.blocked}"
    missing = sorted(
        name for name, view in website_views().items() if view not in seen and name not in NOT_PAGES
    )
    problems += [f"{name}: no page type in the lists above reaches this view" for name in missing]
    assert not problems, f"{len(problems)} problems on small screens:\n" + "\n".join(problems)


def test_the_checks_are_not_blind(context_factory, live_server, transactional_db):
    """A 600 px box, a box that scrolls sideways, two small buttons side by side and tables
    that do not become (labelled) cards are reported, naming them; a small button with enough
    space around it is not."""
    page = context_factory(live_server).new_page()
    page.goto(live_server.url + reverse("public:home"))
    page.evaluate(
        """() => {
          const add = (parent, tag, id, css) => {
            const el = document.createElement(tag);
            el.id = id; el.textContent = 'x'; el.style.cssText = css;
            document.querySelector(parent).append(el); return el;
          };
          add('main', 'div', 'zu-breit', 'width: 600px');
          add('main', 'div', 'rollt', 'overflow-x: auto').append(
            Object.assign(document.createElement('div'), {style: 'width: 900px'}));
          const tiny = 'padding:0;border:0;font-size:8px;line-height:1;min-height:0;margin:0';
          add('h1', 'button', 'winzig-1', tiny);
          add('h1', 'button', 'winzig-2', tiny);
          add('main', 'button', 'winzig-allein', tiny + ';margin:40px');
          const table = add('main', 'table', 'ohne-karten', '');
          table.innerHTML = '<tbody><tr><th>Zeile</th><td>a</td><td>b</td></tr></tbody>';
          const cards = add('main', 'table', 'ohne-labels', '');
          cards.className = 'table-cards';
          cards.innerHTML = '<tbody><tr><th>Karte</th><td>a</td><td>b</td></tr></tbody>';
        }"""
    )
    tables = page.evaluate(TABLES_JS)
    assert any('"Zeile" does not become cards' in p for p in tables), tables
    assert any('"Karte": 2 cells without data-label' in p for p in tables), tables
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        result = page.evaluate(OVERFLOW_JS)
        assert result["scrollWidth"] > result["viewport"]
        assert any("div#zu-breit" in w for w in result["wide"]), result["wide"]
        assert any("div#rollt" in s for s in result["scrollers"]), result["scrollers"]
        problems = page.evaluate(TARGETS_JS, MIN_TARGET)
        assert any("button#winzig-1" in p for p in problems), problems
        assert not any("button#winzig-allein" in p for p in problems), problems


def test_menus_and_filters_collapse_on_phones_and_are_open_on_wide_screens(
    browser, live_server, data
):
    """The main menu, the staff menu and the filter forms sit behind a button at 390 px and
    are simply shown at 1280 px; with or without JavaScript. Signed in, the main menu holds
    "Mein Konto" and "Abmelden"."""
    for javascript in (True, False):
        check_menus_and_filters(browser, live_server, javascript)


def check_menus_and_filters(browser, live_server, javascript: bool):
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": WIDTHS[0], "height": HEIGHT},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    log_in(page, live_server, "admin")
    try:
        for path, button, hidden in [
            (reverse("public:project_list"), "Menü", ".main-nav a[href='/strategie/']"),
            (reverse("public:project_list"), "Filter und Suche", "#id_field"),
            (reverse("staff:project_list"), "Menü des internen Bereichs", ".staff-nav a"),
            (reverse("staff:project_list"), "Filter und Suche", "#id_status"),
            (reverse("staff:change_list"), "Filter", ".filter-form select"),
        ]:
            page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
            page.goto(live_server.url + path)
            summary = page.locator("summary", has_text=button).first
            target = page.locator(hidden).first
            where = (path, button, f"JavaScript: {javascript}")
            assert summary.is_visible() and not target.is_visible(), where
            summary.click()
            assert target.is_visible(), where
            summary.click()
            assert not target.is_visible(), where

            page.set_viewport_size({"width": DESKTOP, "height": HEIGHT})
            page.reload()
            assert not summary.is_visible() and target.is_visible(), where

        # A filter form with an error is open on phones too, so the error is seen at once.
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        page.goto(live_server.url + reverse("staff:project_list") + "?status=kaputt")
        assert page.locator("#id_status").is_visible()

        # Signed in, the main menu leads to the account page and logs out, on every page.
        for path in (reverse("public:home"), reverse("staff:project_list")):
            page.goto(live_server.url + path)
            nav = page.locator(".main-nav")
            account = nav.get_by_role("link", name="Mein Konto")
            logout = nav.get_by_role("button", name="Abmelden")
            where = (path, f"JavaScript: {javascript}")
            assert not account.is_visible() and not logout.is_visible(), where
            nav.locator("summary", has_text="Menü").click()
            assert account.is_visible() and logout.is_visible(), where
            assert account.get_attribute("href") == reverse("accounts:profile"), where
    finally:
        context.close()
