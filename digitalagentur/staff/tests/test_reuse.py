"""Reuse across towns and the phase checklists in the staff area (issue 14, section 2):
who may offer, join, copy and tick, across towns and regions."""

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio import reuse
from digitalagentur.portfolio.models import ChecklistItem, ChecklistTick, Reuse, ReuseOffer
from digitalagentur.tenancy.choices import Role

from .helpers import confirm_data

OFFER = {
    "built": "Ein Online-Terminbuchungssystem für das Bürgerbüro",
    "cost_eur": "12000,50",
    "cost_note": "einmalig",
    "lessons": "Früher mit dem Personalrat sprechen",
    "contact": "Digitalisierung Senden",
    "contact_email": "digital@senden.example",
    "reason": "",
}


@pytest.fixture
def other_officer(world):
    return t.make_user_with_role(
        world.region, Role.OFFICER, world.other_town, username="officer-havixbeck"
    )


@pytest.fixture
def offered(world):
    reuse.save_offer(world.own_project, {"built": "Termine online", "contact": "Senden"})
    return world.own_project


def test_the_officer_of_a_participating_town_offers_the_project(client, world, login):
    login("officer")
    url = reverse("staff:reuse_offer", args=[world.own_project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, OFFER)
    assert response.status_code == 302
    offer = ReuseOffer.objects.get(project=world.own_project)
    assert str(offer.cost_eur) == "12000.50" and offer.contact == "Digitalisierung Senden"
    page = client.get(reverse("staff:project_detail", args=[world.own_project.pk]))
    assert "Früher mit dem Personalrat sprechen" in page.content.decode()


def test_bad_input_is_answered_in_german_and_saves_nothing(client, world, login):
    login("officer")
    url = reverse("staff:reuse_offer", args=[world.own_project.pk])
    response = client.post(url, {**OFFER, "built": "", "cost_eur": "-5", "contact_email": "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bitte beschreiben Sie, was entstanden ist." in body
    assert "Die Kosten können nicht negativ sein." in body
    assert not ReuseOffer.objects.exists()


@pytest.mark.parametrize("role", ["reader", "foreign_coordinator"])
def test_who_does_not_edit_the_project_cannot_offer_it(client, world, login, role):
    login(role)
    url = reverse("staff:reuse_offer", args=[world.own_project.pk])
    assert client.post(url, OFFER).status_code == 403
    assert not ReuseOffer.objects.exists()


def test_an_officer_of_another_town_cannot_offer_a_project_without_their_town(
    client, world, other_officer
):
    client.force_login(other_officer)
    url = reverse("staff:reuse_offer", args=[world.own_project.pk])
    assert client.post(url, OFFER).status_code == 403


def test_a_project_of_another_region_is_not_found(client, world, login):
    login("coordinator")
    for name in ("staff:reuse_offer", "staff:reuse_take"):
        assert client.get(reverse(name, args=[world.foreign_project.pk])).status_code == 404


def test_another_towns_officer_joins_for_their_own_town_only(client, world, offered, other_officer):
    client.force_login(other_officer)
    url = reverse("staff:reuse_take", args=[offered.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["town"].queryset) == [world.other_town]
    # Not for a town that is not theirs (the project's own town, or none of theirs)
    refused = client.post(url, {"town": world.town.pk, "kind": "join"})
    assert refused.status_code == 200 and not Reuse.objects.exists()
    response = client.post(url, {"town": world.other_town.pk, "kind": "join"})
    assert response.status_code == 302
    assert offered.participations.filter(municipality=world.other_town).exists()
    detail = client.get(reverse("staff:project_detail", args=[offered.pk])).content.decode()
    assert "Havixbeck (beigetreten)" in detail


def test_copying_opens_the_towns_own_project_and_the_original_sees_the_reuse(
    client, world, offered, other_officer, login
):
    client.force_login(other_officer)
    response = client.post(
        reverse("staff:reuse_take", args=[offered.pk]),
        {"town": world.other_town.pk, "kind": "copy"},
    )
    record = Reuse.objects.get()
    assert response["Location"] == reverse("staff:project_detail", args=[record.copy_id])
    copy_page = client.get(response["Location"]).content.decode()
    assert "Übernommen aus" in copy_page
    login("officer")  # the original town's officer
    page = client.get(reverse("staff:project_detail", args=[offered.pk])).content.decode()
    assert "als eigenes Projekt übernommen" in page


def test_the_officer_of_the_offering_town_has_nothing_to_take(client, world, offered, login):
    login("officer")  # Senden already takes part
    url = reverse("staff:reuse_take", args=[offered.pk])
    assert client.post(url, {"town": world.other_town.pk, "kind": "join"}).status_code == 403
    assert not Reuse.objects.exists()


def test_a_project_that_is_not_offered_cannot_be_taken(client, world, login):
    login("coordinator")
    url = reverse("staff:reuse_take", args=[world.other_project.pk])
    assert client.get(url).status_code == 403


def test_withdrawing_the_offer_keeps_the_reuses(client, world, offered, other_officer, login):
    reuse.join(offered, world.other_town)
    offer = ReuseOffer.objects.get()
    client.force_login(other_officer)  # now taking part, so they edit the project too
    login("reader")
    url = reverse("staff:reuse_offer_withdraw", args=[offer.pk])
    assert client.post(url, confirm_data(offer)).status_code == 403
    login("officer")
    assert client.post(url, confirm_data(offer)).status_code == 302
    assert not ReuseOffer.objects.exists() and Reuse.objects.count() == 1


def test_the_region_list_shows_offers_with_their_reuses(client, world, offered, login):
    reuse.join(offered, world.other_town)
    login("reader")
    body = client.get(reverse("staff:reuse_list")).content.decode()
    assert world.own_project.title in body and "Havixbeck (beigetreten)" in body


def test_checklist_points_are_the_coordinations(client, world, login):
    login("officer")
    create = reverse("staff:checklist_item_create")
    point = {"phase": "idea", "text": "Bedarf", "position": 0}
    assert client.post(create, point).status_code == 403
    login("coordinator")
    bad = client.post(create, {"phase": "weltraum", "text": "", "position": "x"})
    assert bad.status_code == 200 and not ChecklistItem.objects.exists()
    assert "Bitte wählen Sie eine der Phasen." in bad.content.decode()
    assert client.post(create, point).status_code == 302
    item = ChecklistItem.objects.get()
    assert item.region == world.region
    assert client.get(reverse("staff:checklist_items")).status_code == 200


def test_ticking_off_a_point_by_who_edits_the_project(client, world, login, other_officer):
    item = ChecklistItem.objects.create(region=world.region, phase="tender", text="Vergabe")
    url = reverse("staff:project_checklist_tick", args=[world.own_project.pk, item.pk])
    client.force_login(other_officer)  # Havixbeck does not take part
    assert client.post(url, {"done": "1"}).status_code == 403
    login("officer")
    assert client.post(url, {"done": "1"}).status_code == 302
    assert client.post(url, {"done": "1"}).status_code == 302  # sent twice: one tick
    assert ChecklistTick.objects.filter(project=world.own_project).count() == 1
    page = client.get(reverse("staff:project_detail", args=[world.own_project.pk]))
    assert "alle Phasen abgeschlossen" in page.content.decode()
    foreign = reverse("staff:project_checklist_tick", args=[world.foreign_project.pk, item.pk])
    assert client.post(foreign, {"done": "1"}).status_code == 404


def test_a_copy_shares_the_originals_documents(client, world, offered, other_officer):
    from digitalagentur.testing.library import make_document

    document = make_document(world.region, title="Vertrag mit dem Betreiber", project=offered)
    record = reuse.copy_project(offered, world.other_town)
    client.force_login(other_officer)
    page = client.get(reverse("staff:project_detail", args=[record.copy_id])).content.decode()
    assert "Vertrag mit dem Betreiber" in page and "vom Original geteilt" in page
    assert document.project_id == offered.pk  # shared, not duplicated
