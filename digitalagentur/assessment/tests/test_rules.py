import pytest

from digitalagentur.assessment.rules import answer_denial, manage_denial, may_see_results
from digitalagentur.core.testing import make_municipality, make_region
from digitalagentur.tenancy.permissions import Access, get_access
from digitalagentur.testing.assessment import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(region, town, other_town):
    return make_round(region, towns=[town, other_town])


def access(users, role, region):
    return get_access(users[role], region)


def test_manage_only_coordination(region, users):
    assert manage_denial(access(users, "coordinator", region)) is None
    assert manage_denial(access(users, "admin", region)) is None
    for role in ("officer", "reader"):
        assert manage_denial(access(users, role, region)) == (
            "Fragebögen, Bewertungsrunden, Workshops und Umfragen pflegt die Koordination."
        )
    assert manage_denial(Access(region_id=region.pk)) is not None


def test_officer_answers_only_for_own_town(region, users, town, other_town, round_):
    officer = access(users, "officer", region)
    assert answer_denial(officer, round_, town) is None
    assert answer_denial(officer, round_, other_town) == (
        "Sie dürfen nur für Ihre eigene Kommune antworten."
    )


def test_reader_and_public_never_answer(region, users, town, round_):
    assert answer_denial(access(users, "reader", region), round_, town) == (
        "Sie dürfen in dieser Bewertungsrunde nicht antworten."
    )
    assert answer_denial(Access(region_id=region.pk), round_, town) is not None


def test_coordination_answers_for_any_participating_town(region, users, town, other_town, round_):
    for role in ("coordinator", "admin"):
        assert answer_denial(access(users, role, region), round_, town) is None
        assert answer_denial(access(users, role, region), round_, other_town) is None


def test_town_outside_round_refused(region, users, town, other_town):
    round_ = make_round(region, towns=[other_town])
    message = "Diese Kommune nimmt an der Bewertungsrunde nicht teil."
    assert answer_denial(access(users, "officer", region), round_, town) == message
    assert answer_denial(access(users, "coordinator", region), round_, town) == message


def test_other_region_refused(region, users, town):
    foreign = make_region()
    foreign_town = make_municipality(foreign)
    round_ = make_round(foreign, towns=[foreign_town])
    assert answer_denial(access(users, "coordinator", region), round_, foreign_town) == (
        "Diese Bewertungsrunde gehört nicht zu dieser Region."
    )


def test_results_visible_to_staff_or_when_published(region, users, round_):
    public = Access(region_id=region.pk)
    assert may_see_results(access(users, "reader", region), round_)
    assert may_see_results(access(users, "officer", region), round_)
    assert not may_see_results(public, round_)
    foreign_staff = Access(region_id=make_region().pk, roles=frozenset({"coordinator"}))
    assert not may_see_results(foreign_staff, round_)
    round_.published = True
    assert may_see_results(public, round_)


def test_prefetched_towns_need_no_query(region, users, town, other_town, round_,
                                        django_assert_num_queries):  # fmt: skip
    from digitalagentur.assessment.models import Round

    officer = access(users, "officer", region)
    loaded = Round.objects.prefetch_related("municipalities").get(pk=round_.pk)
    with django_assert_num_queries(0):
        assert answer_denial(officer, loaded, town) is None
