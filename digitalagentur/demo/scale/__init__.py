"""Scale data: a national-size installation for benchmarks (`digitalagentur generate_scale_data`).

base.py holds the frame (plan, context, progress, bulk writes, cleanup), steps.py the builders
of the core domains; indicators.py, funding.py, assessment.py, participation.py, events.py,
newsletter.py, spaces.py, radar.py, reuse.py, library.py, network.py and meetings.py those of
the modules (each adds its own; STEPS below lists them in order); texts.py the German word
pools.
"""

from .assessment import build_assessment
from .base import (
    Context,
    Plan,
    Progress,
    Step,
    delete_scale_data,
    run,
    scale_data_exists,
    scale_regions,
    scale_users,
)
from .events import build_events
from .funding import build_funding
from .indicators import build_indicators
from .library import build_library
from .meetings import build_meetings
from .network import build_network
from .newsletter import build_newsletter
from .participation import build_participation
from .radar import build_radar
from .reuse import build_reuse
from .spaces import build_spaces
from .steps import STEPS as _CORE_STEPS

#: The steps of generate_scale_data, in order: the core's, then each module's own.
STEPS = [
    *_CORE_STEPS,
    Step("indicators", "Indikatoren", build_indicators),
    Step("funding", "Förderung", build_funding),
    Step("assessment", "Bedarfsanalyse", build_assessment),
    Step("participation", "Ideen", build_participation),
    Step("events", "Veranstaltungen", build_events),
    Step("newsletter", "Newsletter", build_newsletter),
    Step("spaces", "Landräume", build_spaces),
    Step("radar", "Technologie-Radar", build_radar),
    Step("reuse", "Nachnutzung und Checklisten", build_reuse),
    Step("library", "Dokumente", build_library),
    Step("network", "Stellen", build_network),
    Step("meetings", "Sitzungen und Aufgaben", build_meetings),
]

__all__ = [
    "STEPS",
    "Context",
    "Plan",
    "Progress",
    "Step",
    "delete_scale_data",
    "run",
    "scale_data_exists",
    "scale_regions",
    "scale_users",
]
