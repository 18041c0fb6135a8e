"""Competition routes (issue 12, section 2), in the `public` namespace, included under
/wettbewerbe/: the list, a call's page, handing in an entry, the winners and the jury's pages
(public/competitions.py, competitions_submit.py, competitions_jury.py)."""

from django.urls import path

from . import competitions, competitions_jury, competitions_submit

urlpatterns = [
    path("", competitions.competition_list, name="competitions"),
    path("<slug:slug>/", competitions.competition_detail, name="competition"),
    path(
        "<slug:slug>/einreichen/",
        competitions_submit.competition_submit,
        name="competition_submit",
    ),
    path("<slug:slug>/gewinner/", competitions.competition_winners, name="competition_winners"),
    path("<slug:slug>/jury/", competitions_jury.jury_overview, name="competition_jury"),
    path(
        "<slug:slug>/jury/<int:pk>/",
        competitions_jury.jury_entry,
        name="competition_jury_entry",
    ),
]
