from django.urls import include, path, re_path

from . import (
    branding,
    brochure,
    feeds,
    feeds_region,
    funding,
    funding_calendar,
    indicators,
    legal,
    opendata_views,
    reuse,
    urls_assessment,
    urls_competitions,
    urls_datarequests,
    urls_events,
    urls_ideas,
    urls_news,
    urls_newsletter,
    urls_radar,
    urls_spaces,
    urls_spaces_feeds,
    urls_spaces_manage,
    urls_spaces_pilot,
    urls_surveys,
    views,
)

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("region.css", views.region_css, name="region_css"),
    path("logo", branding.region_logo, name="region_logo"),
    path("strategie/", views.strategy_overview, name="strategy"),
    path("strategie/fassungen/<int:pk>/broschuere/", brochure.brochure_page, name="brochure"),
    path("strategie/fassungen/<int:pk>/broschuere.pdf", brochure.brochure_pdf, name="brochure_pdf"),
    path("handlungsfelder/<slug:slug>/", views.field_detail, name="field_detail"),
    path("handlungsfelder/<slug:slug>/feed/", feeds.FieldFeed(), name="field_feed"),
    path("projekte/", views.project_list, name="project_list"),
    path("nachnutzung/", reuse.reuse_list, name="reuse_list"),
    path("projekte/export.csv", views.project_export, name="project_export"),
    path("projekte/<str:key>/", views.project_detail, name="project_detail"),
    path("projekte/<str:key>/feed/", feeds.ProjectFeed(), name="project_feed"),
    path("kommunen/", views.municipality_list, name="municipality_list"),
    path("kommunen/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
    path("kommunen/<slug:slug>/feed/", feeds.TownFeed(), name="municipality_feed"),
    path("indikatoren/", indicators.indicator_list, name="indicator_list"),
    path("indikatoren/<slug:slug>/", indicators.indicator_detail, name="indicator_detail"),
    path("bedarfsanalyse/", include(urls_assessment)),
    path("umfragen/", include(urls_surveys)),
    # Landräume (issue 11): search, spaces and booking; providers; calendar feeds; employers
    path("landraeume/", include(urls_spaces)),
    path("landraeume/verwalten/", include(urls_spaces_manage)),
    path("landraeume/kalender/", include(urls_spaces_feeds)),
    path("landraeume/arbeitgeber/", include(urls_spaces_pilot)),
    # Participation (issue 12): ideas with supports and comments, their feeds
    path("ideen/", include(urls_ideas)),
    # Events and trainings (issue 13, section 2): the calendar, registration, iCalendar
    path("veranstaltungen/", include(urls_events)),
    # News (issue 13, section 3): the list, a post's page with its image, the Atom feed
    path("neuigkeiten/", include(urls_news)),
    # Newsletter (issue 13, section 1): subscription with double opt-in, unsubscription, archive
    path("newsletter/", include(urls_newsletter)),
    # Data export and deletion per e-mail address (issue 13, section 4), through a mailed link
    path("datenauskunft/", include(urls_datarequests)),
    # Technology radar (issue 14, section 1): the published radars and their editions
    path("radar/", include(urls_radar)),
    path("dokumente/", include("digitalagentur.public.urls_library")),
    # Competitions (issue 12, section 2): calls, entries, jury pages and winners
    path("wettbewerbe/", include(urls_competitions)),
    path("foerderung/", funding.funding_overview, name="funding"),
    path(
        "foerderung/fristen.ics",
        funding_calendar.funding_deadline_feed,
        name="funding_deadline_feed",
    ),
    path("foerderung/<slug:slug>/", funding.funding_application, name="funding_application"),
    re_path(
        r"^foerderung/(?P<slug>[-\w]+)/budgetuebersicht\.(?P<fmt>csv|xlsx)$",
        funding.funding_application_export,
        name="funding_application_export",
    ),
    path("digitalagentur/", views.agency, name="agency"),
    # Open data and region-wide feeds (opendata_views.py, feeds_region.py)
    path("offene-daten/", opendata_views.opendata_page, name="opendata"),
    re_path(
        r"^offene-daten/(?P<name>[a-z]+)\.(?P<fmt>csv|xlsx|json)$",
        opendata_views.opendata_download,
        name="opendata_download",
    ),
    path("feed/", feeds_region.RegionFeed(), name="region_feed"),
    path("termine.ics", feeds_region.events_calendar, name="events_calendar"),
    # Legal and accessibility pages (legal.py)
    path("impressum/", legal.text_page, {"kind": "impressum"}, name="imprint"),
    path("datenschutz/", legal.text_page, {"kind": "datenschutz"}, name="privacy"),
    path("barrierefreiheit/", legal.accessibility, name="accessibility"),
    path("barrierefreiheit/barriere-melden/", legal.barrier_report, name="barrier_report"),
    path("kontakt/", legal.contact, name="contact"),
    path("leichte-sprache/", legal.text_page, {"kind": "leichte-sprache"}, name="easy_language"),
    path("gebaerdensprache/", legal.text_page, {"kind": "gebaerdensprache"}, name="sign_language"),
]
