"""Rate limits (issue 12, section 4): per account and per address, generous for a school or an
office behind one address, never refusing a person's first support or submission."""

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.participation import limits
from digitalagentur.participation import services as svc
from digitalagentur.participation.choices import IdeaStatus

SCHOOL = "203.0.113.9"


@pytest.fixture
def idea(region):
    author = t.make_user("autor")
    idea = svc.submit_idea(region=region, user=author, title="Schulhof", text="Mehr Grün.")
    return svc.set_status(idea, IdeaStatus.PUBLISHED, user=None)


def test_a_hundred_accounts_behind_one_address_all_pass(region, idea):
    for n in range(100):
        person = t.make_user(f"kind-{n}")
        assert svc.support(idea, person, client_ip=SCHOOL) is True
        svc.submit_idea(
            region=region, user=person, title=f"Idee {n}", text="Text", client_ip=SCHOOL
        )
        svc.add_comment(idea, person, f"Kommentar {n}", client_ip=SCHOOL)
    assert svc.supporters(idea) == 100


def test_the_per_account_limit_refuses_in_german(region, settings):
    settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"idea": (2, 1000, 3600)}
    person = t.make_user("viel")
    for n in range(2):
        svc.submit_idea(region=region, user=person, title=f"Idee {n}", text="Text")
    with pytest.raises(limits.RateLimited, match="später") as error:
        svc.submit_idea(region=region, user=person, title="Idee 3", text="Text")
    assert error.value.retry_after == 3600
    assert isinstance(error.value, ValidationError)


def test_the_address_limit_never_refuses_a_first_support(region, idea, settings):
    settings.DIGITALAGENTUR_PARTICIPATION_LIMITS = {"support": (100, 2, 600)}
    others = []
    for n in range(3):
        author = t.make_user(f"a{n}")
        other = svc.submit_idea(region=region, user=author, title=f"Andere {n}", text="Text")
        others.append(svc.set_status(other, IdeaStatus.PUBLISHED, user=None))
    veteran = t.make_user("veteran")
    svc.support(others[0], veteran, client_ip=SCHOOL)  # first support: not counted
    svc.support(others[1], veteran, client_ip=SCHOOL)  # 1
    svc.support(others[2], veteran, client_ip=SCHOOL)  # 2
    with pytest.raises(limits.RateLimited):
        svc.support(idea, veteran, client_ip=SCHOOL)  # 3 > 2 from this address
    newcomer = t.make_user("neu")
    assert svc.support(idea, newcomer, client_ip=SCHOOL) is True  # a first support passes
