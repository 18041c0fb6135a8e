"""Status reports in the staff area (issue 10, section 1), mounted at /intern/berichte/."""

from django.urls import path, re_path

from .views import reports as r

urlpatterns = [
    path("", r.ReportList.as_view(), name="report_list"),
    path("neu/", r.ReportCreate.as_view(), name="report_create"),
    path("<int:pk>/", r.ReportDetail.as_view(), name="report_detail"),
    path("<int:pk>/bearbeiten/", r.ReportEdit.as_view(), name="report_edit"),
    path("<int:pk>/neu-erzeugen/", r.ReportRegenerate.as_view(), name="report_regenerate"),
    path("<int:pk>/loeschen/", r.ReportDelete.as_view(), name="report_delete"),
    re_path(
        r"^(?P<pk>[0-9]+)/export\.(?P<fmt>md|docx|pdf)$",
        r.ReportExport.as_view(),
        name="report_export",
    ),
]
