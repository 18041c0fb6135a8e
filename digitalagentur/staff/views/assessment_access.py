"""Who may write in the needs-assessment pages (questionnaires, rounds, workshops, surveys)."""

from digitalagentur.assessment.rules import manage_denial


class CoordinationOnly:
    """Writing is the coordination's (assessment.rules.manage_denial), for the page and for
    each object alike; mixed in before the page class."""

    def has_page_permission(self) -> bool:
        return manage_denial(self.access) is None

    def has_permission(self, obj) -> bool:
        return manage_denial(self.access) is None
