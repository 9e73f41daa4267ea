"""Entities with flagged aliases, and writing them in the format of data/lexicon/README.md."""

import re
from dataclasses import dataclass, field
from pathlib import Path

EXACT = "="
COMMON = "~"
DEMONYM = "*"
FLAG_ORDER = (EXACT, COMMON, DEMONYM)


def key(surface: str) -> str:
    """The form two names are compared in: case-folded letters and digits only, so "APT 29",
    "APT-29" and "apt29" are one name."""
    return re.sub(r"[\W_]+", "", surface.casefold())


@dataclass
class Alias:
    surface: str
    flags: str = ""

    def render(self) -> str:
        return "".join(f for f in FLAG_ORDER if f in self.flags) + self.surface

    def matcher(self) -> tuple:
        """What decides which texts the alias matches. Without `=` or `~` the loader folds case
        and only asks that a word capitalised in the alias be capitalised in the text, so
        "QakBot" and "Qakbot" match alike; with them the exact surface counts."""
        if EXACT in self.flags or COMMON in self.flags:
            return (self.surface, self.flags)
        words = self.surface.split()
        return (self.surface.casefold(), tuple(w[:1].isupper() for w in words), self.flags)


@dataclass
class Entity:
    """One line of an entity table."""

    name: str
    kind: str
    ref: str = ""
    link: str = ""
    aliases: list[Alias] = field(default_factory=list)

    def add(self, surface: str, flags: str = "") -> None:
        """Adds an alias unless the entity has one that matches the same texts already (the
        first flags win)."""
        if surface and all(a.surface != surface and a.matcher() != Alias(surface, flags).matcher()
                           for a in self.aliases):
            self.aliases.append(Alias(surface, flags))

    def keys(self) -> set[str]:
        return {key(self.name)} | {key(a.surface) for a in self.aliases}

    def render(self) -> str:
        # The loader adds the canonical name as an unflagged alias unless the list has it, so
        # the list names it only when it carries flags; other aliases in a stable order.
        aliases = [a for a in self.aliases if a.surface != self.name or a.flags]
        aliases.sort(key=lambda a: (a.surface != self.name, a.surface.casefold(), a.surface))
        fields = [self.name, self.kind, self.ref, self.link, "|".join(a.render() for a in aliases)]
        for value in fields:
            if "\t" in value or "\n" in value:
                raise ValueError(f"field with a tab or line break in {self.name!r}")
        return "\t".join(fields)


def drop_shared_surfaces(entities: list[Entity]) -> int:
    """Removes from later entities every alias whose surface (as `key` compares) an earlier
    entity already has, since the loader would give it to the earlier one anyway. Returns how
    many were removed."""
    seen: set[str] = set()
    removed = 0
    for entity in entities:
        own = {key(entity.name)}
        kept = []
        for alias in entity.aliases:
            k = key(alias.surface)
            if k in seen and k not in own:
                removed += 1
                continue
            own.add(k)
            kept.append(alias)
        entity.aliases = kept
        seen |= own
    return removed


def header(table: str, sources: list[str], notes: list[str] = ()) -> str:
    lines = [f"# {table}: written by scripts/lexicon/generate from {', '.join(sources)}.",
             "# Do not edit by hand; format in data/lexicon/README.md, licences in NOTICE."]
    lines += [f"# {note}" for note in notes]
    return "\n".join(lines) + "\n"


def write(path: Path, head: str, lines: list[str]) -> None:
    path.write_text(head + "".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
