"""The strategy's headline figures, computed from the data (never typed in)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from digitalagentur.tenancy.models import Municipality


@dataclass(frozen=True)
class StrategyCounts:
    municipalities: int
    visions: int
    fields: int
    guiding_principles: int
    priority_groups: int
    projects: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def strategy_counts(strategy, *, public: bool = True) -> StrategyCounts:
    """Counts of what the strategy holds; `public` counts only published fields and projects."""
    from digitalagentur.portfolio.models import Project

    fields = strategy.fields.all()
    projects = Project.objects.filter(region_id=strategy.region_id, is_strategy_project=True)
    if public:
        fields = fields.filter(published=True)
        projects = projects.filter(published=True)
    field_rows = list(fields.values_list("guiding_principle", flat=True))
    return StrategyCounts(
        municipalities=Municipality.objects.filter(region_id=strategy.region_id).count(),
        visions=1 if strategy.vision.strip() else 0,
        fields=len(field_rows),
        guiding_principles=sum(1 for text in field_rows if text.strip()),
        priority_groups=strategy.priority_groups.count(),
        projects=projects.count(),
    )
