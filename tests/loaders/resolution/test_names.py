"""How two entities' names compare (csn.loaders.resolution.names), rule by rule, on hand-written
names: which kind of match a pair of names makes, its score and which two names it is between.
The matching verdicts these lead to are in test_matching.py.
"""

from __future__ import annotations

import pytest

from csn.loaders.resolution.names import compare_names, name_forms


def match(a: str | list[str], b: str | list[str], person: bool = True) -> tuple | None:
    """compare_names on the names of two entities (a name, or a name and its aliases), as
    (kind, score, name of a, name of b), or None."""
    found = compare_names(
        name_forms([a] if isinstance(a, str) else a, person=person),
        name_forms([b] if isinstance(b, str) else b, person=person),
    )
    return (found.kind, found.score, found.a, found.b) if found else None


def both_ways(a: str | list[str], b: str | list[str], person: bool = True) -> tuple:
    """The match of a with b and of b with a, each as (kind, score): the rule is symmetric."""
    one, other = match(a, b, person), match(b, a, person)
    return (one and one[:2]), (other and other[:2])


# --- which names are compared ---------------------------------------------------------------


def test_each_set_of_parts_is_compared_once_under_its_first_spelling():
    forms = name_forms(["Ana Ríos", "RIOS, Ana", "", "   ", "Ana"])
    assert [f.written for f in forms] == ["Ana Ríos", "Ana"]
    assert [sorted(f.words) for f in forms] == [["ana", "rios"], ["ana"]]


def test_the_same_parts_in_any_order_are_the_same_words_at_once():
    assert match("KATANGA, Germain", "GERMAIN KATANGA") == (
        "same words",
        1.0,
        "KATANGA, Germain",
        "GERMAIN KATANGA",
    )
    # particles count only in a name of nothing else
    assert match("Osama al-Milad", "Osama Milad") == ("same words", 1.0, "Osama al-Milad", "Osama Milad")


def test_names_sharing_only_one_part_written_or_sounding_the_same_are_not_scored():
    # Aroun and Haroun neither are written nor sound the same: one part in common is too little
    assert match("Aroun Geye", "Haroun Geye") is None
    # however often the other name writes it
    assert both_ways("Ali Aghajani", "Ali Ali Agha Jani") == (None, None)
    assert both_ways("Ri Un Song", "Ri Eun Song") == (("words within", 1.0), ("words within", 1.0))


def test_a_later_name_of_an_entity_is_compared_when_an_earlier_one_is_not():
    # Omar Zed has no part of Juan Perez; Juan Zed has one only: neither is scored
    for first in ("Omar Zed", "Juan Zed"):
        assert match("Juan Perez", first) is None
        assert match("Juan Perez", [first, "Juan Carlos Perez"]) == (
            "words within", 0.98, "Juan Perez", "Juan Carlos Perez"
        )  # fmt: skip


def test_the_best_pair_of_names_is_kept_and_the_first_of_equals():
    assert match("Mohamed Aly Katanga", "Mohamed Ali Katanga")[0] == "similar"
    assert match(["Mohamed Aly Katanga", "Mohamed Ali Katanga Mutond"], "Mohamed Ali Katanga")[:3] == (
        "words within", 0.98, "Mohamed Ali Katanga Mutond"
    )  # fmt: skip
    for first, second in [("Juan Perez", "Carlos Perez"), ("Carlos Perez", "Juan Perez")]:
        assert match([first, second], "Juan Carlos Perez") == (
            "words within",
            0.98,
            first,
            "Juan Carlos Perez",
        )
    # the same words, the strongest kind, end the search: a later pair is not scored
    assert match("Germain Katanga Mutond", "Germaine Katanga Mutond")[:2] == ("same words", 0.96)
    assert match("Germain Katanga Mutond", ["Germaine Katangaa Mutond", "Germaine Katanga Mutond"]) == (
        "same words", 0.92, "Germain Katanga Mutond", "Germaine Katangaa Mutond"
    )  # fmt: skip


# --- the kinds of match ---------------------------------------------------------------------


def test_parts_spelt_nearly_the_same_are_the_same_words():
    assert match("Mohammed Katanga", "Mohamed Katanga") == (
        "same words",
        0.94,
        "Mohammed Katanga",
        "Mohamed Katanga",
    )
    assert both_ways("Katanga", "Katangaa") == (("one word", 0.88), ("one word", 0.88))


def test_a_name_of_two_parts_within_a_longer_one():
    assert match("Juan Perez", "Juan Carlos Perez Lopez") == (
        "words within", 0.98, "Juan Perez", "Juan Carlos Perez Lopez"
    )  # fmt: skip
    assert match("Juan Carlos Perez Lopez", "Juan Perez") == (
        "words within", 0.98, "Juan Carlos Perez Lopez", "Juan Perez"
    )  # fmt: skip
    # Mutond and Mutondo score AGREES exactly: they agree
    assert both_ways("MUTOND, Kalev", "MUTONDO KATANGA, Kalev") == (
        ("words within", 0.93),
        ("words within", 0.93),
    )


def test_two_parts_that_only_sound_the_same_make_a_similar_match():
    # Hasan and Hussain: rigour leaves them apart, their sound (HSN) pairs them
    assert match("Ali Hasan", "Ali Hussain") == ("similar", 0.9, "Ali Hasan", "Ali Hussain")
    assert match("Ali Hussain", "Ali Hasan") == ("similar", 0.9, "Ali Hussain", "Ali Hasan")
    # a sound of two letters is a sound (Aly and Ali, AL), and anchors a name
    assert both_ways("Aly Hassan Omar", "Ali Hassan Omar") == (("similar", 0.93), ("similar", 0.93))
    assert both_ways("Aly Hasan", "Ali Hussain") == (("similar", 0.8), ("similar", 0.8))


def test_parts_left_apart_by_their_spelling_are_paired_by_their_sound():
    # Dura and Diri (TR): too far apart to be one spelling, but they sound the same
    assert match("DURA, Abu", "DIRI, Abu") == ("similar", 0.9, "DURA, Abu", "DIRI, Abu")
    assert match("DIRI, Abu", "DURA, Abu") == ("similar", 0.9, "DIRI, Abu", "DURA, Abu")


def test_a_part_already_matched_is_not_matched_again_by_its_sound():
    assert both_ways("Ali Aly Hassan", "Ali Hassan") == (("words within", 0.97), ("words within", 0.97))
    assert both_ways("Ali Hassan", "Ali Hassan Hasan") == (("words within", 0.97), ("words within", 0.97))


def test_a_similar_match_needs_every_telling_part_of_the_shorter_name_matched():
    assert both_ways("Mohammed Ahmed Hassan Ali", "Muhammad Ahmad Hasan") == (
        ("similar", 0.82),
        ("similar", 0.82),
    )
    # the shorter has a part (Zayd) the longer lacks: however many parts agree, no match
    assert both_ways("Ali Omar Hassan Saleh Nasser Khalid", "Ali Omar Hassan Saleh Zayd") == (None, None)
    assert both_ways("ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE", "SEPAH PASDARAN AIR FORCE", False) == (
        None, None
    )  # fmt: skip


def test_names_of_as_many_parts_three_of_four_alike_are_similar():
    assert both_ways("KAVEH CUTTING TOOLS COMPANY", "KAVEH CUTTING TOOLS COMPLEX", False) == (
        ("similar", 0.75), ("similar", 0.75)
    )  # fmt: skip
    assert both_ways("KORYO GLOBAL CREDIT BANK", "KORYO GLOBAL TRUST BANK", False) == (
        ("similar", 0.75), ("similar", 0.75)
    )  # fmt: skip


def test_a_similar_match_needs_two_telling_parts_alike_on_each_side():
    # Kore is no country: only Kuryonggang tells these apart from other names, alike once
    korea, kore = "KOREA KURYONGGANG TRADING CORPORATION", "Kore Kuryonggang Trading Corporation"
    assert both_ways(korea, kore, False) == (None, None)


# --- organisations: legal forms, generic words, countries -----------------------------------


def test_generic_words_of_one_meaning_score_less_than_the_same_word():
    # trading is trading (1.0); international and intl, corporation and corp. are one symbol (0.9)
    assert match("ALPHA BETA TRADING INTERNATIONAL CORPORATION", "ALPHA BETA TRADING INTL CORP.", False) == (
        "same words", 0.96, "ALPHA BETA TRADING INTERNATIONAL CORPORATION", "ALPHA BETA TRADING INTL CORP."
    )  # fmt: skip
    assert both_ways("KOREA ANSAN SHPG CO", "KOREA ANSAN SHIPPING COMPANY", False) == (
        ("words within", 0.94), ("words within", 0.94)
    )  # fmt: skip


def test_an_organisation_name_of_generic_words_and_countries_is_within_no_other():
    assert both_ways("INTERNATIONAL CO., LTD.", "ALPHA INTERNATIONAL CO., LTD.", False) == (None, None)
    assert both_ways("IRAN TRADING CORPORATION", "IRAN ALPHA TRADING CORPORATION", False) == (None, None)
    assert both_ways("ALPHA BETA TRADING", "ALPHA BETA", False) == (
        ("words within", 0.98),
        ("words within", 0.98),
    )


@pytest.mark.parametrize("person", [True, False])
def test_names_with_nothing_in_common_do_not_match(person):
    assert match("Alpha Beta", "Gamma Delta", person) is None
