from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("höher ist besser")
    LOWER_IS_BETTER = "lower", _("niedriger ist besser")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("im Plan")
    AT_RISK = "at_risk", _("gefährdet")
    OFF_TRACK = "off_track", _("nicht im Plan")
    UNKNOWN = "unknown", _("ohne Bewertung")


# The order of the status chips and the status bar of indicators.
STATUS_ORDER = (
    IndicatorStatus.ON_TRACK,
    IndicatorStatus.AT_RISK,
    IndicatorStatus.OFF_TRACK,
    IndicatorStatus.UNKNOWN,
)
