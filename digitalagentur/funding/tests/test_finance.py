"""The financing rules: hand-computed cases, the seed's budget table, and properties that hold
for any plan (hypothesis)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from digitalagentur.demo.data import funding as demo
from digitalagentur.funding.finance import (
    CONSUMPTIVE,
    INVESTIVE,
    Line,
    Rules,
    compute,
    euro,
    millions,
    split,
)

D = Decimal


def test_a_hand_computed_plan():
    lines = [
        Line("Server", INVESTIVE, D("40000.00")),
        Line("Personal", CONSUMPTIVE, D("60000.00")),
        Line("Bewirtung", CONSUMPTIVE, D("1000.00"), eligible=False),
    ]
    rules = Rules(D("0.65"), third_party_max_share_of_own=D("0.5"), max_months=48)
    plan = compute(rules, lines, duration_months=48, third_party=D("20000.00"))
    assert plan.total == D("101000.00")
    assert plan.eligible_total == D("100000.00")
    assert (plan.investive, plan.consumptive) == (D("40000.00"), D("61000.00"))
    assert (plan.investive_share, plan.consumptive_share) == (D("0.3960"), D("0.6040"))
    assert plan.grant == D("65000.00")
    assert plan.own_share == D("35000.00")
    assert plan.third_party == D("17500.00")  # half of the own share counts
    assert plan.municipal_own_share == D("18500.00")  # 35000 − 17500 + 1000 not eligible
    assert len(plan.warnings) == 1 and "17.500,00" in plan.warnings[0]
    assert plan.errors == []


def test_the_cap_cuts_the_grant_with_a_warning_and_the_duration_is_an_error():
    rules = Rules(D("0.65"), max_grant=D("15000000.00"), max_months=48)
    plan = compute(rules, [Line("Alles", INVESTIVE, D("30000000.00"))], duration_months=49)
    assert plan.grant == D("15000000.00")
    assert plan.own_share == D("15000000.00")
    assert "15.000.000,00" in plan.warnings[0]
    assert plan.errors == ["Die Laufzeit von 49 Monaten überschreitet die zulässigen 48 Monate."]
    below = compute(rules, [Line("Alles", INVESTIVE, D("23076923.00"))], duration_months=48)
    assert below.grant == D("14999999.95") and below.warnings == [] and below.errors == []
    # 0.65 × 23,076,923.07 = 14,999,999.9955: rounded, exactly the cap; nothing was cut.
    at_cap = compute(rules, [Line("Alles", INVESTIVE, D("23076923.07"))])
    assert at_cap.grant == D("15000000.00") and at_cap.warnings == []


def test_the_grant_is_rounded_half_up_to_cents_once():
    plan = compute(
        Rules(D("0.65")), [Line("a", INVESTIVE, D("0.50")), Line("b", INVESTIVE, D("0.50"))]
    )
    assert plan.grant == D("0.65")
    odd = compute(Rules(D("0.65")), [Line("a", INVESTIVE, D("0.10"))])
    assert odd.grant == D("0.07")  # 0.065 → 0.07 (half up), own share 0.03
    assert odd.own_share == D("0.03")


def test_no_lines_no_division_by_zero():
    plan = compute(Rules(D("0.65")), [])
    assert (plan.total, plan.grant, plan.investive_share) == (D("0.00"), D("0.00"), D("0.0000"))


def test_the_seed_budget_table_is_reproduced_figure_for_figure():
    """Seed 003's "Budgetübersicht (in Mio. €)" follows by rounding from the demo's euros."""
    lines = []
    for (label, investive, consumptive), row in zip(
        demo.SMART_CITIES_BUDGET, demo.SEED_TABLE, strict=True
    ):
        row_plan = compute(
            Rules(demo.SMART_CITIES_FUNDING_RATE),
            [Line(label, INVESTIVE, investive), Line(label, CONSUMPTIVE, consumptive)],
        )
        shown = tuple(str(millions(v)) for v in (investive, consumptive, row_plan.total))
        assert (label, *shown) == row
        lines += [Line(label, INVESTIVE, investive), Line(label, CONSUMPTIVE, consumptive)]
    plan = compute(Rules(demo.SMART_CITIES_FUNDING_RATE), lines)
    shown_totals = tuple(str(millions(v)) for v in (plan.investive, plan.consumptive, plan.total))
    assert shown_totals == demo.SEED_TOTALS
    shares = tuple(
        str((s * 100).quantize(D("0.1"))) for s in (plan.investive_share, plan.consumptive_share)
    )
    assert shares == demo.SEED_SHARES
    assert (str(millions(plan.grant)), str(millions(plan.own_share))) == (
        demo.SEED_GRANT,
        demo.SEED_OWN_SHARE,
    )
    # The rounded rows do not add up to the rounded total (as in the seed): never add them.
    assert sum(D(row[1]) for row in demo.SEED_TABLE) != D(demo.SEED_TOTALS[0])


def test_euro_in_german():
    assert euro(D("15000000")) == "15.000.000,00"
    assert euro(D("-1234.565")) == "-1.234,57"
    assert euro(D("0.5")) == "0,50"


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)
lines = st.lists(
    st.builds(
        Line, st.just("x"), st.sampled_from([INVESTIVE, CONSUMPTIVE]), amounts, st.booleans()
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    lines=lines,
    rate=rates,
    cap=st.none() | amounts,
    third_share=st.none() | rates,
    third=amounts,
)
def test_properties_of_every_plan(lines, rate, cap, third_share, third):
    rules = Rules(rate, max_grant=cap, third_party_max_share_of_own=third_share)
    plan = compute(rules, lines, third_party=third)
    # Grant and own share add up to the eligible total to the cent.
    assert plan.grant + plan.own_share == plan.eligible_total
    assert plan.grant == plan.grant.quantize(D("0.01"))
    # The cap is never exceeded, the grant never negative or above the rate's share.
    if cap is not None:
        assert plan.grant <= cap
    assert D(0) <= plan.grant <= rate * plan.eligible_total + D("0.005")
    # Shares add up to 1 within rounding.
    if plan.total:
        assert abs(plan.investive_share + plan.consumptive_share - 1) <= D("0.0001")
    assert plan.investive + plan.consumptive == plan.total
    # Third-party money counts at most as allowed and never beyond the own share.
    assert D(0) <= plan.third_party <= min(third, plan.own_share)
    if third_share is not None:
        assert plan.third_party <= third_share * plan.own_share + D("0.005")
    assert plan.municipal_own_share >= 0
    assert plan.municipal_own_share == plan.total - plan.grant - plan.third_party


def test_split_to_the_cent_by_largest_remainder():
    assert split(Decimal("100.00"), {"a": 1, "b": 1, "c": 1}) == {
        "a": Decimal("33.34"),
        "b": Decimal("33.33"),
        "c": Decimal("33.33"),
    }
    # The left-over cent goes to the largest remainder, not to the first key.
    assert split(Decimal("0.01"), {"a": Decimal("33.3333"), "b": Decimal("66.6667")}) == {
        "a": Decimal("0.00"),
        "b": Decimal("0.01"),
    }
    assert split(Decimal("10.00"), {"a": 0, "b": 0}) == {}
    assert split(Decimal("10.00"), {"a": 3, "b": 0}) == {"a": Decimal("10.00")}


@settings(max_examples=300, deadline=None)
@given(
    amount=st.decimals(min_value=0, max_value=10**11, places=2),
    weights=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=12),
)
def test_a_split_adds_up_exactly_and_each_part_is_within_a_cent_of_its_share(amount, weights):
    keyed = dict(enumerate(weights))
    parts = split(amount, keyed)
    whole = sum(weights)
    if whole == 0:
        assert parts == {}
        return
    assert sum(parts.values()) == amount
    for key, part in parts.items():
        exact = amount * Decimal(keyed[key]) / Decimal(whole)
        assert abs(part - exact) < Decimal("0.01")
        assert part >= 0
