"""CompiledValues gives what the same values() queryset gives, with placeholders filled in."""

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat

from digitalagentur.core import rawmodels
from digitalagentur.core import testing as t
from digitalagentur.tenancy.models import Municipality

pytestmark = pytest.mark.django_db


def test_compiled_values_match_the_orm_with_annotations_listed_first(region, other_region):
    for name in ("Olfen", "Senden"):
        t.make_municipality(region, name)
    t.make_municipality(other_region, "Anderswo")
    placeholder = rawmodels.PLACEHOLDERS[0]

    def build(region_id):
        return (
            Municipality.objects.filter(region_id=region_id)
            .annotate(label=Concat(F("name"), Value("!")))
            .values("label", "id", "name")
            .order_by("name")
        )

    compiled = rawmodels.CompiledValues(build(placeholder), "default")
    for r in (region, other_region):
        expected = list(build(r.pk))
        assert expected and compiled.run({placeholder: r.pk}) == expected
    assert compiled.run({}) == []  # an unfilled placeholder matches nothing
