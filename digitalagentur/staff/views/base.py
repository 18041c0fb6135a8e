"""Generic building blocks of the staff views: forms with versions, confirmations, conflicts."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from digitalagentur.core.services import EditConflict, delete_object, update_object

from ..changes import conflict_context, history
from ..forms import ConfirmForm
from ..mixins import ObjectMixin, StaffMixin

SECTIONS = {
    "dashboard": "dashboard",
    "project": "projects",
    "milestone": "projects",
    "update": "projects",
    "part": "projects",
    "strategy": "strategy",
    "field": "strategy",
    "goal": "strategy",
    "municipality": "towns",
    "change": "changes",
    "version": "versions",
    "adoption": "adoptions",
}


class StaffPage(StaffMixin, TemplateView):
    """A read page of the staff area (every role of the region may see it)."""

    title = ""
    breadcrumbs: list = []

    def get_title(self) -> str:
        return str(self.title)

    def get_breadcrumbs(self) -> list[tuple[str, str | None]]:
        return list(self.breadcrumbs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.get_title())
        context.setdefault("breadcrumbs", self.get_breadcrumbs())
        match = self.request.resolver_match
        name = match.url_name if match else ""
        context["section"] = SECTIONS.get((name or "").split("_")[0], "")
        return context


def add_errors(form, exc: ValidationError, renames: dict | None = None) -> None:
    """A domain's German messages at the form's fields (a service's field name renamed to the
    form's by `renames`); messages of no field of the form go above it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        target = (renames or {}).get(name, name)
        form.add_error(target if target in form.fields else None, errors)


class FormPageMixin:
    """Shared GET/POST handling of create and edit forms.

    Pages of the newer modules answer invalid input with 400 (`invalid_status`) and put a
    service's messages at their fields (`errors_at_fields`, with `error_renames` from the
    service's names to the form's); a write on an object deleted meanwhile says
    `deleted_message` and goes to `get_deleted_url()`.
    """

    form_class = None
    template_name = "staff/object_form.html"
    success_message = gettext_lazy("Gespeichert.")
    submit_label = gettext_lazy("Speichern")
    invalid_status = 200
    errors_at_fields = False
    error_renames: dict = {}
    deleted_message = gettext_lazy("Das Objekt wurde inzwischen gelöscht.")

    def get_deleted_url(self) -> str:
        return self.get_cancel_url()

    def get_form_kwargs(self) -> dict:
        return {"region": self.region}

    def get_form(self, data=None):
        return self.form_class(data=data, **self.get_form_kwargs())

    def get_cancel_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self, obj) -> str:
        return self.get_cancel_url()

    def save(self, form):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            obj = self.save(form)
        except EditConflict as exc:
            return self.conflict_response(form, exc)
        except ObjectDoesNotExist:
            messages.error(request, self.deleted_message)
            return redirect(self.get_deleted_url())
        except ValidationError as exc:
            if self.errors_at_fields:
                add_errors(form, exc, self.error_renames)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(request, self.success_message)
        for warning in self.warnings(obj):
            messages.warning(request, warning)
        return redirect(self.get_success_url(obj))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=self.invalid_status)

    def warnings(self, obj) -> list[str]:
        """What the saved object may have wrong (shown after saving, never blocking it)."""
        return []

    def conflict_response(self, form, exc: EditConflict):
        raise exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        context["submit_label"] = self.submit_label
        return context


class CreatePage(FormPageMixin, StaffPage):
    """A form creating an object; subclasses check the right in has_page_permission()."""

    success_message = gettext_lazy("Angelegt.")


class EditPage(FormPageMixin, ObjectMixin, StaffPage):
    """An edit form with the object's version; a stale save shows the conflict (409)."""

    conflict_subject = gettext_lazy("Dieses Objekt")
    show_history = True

    def save(self, form):
        """Apply the form's values if nobody saved meanwhile (else EditConflict, see above)."""
        return update_object(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_form_kwargs(self) -> dict:
        # A copy: validating a form writes its values into the instance, and the page (title,
        # history, conflict panel) must keep showing the stored object.
        return {"region": self.region, "instance": copy.copy(self.object)}

    def conflict_response(self, form, exc: EditConflict):
        self.object = exc.instance
        # Keep the user's input, but base it on the current version: after reading the other
        # change the user may save again on purpose. Nothing has been overwritten.
        data = form.data.copy()
        data["version"] = str(exc.current_version)
        fresh = self.get_form(data)
        fresh.is_valid()
        names = [n for n in fresh.fields if n not in ("version", "reason")]
        if "towns" in fresh.fields:
            names.append("municipalities")
        conflict = conflict_context(exc, str(self.conflict_subject), names)
        context = self.get_context_data(form=fresh, conflict=conflict)
        return self.render_to_response(context, status=409)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        if self.show_history:
            context["history"] = history(self.object)
        return context


class ConfirmPage(ObjectMixin, StaffPage):
    """A confirmation page (GET) whose POST performs a delete or publish action."""

    template_name = "staff/confirm.html"
    question = ""
    submit_label = gettext_lazy("Bestätigen")
    danger = False
    conflict_subject = gettext_lazy("Dieses Objekt")
    # True: a ValidationError of perform() (a domain rule refusing the action) is shown on
    # this page with 400; False: it reaches the view's own handling (e.g. a message and a
    # redirect).
    show_refusal = False

    def get_cancel_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def perform(self, form) -> str:
        """Do the action; return the success message."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form", ConfirmForm(initial={"version": getattr(self.object, "version", None)})
        )
        context.update(
            object=self.object,
            question=self.question,
            submit_label=self.submit_label,
            danger=self.danger,
            cancel_url=self.get_cancel_url(),
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = ConfirmForm(request.POST)
        versioned = isinstance(getattr(self.object, "version", None), int)
        if form.is_valid() and versioned and form.cleaned_data["version"] is None:
            form.add_error("version", _("Die Version fehlt."))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            message = self.perform(form)
        except EditConflict as exc:
            self.object = exc.instance
            fresh = ConfirmForm(
                initial={"version": exc.current_version, "reason": form.cleaned_data["reason"]}
            )
            conflict = conflict_context(exc, str(self.conflict_subject), [], kept_input=False)
            context = self.get_context_data(form=fresh, conflict=conflict)
            return self.render_to_response(context, status=409)
        except ObjectDoesNotExist:
            messages.error(request, _("Das Objekt wurde inzwischen gelöscht."))
            return redirect(self.get_success_url())
        except ProtectedError:
            messages.error(
                request,
                _("„%(obj)s“ wird noch verwendet und kann nicht gelöscht werden.")
                % {"obj": self.object},
            )
            return redirect(self.get_cancel_url())
        except ValidationError as exc:  # a rule of the domain refuses: nothing was changed
            if not self.show_refusal:
                raise
            form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, message)
        return redirect(self.get_success_url())


class DeletePage(ConfirmPage):
    danger = True
    submit_label = gettext_lazy("Endgültig löschen")
    question = gettext_lazy("Wollen Sie „{obj}“ wirklich löschen?")

    def get_title(self) -> str:
        return _("Löschen: %(obj)s") % {"obj": self.object}

    def perform(self, form) -> str:
        delete_object(
            self.object,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("„%(obj)s“ wurde gelöscht.") % {"obj": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = str(self.question).format(obj=self.object)
        return context


class PublishPage(ConfirmPage):
    """Publish (publish=True) or withdraw (publish=False) a publishable, versioned object."""

    publish = True

    def get_title(self) -> str:
        if self.publish:
            return _("Veröffentlichen: %(obj)s") % {"obj": self.object}
        return _("Zurückziehen: %(obj)s") % {"obj": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.publish:
            context["question"] = _(
                "„%(obj)s“ veröffentlichen? Danach ist es auf der öffentlichen Website sichtbar."
            ) % {"obj": self.object}
            context["submit_label"] = _("Veröffentlichen")
        else:
            context["question"] = _(
                "„%(obj)s“ zurückziehen? Danach ist es nur noch im internen Bereich sichtbar."
            ) % {"obj": self.object}
            context["submit_label"] = _("Zurückziehen")
        context["already"] = self.object.published == self.publish
        return context

    def write(self, values: dict, form):
        return update_object(
            self.object,
            values,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def perform(self, form) -> str:
        if self.object.published == self.publish:
            if self.publish:
                return _("„%(obj)s“ ist bereits veröffentlicht.") % {"obj": self.object}
            return _("„%(obj)s“ ist bereits nicht öffentlich.") % {"obj": self.object}
        self.write({"published": self.publish}, form)
        if self.publish:
            return _("„%(obj)s“ ist veröffentlicht.") % {"obj": self.object}
        return _("„%(obj)s“ ist zurückgezogen (nicht öffentlich).") % {"obj": self.object}


class ObjectRedirect(ObjectMixin, View):
    """An object's own address (change-log links): the staff page that shows it, at its
    anchor. Subclasses name the model and the target."""

    model = None

    def get_queryset(self):
        return self.model.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return True

    def target(self, obj) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return redirect(self.target(self.object))
