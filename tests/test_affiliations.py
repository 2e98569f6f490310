"""Affiliation chains: one rule for every caller, and linear time on long chains."""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from conftest import MINI_TEXT, mini_annotation_dict
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.affiliations import affiliation_chain, affiliation_root, affiliation_roots, looping, parent_of, rolled_up
from analysis.annotations import annotation_from_dict
from analysis.errors import AnnotationError
from analysis.frames import build_frames

LONG = 5000


def actors_of(parents: dict[str, str | None]) -> dict[str, SimpleNamespace]:
    """Actor-like records from an id -> affiliation map."""
    return {a: SimpleNamespace(affiliation=p) for a, p in parents.items()}


def chain_dict(length: int) -> dict:
    """The mini annotation with `length` more persons, each belonging to the one before, the first to Israel."""
    data = mini_annotation_dict()
    data["actors"] += [{"id": f"p{i}", "name": f"P{i}", "type": "person",
                        "affiliation": f"p{i - 1}" if i else "israel"} for i in range(length)]
    return data


def test_chain_stops_at_the_top_at_an_unknown_id_and_before_a_loop_closes() -> None:
    actors = actors_of({"kirby": "nsc", "nsc": "us", "us": None, "stray": "nowhere", "a": "b", "b": "a"})
    assert affiliation_chain("kirby", actors) == ["kirby", "nsc", "us"]
    assert affiliation_chain("stray", actors) == ["stray"]
    assert affiliation_chain("a", actors) == ["a", "b"]
    assert affiliation_chain("ghost", actors) == [] and affiliation_chain(None, actors) == []
    assert affiliation_root("kirby", actors) == "us" and affiliation_root("ghost", actors) == "ghost"
    assert looping(actors) == ["a", "b"]


# Ids drawn from a small pool so that chains, shared parents, loops and unknown ids all occur.
IDS = st.sampled_from([f"x{i}" for i in range(12)])
PARENT_MAPS = st.dictionaries(IDS, st.one_of(st.none(), IDS, st.just("unknown")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(PARENT_MAPS, st.dictionaries(IDS, st.integers(0, 5)))
@example({"x0": "x1", "x1": "x2", "x2": "x0", "x3": "x1", "x4": "x3", "x5": None}, {"x4": 2, "x0": 1, "x5": 7})
def test_bulk_answers_equal_walking_each_chain(parents, counts) -> None:
    actors = actors_of(parents)
    chains = {a: affiliation_chain(a, actors) for a in actors}
    assert affiliation_roots(actors) == {a: chain[-1] for a, chain in chains.items()}
    expected: Counter[str] = Counter({a: 0 for a in actors})
    for actor, chain in chains.items():
        for above in chain:
            expected[above] += counts.get(actor, 0)
    assert rolled_up(counts, actors) == expected
    assert looping(actors) == [a for a, chain in chains.items() if parent_of(chain[-1], actors) is not None]


def test_a_5000_long_chain_rolls_up_to_its_top() -> None:
    actors = actors_of({f"p{i}": f"p{i - 1}" if i else None for i in range(LONG)})
    roots = affiliation_roots(actors)
    assert set(roots.values()) == {"p0"}
    rolled = rolled_up({a: 1 for a in actors}, actors)
    assert rolled["p0"] == LONG and rolled[f"p{LONG - 1}"] == 1 and rolled["p100"] == LONG - 100
    assert len(affiliation_chain(f"p{LONG - 1}", actors)) == LONG


def test_a_5000_long_chain_loads_and_tabulates(mini_article) -> None:
    ann = annotation_from_dict(chain_dict(LONG), MINI_TEXT, "chain.gold.json")
    frames = build_frames(mini_article, ann)
    people = frames["actors"][frames["actors"]["actor_id"].str.startswith("p")]
    assert len(people) == LONG and set(people["root_actor"]) == {"israel"}
    per = frames["mentions_per_actor"].set_index("actor_id")
    assert per.loc["israel", "rolled_up_mentions"] == 3


def test_a_loop_in_a_long_chain_is_reported_for_each_actor_on_it() -> None:
    data = chain_dict(LONG)
    data["actors"][-LONG]["affiliation"] = f"p{LONG - 1}"
    with pytest.raises(AnnotationError) as caught:
        annotation_from_dict(data, MINI_TEXT, "chain.gold.json")
    problems = caught.value.problems
    assert len(problems) == LONG and all("loops back on itself" in p for p in problems)
    assert problems[0].startswith("actors 'p0'")
