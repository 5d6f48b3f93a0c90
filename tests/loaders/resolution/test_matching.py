"""The matching rule, one test a rule, on small hand-written records; then the same rules on
entries of the real list excerpts (the matching cuts of ../shared/data, skipped without them
except in CI). How well the rule does on whole lists is measured by benchmarks/matching.py.
"""

from __future__ import annotations

import dataclasses
import os

import pytest

from csn.graph.model import Node
from csn.loaders.lists.ofac import read_ofac
from csn.loaders.lists.un import read_un
from csn.loaders.resolution.blocking import Matcher
from csn.loaders.resolution.countries import country_code
from csn.loaders.resolution.identifiers import Document, documents, kind_of, number_of, shared
from csn.loaders.resolution.matching import Evidence, birth_dates, compare
from csn.loaders.resolution.merging import merge
from tests.conftest import SHARED_DATA
from tests.loaders.resolution.test_merging import edition


def person(node_id: str, name: str, **properties) -> Node:
    return Node(node_id, "Person", name, properties)


def verdict(a: Node, b: Node) -> str | None:
    evidence = compare(a, b)
    return evidence.verdict if evidence is not None else None


def found(known: list[Node], entries: list[Node]) -> dict[tuple[str, str], Evidence]:
    """What the look-ups find: the pairs compared that are not `apart`, with their evidence."""
    return {(c.a.id, c.b.id): c.evidence for c in Matcher(known).candidates(entries)}


# --- names --------------------------------------------------------------------------------


def test_a_name_alone_never_merges():
    a, b = person("a", "PEREZ, Juan Carlos"), person("b", "Juan Carlos Pérez")
    assert (compare(a, b).names, verdict(a, b)) == ("same words", "candidate")


def test_the_same_words_and_the_same_full_birth_date_merge():
    a = person("a", "KATANGA, Germain", birth_dates=["1978-04-28"])
    b = person("b", "GERMAIN KATANGA", birth_dates=["1978-04-28"])
    assert verdict(a, b) == "same"


def test_a_common_name_without_a_full_date_in_common_stays_a_candidate():
    kim = person("a", "KIM, Yong Chol", birth_dates=["1962"])
    namesake = person("b", "KIM YONG CHOL", birth_dates=["1962-02-18"])
    undated = person("c", "Kim Yong-Chol")
    assert verdict(kim, namesake) == "candidate"
    assert verdict(namesake, undated) == "candidate"
    first = edition("2026-01-01", [("1", "KIM, Yong Chol", {"birth_dates": ["1962"]})], "list-a")
    second = edition("2026-01-01", [("2", "KIM YONG CHOL", {"birth_dates": ["1962-02-18"]})], "list-b")
    _, report = merge([], [first, second], [])
    assert report.merged_into == {}
    assert [c.pair for c in report.pending] == [("list-a-1", "list-b-2")]


def test_one_word_names_never_merge_automatically():
    a = person("a", "LOPEZ", birth_dates=["1970-01-02"])
    b = person("b", "López", birth_dates=["1970-01-02"])
    assert (compare(a, b).names, verdict(a, b)) == ("one word", "candidate")


def test_particles_do_not_keep_a_pair_from_being_proposed():
    a, b = person("a", "Maria de Lopez"), person("b", "LOPEZ, Maria")
    assert compare(a, b).names == "same words"
    assert found([a], [b])[("a", "b")].verdict == "candidate"


def test_a_name_within_a_longer_one_is_proposed_not_merged():
    a = person("a", "MILAD, Abd al-Rahman", birth_dates=["1986-07-27"])
    b = person("b", "Abd Al-Rahman SALIM IBRAHIM AL-MILAD", birth_dates=["1986-07-27"])
    assert (compare(a, b).names, verdict(a, b)) == ("words within", "candidate")
    assert found([a], [b])[("a", "b")].verdict == "candidate"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ABD-AL-TAWWAB MULLAH HUWAYSH", "HUWAYSH, Abd-al-Tawab Mullah"),  # spelt differently
        ("Mohammed Ahmed Hassan", "Muhammad Ahmad Hasan"),  # every part only sounds the same
    ],
)
def test_a_transliteration_variant_is_proposed_not_merged(first, second):
    a = person("a", first, birth_dates=["1942-03-14"])
    b = person("b", second, birth_dates=["1942-03-14"])
    assert (compare(a, b).names, verdict(a, b)) == ("similar", "candidate")
    assert ("a", "b") in found([a], [b])


def test_names_that_differ_in_one_given_name_are_not_the_same_words():
    jamal = person("a", "JAMAL MUSTAFA ABDALLAH SULTAN AL-TIKRITI", birth_dates=["1955-05-04"])
    kamal = person("b", "AL-TIKRITI, Kamal Mustafa Sultan Abdallah", birth_dates=["1955-05-04"])
    assert verdict(jamal, kamal) == "candidate"


def test_names_that_differ_in_a_telling_part_are_not_similar():
    sister = person("a", "SAJA BARZAN IBRAHIM HASAN AL-TIKRITI")
    assert compare(sister, person("b", "NOOR BARZAN IBRAHIM HASAN AL-TIKRITI")) is None
    lobos = Node("c", "CriminalGroup", "Los Lobos Drug Trafficking Organization")
    assert compare(lobos, Node("d", "CriminalGroup", "LOS CUINIS DRUG TRAFFICKING ORGANIZATION")) is None


def test_initials_are_kept_so_different_initials_do_not_match():
    def company(node_id: str, name: str) -> Node:
        return Node(node_id, "Company", name)

    awa, tmg = company("a", "A.W.A. ENGINEERING"), company("b", "T.M.G. ENGINEERING")
    assert compare(awa, tmg) is None
    assert found([awa], [tmg]) == {}
    assert verdict(awa, company("c", "A.W.A. Engineering")) == "candidate"  # a name alone: proposed


def test_organisations_sharing_only_generic_words_do_not_match():
    a = Node("a", "Company", "KOREA TANGUN TRADING CORPORATION")
    b = Node("b", "Company", "KOREA HYOKSIN TRADING CORPORATION")
    assert compare(a, b) is None


def test_people_and_organisations_are_never_compared():
    assert compare(person("a", "AL-BASHAIR TRADING"), Node("b", "Company", "AL-BASHAIR TRADING")) is None


def test_an_organisation_s_names_are_read_as_an_organisation_s():
    # read as a person's, international and intl, corporation and corp. would not agree
    a = Node("a", "Company", "ALPHA BETA TRADING INTERNATIONAL CORPORATION")
    b = Node("b", "Company", "ALPHA BETA TRADING INTL CORP.", {"aliases": ["Gamma"]})
    assert compare(a, b) == Evidence(
        "same words", "unknown", "unknown", (), 0.96, (a.name, "ALPHA BETA TRADING INTL CORP.")
    )


def test_the_evidence_names_the_two_names_that_match_and_how_well():
    a = person("a", "Zed Omar", aliases=["Mohammed Katanga"], birth_dates=["1970-01-02"])
    b = person("b", "Mohamed Katanga", birth_dates=["1970-01-02"], nationalities=["Aland"])
    evidence = compare(a, b)
    assert evidence == Evidence(
        "same words", "agree", "unknown", (), 0.94, ("Mohammed Katanga", "Mohamed Katanga")
    )
    assert evidence.summary() == (
        "names: same words (0.94: 'Mohammed Katanga' / 'Mohamed Katanga'); "
        "birth dates: agree; nationalities: unknown"
    )
    c = person("c", "Reza KARIMI", identifiers=["Passport: D08531177 (Iran)", "National ID: 1234567"])
    d = person(
        "d",
        "HOSSEINI, Ali",
        identifiers=["Passport: D08531177", "Personal ID: 1234567"],
        birth_dates=["1970"],
    )
    documented = compare(c, d)
    assert documented == Evidence(
        "different", "unknown", "unknown", ("National ID: 1234567", "Passport: D08531177 (Iran)")
    )
    assert (documented.name_score, documented.matched_names) == (0.0, ("", ""))
    assert documented.summary() == (
        "names: different; birth dates: unknown; nationalities: unknown; "
        "shared identifiers: National ID: 1234567, Passport: D08531177 (Iran)"
    )


@pytest.mark.parametrize(
    ("evidence", "strength"),
    [
        (Evidence("same words", "agree", "agree", ("Passport: 1234567",)), 110),
        (Evidence("different", "unknown", "unknown", ("Passport: 1234567",)), 100),
        (Evidence("words within", "same year", "unknown", ()), 4),
        (Evidence("one word", "close", "agree", ()), 2),
        (Evidence("similar", "disagree", "disagree", ()), -6),
    ],
)
def test_a_review_ranks_a_document_first_then_names_dates_and_nationalities(evidence, strength):
    assert evidence.strength == strength


# --- countries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "code"),
    [
        ("Korea, North", "Democratic People's Republic of Korea", "kp"),
        ("Congo, Democratic Republic of the", "Democratic Republic of the Congo", "cd"),
        ("Iran (Islamic Republic of)", "Iran", "ir"),
        ("ve", "Venezuela", "ve"),
    ],
)
def test_a_country_written_two_ways_is_one_code(one, other, code):
    assert country_code(one) == country_code(other) == code


def test_a_country_written_two_ways_agrees_and_lets_the_pair_merge():
    a = person("a", "PAK, Mun Il", birth_dates=["1965-01-01"], nationalities=["Korea, North"])
    b = person(
        "b", "PAK MUN IL", birth_dates=["1965-01-01"], nationalities=["Democratic People's Republic of Korea"]
    )
    assert (compare(a, b).nationalities, verdict(a, b)) == ("agree", "same")


def test_a_nationality_disagreement_keeps_two_people_apart():
    a = person("a", "GARCIA, Jose Luis", birth_dates=["1970-05-01"], nationalities=["Venezuela"])
    b = person("b", "José Luis García", birth_dates=["1970-05-01"], nationalities=["Colombia"])
    assert (compare(a, b).nationalities, verdict(a, b)) == ("disagree", "apart")
    assert found([a], [b]) == {}  # not even proposed


def test_a_value_that_names_no_country_is_left_out_not_a_disagreement():
    a = person("a", "GARCIA, Jose Luis", nationalities=["unknown"])
    b = person("b", "José Luis García", nationalities=["Colombia"])
    assert compare(a, b).nationalities == "unknown"


# --- birth dates --------------------------------------------------------------------------


def test_a_birth_year_that_holds_the_full_date_is_a_candidate_not_a_merge():
    a = person("a", "RI, Je-Son", birth_dates=["1935"])
    b = person("b", "RI JE-SON", birth_dates=["1935-02-01"])
    assert (compare(a, b).birth_dates, verdict(a, b)) == ("same year", "candidate")


@pytest.mark.parametrize(("one", "other"), [("1969-11-08", "1969-11-07"), ("1988-07-05", "1988-05-07")])
def test_dates_a_day_apart_or_with_day_and_month_swapped_make_a_candidate(one, other):
    a = person("a", "HAN, Jang Su", birth_dates=[one])
    b = person("b", "HAN JANG SU", birth_dates=[other])
    assert (compare(a, b).birth_dates, verdict(a, b)) == ("close", "candidate")
    assert ("a", "b") in found([a], [b])


def test_birth_dates_that_disagree_keep_two_people_apart():
    a = person("a", "PEREZ, Juan Carlos", birth_dates=["1960-05-01"])
    b = person("b", "Juan Carlos Pérez", birth_dates=["1981-09-30"])
    assert verdict(a, b) == "apart"
    assert found([a], [b]) == {}  # not even proposed


def test_birth_dates_of_one_year_but_not_close_disagree_and_a_missing_one_is_unknown():
    assert birth_dates(["1970-01-05"], ["1970-03-09"]) == "disagree"
    assert birth_dates(["1970-02-30"], ["1970-02-31"]) == "disagree"  # not dates: never close
    assert birth_dates([], ["1970-01-05"]) == birth_dates(["1970"], []) == "unknown"
    a, b = person("a", "PEREZ, Juan Carlos", birth_dates=["1960-05-01"]), person("b", "Juan Carlos Pérez")
    assert (compare(a, b).birth_dates, verdict(a, b)) == ("unknown", "candidate")


def test_a_shared_passport_is_proposed_even_when_the_birth_dates_disagree():
    a = person("a", "SALIMI, Hosein", birth_dates=["1960-05-01"], identifiers=["Passport: D08531177"])
    b = person("b", "HOSEIN SALIMI", birth_dates=["1981-09-30"], identifiers=["Passport: D08531177"])
    assert found([a], [b])[("a", "b")].verdict == "candidate"


# --- documents ----------------------------------------------------------------------------


def test_a_shared_passport_is_found_even_when_the_names_differ():
    a = person("a", "HOSSEINI, Ali", identifiers=["Passport: D08531177 (Iran)"])
    b = person("b", "Reza KARIMI", identifiers=["Passport: D08531177 (Iran (Islamic Republic of))"])
    evidence = found([a], [b])[("a", "b")]
    assert (evidence.names, evidence.shared_identifiers) == ("different", ("Passport: D08531177 (Iran)",))
    assert evidence.verdict == "candidate"  # a document and no name in common: a person decides


def test_a_shared_passport_and_names_that_match_merge():
    a = person("a", "SALIMI, Hosein", identifiers=["Passport: D08531177 (Iran)"])
    b = person("b", "HOSEIN SALIMI", identifiers=["Passport: D08531177 (Iran (Islamic Republic of))"])
    assert verdict(a, b) == "same"


def test_documents_of_different_countries_or_kinds_are_not_shared():
    iranian = documents(["Passport: 12345678 (Iran)"])
    assert shared(iranian, documents(["Passport: 12345678 (Iraq)"])) == []
    assert shared(iranian, documents(["Tax ID No.: 12345678"])) == []
    assert shared(iranian, documents(["Passport: 12345678"])) != []  # no country: no conflict
    assert documents(["OFAC SDN: 22790", "UN: KPi.001", "Passport: 1234"]) == []  # list ids; too short


def test_a_document_is_its_kind_number_and_country_as_written():
    assert documents(["Passport: 12345", "Passport: 1234"]) == [
        Document("passport", "12345", "", "Passport: 12345")
    ]
    assert number_of("911 10 77") == number_of("911-10-77") == "9111077"
    assert (kind_of("V.A.T. Number"), kind_of("D-U-N-S Number"), kind_of("Cedula No.")) == (
        "registration", "registration", "identity"
    )  # fmt: skip
    assert kind_of("Seaman Book") == "other"


def test_a_document_of_another_kind_may_be_the_same_but_never_another_number():
    seaman, passport = documents(["Seaman Book: 1234567"]), documents(["Passport: 1234567"])
    assert shared(seaman, passport) == [(seaman[0], passport[0])]  # an unknown kind does not contradict
    assert shared(passport, documents(["Passport: 7654321"])) == []


def test_a_document_number_is_read_from_the_lists_own_wordings():
    (un,) = documents(["Passport: Libya B/002210"])
    (ofac,) = documents(["Passport: B/002210 (Libya)"])
    assert (un.number, ofac.number, ofac.country) == ("B002210", "B002210", "ly")
    assert shared([un], [ofac]) == [(un, ofac)]


# --- look-ups -----------------------------------------------------------------------------


def test_look_ups_find_pairs_by_name_parts_documents_and_dates_not_by_comparing_all():
    known = [
        person("k1", "KASHLAF, Mohammed Al Amin", birth_dates=["1985-12-02"]),
        person("k2", "DORDA, Abu Zayd Umar", identifiers=["Passport: FK117RK0 (Libya)"]),
        person("k3", "SOMEONE, Else Entirely", birth_dates=["1950-01-01"]),
    ]
    entries = [
        person("e1", "Mohammed Al Amin Al-Arabi Koshlaf", birth_dates=["1985-12-02"]),
        person("e2", "Dorda Abuzed OE", identifiers=["Passport: FK117RK0"]),
    ]
    assert set(found(known, entries)) == {("k1", "e1"), ("k2", "e2")}


# --- on the real excerpts -----------------------------------------------------------------

needs_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir() and os.environ.get("CI") != "true", reason="the real list excerpts are not here"
)


@pytest.fixture(scope="module")
def cuts():
    """The two matching cuts, read by csn's readers, their entries by id, and their merge."""
    ofac = read_ofac(SHARED_DATA / "ofac-sdn-2021-matching-dev", "2021-07-01")
    un = read_un(SHARED_DATA / "un-sc-consolidated-2026-02-27-matching-dev.xml")
    nodes = {r.id: r for listed in (ofac, un) for r in listed.records if isinstance(r, Node)}
    _, report = merge([], [ofac, un], [])
    return nodes, report


def without(node: Node, key: str) -> Node:
    return dataclasses.replace(node, properties={k: v for k, v in node.properties.items() if k != key})


def outcome(report, a: str, b: str) -> str:
    if report.node_of(a) == report.node_of(b):
        return "merged"
    pair = (a, b) if a <= b else (b, a)
    return "proposed" if any(c.pair == pair for c in report.pending) else "neither"


@needs_data
def test_real_a_country_written_two_ways_germain_katanga_is_merged(cuts):
    nodes, report = cuts
    ofac, un = nodes["ofac-sdn-11975"], nodes["un-cdi-006"]
    assert ofac.properties["nationalities"] == ["Congo, Democratic Republic of the"]
    assert un.properties["nationalities"] == ["Democratic Republic of the Congo"]
    assert outcome(report, ofac.id, un.id) == "merged"


@needs_data
def test_real_a_shared_passport_with_differing_names_is_found(cuts):
    nodes, _ = cuts
    # OFAC 24314 'DABBASHI, Ahmed' and UN LYi.023 'Ahmad Oumar Imhamad al-Fitouri', each without
    # its aliases: only passport LY53FP76 (and a national ID) joins them.
    ofac, un = (without(nodes[i], "aliases") for i in ("ofac-sdn-24314", "un-lyi-023"))
    evidence = found([ofac], [un])[(ofac.id, un.id)]
    assert evidence.names == "different"
    assert any("LY53FP76" in i for i in evidence.shared_identifiers)


@needs_data
def test_real_a_transliteration_variant_is_proposed(cuts):
    nodes, report = cuts
    assert (nodes["ofac-sdn-7861"].name, nodes["un-iqi-019"].name) == (
        "HUWAYSH, Abd-al-Tawab Mullah",
        "ABD-AL-TAWWAB MULLAH HUWAYSH",
    )
    assert outcome(report, "ofac-sdn-7861", "un-iqi-019") == "proposed"


@needs_data
def test_real_extra_name_parts_are_proposed(cuts):
    _, report = cuts
    assert outcome(report, "ofac-sdn-24312", "un-lyi-026") == "proposed"  # MILAD, Abd al-Rahman


@needs_data
def test_real_a_one_day_birth_date_difference_is_a_candidate(cuts):
    nodes, report = cuts
    # HAN Jang Su: OFAC 1969-11-08, UN 1969-11-07; their shared passport merges them, and without
    # it the dates alone would not keep them apart.
    assert outcome(report, "ofac-sdn-21749", "un-kpi-055") == "merged"
    ofac, un = (without(nodes[i], "identifiers") for i in ("ofac-sdn-21749", "un-kpi-055"))
    evidence = compare(ofac, un)
    assert (evidence.birth_dates, evidence.verdict) == ("close", "candidate")


@needs_data
def test_real_a_common_name_with_only_a_birth_year_stays_a_candidate(cuts):
    nodes, report = cuts
    # RI, Je-Son on both lists, born in 1938 on both: the same words, but no full date in common
    assert nodes["ofac-sdn-12216"].properties["birth_dates"] == ["1938"]
    assert nodes["un-kpi-002"].properties["birth_dates"] == ["1938"]
    assert outcome(report, "ofac-sdn-12216", "un-kpi-002") == "proposed"


@needs_data
def test_real_a_brother_with_the_same_alternative_birth_date_is_not_merged(cuts):
    _, report = cuts
    # UN IQi.022 is Jamal Mustafa Abdallah Sultan al-Tikriti (OFAC 7864), not his brother Kamal
    # (OFAC 7852), who gives Jamal's birth date as an alternative.
    assert outcome(report, "ofac-sdn-7864", "un-iqi-022") == "merged"
    assert outcome(report, "ofac-sdn-7852", "un-iqi-022") == "proposed"
