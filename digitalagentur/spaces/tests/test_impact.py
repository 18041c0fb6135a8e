"""The commuting estimate (issue 11, section 5): pure functions of spaces/impact.py."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digitalagentur.spaces import impact

SENDEN = (Decimal("51.856900"), Decimal("7.483600"))
MUENSTER = (Decimal("51.962500"), Decimal("7.625600"))
FACTORS = impact.Factors(detour=Decimal("1.3"), grams_per_km=Decimal("166"))


def equirectangular_km(a, b):
    """An independent small-distance check: the flat-earth distance at the mean latitude."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (*a, *b))
    x = (lon2 - lon1) * math.cos((lat1 + lat2) / 2)
    y = lat2 - lat1
    return impact.EARTH_RADIUS_KM * math.hypot(x, y)


def test_one_degree_of_latitude_and_half_the_earth():
    # 2πR / 360 = 6371.0088 × π / 180 = 111.19508… km
    assert impact.distance_km((0, 0), (1, 0)) == Decimal("111.195")
    assert impact.distance_km((0, 0), (0, 1)) == Decimal("111.195")
    # antipodes: π × R = 3.14159265 × 6371.0088 = 20015.1144… km
    assert impact.distance_km((0, 0), (0, 180)) == Decimal("20015.114")
    assert impact.distance_km(SENDEN, SENDEN) == Decimal("0.000")


def test_senden_to_muenster_by_hand():
    # Δφ = 0.1056° → 11.742 km; Δλ = 0.142° × cos(51.91°) → 9.737 km; √(11.742² + 9.737²)
    distance = impact.distance_km(SENDEN, MUENSTER)
    assert Decimal("15.24") < distance < Decimal("15.27")
    assert abs(float(distance) - equirectangular_km(SENDEN, MUENSTER)) < 0.005


def test_commute_counts_there_and_back_with_the_detour():
    distance = impact.distance_km(SENDEN, MUENSTER)
    expected = (distance * Decimal("1.3") * 2).quantize(Decimal("0.01"))
    assert impact.commute_km(SENDEN, MUENSTER, Decimal("1.3")) == expected
    assert Decimal("39.6") < expected < Decimal("39.8")


def test_a_booking_saves_the_whole_commute():
    saving = impact.saving(SENDEN, MUENSTER, FACTORS)
    assert saving.km == impact.commute_km(SENDEN, MUENSTER, Decimal("1.3"))
    assert saving.co2_grams == (saving.km * 166).quantize(Decimal("1"))
    assert Decimal("6580") < saving.co2_grams < Decimal("6610")  # ≈ 6.6 kg
    assert impact.saving(SENDEN, SENDEN, FACTORS).km == Decimal("0")


def test_factors_come_from_the_settings(settings):
    settings.DIGITALAGENTUR_COMMUTE_DETOUR_FACTOR = "1.5"
    settings.DIGITALAGENTUR_CO2_GRAMS_PER_KM = "100"
    settings.DIGITALAGENTUR_CO2_SOURCE = "Quelle X"
    factors = impact.Factors.from_settings()
    assert factors == impact.Factors(Decimal("1.5"), Decimal("100"), "Quelle X")
    saving = impact.saving((0, 0), (1, 0), factors)
    assert saving.km == Decimal("333.59")  # 111.195 × 1.5 × 2 = 333.585 → half up
    assert saving.co2_grams == Decimal("33359")


def test_display_rounding():
    assert impact.kilograms(Decimal("6595")) == Decimal("6.6")
    assert impact.kilograms(Decimal("6549")) == Decimal("6.5")
    assert impact.tonnes(Decimal("1234567")) == Decimal("1.23")
    assert impact.one_place(Decimal("39.65")) == Decimal("39.7")


latitudes = st.decimals(min_value=-89, max_value=89, places=6)
longitudes = st.decimals(min_value=-179, max_value=179, places=6)
points = st.tuples(latitudes, longitudes)
detours = st.decimals(min_value=1, max_value=3, places=2)


@given(points, points)
def test_distance_is_symmetric_and_never_negative(a, b):
    there, back = impact.distance_km(a, b), impact.distance_km(b, a)
    assert there == back
    assert Decimal(0) <= there <= Decimal("20015.114")


@given(points, points, detours)
def test_the_commute_is_never_negative_and_the_same_both_ways(home, work, detour):
    there = impact.commute_km(home, work, detour)
    assert there >= 0
    assert there == impact.commute_km(work, home, detour)


@pytest.mark.parametrize("grams_per_km", ["0", "166", "250.5"])
def test_co2_is_km_times_the_factor(grams_per_km):
    km = Decimal("12.34")
    assert impact.co2_grams(km, Decimal(grams_per_km)) == (km * Decimal(grams_per_km)).quantize(
        Decimal("1")
    )
