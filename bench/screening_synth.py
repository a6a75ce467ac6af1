"""A synthetic watchlist of any size, made of real name tokens, with the UN list inside it.

Recipe (deterministic for a seed):
- The UN Consolidated List (2026-02-27) goes in as it is: 1,003 entries.
- 70 % "population" persons: a yente negative row (global + US, 100,000 rows in 9 scripts) is
  drawn as a template; the first name comes from a random row of the same nationality, script
  and gender, the family name from another row of the same nationality and script, and 40 %
  get a middle name the same way. Drawing rows (not distinct tokens) keeps real frequencies:
  MICHAEL and 김 are as common here as among the yente travellers.
- 30 % "UN-like" persons: a UN primary name of 2+ tokens is the template; each token is
  replaced by a token drawn from the UN names' tokens at the same position (first, middle,
  last), keeping particles (AL-, BIN). These are the hard distractors: Arabic, Afghan and
  Korean names that share tokens with real listed people.
- Aliases: 35 % of entries get 1 to 3: a spelling variant (MOHAMMED/MUHAMMAD ..., a table of
  15 families), the family name first, or the middle name dropped; 8 % get the name in Arabic
  or Cyrillic script, token by token through the Wikidata renderings (names/wikidata_translit),
  where every token has one.
- Dates of birth: 55 % a day, 25 % a year, 5 % a 2-3 year range, 5 % approximate, 10 % none;
  years normal around 1975 (sd 15), 1930-2008. Nationality: the template's (alpha-3), 10 % a
  second one. Gender: the template's. 20 % hold a passport (2 letters + 7 digits, issued by the
  nationality).
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from bench.screening_accuracy import (
    CORPUS,
    NEGATIVE_FILES,
    UN_2026,
    UN_LIST_ID,
    YENTE,
    Row,
    entry_uuid,
    read_rows,
)
from bench.screening_un_list import country_alpha3, read_list
from paxscreen.normalise.canonical_watchlist import (
    BirthDate,
    EntityType,
    ListDocument,
    ListEntry,
    ListName,
    NameQuality,
)

VARIANT_FAMILIES = [
    ["MOHAMMED", "MUHAMMAD", "MOHAMED", "MOHAMMAD", "MUHAMMED", "MOHAMAD"],
    ["YUSUF", "YOUSEF", "YOUSSEF", "YUSEF", "YOUSIF"],
    ["AHMED", "AHMAD"],
    ["HUSSEIN", "HUSAIN", "HUSSAIN", "HOSEIN"],
    ["HASSAN", "HASAN"],
    ["OMAR", "UMAR"],
    ["OSAMA", "USAMA"],
    ["ABDULLAH", "ABDALLAH"],
    ["KHALID", "KHALED"],
    ["ALI", "ALY"],
    ["IBRAHIM", "EBRAHIM"],
    ["MUSTAFA", "MOUSTAFA", "MOSTAFA"],
    ["MAHMOUD", "MAHMUD", "MEHMOOD"],
    ["SAID", "SAEED", "SAYED"],
    ["SALIM", "SALEEM", "SALEM"],
]
PARTICLES = {"AL", "EL", "BIN", "BEN", "IBN", "ABU", "ABD", "BINT", "OULD"}
SHARES = {"population": 0.70}
ALIAS_SHARE, SCRIPT_ALIAS_SHARE, DOCUMENT_SHARE = 0.35, 0.08, 0.20


M = TypeVar("M", bound=BaseModel)


def built(cls: type[M], **values: object) -> M:
    """A pydantic model from trusted values, every field given: no validation and no default
    handling (a million entries; model_construct costs about four times as much)."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _name(full: str, primary: bool) -> ListName:
    return built(
        ListName,
        full=full,
        parts=(),
        given=None,
        family=None,
        quality=NameQuality.STRONG,
        script="Latin",
        primary=primary,
    )


def _birth(precision: str, earliest: date, latest: date) -> BirthDate:
    return built(BirthDate, precision=precision, earliest=earliest, latest=latest, text=None)


def _renderings(name: str) -> dict[str, str]:
    """Latin token -> its most frequent rendering in one wikidata_translit file."""
    best: dict[str, tuple[int, str]] = {}
    path = CORPUS / "names" / "wikidata_translit" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        latin, target, count = line.split("\t")
        key = latin.upper()
        if int(count) > best.get(key, (0, ""))[0]:
            best[key] = (int(count), target.replace(" ", ""))
    return {k: v for k, (_, v) in best.items()}


class Synthesiser:
    def __init__(self, seed: int = 2396) -> None:
        self.random = random.Random(seed)
        entries, _ = read_list(UN_2026)
        self.un_entries = entries
        self.rows = [row for name in NEGATIVE_FILES for row in read_rows(YENTE / name)]
        self.by_nationality: dict[tuple[str, bool], list[Row]] = defaultdict(list)
        self.by_gender: dict[tuple[str, bool, str], list[Row]] = defaultdict(list)
        for row in self.rows:
            latin = row.full_name.isascii()
            self.by_nationality[(row.nationality, latin)].append(row)
            self.by_gender[(row.nationality, latin, row.gender)].append(row)
        self.positions: dict[str, list[str]] = defaultdict(list)
        for entry in entries:
            if entry.entity_type != EntityType.PERSON:
                continue
            words = next(n for n in entry.names if n.primary).full.split()
            if len(words) < 2:
                continue
            self.positions["first"].append(words[0])
            self.positions["last"].append(words[-1])
            self.positions["middle"].extend(words[1:-1])
        self.templates = [
            next(n for n in e.names if n.primary).full.split()
            for e in entries
            if e.entity_type == EntityType.PERSON
            and len(next(n for n in e.names if n.primary).full.split()) >= 2
        ]
        self.variants = {v: family for family in VARIANT_FAMILIES for v in family}
        self.scripts = {
            "Arabic": _renderings("wd_arabic_20"),
            "Cyrillic": _renderings("wd_russian_20"),
        }

    def _population(self) -> tuple[list[str], str | None, str]:
        r = self.random
        template = r.choice(self.rows)
        latin = template.full_name.isascii()
        same = self.by_nationality[(template.nationality, latin)]
        same_gender = self.by_gender[(template.nationality, latin, template.gender)]
        first = r.choice(same_gender).first or template.first
        last = r.choice(same).last or template.last
        words = [first]
        if r.random() < 0.4:
            middle = r.choice(same_gender).middle or r.choice(same_gender).first
            if middle:
                words.append(middle)
        words.append(last)
        gender = {"male": "M", "female": "F"}.get(template.gender)
        return [w for w in words if w], gender, template.nationality

    def _un_like(self) -> list[str]:
        r = self.random
        words = []
        template = r.choice(self.templates)
        for i, word in enumerate(template):
            if word.upper() in PARTICLES:
                words.append(word)
                continue
            position = "first" if i == 0 else ("last" if i == len(template) - 1 else "middle")
            words.append(r.choice(self.positions[position] or self.positions["first"]))
        return words

    def _aliases(self, words: list[str]) -> list[str]:
        r = self.random
        out = []
        for _ in range(r.randint(1, 3)):
            choice = r.random()
            varied = [w for w in words if w.upper() in self.variants]
            if choice < 0.5 and varied:
                pick = r.choice(varied)
                other = r.choice(self.variants[pick.upper()])
                out.append(" ".join(other if w == pick else w for w in words))
            elif choice < 0.75 and len(words) >= 2:
                out.append(" ".join([words[-1], *words[:-1]]))
            elif len(words) >= 3:
                out.append(" ".join([words[0], words[-1]]))
        return out

    def _script_alias(self, words: list[str]) -> str | None:
        table = self.scripts["Arabic" if self.random.random() < 0.6 else "Cyrillic"]
        rendered = [table.get(w.upper()) for w in words]
        if all(rendered):
            return " ".join(t for t in rendered if t)
        return None

    def _birth(self) -> tuple[BirthDate, ...]:
        r = self.random
        year = min(2008, max(1930, round(r.gauss(1975, 15))))
        kind = r.random()
        if kind < 0.55:
            day = date(year, 1, 1) + timedelta(days=r.randrange(365))
            return (_birth("day", day, day),)
        if kind < 0.80:
            return (_birth("year", date(year, 1, 1), date(year, 12, 31)),)
        if kind < 0.85:
            last = year + r.randint(1, 2)
            return (_birth("range", date(year, 1, 1), date(last, 12, 31)),)
        if kind < 0.90:
            return (_birth("approximate", date(year, 1, 1), date(year, 12, 31)),)
        return ()

    def entry(self, number: int) -> ListEntry:
        r = self.random
        if r.random() < SHARES["population"]:
            words, gender, country = self._population()
        else:
            words, gender, country = self._un_like(), r.choice(["M", "M", "M", "F"]), "Iraq"
        full = " ".join(words)
        names = [_name(full, True)]
        if r.random() < ALIAS_SHARE:
            names += [_name(a, False) for a in self._aliases(words)]
        if r.random() < SCRIPT_ALIAS_SHARE:
            rendered = self._script_alias(words)
            if rendered:
                names.append(_name(rendered, False))
        nationality = country_alpha3(country) if country else None
        nationalities = tuple(n for n in (nationality,) if n)
        if r.random() < 0.1:
            nationalities += (r.choice(["USA", "GBR", "FRA", "DEU", "PAK", "IRQ", "SYR"]),)
        documents: tuple[ListDocument, ...] = ()
        if r.random() < DOCUMENT_SHARE:
            number_text = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
            number_text += f"{r.randrange(10_000_000):07d}"
            documents = (
                built(
                    ListDocument,
                    type="Passport",
                    number=number_text,
                    issuing_state=nationality,
                    note=None,
                ),
            )
        return built(
            ListEntry,
            reference=f"SYN-{number}",
            entity_type=EntityType.PERSON,
            names=tuple(names),
            gender=gender,
            dates_of_birth=self._birth(),
            places_of_birth=(),
            nationalities=nationalities,
            documents=documents,
            listed_on=None,
            source="synthetic",
            remarks=None,
            external_id=None,
        )

    def items(self, size: int) -> Iterator[tuple[uuid.UUID, uuid.UUID, ListEntry]]:
        """``size`` entries: the UN list, then synthetic ones."""
        for entry in self.un_entries:
            yield UN_LIST_ID, entry_uuid(entry.reference), entry
        for number in range(size - len(self.un_entries)):
            yield UN_LIST_ID, uuid.UUID(int=self.random.getrandbits(128)), self.entry(number)


def describe() -> str:
    return f"synthetic list from {Path(YENTE).name} + {UN_2026.name}"
