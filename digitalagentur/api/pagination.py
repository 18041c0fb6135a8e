"""Page-number pagination: {"count", "next", "previous", "results"}; bad pages are a 400."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class CountSavingPaginator(Paginator):
    """Reads the first page's rows before counting, and counts only when that page is full.

    A first page that holds fewer rows than fit is the whole list, so its length is the
    count: most lists fit on one page, and they then need one query, not two. Later pages
    are checked against the count first, as Django does (no offset beyond the end).
    """

    def page(self, number):
        if str(number) != "1":
            return super().page(number)
        return self.first_page(list(self.object_list[: self.per_page]))

    def first_page(self, rows: list) -> Page:
        """Page 1 holding `rows` (at most a page of them, already read)."""
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
        return Page(rows, 1, self)


class Pagination(PageNumberPagination):
    django_paginator_class = CountSavingPaginator
    page_size_query_param = "page_size"
    max_page_size = 200
    page_size_query_description = _(
        "Einträge pro Seite (höchstens 200; größere Werte gelten als 200)."
    )
    page_query_description = _("Seitenzahl, beginnend mit 1.")

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except (TypeError, ValueError):
            raise ValidationError(
                {self.page_size_query_param: [_("Die Seitengröße muss eine ganze Zahl sein.")]}
            ) from None
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Die Seitengröße muss mindestens 1 sein.")]}
            )
        return min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        raw = request.query_params.get(self.page_query_param) or "1"
        if raw in self.last_page_strings:
            number = paginator.num_pages
        else:
            try:
                number = int(raw)
            except (TypeError, ValueError):
                raise ValidationError(
                    {self.page_query_param: [_("Die Seitenzahl muss eine ganze Zahl sein.")]}
                ) from None
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise ValidationError(
                {self.page_query_param: [_("Diese Seite gibt es nicht.")]}
            ) from None
        return list(self.page)

    def first_page_of(self, rows: list, queryset, request, page_size: int) -> list:
        """Page 1 from `rows` already read (at most `page_size` of them); `queryset` is
        counted only if the page is full (more may follow)."""
        self.request = request
        self.page = self.django_paginator_class(queryset, page_size).first_page(rows)
        return rows
