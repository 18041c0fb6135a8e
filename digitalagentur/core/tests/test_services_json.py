"""core.services.to_json: what the change log stores of a value."""

from digitalagentur.core.services import to_json


def test_related_ids_are_logged_in_a_stable_order():
    assert to_json({3, 1, 2}) == [1, 2, 3]
    assert to_json([5, 4]) == [4, 5]


def test_a_list_of_json_objects_keeps_its_order():
    sections = [{"key": "b", "text": "zwei"}, {"key": "a", "text": "eins"}]
    assert to_json(sections) == sections
