"""Progress of a project computed from its milestones (pure function, no database)."""


def progress_from_milestones(total: int, completed: int) -> int:
    """Share of completed milestones in whole percent, rounded down; 0 without milestones."""
    if total <= 0:
        return 0
    completed = max(0, min(completed, total))
    return (completed * 100) // total
