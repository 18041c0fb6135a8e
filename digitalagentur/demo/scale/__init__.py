"""Scale data: a national-size installation for benchmarks (`digitalagentur generate_scale_data`).

base.py holds the frame (plan, context, progress, bulk writes, cleanup), steps.py the builders
of each domain and the list of steps, texts.py the German word pools.
"""

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
from .steps import STEPS

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
