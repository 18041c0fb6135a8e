"""Document generation in `make bench` (issue 10, section 6): how long the demo's status report
takes to draft and to export (Markdown, DOCX, PDF), measured in the bench process against the
bench database. "A few seconds at most": the budget is 5 s per document.
"""

from __future__ import annotations

import datetime
import statistics
import time

BUDGET_S = 5.0
DEMO_REGION = "kreis-coesfeld"
COMMITTEE = "ausschuss-finanzen-wirtschaft-digitalisierung"
# The period of SV-10-0671 (seed 000).
SINCE = datetime.date(2022, 3, 17)
UNTIL = datetime.date(2022, 9, 13)
# The demo's adopted strategy version: its public brochure as PDF (rendered, not the stored one).
VERSION = "Fassung 2021"


def _timed(fn, repeat: int) -> tuple[float, object]:
    """Median seconds of `repeat` calls of fn, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(repeat: int = 3) -> dict:
    from digitalagentur.directory.models import Body
    from digitalagentur.reports import exports, generator
    from digitalagentur.reports.models import StatusReport
    from digitalagentur.strategy.choices import Topic
    from digitalagentur.tenancy.models import Region

    region = Region.objects.filter(slug=DEMO_REGION).first()
    body = region and Body.objects.filter(region=region, slug=COMMITTEE).first()
    if body is None:
        return {"skipped": "no demo region or committee"}
    topics = list(Topic.values)

    def draft() -> StatusReport:
        text = generator.draft(
            region,
            body=body,
            meeting_date=UNTIL,
            since=SINCE,
            until=UNTIL,
            topics=topics,
            previous=None,
        )
        return StatusReport(
            region=region,
            body=body,
            date=UNTIL,
            period_start=SINCE,
            period_end=UNTIL,
            topics=topics,
            title=text["title"],
            resolution=text["resolution"],
            sections=text["sections"],
        )

    seconds, report = _timed(draft, repeat)
    rows = {"draft": seconds}
    for name, render in (
        ("markdown", exports.as_markdown),
        ("docx", exports.as_docx),
        ("pdf", exports.as_pdf),
    ):
        rows[name], _ = _timed(lambda render=render: render(report), repeat)
    rows.update(_brochure(region, repeat))
    return {
        "document": f"status report {SINCE:%d.%m.%Y}–{UNTIL:%d.%m.%Y}, brochure {VERSION}",
        "repeat": repeat,
        "budget_s": BUDGET_S,
        "seconds": {k: round(v, 3) for k, v in rows.items()},
        "within_budget": all(
            rows["draft"] + v < BUDGET_S for k, v in rows.items() if not k.startswith("brochure")
        )
        and all(v < BUDGET_S for k, v in rows.items() if k.startswith("brochure")),
    }


def _brochure(region, repeat: int) -> dict[str, float]:
    from digitalagentur.reports import brochure
    from digitalagentur.strategy.models import StrategyVersion

    version = (
        StrategyVersion.objects.filter(region=region, name=VERSION).select_related("region").first()
    )
    if version is None:
        return {}
    seconds, _ = _timed(lambda: brochure.render_pdf(version, True), repeat)
    return {"brochure pdf": seconds}


def print_generation(result: dict) -> None:
    if "seconds" not in result:
        print(f"\nDocument generation: {result.get('skipped')}")
        return
    print(f"\nDocument generation ({result['document']}, median of {result['repeat']}):")
    for name, seconds in result["seconds"].items():
        print(f"  {name:<12} {seconds:7.3f} s")
    print(f"  within budget ({result['budget_s']} s per document): {result['within_budget']}")
