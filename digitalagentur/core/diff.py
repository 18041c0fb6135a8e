"""Word-level text diff with bounded work (change log, strategy versions).

The texts are split into word and whitespace tokens; the common prefix and suffix are cut off
in linear time and the rest is compared with Myers' O((N+M)·D) algorithm (D = number of
inserted and deleted tokens), which is near-linear for the usual edit: a few changed places in
a long text.

Bound: the comparison stops after MAX_DIFF_WORK steps (loop rounds plus token comparisons).
Above that (texts that differ almost everywhere, or a huge rewrite) the result falls back to
"text replaced": the changed middle is shown as one deletion of the old and one insertion of
the new text, with `replaced=True`, so callers can say that no word-by-word comparison was
made. The total work is therefore linear in the text length plus at most MAX_DIFF_WORK.

A segment is {"op": "equal" | "insert" | "delete", "text": ...}; joining the texts of all
non-insert segments gives the old text, of all non-delete segments the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOKEN_RE = re.compile(r"\S+|\s+")

#: Steps of the word comparison before it falls back to "text replaced" (about 0.2 s).
MAX_DIFF_WORK = 400_000


@dataclass
class TextDiff:
    segments: list[dict[str, str]] = field(default_factory=list)
    #: True when the texts were too different for a word comparison (see module docstring).
    replaced: bool = False
    #: Steps spent in the Myers comparison (loop rounds and token comparisons).
    work: int = 0


class _BudgetExceeded(Exception):
    pass


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


def diff_words(before: str, after: str, *, max_work: int = MAX_DIFF_WORK) -> TextDiff:
    """The word-level difference from `before` to `after` (see the module docstring)."""
    a, b = tokenize(before), tokenize(after)
    ids: dict[str, int] = {}
    ia = [ids.setdefault(t, len(ids)) for t in a]
    ib = [ids.setdefault(t, len(ids)) for t in b]
    start = 0
    limit = min(len(ia), len(ib))
    while start < limit and ia[start] == ib[start]:
        start += 1
    end_a, end_b = len(ia), len(ib)
    while end_a > start and end_b > start and ia[end_a - 1] == ib[end_b - 1]:
        end_a -= 1
        end_b -= 1
    result = TextDiff()
    ops: list[tuple[str, str]] = [("equal", t) for t in a[:start]]
    try:
        middle, result.work = _myers(ia[start:end_a], ib[start:end_b], max_work)
    except _BudgetExceeded:
        result.replaced = True
        result.work = max_work
        ops.extend(("delete", t) for t in a[start:end_a])
        ops.extend(("insert", t) for t in b[start:end_b])
    else:
        for op, i in middle:
            ops.append((op, a[start + i] if op != "insert" else b[start + i]))
    ops.extend(("equal", t) for t in a[end_a:])
    result.segments = _segments(ops)
    return result


def _myers(a: list[int], b: list[int], max_work: int) -> tuple[list[tuple[str, int]], int]:
    """Edit script from a to b as (op, index) pairs: index into a for equal/delete, b for insert.

    Raises _BudgetExceeded after max_work steps.
    """
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return [("delete", i) for i in range(n)] + [("insert", j) for j in range(m)], 0
    v = {1: 0}
    trace: list[dict[int, int]] = []
    work = 0
    for d in range(n + m + 1):
        trace.append(dict(v))
        work += d + 1
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[k - 1] < v[k + 1]):
                x = v[k + 1]
            else:
                x = v[k - 1] + 1
            y = x - k
            start_x = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            work += x - start_x + 1
            v[k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m), work
        if work > max_work:
            raise _BudgetExceeded
    raise AssertionError("unreachable: Myers always ends by d = n + m")  # pragma: no cover


def _backtrack(trace: list[dict[int, int]], n: int, m: int) -> list[tuple[str, int]]:
    x, y = n, m
    ops: list[tuple[str, int]] = []
    for d in range(len(trace) - 1, -1, -1):
        v = trace[d]
        k = x - y
        if k == -d or (k != d and v.get(k - 1, -1) < v.get(k + 1, -1)):
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = v[prev_k] if d > 0 else 0
        prev_y = prev_x - prev_k if d > 0 else 0
        while x > prev_x and y > prev_y:
            x -= 1
            y -= 1
            ops.append(("equal", x))
        if d > 0:
            if x == prev_x:
                ops.append(("insert", prev_y))
            else:
                ops.append(("delete", prev_x))
        x, y = prev_x, prev_y
    ops.reverse()
    return ops


def _segments(ops: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Token operations as segments: within a changed run, deletions come before insertions.

    Whitespace alone between two changed runs is folded into them ("a b" → "c d" reads as one
    replacement, not as two around a kept space).
    """
    runs: list[list] = []  # [kind, deleted tokens, inserted tokens] or ["equal", tokens]
    for op, token in ops:
        if op == "equal":
            if runs and runs[-1][0] == "equal":
                runs[-1][1].append(token)
            else:
                runs.append(["equal", [token]])
        else:
            if not runs or runs[-1][0] != "change":
                runs.append(["change", [], []])
            runs[-1][1 if op == "delete" else 2].append(token)
    merged: list[list] = []
    for index, run in enumerate(runs):
        if (
            run[0] == "equal"
            and 0 < index < len(runs) - 1
            and merged
            and merged[-1][0] == "change"
            and all(t.isspace() for t in run[1])
        ):
            merged[-1][1].extend(run[1])
            merged[-1][2].extend(run[1])
            continue
        if run[0] == "change" and merged and merged[-1][0] == "change":
            merged[-1][1].extend(run[1])
            merged[-1][2].extend(run[2])
            continue
        merged.append(run)
    segments: list[dict[str, str]] = []
    for run in merged:
        if run[0] == "equal":
            segments.append({"op": "equal", "text": "".join(run[1])})
            continue
        if run[1]:
            segments.append({"op": "delete", "text": "".join(run[1])})
        if run[2]:
            segments.append({"op": "insert", "text": "".join(run[2])})
    return segments
