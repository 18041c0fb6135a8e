"""A town's answer in an assessment round (issue 9 §2, §7a): the answering page (save a draft,
submit, change until the deadline; read-only afterwards) and the history of the response.

Only the town's officers and the coordination answer (assessment.rules.answer_denial); anyone
else gets 403 with the reason. The response stays tied to the questionnaire revision it was
started on; a save based on a stale version is refused and the entered values are kept.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.assessment import responses as response_services
from digitalagentur.assessment.answers import display_value
from digitalagentur.assessment.forms import AnswerForm
from digitalagentur.assessment.models import (
    Question,
    Questionnaire,
    ResponseRevision,
    ResponseStatus,
    Round,
)
from digitalagentur.assessment.questionnaires import counterpart
from digitalagentur.assessment.rules import answer_denial
from digitalagentur.strategy.models import Field

from .assessment_rounds import RoundMixin, RoundSection, round_crumbs
from .base import StaffPage

NAME = re.compile(r"q(\d+)(?:_f(\d+))?")
DENIED_TEMPLATE = "staff/assessment/rounds/denied.html"


def key_of(name: str) -> tuple[int, int | None] | None:
    """(question_pk, field_pk | None) of an AnswerForm field name."""
    match = NAME.fullmatch(name)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


class TownMixin(RoundMixin):
    """The round and one of its towns; answer_denial decides (403 with the reason)."""

    def prepare(self) -> None:
        super().prepare()
        self.town = get_object_or_404(self.round.municipalities.all(), slug=self.kwargs["town"])
        self.denial = answer_denial(self.access, self.round, self.town)
        self.response = response_services.response_for(self.round, self.town)

    def get(self, request, *args, **kwargs):
        if self.denial:
            return self.denied()
        return super().get(request, *args, **kwargs)

    def denied(self):
        context = {
            "title": _("Keine Berechtigung"),
            "breadcrumbs": round_crumbs(
                (str(self.round), reverse("staff:round_detail", args=[self.round.slug])),
                (str(self.town), None),
            ),
            "section": "assessment",
            "access": self.access,
            "round": self.round,
            "town": self.town,
            "denial": self.denial,
        }
        return self.response_class(
            request=self.request,
            template=[DENIED_TEMPLATE],
            context=context,
            using=self.template_engine,
            status=403,
        )

    def answer_url(self) -> str:
        return reverse("staff:round_answer", args=[self.round.slug, self.town.slug])

    def questionnaire(self):
        return self.response.questionnaire if self.response else self.round.questionnaire

    def round_fields(self) -> list[Field]:
        return list(self.round.fields.order_by("position", "name", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(town=self.town, response=self.response, answer_url=self.answer_url())
        return context


class RoundAnswer(RoundSection, TownMixin, StaffPage):
    template_name = "staff/assessment/rounds/answer.html"

    def get_title(self):
        return _("Antwort von %(town)s: %(round)s") % {"town": self.town, "round": self.round}

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.round), reverse("staff:round_detail", args=[self.round.slug])),
            (str(self.town), None),
        )

    def stored_values(self) -> dict:
        return response_services.answer_values(self.response) if self.response else {}

    def make_form(self, data=None, *, require=False, questionnaire=None):
        return AnswerForm(
            data,
            questionnaire=questionnaire or self.questionnaire(),
            fields=self.round_fields(),
            initial_values=self.stored_values(),
            require=require,
        )

    def current_version(self) -> int:
        return self.response.version if self.response else 1

    def get_context_data(
        self, form=None, conflict=False, version=None, questionnaire_changed=False, **kwargs
    ):
        context = super().get_context_data(**kwargs)
        open_ = response_services.is_open(self.round)
        form = form if form is not None else self.make_form()
        context.update(
            form=form,
            layout=form.layout(),
            editable=open_,
            conflict=conflict,
            questionnaire_changed=questionnaire_changed,
            version=version or self.current_version(),
            # The revision the form was built from; posted back, so that answers are read
            # (and saved) on the questions the town saw.
            questionnaire=form.questionnaire,
            changed_questionnaire=bool(
                self.response and self.response.questionnaire_id != self.round.questionnaire_id
            ),
            revisions=list(
                ResponseRevision.objects.filter(response=self.response).select_related("user")
            )
            if self.response
            else [],
            status_label=status_label(self.response),
        )
        if not open_:
            context["read_only"] = read_only_layout(form.layout(), self.stored_values())
        return context

    def post(self, request, *args, **kwargs):
        if self.denial:
            return self.denied()
        if not response_services.is_open(self.round):
            messages.error(
                request,
                _("Die Frist dieser Runde ist abgelaufen; Antworten sind nicht mehr möglich."),
            )
            return redirect(self.answer_url())
        submit = "submit" in request.POST
        seen = self.posted_questionnaire()
        form = self.make_form(request.POST, require=submit, questionnaire=seen)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        if version is None or seen is False:
            form = self.make_form(request.POST, require=submit)
            form.is_valid()
            form.add_error(
                None,
                _("Das Formular ist veraltet oder unvollständig. Bitte laden Sie die Seite neu."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, version=version), status=400
            )
        target = self.target_questionnaire()
        extra = {}
        if form.questionnaire.pk != target.pk:
            if self.response is None:
                # No answer yet: the town's answer is tied to the revision it saw (§7a).
                extra["questionnaire"] = form.questionnaire
            else:
                return self.questionnaire_changed(form, target, version)
        answered = form.values()
        raw = {}
        for name in form.fields:
            key = key_of(name)
            if key is not None:
                raw[key] = answered.get(key)
        try:
            response_services.save_response(
                self.round,
                self.town,
                raw,
                user=request.user,
                submit=submit,
                expected_version=version,
                **extra,
            )
        except ValidationError as exc:
            return self.refused(form, exc, version)
        if submit:
            messages.success(request, _("Ihre Antwort ist eingereicht. Vielen Dank!"))
        elif self.response and self.response.status == ResponseStatus.SUBMITTED:
            messages.success(
                request, _("Ihre Änderungen sind gespeichert; die Antwort bleibt eingereicht.")
            )
        else:
            messages.success(request, _("Der Entwurf ist gespeichert."))
        return redirect(self.answer_url())

    def posted_questionnaire(self):
        """The questionnaire revision the posted page was built from: None when the form did
        not say (older pages: the current one is used), False when it is no revision of the
        round's questionnaire (tampered or another questionnaire)."""
        raw = self.request.POST.get("questionnaire", "")
        if not raw:
            return None
        try:
            pk = int(raw)
        except ValueError:
            return False
        current = self.target_questionnaire()
        found = Questionnaire.objects.filter(
            pk=pk,
            region_id=current.region_id,
            slug=current.slug,
            kind=current.kind,
            revision__lte=current.revision,
        ).first()
        if found is None and self.response is not None and self.response.questionnaire_id == pk:
            found = self.response.questionnaire
        return found if found is not None else False

    def target_questionnaire(self):
        """The revision a save lands on: the response's, else the round's current one (read
        again: an edit of the questionnaire may have moved the round meanwhile)."""
        if self.response is not None:
            return self.response.questionnaire
        current = Round.objects.filter(pk=self.round.pk).values_list("questionnaire_id", flat=True)
        pk = current.first() or self.round.questionnaire_id
        if pk != self.round.questionnaire_id:
            self.round.questionnaire = Questionnaire.objects.get(pk=pk)
        return self.round.questionnaire

    def questionnaire_changed(self, form, target, version):
        """The page was built from another revision than the one the answer would be saved
        on: nothing is saved (409); the entered values move into the form of that revision
        where the same questions exist, and the page says so."""
        data = self.request.POST.copy()
        moved = {}
        for name in form.fields:
            key = key_of(name)
            if key is None or name not in data:
                continue
            question = counterpart(form.fields[name].question, target)
            if question is None:
                continue
            new_name = f"q{question.pk}" + (f"_f{key[1]}" if key[1] else "")
            moved[new_name] = data.getlist(name)
        for name in list(form.fields):
            data.pop(name, None)
        for name, values in moved.items():
            data.setlist(name, values)
        fresh = self.make_form(data, questionnaire=target)
        self.response = response_services.response_for(self.round, self.town)
        context = self.get_context_data(
            form=fresh,
            questionnaire_changed=True,
            # A response begun meanwhile (by someone else) is a conflict as well.
            conflict=self.response is not None,
            version=self.current_version(),
        )
        return self.render_to_response(context, status=409)

    def refused(self, form, exc: ValidationError, version):
        """A refused save: the entered values stay in the form with the messages."""
        if getattr(exc, "code", None) == "stale" or (
            not hasattr(exc, "error_dict") and any(e.code == "stale" for e in exc.error_list)
        ):
            self.response = response_services.response_for(self.round, self.town)
            # Keep the input; the next save is based on the current version (on purpose).
            context = self.get_context_data(
                form=form, conflict=True, version=self.current_version()
            )
            return self.render_to_response(context, status=409)
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return self.render_to_response(
            self.get_context_data(form=form, version=version), status=400
        )


def status_label(response) -> str:
    if response is None:
        return _("noch keine Antwort")
    if response.status == ResponseStatus.SUBMITTED:
        return _("eingereicht")
    return _("Entwurf")


def read_only_layout(layout, values: dict) -> list:
    """The layout with each question's stored answer as German text."""
    blocks = []
    for strategy_field, sections in layout:
        rows = []
        for section, bound_fields in sections:
            items = []
            for bound in bound_fields:
                question = bound.field.question
                key = (question.pk, strategy_field.pk if strategy_field else None)
                value = values.get(key)
                items.append(
                    (question, display_value(question, value) if value is not None else "")
                )
            rows.append((section, items))
        blocks.append((strategy_field, rows))
    return blocks


class ResponseRevisionPage(RoundSection, TownMixin, StaffPage):
    """One frozen revision of a town's response, answer by answer."""

    template_name = "staff/assessment/rounds/revision.html"

    def prepare(self):
        super().prepare()
        if self.denial:
            return
        if self.response is None:
            raise Http404
        self.revision = get_object_or_404(
            ResponseRevision.objects.select_related("user"),
            response=self.response,
            number=self.kwargs["number"],
        )

    def get_title(self):
        return _("%(town)s: Stand %(number)s") % {"town": self.town, "number": self.revision.number}

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.round), reverse("staff:round_detail", args=[self.round.slug])),
            (str(self.town), self.answer_url()),
            (_("Stand %(number)s") % {"number": self.revision.number}, None),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.revision.answers or []
        question_pks = {e.get("question") for e in entries}
        field_pks = {e.get("field") for e in entries if e.get("field")}
        questions = {
            q.pk: q for q in Question.objects.filter(pk__in=question_pks).select_related("section")
        }
        fields = {f.pk: f for f in Field.objects.filter(pk__in=field_pks)}
        rows = []
        for entry in entries:
            question = questions.get(entry.get("question"))
            if question is None:
                continue
            rows.append(
                {
                    "field": fields.get(entry.get("field")),
                    "section": question.section,
                    "question": question,
                    "value": display_value(question, entry.get("value")),
                }
            )
        rows.sort(
            key=lambda r: (
                (r["field"].position, r["field"].name) if r["field"] else (0, ""),
                r["section"].position,
                r["question"].position,
                r["question"].pk,
            )
        )
        context.update(revision=self.revision, rows=rows)
        return context
