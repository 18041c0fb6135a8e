"""Where a change-log entry's object can be looked at in the staff area."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.core.models import ObjectChange

# Objects with an edit or detail page of their own: "app.model" -> URL name taking the pk.
DETAIL_PAGES = {
    "portfolio.project": "staff:project_detail",
    "portfolio.participation": "staff:part_edit",
    "strategy.goal": "staff:goal_edit",
    "strategy.strategyversion": "staff:version_detail",
    "strategy.timelineevent": "staff:timeline_edit",
    "directory.person": "staff:person_edit",
    "directory.body": "staff:body_detail",
    "directory.membership": "staff:membership_edit",
    "directory.workline": "staff:workline_edit",
    "directory.stakeholderrole": "staff:stakeholder_edit",
    "legal.message": "staff:message_detail",
    "indicators.indicator": "staff:indicator_detail",
    # Targets and values are shown on their indicator's page (a redirect: no query here).
    "indicators.indicatortarget": "staff:indicator_target",
    "indicators.indicatorvalue": "staff:indicator_value",
    "funding.programme": "staff:programme_detail",
    "funding.application": "staff:application_detail",
    # Calls and deadlines are shown on their programme's page, sub-projects and budget lines
    # and the towns' fixed parts on their application's page (redirects: no query here).
    "funding.call": "staff:funding_call",
    "funding.calldeadline": "staff:funding_calldeadline",
    "funding.subproject": "staff:funding_subproject",
    "funding.budgetline": "staff:funding_budgetline",
    "funding.ownshareweight": "staff:funding_ownshareweight",
    "assessment.questionnaire": "staff:questionnaire_detail",
    # Sections, criteria and questions are shown on their questionnaire's builder page, which
    # every role reads (their edit pages are the coordination's; redirects: no query here).
    "assessment.section": "staff:questionnaire_section",
    "assessment.criterion": "staff:questionnaire_criterion",
    "assessment.question": "staff:questionnaire_question",
    "assessment.workshop": "staff:workshop_detail",
    # Ideas are shown on their workshop's page (a redirect: no query here).
    "assessment.workshopidea": "staff:workshop_idea",
    "assessment.survey": "staff:survey_results",
    # Rounds have addresses by slug; these redirect there (a query, but only when followed).
    "assessment.round": "staff:round_by_pk",
    "assessment.response": "staff:round_response",
    "assessment.groupoverride": "staff:round_groupoverride",
    "reports.statusreport": "staff:report_detail",
    # Landräume: redirects to the provider and employer pages under /landraeume/.
    "spaces.provider": "staff:spaces_provider",
    "spaces.space": "staff:spaces_space",
    "spaces.employer": "staff:spaces_employer",
    "spaces.contingent": "staff:spaces_contingent",
    # Participation: an idea's moderation page and a competition's page; comments and the
    # parts of a competition redirect to the page showing them (no query here).
    "participation.idea": "staff:idea_moderate",
    "participation.comment": "staff:idea_comment",
    "participation.competition": "staff:competition_detail",
    "participation.criterion": "staff:competition_criterion",
    "participation.prize": "staff:competition_prize",
    "participation.juror": "staff:competition_juror",
    "participation.submission": "staff:competition_submission",
    "participation.score": "staff:competition_score",
    "participation.conflict": "staff:competition_conflict",
    # Events (issue 13); their programme items and registrations are not versioned.
    "communication.event": "staff:event_detail",
    # Newsletter issues (versioned) and groups (logged, not versioned).
    "communication.newsletterissue": "staff:newsletter_issue_detail",
    "communication.segment": "staff:newsletter_segment_edit",
    # News posts (versioned).
    "communication.newspost": "staff:news_detail",
    # Technology radar (issue 14): entries and editions redirect to their radar's page.
    "radar.radar": "staff:radar_detail",
    "radar.entry": "staff:radar_entry",
    "radar.edition": "staff:radar_edition",
    # Meetings of the bodies with their tasks (issue 14, section 3)
    "reports.meeting": "staff:meeting_detail",
    "reports.meetingtask": "staff:meeting_task_edit",
    "portfolio.reuseoffer": "staff:reuse_offer_page",
    "library.document": "staff:library_detail",
    "library.documentversion": "staff:library_version",
    "network.post": "staff:network_post",
    "network.vacancy": "staff:network_vacancy",
}
# Objects shown on a page of many: "app.model" -> URL name (no arguments).
LIST_PAGES = {
    "tenancy.region": "staff:region_look",
    "strategy.strategy": "staff:strategy",
    "strategy.adoption": "staff:adoption_matrix",
    "legal.legaltext": "staff:legal_overview",
    "legal.contactdetails": "staff:legal_overview",
    "funding.funder": "staff:funding_overview",
    # Legislative terms have no page of their own: the reports to the committees.
    "reports.legislativeterm": "staff:report_list",
    "portfolio.reuse": "staff:reuse_list",
    "portfolio.checklistitem": "staff:checklist_items",
}


def object_url(change: ObjectChange) -> str | None:
    """A staff URL for the changed object, or None (deleted, or no page of its own)."""
    if change.action == ObjectChange.Action.DELETE:
        return None
    key = f"{change.content_type.app_label}.{change.content_type.model}"
    pk = change.object_id
    if key in DETAIL_PAGES:
        return reverse(DETAIL_PAGES[key], args=[pk])
    if key in LIST_PAGES:
        return reverse(LIST_PAGES[key])
    if key == "strategy.field":
        return reverse("staff:strategy") + f"#feld-{pk}"
    if key == "tenancy.municipality":
        return reverse("staff:municipality_list") + f"#kommune-{pk}"
    if key == "legal.accessibilitystatement":
        return reverse("staff:legal_edit", args=["barrierefreiheit"])
    return None
