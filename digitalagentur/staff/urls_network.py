"""Staff resources in the staff area (issue 14, section 3), mounted at /intern/stellen/: the
figures with chart and posts, the CSV, and the forms of posts and vacancies
(views/network.py)."""

from django.urls import path

from .views import network as n

urlpatterns = [
    path("", n.NetworkOverview.as_view(), name="network_overview"),
    path("stellen.csv", n.NetworkCsv.as_view(), name="network_csv"),
    path("neu/", n.PostCreate.as_view(), name="network_post_create"),
    # The own addresses of a post and a vacancy (change-log links): the overview's row.
    path("<int:pk>/", n.PostRedirect.as_view(), name="network_post"),
    path("vakanzen/<int:pk>/", n.VacancyRedirect.as_view(), name="network_vacancy"),
    path("<int:pk>/bearbeiten/", n.PostEdit.as_view(), name="network_post_edit"),
    path("<int:pk>/loeschen/", n.PostDelete.as_view(), name="network_post_delete"),
    path("<int:pk>/vakanzen/neu/", n.VacancyCreate.as_view(), name="network_vacancy_create"),
    path("vakanzen/<int:pk>/bearbeiten/", n.VacancyEdit.as_view(), name="network_vacancy_edit"),
    path("vakanzen/<int:pk>/beenden/", n.VacancyClose.as_view(), name="network_vacancy_close"),
    path("vakanzen/<int:pk>/loeschen/", n.VacancyDelete.as_view(), name="network_vacancy_delete"),
]
