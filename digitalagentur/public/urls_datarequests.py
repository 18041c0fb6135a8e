"""Data export and deletion on request (issue 13, section 4), in the `public` namespace, under
/datenauskunft/ (public/datarequests.py): the form and its thanks page, the page behind the
link mailed to the address, and the two POSTs of its buttons. The mail reverses
`data_request_link`; its path is part of mails already sent and must not change."""

from django.urls import path

from . import datarequests

urlpatterns = [
    path("", datarequests.data_request, name="data_request"),
    path("danke/", datarequests.data_request_thanks, name="data_request_thanks"),
    path("<str:token>/", datarequests.data_request_link, name="data_request_link"),
    path(
        "<str:token>/herunterladen/",
        datarequests.data_request_download,
        name="data_request_download",
    ),
    path("<str:token>/loeschen/", datarequests.data_request_erase, name="data_request_erase"),
]
