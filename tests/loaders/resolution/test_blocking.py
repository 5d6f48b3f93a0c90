"""Which known entities an entry is compared with (csn.loaders.resolution.blocking), on hand-written
records: the pairs the look-ups find are those `Matcher.candidates` returns (the pairs compared
whose verdict is not `apart`), so each test shows a pair found, or missed, by one kind of key.
"""

from __future__ import annotations

from csn.graph.model import Node
from csn.loaders.resolution.blocking import COMMON_PART, TOO_COMMON, Matcher, _part_keys


def person(node_id: str, name: str, **properties) -> Node:
    return Node(node_id, "Person", name, properties)


def found(known: list[Node], entries: list[Node]) -> set[tuple[str, str]]:
    return {(c.a.id, c.b.id) for c in Matcher(known).candidates(entries)}


def fillers(count: int, name: str = "Mohammed Ali") -> list[Node]:
    """`count` known people whose names all hold the words of `name`, and one of their own."""
    return [person(f"filler-{n}", f"{name} Fillerman{n}") for n in range(count)]


def test_names_that_share_two_parts_only_by_their_sound_are_found():
    assert found([person("a", "SOLEIMANI, Qasem")], [person("b", "Qassem Soleymani")]) == {("a", "b")}
    # a sound of two letters is a key too (Aly and Ali: AL; Hasan and Hussain: HSN)
    assert found([person("a", "Aly Hasan")], [person("b", "Ali Hussain")]) == {("a", "b")}


def test_words_of_two_letters_are_keys():
    # Ri is a second part in common (Un and Eun are not the same word)
    assert found([person("a", "Ri Un Song")], [person("b", "Ri Eun Song")]) == {("a", "b")}


def test_every_word_of_two_letters_or_more_is_a_key_as_written_and_as_it_sounds():
    initials = frozenset("abcdefghij")
    assert _part_keys([initials | {"ri", "song"}, frozenset({"aly"})]) == {
        "ri": {"w:ri"},  # its sound (R) is too short to be a key
        "song": {"w:song", "s:SNK"},
        "aly": {"w:aly", "s:AL"},
    }


def test_apostrophes_are_dropped_before_names_are_split_into_words():
    for written in ("CH'OE, So'k-min", "CH\u2019OE, So\u2019k-min"):
        assert found([person("a", written)], [person("b", "CHOE SOK MIN")]) == {("a", "b")}


def test_parts_held_by_many_known_entities_find_no_one_alone_but_a_date_or_a_whole_name_does():
    # mohammed and ali are held by more than COMMON_PART known people: two people sharing
    # only those are compared when a full birth date or their whole name (particles left
    # out) brings them together
    known = [
        *fillers(COMMON_PART),
        person("dated", "Ali Mohammed Hassan", birth_dates=["1970-01-01"]),
        person("named", "Mohammed Ali"),
    ]
    entries = [
        person("e1", "Mohammed Ali", birth_dates=["1970-01-01", "1970"]),
        person("e2", "Ali al-Mohammed"),
    ]
    assert found(known, entries) == {("dated", "e1"), ("named", "e1"), ("named", "e2")}


def test_parts_held_by_common_part_known_entities_are_not_yet_common():
    known = [
        *fillers(COMMON_PART - 2),
        person("dated", "Ali Mohammed Hassan"),
        person("named", "Mohammed Ali"),
    ]
    assert len(found(known, [person("e", "Mohammed Ali")])) == COMMON_PART


def test_a_part_held_by_too_many_known_entities_is_not_looked_up_at_all():
    # karimov is rare; mohammed counts as a second part in common up to TOO_COMMON holders
    target = person("target", "Mohammed Karimov Zed")
    entry = person("e", "Karimov Mohammed")
    assert found([*fillers(TOO_COMMON - 1, "Mohammed"), target], [entry]) == {("target", "e")}
    assert found([*fillers(TOO_COMMON, "Mohammed"), target], [entry]) == set()


def test_an_entry_is_compared_with_known_entities_of_its_kind_only_and_never_with_itself():
    known = [
        Node("company", "Company", "AL-BASHAIR TRADING"),
        person("namesake", "AL BASHAIR TRADING"),
        person("e", "AL-BASHAIR TRADING"),
    ]
    assert found(known, [person("e", "AL-BASHAIR TRADING")]) == {("namesake", "e")}
