"""geo.resolution's distance helpers: the early exits must not change which band a candidate falls in."""

import random

import pytest

from geo.resolution import _nearest_km, _rough_km


def test_nearest_km_is_the_minimum_over_all_points():
    rng = random.Random(7)
    for _ in range(200):
        lat, lon = rng.uniform(-80, 80), rng.uniform(-180, 180)
        points = [(rng.uniform(-80, 80), rng.uniform(-180, 180)) for _ in range(rng.randint(1, 30))]
        assert _nearest_km(lat, lon, points) == pytest.approx(min(_rough_km(lat, lon, *p) for p in points))


def test_nearest_km_stops_early_only_below_enough():
    points = [(34.0, 71.5), (33.7, 73.0), (31.6, 65.7)]  # Peshawar, Islamabad, Kandahar
    early = _nearest_km(33.6, 73.0, points, enough=50.0)
    assert early < 50.0  # Rawalpindi is within 50 km of Islamabad
    assert _nearest_km(33.6, 73.0, points) <= early


def test_nearest_km_across_the_antimeridian():
    assert _nearest_km(-17.0, 179.9, [(-17.0, -179.9)]) < 25.0
    assert _nearest_km(0.0, 0.0, []) == float("inf")
