"""Bar charts of survey results (pure functions, no database, no template).

One horizontal bar per answer option (scale point, choice, yes/no), its length the share of
the submissions that answered the question. Drawn like funding/charts.py (same geometry and
CSS classes: svg.bar-chart, .bar-label, .bar-value, .seg-investive): the template
(templates/assessment/includes/survey_chart.html) draws it as inline SVG with title and desc,
followed by the same figures as a table, so that nothing is said by the drawing alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import ngettext

WIDTH = 440
LEFT, RIGHT = 12, 428
PLOT_WIDTH = RIGHT - LEFT
TOP = 8
LABEL_HEIGHT = 22
BAR_HEIGHT = 20
BAR_GAP = 14
MAX_LABEL = 40


@dataclass(frozen=True)
class ChartBar:
    label: str
    short_label: str
    value_text: str  # "12 (40,0 %)"
    label_y: float
    y: float
    width: float


@dataclass(frozen=True)
class SurveyChart:
    bars: list[ChartBar]
    desc: str
    width: int = WIDTH
    left: int = LEFT
    right: int = RIGHT
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        if not self.bars:
            return TOP
        return int(self.bars[-1].y + BAR_HEIGHT + 8)


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def survey_chart(rows, answered: int) -> SurveyChart | None:
    """The chart of a question's rows (assessment.survey_results.Row); None without answers."""
    if not rows or not answered:
        return None
    bars, y = [], TOP
    for row in rows:
        label_y = y + 16
        bar_y = y + LABEL_HEIGHT
        width = round(PLOT_WIDTH * max(min(row.share, 1), 0), 2)
        bars.append(
            ChartBar(
                label=row.label,
                short_label=short(row.label),
                value_text=f"{row.count} ({row.percent})",
                label_y=label_y,
                y=bar_y,
                width=max(width, 1.0) if row.count else 0,
            )
        )
        y = bar_y + BAR_HEIGHT + BAR_GAP
    desc = "; ".join(f"{row.label}: {row.count} ({row.percent})" for row in rows)
    return SurveyChart(
        bars=bars,
        desc=ngettext(
            "%(answered)s Antwort. %(values)s", "%(answered)s Antworten. %(values)s", answered
        )
        % {"answered": answered, "values": desc},
    )
