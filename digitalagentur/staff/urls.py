from django.urls import include, path, re_path

from . import (
    urls_assessment,
    urls_events,
    urls_news,
    urls_newsletter,
    urls_newsletter_issues,
    urls_participation,
    urls_radar,
    urls_reports,
    urls_rounds,
    urls_spaces,
    urls_surveys,
    urls_workshops,
)
from .views import (
    adoptions,
    brochure,
    changes,
    dashboard,
    directory,
    funding,
    funding_deadlines,
    funding_exports,
    funding_forms,
    funding_import,
    funding_plan,
    indicators,
    invitations,
    legal,
    municipalities,
    parts,
    project_items,
    project_reuse,
    projects,
    region,
    roles,
    strategy,
    timeline,
    versions,
)

app_name = "staff"


def funding_form_urls():
    """The writing pages of funding (views/funding_forms.py and views/funding_plan.py)."""
    f, p = funding_forms, funding_plan
    application = "antraege/<int:application_pk>"
    pages = [
        ("foerdergeber/neu/", f.FunderCreate, "funder_create"),
        ("foerdergeber/<int:pk>/bearbeiten/", f.FunderEdit, "funder_edit"),
        ("foerdergeber/<int:pk>/loeschen/", f.FunderDelete, "funder_delete"),
        ("programme/neu/", f.ProgrammeCreate, "programme_create"),
        ("programme/<int:pk>/bearbeiten/", f.ProgrammeEdit, "programme_edit"),
        ("programme/<int:pk>/loeschen/", f.ProgrammeDelete, "programme_delete"),
        ("programme/<int:programme_pk>/aufrufe/neu/", f.CallCreate, "call_create"),
        ("aufrufe/<int:pk>/bearbeiten/", f.CallEdit, "call_edit"),
        ("aufrufe/<int:pk>/loeschen/", f.CallDelete, "call_delete"),
        ("aufrufe/<int:call_pk>/fristen/neu/", f.DeadlineCreate, "calldeadline_create"),
        ("fristen/<int:pk>/bearbeiten/", f.DeadlineEdit, "calldeadline_edit"),
        ("fristen/<int:pk>/loeschen/", f.DeadlineDelete, "calldeadline_delete"),
        ("antraege/neu/", f.ApplicationCreate, "application_create"),
        ("antraege/<int:pk>/bearbeiten/", f.ApplicationEdit, "application_edit"),
        ("antraege/<int:pk>/loeschen/", f.ApplicationDelete, "application_delete"),
        ("antraege/<int:pk>/finanzierungsplan/", p.PlanEdit, "application_plan"),
        ("antraege/<int:pk>/anteile/", p.OwnShareWeights, "application_weights"),
        (f"{application}/teilprojekte/neu/", p.SubProjectCreate, "subproject_create"),
        ("teilprojekte/<int:pk>/bearbeiten/", p.SubProjectEdit, "subproject_edit"),
        ("teilprojekte/<int:pk>/loeschen/", p.SubProjectDelete, "subproject_delete"),
        ("teilprojekte/<int:subproject_pk>/budgetzeilen/neu/", p.LineCreate, "budgetline_create"),
        ("budgetzeilen/<int:pk>/bearbeiten/", p.LineEdit, "budgetline_edit"),
        ("budgetzeilen/<int:pk>/loeschen/", p.LineDelete, "budgetline_delete"),
    ]
    return [path(f"foerderung/{route}", view.as_view(), name=name) for route, view, name in pages]


project_child = "projekte/<int:project_pk>"
indicator_child = "indikatoren/<int:indicator_pk>"

urlpatterns = [
    path("", dashboard.Dashboard.as_view(), name="dashboard"),
    path("region/", region.RegionLook.as_view(), name="region_look"),
    # Projects
    path("projekte/", projects.ProjectList.as_view(), name="project_list"),
    path("projekte/neu/", projects.ProjectCreate.as_view(), name="project_create"),
    re_path(
        r"^projekte/export\.(?P<fmt>csv|xlsx)$",
        projects.ProjectExport.as_view(),
        name="project_export",
    ),
    path("projekte/<int:pk>/", projects.ProjectDetail.as_view(), name="project_detail"),
    # Reuse across towns and the phase checklists (issue 14)
    path("projekte/nachnutzung/", project_reuse.ReuseList.as_view(), name="reuse_list"),
    path(
        f"{project_child}/nachnutzung/anbieten/",
        project_reuse.OfferEdit.as_view(),
        name="reuse_offer",
    ),
    path(
        "projekte/nachnutzung/<int:pk>/",
        project_reuse.OfferRedirect.as_view(),
        name="reuse_offer_page",
    ),
    path(
        "projekte/nachnutzung/<int:pk>/beenden/",
        project_reuse.OfferWithdraw.as_view(),
        name="reuse_offer_withdraw",
    ),
    path(
        f"{project_child}/nachnutzung/uebernehmen/",
        project_reuse.ReuseTake.as_view(),
        name="reuse_take",
    ),
    path(
        f"{project_child}/checkliste/<int:item_pk>/",
        project_reuse.ChecklistTickToggle.as_view(),
        name="project_checklist_tick",
    ),
    path("projekte/checkliste/", project_reuse.ChecklistItems.as_view(), name="checklist_items"),
    path(
        "projekte/checkliste/neu/",
        project_reuse.ChecklistItemCreate.as_view(),
        name="checklist_item_create",
    ),
    path(
        "projekte/checkliste/<int:pk>/bearbeiten/",
        project_reuse.ChecklistItemEdit.as_view(),
        name="checklist_item_edit",
    ),
    path(
        "projekte/checkliste/<int:pk>/loeschen/",
        project_reuse.ChecklistItemDelete.as_view(),
        name="checklist_item_delete",
    ),
    path("projekte/<int:pk>/bearbeiten/", projects.ProjectEdit.as_view(), name="project_edit"),
    path(
        "projekte/<int:pk>/veroeffentlichen/",
        projects.ProjectPublish.as_view(publish=True),
        name="project_publish",
    ),
    path(
        "projekte/<int:pk>/zurueckziehen/",
        projects.ProjectPublish.as_view(publish=False),
        name="project_unpublish",
    ),
    path("projekte/teile/<int:pk>/", parts.PartEdit.as_view(), name="part_edit"),
    path("projekte/<int:pk>/loeschen/", projects.ProjectDelete.as_view(), name="project_delete"),
    path(
        "projekte/<int:pk>/fortschritt/",
        projects.ProjectProgressFromMilestones.as_view(),
        name="project_progress",
    ),
    # Milestones and updates of a project
    path(
        f"{project_child}/meilensteine/neu/",
        project_items.MilestoneCreate.as_view(),
        name="milestone_create",
    ),
    path(
        f"{project_child}/meilensteine/<int:pk>/bearbeiten/",
        project_items.MilestoneEdit.as_view(),
        name="milestone_edit",
    ),
    path(
        f"{project_child}/meilensteine/<int:pk>/loeschen/",
        project_items.MilestoneDelete.as_view(),
        name="milestone_delete",
    ),
    path(
        f"{project_child}/meilensteine/<int:pk>/veroeffentlichen/",
        project_items.MilestonePublish.as_view(publish=True),
        name="milestone_publish",
    ),
    path(
        f"{project_child}/meilensteine/<int:pk>/zurueckziehen/",
        project_items.MilestonePublish.as_view(publish=False),
        name="milestone_unpublish",
    ),
    path(
        f"{project_child}/updates/neu/", project_items.UpdateCreate.as_view(), name="update_create"
    ),
    path(
        f"{project_child}/updates/<int:pk>/bearbeiten/",
        project_items.UpdateEdit.as_view(),
        name="update_edit",
    ),
    path(
        f"{project_child}/updates/<int:pk>/loeschen/",
        project_items.UpdateDelete.as_view(),
        name="update_delete",
    ),
    path(
        f"{project_child}/updates/<int:pk>/veroeffentlichen/",
        project_items.UpdatePublish.as_view(publish=True),
        name="update_publish",
    ),
    path(
        f"{project_child}/updates/<int:pk>/zurueckziehen/",
        project_items.UpdatePublish.as_view(publish=False),
        name="update_unpublish",
    ),
    # Indicators: targets and values on the indicator's page, the import of values
    path("indikatoren/", indicators.IndicatorList.as_view(), name="indicator_list"),
    path("indikatoren/neu/", indicators.IndicatorCreate.as_view(), name="indicator_create"),
    path("indikatoren/import/", indicators.IndicatorImport.as_view(), name="indicator_import"),
    path(
        "indikatoren/import/ausfuehren/",
        indicators.IndicatorImportApply.as_view(),
        name="indicator_import_apply",
    ),
    path(
        "indikatoren/import/vorlage.csv",
        indicators.IndicatorImportTemplate.as_view(),
        name="indicator_import_template",
    ),
    path("indikatoren/<int:pk>/", indicators.IndicatorDetail.as_view(), name="indicator_detail"),
    path(
        "indikatoren/<int:pk>/bearbeiten/",
        indicators.IndicatorEdit.as_view(),
        name="indicator_edit",
    ),
    path(
        "indikatoren/<int:pk>/loeschen/",
        indicators.IndicatorDelete.as_view(),
        name="indicator_delete",
    ),
    path(
        f"{indicator_child}/zielwerte/neu/",
        indicators.TargetCreate.as_view(),
        name="indicator_target_create",
    ),
    path(
        f"{indicator_child}/zielwerte/<int:pk>/bearbeiten/",
        indicators.TargetEdit.as_view(),
        name="indicator_target_edit",
    ),
    path(
        f"{indicator_child}/zielwerte/<int:pk>/loeschen/",
        indicators.TargetDelete.as_view(),
        name="indicator_target_delete",
    ),
    path(
        f"{indicator_child}/messwerte/neu/",
        indicators.ValueCreate.as_view(),
        name="indicator_value_create",
    ),
    path(
        f"{indicator_child}/messwerte/<int:pk>/bearbeiten/",
        indicators.ValueEdit.as_view(),
        name="indicator_value_edit",
    ),
    path(
        f"{indicator_child}/messwerte/<int:pk>/loeschen/",
        indicators.ValueDelete.as_view(),
        name="indicator_value_delete",
    ),
    # The own address of a target or value (change-log links): its indicator's page.
    path(
        "indikatoren/zielwerte/<int:pk>/",
        indicators.TargetRedirect.as_view(),
        name="indicator_target",
    ),
    path(
        "indikatoren/messwerte/<int:pk>/",
        indicators.ValueRedirect.as_view(),
        name="indicator_value",
    ),
    # Needs assessment (issue 9): questionnaires and rounds, workshops, citizen surveys
    path("bedarfsanalyse/", include(urls_assessment)),
    path("bedarfsanalyse/runden/", include(urls_rounds)),
    path("workshops/", include(urls_workshops)),
    path("umfragen/", include(urls_surveys)),
    path("berichte/", include(urls_reports)),
    path("landraeume/", include(urls_spaces)),
    path("beteiligung/", include(urls_participation)),
    path("veranstaltungen/", include(urls_events)),
    path("neuigkeiten/", include(urls_news)),
    path("radar/", include(urls_radar)),
    path("dokumente/", include("digitalagentur.staff.urls_library")),
    path("sitzungen/", include("digitalagentur.staff.urls_meetings")),
    path("stellen/", include("digitalagentur.staff.urls_network")),
    path("newsletter/ausgaben/", include(urls_newsletter_issues)),
    path("newsletter/", include(urls_newsletter)),
    # Funding: the overview, programmes and applications (the writing pages: funding_form_urls)
    path("foerderung/", funding.FundingOverview.as_view(), name="funding_overview"),
    # Deadlines: the user's and the region's, reminder settings, the secret calendar feed
    path("foerderung/fristen/", funding_deadlines.DeadlineList.as_view(), name="funding_deadlines"),
    path(
        "foerderung/fristen/kalender/neu/",
        funding_deadlines.CalendarAddressConfirm.as_view(),
        name="funding_deadline_calendar_renew",
    ),
    path(
        "foerderung/fristen/kalender/loeschen/",
        funding_deadlines.CalendarAddressConfirm.as_view(remove=True),
        name="funding_deadline_calendar_remove",
    ),
    path(
        "foerderung/fristen/kalender/<str:token>.ics",
        funding_deadlines.DeadlineFeed.as_view(),
        name="funding_deadline_feed",
    ),
    # The programme import from the Förderdatenbank des Bundes
    path("foerderung/import/", funding_import.ProgrammeImport.as_view(), name="funding_import"),
    path(
        "foerderung/import/vorlage.csv",
        funding_import.ProgrammeImportTemplate.as_view(),
        name="funding_import_template",
    ),
    path(
        "foerderung/import/<str:token>/",
        funding_import.ProgrammeImportReport.as_view(),
        name="funding_import_report",
    ),
    path(
        "foerderung/programme/<int:pk>/",
        funding.ProgrammeDetail.as_view(),
        name="programme_detail",
    ),
    path(
        "foerderung/antraege/<int:pk>/",
        funding.ApplicationDetail.as_view(),
        name="application_detail",
    ),
    re_path(
        r"^foerderung/antraege/(?P<pk>\d+)/finanzierungsplan\.(?P<fmt>csv|xlsx)$",
        funding_exports.ApplicationExport.as_view(kind="plan"),
        name="application_plan_export",
    ),
    re_path(
        r"^foerderung/antraege/(?P<pk>\d+)/budgetuebersicht\.(?P<fmt>csv|xlsx)$",
        funding_exports.ApplicationExport.as_view(kind="budget"),
        name="application_budget_export",
    ),
    # The own address of a call, deadline, sub-project or budget line (change-log links).
    path("foerderung/aufrufe/<int:pk>/", funding.CallRedirect.as_view(), name="funding_call"),
    path(
        "foerderung/fristen/<int:pk>/",
        funding.CallDeadlineRedirect.as_view(),
        name="funding_calldeadline",
    ),
    path(
        "foerderung/teilprojekte/<int:pk>/",
        funding.SubProjectRedirect.as_view(),
        name="funding_subproject",
    ),
    path(
        "foerderung/budgetzeilen/<int:pk>/",
        funding.BudgetLineRedirect.as_view(),
        name="funding_budgetline",
    ),
    path(
        "foerderung/anteile/<int:pk>/",
        funding.OwnShareWeightRedirect.as_view(),
        name="funding_ownshareweight",
    ),
    # Funding forms: funders, programmes, calls, deadlines, applications and their plans
    *funding_form_urls(),
    # Strategy content
    path("strategie/", strategy.StrategyOverview.as_view(), name="strategy"),
    path("strategie/bearbeiten/", strategy.StrategyEdit.as_view(), name="strategy_edit"),
    path("strategie/felder/neu/", strategy.FieldCreate.as_view(), name="field_create"),
    path("strategie/felder/<int:pk>/bearbeiten/", strategy.FieldEdit.as_view(), name="field_edit"),
    path(
        "strategie/felder/<int:pk>/loeschen/", strategy.FieldDelete.as_view(), name="field_delete"
    ),
    path(
        "strategie/felder/<int:pk>/veroeffentlichen/",
        strategy.FieldPublish.as_view(publish=True),
        name="field_publish",
    ),
    path(
        "strategie/felder/<int:pk>/zurueckziehen/",
        strategy.FieldPublish.as_view(publish=False),
        name="field_unpublish",
    ),
    path(
        "strategie/felder/<int:field_pk>/ziele/neu/",
        strategy.GoalCreate.as_view(),
        name="goal_create",
    ),
    path("strategie/ziele/<int:pk>/bearbeiten/", strategy.GoalEdit.as_view(), name="goal_edit"),
    path("strategie/ziele/<int:pk>/loeschen/", strategy.GoalDelete.as_view(), name="goal_delete"),
    path(
        "strategie/ziele/<int:pk>/veroeffentlichen/",
        strategy.GoalPublish.as_view(publish=True),
        name="goal_publish",
    ),
    path(
        "strategie/ziele/<int:pk>/zurueckziehen/",
        strategy.GoalPublish.as_view(publish=False),
        name="goal_unpublish",
    ),
    # Towns
    path("kommunen/", municipalities.MunicipalityList.as_view(), name="municipality_list"),
    path(
        "kommunen/<int:pk>/bearbeiten/",
        municipalities.MunicipalityEdit.as_view(),
        name="municipality_edit",
    ),
    # The living document
    path("aenderungen/", changes.ChangeList.as_view(), name="change_list"),
    path("fassungen/", versions.VersionList.as_view(), name="version_list"),
    path("fassungen/neu/", versions.VersionFreeze.as_view(), name="version_freeze"),
    path("fassungen/vergleich/", versions.VersionDiff.as_view(), name="version_diff"),
    path("fassungen/<int:pk>/", versions.VersionDetail.as_view(), name="version_detail"),
    path(
        "fassungen/<int:pk>/broschuere/",
        brochure.VersionBrochure.as_view(),
        name="version_brochure",
    ),
    path(
        "fassungen/<int:pk>/broschuere.pdf",
        brochure.VersionBrochurePDF.as_view(),
        name="version_brochure_pdf",
    ),
    path("beschluesse/", adoptions.AdoptionMatrix.as_view(), name="adoption_matrix"),
    path("beschluesse/neu/", adoptions.AdoptionCreate.as_view(), name="adoption_create"),
    path(
        "beschluesse/<int:pk>/loeschen/",
        adoptions.AdoptionDelete.as_view(),
        name="adoption_delete",
    ),
    # The Digitalagentur: people, bodies, memberships, lines of work, stakeholders, timeline
    path("digitalagentur/", directory.DirectoryHome.as_view(), name="directory"),
    path("personen/", directory.PersonList.as_view(), name="person_list"),
    path("personen/neu/", directory.PersonCreate.as_view(), name="person_create"),
    path("personen/<int:pk>/bearbeiten/", directory.PersonEdit.as_view(), name="person_edit"),
    path("personen/<int:pk>/loeschen/", directory.PersonDelete.as_view(), name="person_delete"),
    path("gremien/", directory.BodyList.as_view(), name="body_list"),
    path("gremien/neu/", directory.BodyCreate.as_view(), name="body_create"),
    path("gremien/<int:pk>/", directory.BodyDetail.as_view(), name="body_detail"),
    path("gremien/<int:pk>/loeschen/", directory.BodyDelete.as_view(), name="body_delete"),
    path(
        "gremien/<int:body_pk>/mitglieder/neu/",
        directory.MembershipCreate.as_view(),
        name="membership_create",
    ),
    path(
        "gremien/mitglieder/<int:pk>/bearbeiten/",
        directory.MembershipEdit.as_view(),
        name="membership_edit",
    ),
    path(
        "gremien/mitglieder/<int:pk>/entfernen/",
        directory.MembershipDelete.as_view(),
        name="membership_delete",
    ),
    path("arbeitsfelder/", directory.WorkLineList.as_view(), name="workline_list"),
    path("arbeitsfelder/neu/", directory.WorkLineCreate.as_view(), name="workline_create"),
    path(
        "arbeitsfelder/<int:pk>/bearbeiten/",
        directory.WorkLineEdit.as_view(),
        name="workline_edit",
    ),
    path(
        "arbeitsfelder/<int:pk>/loeschen/",
        directory.WorkLineDelete.as_view(),
        name="workline_delete",
    ),
    path("akteure/", directory.StakeholderList.as_view(), name="stakeholder_list"),
    path("akteure/neu/", directory.StakeholderCreate.as_view(), name="stakeholder_create"),
    path(
        "akteure/<int:pk>/bearbeiten/",
        directory.StakeholderEdit.as_view(),
        name="stakeholder_edit",
    ),
    path(
        "akteure/<int:pk>/loeschen/",
        directory.StakeholderDelete.as_view(),
        name="stakeholder_delete",
    ),
    path("chronik/", timeline.TimelineList.as_view(), name="timeline_list"),
    path("chronik/neu/", timeline.TimelineCreate.as_view(), name="timeline_create"),
    path("chronik/<int:pk>/bearbeiten/", timeline.TimelineEdit.as_view(), name="timeline_edit"),
    path("chronik/<int:pk>/loeschen/", timeline.TimelineDelete.as_view(), name="timeline_delete"),
    # Legal pages, contact and the messages of the public forms (coordination)
    path("rechtstexte/", legal.LegalOverview.as_view(), name="legal_overview"),
    path("rechtstexte/<slug:slug>/", legal.LegalPageEdit.as_view(), name="legal_edit"),
    path("nachrichten/", legal.MessageList.as_view(), name="message_list"),
    path("nachrichten/<int:pk>/", legal.MessageDetail.as_view(), name="message_detail"),
    path("nachrichten/<int:pk>/antworten/", legal.MessageAnswer.as_view(), name="message_answer"),
    path(
        "nachrichten/<int:pk>/status/", legal.MessageStatusChange.as_view(), name="message_status"
    ),
    # Users and roles (region admins)
    path("rollen/", roles.RoleList.as_view(), name="role_list"),
    path("rollen/neu/", roles.RoleCreate.as_view(), name="role_create"),
    path("rollen/<int:pk>/entziehen/", roles.RoleDelete.as_view(), name="role_delete"),
    path(
        "rollen/einladungen/<int:pk>/erneut-senden/",
        invitations.InvitationResend.as_view(),
        name="invitation_resend",
    ),
    path(
        "rollen/einladungen/<int:pk>/zurueckziehen/",
        invitations.InvitationWithdraw.as_view(),
        name="invitation_withdraw",
    ),
    # The link of an invitation mail: works without login.
    path(
        "einladung/<str:token>/", invitations.InvitationAccept.as_view(), name="invitation_accept"
    ),
]
