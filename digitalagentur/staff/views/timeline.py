"""The strategy's timeline (Chronik): coordination and region admins write, all staff read."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.directory import services
from digitalagentur.strategy.models import Strategy, TimelineEvent

from ..forms_directory import TimelineEventForm
from .base import DeletePage, EditPage, StaffPage
from .directory import DirectoryCreate, DirectorySection, directory_crumbs, paginate


class TimelineMixin(DirectorySection):
    list_url_name = "staff:timeline_list"
    list_label = gettext_lazy("Chronik")
    conflict_subject = gettext_lazy("Dieser Eintrag")

    def get_queryset(self):
        return TimelineEvent.objects.filter(region=self.region)


class TimelineList(TimelineMixin, StaffPage):
    template_name = "staff/directory/timeline_list.html"
    title = gettext_lazy("Chronik der Strategie")

    def get_breadcrumbs(self):
        return directory_crumbs((_("Chronik"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_strategy"] = Strategy.objects.filter(region=self.region).exists()
        context["page"] = paginate(self.request, self.get_queryset().order_by("date", "pk"))
        return context


class TimelineCreate(TimelineMixin, DirectoryCreate):
    form_class = TimelineEventForm
    title = gettext_lazy("Neuer Eintrag in der Chronik")
    success_message = gettext_lazy("Der Eintrag wurde angelegt.")

    def prepare(self) -> None:
        self.strategy = Strategy.objects.filter(region=self.region).first()
        if self.strategy is None:
            raise Http404
        super().prepare()

    def save(self, form):
        return services.create_timeline_event(
            self.strategy,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class TimelineEdit(TimelineMixin, EditPage):
    form_class = TimelineEventForm
    success_message = gettext_lazy("Der Eintrag wurde gespeichert.")

    def get_title(self):
        return _("Eintrag bearbeiten: %(obj)s") % {"obj": self.object}

    def save(self, form):
        # No version counter on timeline events: locked, changed and logged by the service.
        return services.update_timeline_event(
            self.object,
            form.model_values(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class TimelineDelete(TimelineMixin, DeletePage):
    pass
