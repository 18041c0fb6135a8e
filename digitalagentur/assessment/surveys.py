"""Public citizen surveys on the questionnaire engine (issue 9, sections 6 and 7a).

A survey shows a questionnaire of kind "survey" to the public between `opens_at` and
`closes_at`. One answer per person, keeping no more personal data than needed:

* `person_key` is an HMAC-SHA256 (key derived from SECRET_KEY with a purpose string) of the
  survey and either the anonymous participant's random browser token (a cookie per survey) or
  the normalised e-mail address. The address itself is never stored: it is used once to send
  the confirmation link and then dropped. The unique constraint (survey, person_key) enforces
  one answer per person also under concurrent submissions.
* `source_key` is an HMAC of the client's network (an IPv4 address, or the /64 of an IPv6
  address, since one connection gets a whole /64) and the local day, for the rate limit
  (DIGITALAGENTUR_SURVEY_RATE_LIMIT submissions per hour and survey, default 20). The limit
  counts the keys of today and yesterday, so it does not reset at midnight, and it is counted
  after locking the survey row, so a burst of parallel posts cannot all pass. The key is only
  needed for that hour: it is blanked on older submissions whenever new answers arrive and by
  `purge_unconfirmed()`.
* E-mail surveys store the submission unconfirmed (`token_hash` = SHA-256 of a random token
  mailed as a link); only confirmed submissions count. An unconfirmed answer is replaced by
  the same person's next one (new answers, new link, new mail), but not within 10 minutes of
  the last one (nothing stored, no mail), so the form cannot be used to flood an address with
  mails. The browser never learns whether an address already took part: the view shows the
  same thanks page either way. `purge_unconfirmed()` deletes unconfirmed submissions older
  than 7 days (run it daily, e.g. from cron or a task). Confirming after the survey closed is
  refused.

A submission keeps the questionnaire revision it was shown: answers to an older revision of
the survey's questionnaire are accepted for that revision's questions. Results (grouping the
questions of all revisions by (kind, text)) are in assessment/survey_results.py.

Writes of surveys go through digitalagentur.core.services (version check, change log);
submissions are not logged (they are the public's answers, not staff edits).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
import smtplib
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from digitalagentur.core import services as core
from digitalagentur.core.client_ip import client_network
from digitalagentur.core.text import german_slugify

from .models import (
    Identification,
    Question,
    Questionnaire,
    QuestionnaireKind,
    Submission,
    SubmissionAnswer,
    Survey,
)

logger = logging.getLogger(__name__)

PERSON_PURPOSE = "digitalagentur.assessment.surveys.person"
SOURCE_PURPOSE = "digitalagentur.assessment.surveys.source"
UNCONFIRMED_DAYS = 7
RATE_WINDOW = datetime.timedelta(hours=1)
RESEND_PAUSE = datetime.timedelta(minutes=10)  # no second confirmation mail within this time
COOKIE_PREFIX = "umfrage-"
COOKIE_MAX_AGE = 60 * 60 * 24 * 400  # the longest a browser keeps a cookie


# -- errors the public sees ----------------------------------------------------------------------


class SurveyError(Exception):
    """A submission that was refused; `message` is German, `status` the HTTP status."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SurveyClosed(SurveyError):
    status = 403


class AlreadyAnswered(SurveyError):
    status = 409


class RateLimited(SurveyError):
    status = 429


class InvalidAnswers(SurveyError):
    """The answers are incomplete or wrong; `form` carries the German messages per field."""

    def __init__(self, form):
        super().__init__(_("Bitte prüfen Sie Ihre Angaben."))
        self.form = form


def already_answered_message() -> str:
    return _("Sie haben an dieser Umfrage bereits teilgenommen.")


def changed_message() -> str:
    return _(
        "Der Fragebogen wurde gerade geändert. Bitte laden Sie die Seite neu und senden Sie "
        "Ihre Antworten noch einmal."
    )


def rate_limited_message() -> str:
    return _(
        "Von Ihrem Anschluss sind in der letzten Stunde zu viele Antworten eingegangen. "
        "Bitte versuchen Sie es später noch einmal."
    )


# -- staff writes ----------------------------------------------------------------------------


def unique_slug(region_id: int, text: str, exclude_pk: int | None = None) -> str:
    base = german_slugify(text)[:100] or "umfrage"
    taken = Survey.objects.filter(region_id=region_id)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    slugs = set(taken.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in slugs:
        slug = f"{base}-{n}"
        n += 1
    return slug


def check_questionnaire(survey: Survey) -> None:
    questionnaire = survey.questionnaire
    if questionnaire.region_id != survey.region_id:
        raise ValidationError(
            {"questionnaire": _("Der Fragebogen gehört zu einer anderen Region.")}
        )
    if questionnaire.kind != QuestionnaireKind.SURVEY:
        raise ValidationError(
            {"questionnaire": _("Bitte einen Fragebogen der Art „Umfrage“ wählen.")}
        )


@transaction.atomic
def create_survey(survey: Survey, *, user=None, reason: str = "") -> Survey:
    """Save a new survey (a slug is made from the title when none is given)."""
    if not survey.slug:
        survey.slug = unique_slug(survey.region_id, survey.title)
    check_questionnaire(survey)
    return core.create_object(survey, user=user, reason=reason)


def update_survey(
    survey: Survey,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    user=None,
    reason: str = "",
) -> Survey:
    if "questionnaire" in values:
        probe = Survey(region_id=survey.region_id, questionnaire=values["questionnaire"])
        check_questionnaire(probe)
    return core.update_object(
        survey, values, expected_version=expected_version, user=user, reason=reason
    )


def delete_survey(survey: Survey, *, expected_version: int | None, user=None, reason: str = ""):
    """Delete the survey with all its submissions (the staff page says how many first)."""
    core.delete_object(survey, expected_version=expected_version, user=user, reason=reason)


# -- open and closed -------------------------------------------------------------------------


def is_open(survey: Survey, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return survey.opens_at <= now < survey.closes_at


def state(survey: Survey, now: datetime.datetime | None = None) -> str:
    """ "upcoming", "open" or "closed"."""
    now = now or timezone.now()
    if now < survey.opens_at:
        return "upcoming"
    if now >= survey.closes_at:
        return "closed"
    return "open"


def moment_text(moment: datetime.datetime) -> str:
    """'01.03.2027 um 10:00 Uhr' in Europe/Berlin."""
    local = timezone.localtime(moment)
    return _("%(day)s um %(time)s Uhr") % {
        "day": formats.date_format(local, "d.m.Y"),
        "time": formats.time_format(local, "H:i"),
    }


def closed_message(survey: Survey, now: datetime.datetime | None = None) -> str:
    """Why the survey takes no answers now ("" while it is open)."""
    current = state(survey, now)
    if current == "upcoming":
        return _("Die Umfrage beginnt am %(moment)s.") % {"moment": moment_text(survey.opens_at)}
    if current == "closed":
        return _("Die Umfrage ist beendet.")
    return ""


def public_surveys(region):
    return Survey.objects.filter(region=region, published=True).order_by("-opens_at", "pk")


# -- keys ------------------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(24)


def normalise_email(address: str) -> str:
    return (address or "").strip().casefold()


def person_key(survey: Survey, *, token: str | None = None, email: str | None = None) -> str:
    """The keyed hash that identifies one participant of `survey` (never reversible)."""
    if email:
        subject = "email:" + normalise_email(email)
    elif token:
        subject = "token:" + token
    else:
        raise ValueError("person_key needs a token or an e-mail address")
    return salted_hmac(PERSON_PURPOSE, f"{survey.pk}:{subject}", algorithm="sha256").hexdigest()


def source_key(ip: str, day: datetime.date | None = None) -> str:
    """The keyed hash of a client network (core.client_ip.client_network) and the day
    (rate limit only)."""
    day = day or timezone.localdate()
    subject = f"{day.isoformat()}:{client_network(ip)}"
    return salted_hmac(SOURCE_PURPOSE, subject, algorithm="sha256").hexdigest()


def source_keys(ip: str, now: datetime.datetime | None = None) -> tuple[str, list[str]]:
    """(the key to store, the keys to count): today's key, and today's and yesterday's, so
    that the hourly limit does not start afresh at midnight."""
    today = timezone.localdate(now or timezone.now())
    current = source_key(ip, today)
    return current, [current, source_key(ip, today - datetime.timedelta(days=1))]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rate_limit() -> int:
    return int(getattr(settings, "DIGITALAGENTUR_SURVEY_RATE_LIMIT", 20))


def over_rate_limit(
    survey: Survey, keys: str | Iterable[str], now: datetime.datetime | None = None
) -> bool:
    """Whether the source (any of `keys`) sent the rate limit's number of submissions to the
    survey within the last hour. Call it after locking the survey row (submit does)."""
    now = now or timezone.now()
    keys = [keys] if isinstance(keys, str) else [key for key in keys if key]
    if not keys:
        return False
    recent = Submission.objects.filter(
        survey=survey, source_key__in=keys, created__gte=now - RATE_WINDOW
    ).count()
    return recent >= rate_limit()


def forget_sources(now: datetime.datetime | None = None) -> int:
    """Blank the source key of submissions older than the rate window (one UPDATE): it is
    needed for the rate limit only. Returns how many were blanked."""
    now = now or timezone.now()
    return (
        Submission.objects.filter(created__lt=now - RATE_WINDOW)
        .exclude(source_key="")
        .update(source_key="")
    )


# -- answering -------------------------------------------------------------------------------


def revision_for(survey: Survey, questionnaire_pk) -> Questionnaire:
    """The revision a form was shown with: the survey's questionnaire or an older revision of
    it (same slug and region); anything else falls back to the current one."""
    current = survey.questionnaire
    try:
        pk = int(questionnaire_pk)
    except (TypeError, ValueError):
        return current
    if pk == current.pk:
        return current
    older = Questionnaire.objects.filter(
        pk=pk, region_id=current.region_id, slug=current.slug, kind=current.kind
    ).first()
    return older or current


def answer_form(survey: Survey, data=None, *, questionnaire: Questionnaire | None = None):
    from .forms import AnswerForm

    return AnswerForm(data, questionnaire=questionnaire or survey.questionnaire, require=True)


def submit(
    survey: Survey,
    raw_values,
    *,
    person_key: str,
    source_key: str = "",
    ip: str | None = None,
    email: str | None = None,
    questionnaire: Questionnaire | None = None,
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> Submission:
    """Store one person's answers (all or nothing), or raise a SurveyError.

    `raw_values` is the posted form data; `questionnaire` the revision the form was shown
    (default: the survey's current one). The rate limit counts by `ip` (the client's
    address: the stored key is today's source_key, the limit counts today's and yesterday's)
    or, without it, by the given `source_key`.

    E-mail surveys need `email`: the submission is stored unconfirmed and the confirmation
    link is mailed after commit to `base_url` + /umfragen/<slug>/bestaetigen/<token>/; the
    address is not kept. An unconfirmed answer of the same person is replaced by the new one
    (new link, new mail) unless it is younger than 10 minutes: then nothing is stored and no
    mail sent, and the unchanged earlier submission is returned (`submission.mailed` is False
    then, True when a mail goes out). A confirmed one raises AlreadyAnswered (the public view
    shows the same thanks page for it, so an address's participation is never revealed).
    """
    now = now or timezone.now()
    if not survey.published or not is_open(survey, now):
        raise SurveyClosed(closed_message(survey, now) or _("Die Umfrage ist nicht geöffnet."))
    revision = questionnaire or survey.questionnaire
    form = answer_form(survey, raw_values, questionnaire=revision)
    if not form.is_valid():
        raise InvalidAnswers(form)
    email_mode = survey.identification == Identification.EMAIL
    if email_mode and not email:
        raise SurveyError(_("Bitte geben Sie Ihre E-Mail-Adresse an."))
    if ip is not None:
        source_key, counted_keys = source_keys(ip, now)
    else:
        counted_keys = [source_key]
    token = new_token() if email_mode else ""
    values = form.values()
    try:
        with transaction.atomic():
            # Lock the revision (assessment.questionnaires.writable() locks it too before
            # editing a revision in place while it has no answers, and then the surveys:
            # same order here), then check that the answered questions still belong to it.
            Questionnaire.objects.select_for_update().filter(pk=revision.pk).first()
            asked = {question_pk for question_pk, _field_pk in values}
            if asked and Question.objects.filter(
                pk__in=asked, questionnaire=revision
            ).count() != len(asked):
                raise SurveyError(changed_message())
            # The survey row serialises the submissions of one survey: the rate limit and
            # the replacement below are counted and decided by one transaction at a time.
            Survey.objects.select_for_update().filter(pk=survey.pk).first()
            if over_rate_limit(survey, counted_keys, now):
                raise RateLimited(rate_limited_message())
            if email_mode:
                earlier = (
                    Submission.objects.select_for_update()
                    .filter(survey=survey, person_key=person_key)
                    .first()
                )
                if earlier is not None and earlier.confirmed_at is not None:
                    raise AlreadyAnswered(already_answered_message())
                if earlier is not None and earlier.created > now - RESEND_PAUSE:
                    # Sent again within minutes (or someone trying to flood the address
                    # with mails): the first link is on its way; store and send nothing.
                    earlier.mailed = False
                    return earlier
                if earlier is not None:
                    # Not confirmed (the mail lost, say): replaced by the new answer, which
                    # gets a new link.
                    earlier.delete()
            submission = Submission.objects.create(
                survey=survey,
                questionnaire=revision,
                person_key=person_key,
                source_key=source_key,
                token_hash=token_hash(token) if token else "",
                confirmed_at=None if email_mode else now,
            )
            SubmissionAnswer.objects.bulk_create(
                SubmissionAnswer(submission=submission, question_id=question_pk, value=value)
                for (question_pk, _field_pk), value in values.items()
                if value is not None
            )
    except IntegrityError as exc:
        if Submission.objects.filter(survey=survey, person_key=person_key).exists():
            raise AlreadyAnswered(already_answered_message()) from exc
        raise SurveyError(changed_message()) from exc
    submission.mailed = email_mode
    if not email_mode:
        forget_sources(now)  # the source keys are needed for the rate window only
    else:
        # No scheduler needed: every e-mail answer clears the expired answers and the
        # source keys older than the rate window.
        purge_unconfirmed(now)
        link = base_url + reverse("public:survey_confirm", args=[survey.slug, token])
        address = email
        transaction.on_commit(lambda: send_confirmation(survey, address, link))
    return submission


def send_confirmation(survey: Survey, address: str, link: str) -> None:
    """Mail the confirmation link (a failing mail server is logged, never an error page)."""
    body = "\n\n".join(
        [
            _("Guten Tag,"),
            _(
                "vielen Dank für Ihre Teilnahme an der Umfrage „%(title)s“. Bitte bestätigen "
                "Sie Ihre Antworten mit diesem Link:"
            )
            % {"title": survey.title},
            link,
            _(
                "Erst nach der Bestätigung zählen Ihre Antworten. Ohne Bestätigung werden sie "
                "nach %(days)s Tagen gelöscht."
            )
            % {"days": UNCONFIRMED_DAYS},
            _(
                "Ihre E-Mail-Adresse wird nicht gespeichert: Sie wurde nur verwendet, um "
                "Ihnen diese Nachricht zu senden. Haben Sie nicht an der Umfrage "
                "teilgenommen, können Sie diese Nachricht einfach löschen."
            ),
        ]
    )
    try:
        EmailMessage(
            subject=_("Bitte bestätigen Sie Ihre Teilnahme: %(title)s") % {"title": survey.title},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        ).send()
    except (OSError, smtplib.SMTPException):
        logger.exception("Survey confirmation for %s not sent", survey.pk)


def confirm(survey: Survey, token: str, now: datetime.datetime | None = None) -> Submission | None:
    """Confirm the submission of `token` (confirming twice is harmless); None: unknown.

    After the survey closed an unconfirmed submission can no longer be confirmed:
    SurveyClosed (nothing changes); an already confirmed one is returned as it is.
    """
    if not token:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update()
            .filter(survey=survey, token_hash=token_hash(token))
            .first()
        )
        if submission is None:
            return None
        if submission.confirmed_at is None:
            if not is_open(survey, now):
                raise SurveyClosed(confirm_closed_message())
            submission.confirmed_at = now
            submission.save(update_fields=["confirmed_at"])
    return submission


def confirm_closed_message() -> str:
    return _("Die Umfrage ist beendet. Antworten können nicht mehr bestätigt werden.")


def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete unconfirmed submissions older than 7 days and blank the source keys older
    than the rate window (forget_sources); returns how many submissions were deleted."""
    now = now or timezone.now()
    old = Submission.objects.filter(
        confirmed_at__isnull=True, created__lt=now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    )
    deleted = old.delete()[1].get(Submission._meta.label, 0)
    forget_sources(now)
    return deleted
