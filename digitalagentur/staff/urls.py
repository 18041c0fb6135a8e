from django.urls import path

from .views import (
    adoptions,
    changes,
    dashboard,
    municipalities,
    project_items,
    projects,
    roles,
    strategy,
    versions,
)

app_name = "staff"

project_child = "projekte/<int:project_pk>"

urlpatterns = [
    path("", dashboard.Dashboard.as_view(), name="dashboard"),
    # Projects
    path("projekte/", projects.ProjectList.as_view(), name="project_list"),
    path("projekte/neu/", projects.ProjectCreate.as_view(), name="project_create"),
    path("projekte/<int:pk>/", projects.ProjectDetail.as_view(), name="project_detail"),
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
    path("beschluesse/", adoptions.AdoptionMatrix.as_view(), name="adoption_matrix"),
    path("beschluesse/neu/", adoptions.AdoptionCreate.as_view(), name="adoption_create"),
    path(
        "beschluesse/<int:pk>/loeschen/",
        adoptions.AdoptionDelete.as_view(),
        name="adoption_delete",
    ),
    # Users and roles (region admins)
    path("rollen/", roles.RoleList.as_view(), name="role_list"),
    path("rollen/neu/", roles.RoleCreate.as_view(), name="role_create"),
    path("rollen/<int:pk>/entziehen/", roles.RoleDelete.as_view(), name="role_delete"),
]
