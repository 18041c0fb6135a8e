"""Filters of API lists that no other list page shares (projects: portfolio.filtersets), and
the filter backend of every API list."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from digitalagentur.portfolio.filtersets import IntegerFilter
from digitalagentur.strategy.models import Field


class FieldFilterSet(django_filters.FilterSet):
    priority_group = IntegerFilter(
        label=_("Prioritätengruppe"),
        field_name="priority_group__number",
        min_value=1,
        max_value=32767,
        help_text=_("Nummer der Prioritätengruppe (1, 2 oder 3)"),
    )

    class Meta:
        model = Field
        fields = ["priority_group"]


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, but without building a filter set when a request has no
    parameters besides the page: building one copies every filter and makes its form, which
    costs more than the rest of an unfiltered list request. A filter set with a class method
    `unfiltered(queryset)` says what it gives then (e.g. its default order)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not self.has_parameters(request, view):
            unfiltered = getattr(filterset_class, "unfiltered", None)
            return unfiltered(queryset) if unfiltered is not None else queryset
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def has_parameters(request, view) -> bool:
        paginator = getattr(view, "paginator", None)
        paging = {
            getattr(paginator, "page_query_param", None),
            getattr(paginator, "page_size_query_param", None),
        }
        return any(name not in paging for name in request.query_params)
