"""A traveller's name(s) made ready for the index: parsed, each token weighed by its rarity and
linked to its look-alikes in the vocabulary and to the names that hold them.

Everything about a token that depends only on the index (weight, look-alikes, merged postings)
is a PreparedToken, cached by the matcher until the index changes: travellers' names repeat
(family members, common names), so a flight mostly hits the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rigour._core import generic_person_names_list

from paxscreen.screening.matching import translit_corpus
from paxscreen.screening.matching.candidates import Group
from paxscreen.screening.matching.model import ScreeningQuery
from paxscreen.screening.matching.names import Kind, NameForm, NameToken, Role, parse_name
from paxscreen.screening.matching.scoring import (
    FAMILY_BOOST,
    INITIAL_WEIGHT,
    TITLE_WEIGHT,
    QueryName,
    QueryToken,
)
from paxscreen.screening.matching.text import fold_text
from paxscreen.screening.matching.tokens import TokenInfo

# Look-alikes at least this close count towards a token's frequency: MOHAMMED is as common as
# MOHAMMED + MUHAMMAD + MOHAMED together, and a typo of a common name is a common name.
FREQUENCY_SIM = 0.85
# rigour's list of generic person names (MOHAMMED, ABDUL RAHMAN, ABU ALI ...) counts as this
# share of the population when the Wikidata prior knows less.
GENERIC_NAME_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class PreparedToken:
    info: TokenInfo
    weight: float  # rarity weight (before the family-name boost)
    similar: dict[int, float]  # vocabulary id -> similarity (read only)
    group: Group | None  # names holding a look-alike as a name token, for NAME tokens
    # Names holding a look-alike as the root of a compound (REHMAN in ABDULREHMAN): there the
    # token may stand, with a neighbour, for the whole compound (BADUR REHMAN), see
    # ranking._groups. Only those names: crediting a neighbour to every name that holds
    # MOHAMMAD as a name would let MOHAMMAD alone cover DOST MOHAMMAD.
    root_group: Group | None = None


Prepare = Callable[[NameToken], PreparedToken]


@lru_cache(maxsize=1)
def _generic_tokens() -> frozenset[str]:
    return frozenset(fold_text(n) for n in generic_person_names_list() if " " not in n.strip())


def population_share(text: str) -> float:
    share = translit_corpus.load().population_share.get(text, 0.0)
    return max(share, GENERIC_NAME_SHARE) if text in _generic_tokens() else share


def fixed_weight(kind: int) -> float | None:
    """Titles and initials weigh the same whatever they are."""
    if kind == Kind.TITLE:
        return TITLE_WEIGHT
    if kind == Kind.INITIAL:
        return INITIAL_WEIGHT
    return None


def query_forms(query: ScreeningQuery) -> list[NameForm]:
    """The traveller's name as parsed: from surname and given names when given (they carry
    roles), and from the full name when it says something else."""
    forms: list[NameForm] = []
    if query.surname or query.given_names:
        forms.append(parse_name(None, query.given_names, query.surname))
    if query.full_name:
        form = parse_name(query.full_name)
        if not forms or [t.text for t in form.tokens] != [t.text for t in forms[0].tokens]:
            forms.append(form)
    return [f for f in forms if f.scored]


def prepare(form: NameForm, prepared: Prepare) -> tuple[QueryName, list[PreparedToken]]:
    """QueryName for one parsed name (scored tokens with weights and look-alikes, links
    re-indexed to the scored tokens) and each scored token's prepared form."""
    scored = form.scored
    position = {index: n for n, index in enumerate(scored)}
    tokens, groups = [], []
    for index in scored:
        token = form.tokens[index]
        ready = prepared(token)
        weight = ready.weight * (FAMILY_BOOST if token.role == Role.FAMILY else 1.0)
        if token.kind != Kind.NAME:
            weight = ready.weight
        tokens.append(
            QueryToken(ready.info, token.kind, token.role, weight, token.original, ready.similar)
        )
        groups.append(ready)
    links = tuple(
        (position[son], position[father])
        for son, father in form.links
        if son in position and father in position
    )
    ordered = bool(links) or any(t.role != Role.UNKNOWN for t in form.tokens)
    return QueryName(tuple(tokens), links, ordered), groups
