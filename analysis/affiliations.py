"""Affiliation chains: which actor each actor belongs to, up to the state or group at the top.

An actor names the actor it belongs to by id (`affiliation`: Kirby -> NSC -> United States).
The one rule used everywhere (annotation checks, tables, the annotator's gazetteer): a chain
follows `affiliation` from actor to actor, stops at an actor that belongs to no known actor,
and stops before it would visit an actor twice (a loop, which the loader refuses but a record
made in code may hold).  Every function walks each link a bounded number of times, so a
chain of thousands of actors costs thousands of steps, not millions.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Protocol


class Affiliated(Protocol):
    """Anything with the id of the actor it belongs to (an annotation or gazetteer actor)."""

    affiliation: str | None


Actors = Mapping[str, Affiliated]


def parent_of(actor_id: str, actors: Actors) -> str | None:
    """The known actor that `actor_id` belongs to, one step up (None at the top or for an unknown id)."""
    actor = actors.get(actor_id)
    parent = actor.affiliation if actor is not None else None
    return parent if isinstance(parent, str) and parent in actors else None


def affiliation_chain(actor_id: str | None, actors: Actors) -> list[str]:
    """The actor and every actor above it, bottom first; empty for an id that is not a known actor."""
    if actor_id is None or actor_id not in actors:
        return []
    chain, seen = [actor_id], {actor_id}
    while (parent := parent_of(chain[-1], actors)) is not None and parent not in seen:
        chain.append(parent)
        seen.add(parent)
    return chain


def affiliation_root(actor_id: str | None, actors: Actors) -> str | None:
    """The id at the top of an actor's chain: itself when it belongs to no one, unchanged when unknown."""
    chain = affiliation_chain(actor_id, actors)
    return chain[-1] if chain else actor_id


def _peel(actors: Actors) -> tuple[list[str], list[list[str]]]:
    """The actors on no loop, each after every actor below it; and every loop, in chain order."""
    children: Counter[str] = Counter(p for a in actors if (p := parent_of(a, actors)) is not None)
    leaves = [a for a in actors if children[a] == 0]
    order: list[str] = []
    while leaves:
        actor = leaves.pop()
        order.append(actor)
        parent = parent_of(actor, actors)
        if parent is not None:
            children[parent] -= 1
            if children[parent] == 0:
                leaves.append(parent)
    loops: list[list[str]] = []
    placed = set(order)
    for actor in actors:
        if actor not in placed:
            loops.append(affiliation_chain(actor, actors))
            placed.update(loops[-1])
    return order, loops


def affiliation_roots(actors: Actors) -> dict[str, str]:
    """`affiliation_root` of every actor at once, in time linear in the number of actors."""
    roots: dict[str, str] = {}
    for loop in _peel(actors)[1]:
        for below, actor in zip(loop, loop[1:] + loop[:1]):
            roots[actor] = below
    for actor in actors:
        path = []
        node: str | None = actor
        while node is not None and node not in roots:
            path.append(node)
            node = parent_of(node, actors)
        top = roots[node] if node is not None else path[-1]
        for step in path:
            roots[step] = top
    return {actor: roots[actor] for actor in actors}


def looping(actors: Actors) -> list[str]:
    """The actors whose chain runs into a loop (those on it and those below it), in the mapping's order."""
    on_loop = {a for loop in _peel(actors)[1] for a in loop}
    return [a for a, root in affiliation_roots(actors).items() if root in on_loop]


def rolled_up(counts: Mapping[str, int], actors: Actors) -> Counter[str]:
    """Per actor, the counts of every actor whose chain passes through it (itself included), linearly.

    Equal to adding each actor's count to every actor of its `affiliation_chain`; ids that are
    not known actors are left out.
    """
    total: Counter[str] = Counter({a: counts.get(a, 0) for a in actors})
    order, loops = _peel(actors)
    for actor in order:
        if (parent := parent_of(actor, actors)) is not None:
            total[parent] += total[actor]
    for loop in loops:
        together = sum(total[a] for a in loop)
        for actor in loop:
            total[actor] = together
    return total
