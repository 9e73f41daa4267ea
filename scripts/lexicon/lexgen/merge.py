"""Merging name lists from several catalogues into one entity per real-world thing.

ATT&CK entries are the anchors: a MISP cluster that shares any name with exactly one of them
(compared by `tables.key`, so "APT 29" meets "APT29") adds its names to it. A cluster that
meets no entry becomes an entry of its own, which later catalogues can merge into in turn. A
cluster that meets several entries is ambiguous: it joins the one its own main name meets, or
is dropped. Either way a name stays with the entry that had it first: one catalogue's sloppy
synonym must not fuse two groups.
"""

from dataclasses import dataclass, field

from .tables import Entity, key
from .vocabulary import Vocabulary


@dataclass
class Catalogue:
    """Entries built up from several sources, with an index from name keys to entries."""

    kind: str
    vocabulary: Vocabulary
    entities: list[Entity] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    # How many catalogue clusters describe each entry: one for an anchor, plus one per merge.
    clusters: list[int] = field(default_factory=list)
    # Entries kept whatever their cluster count: anchors, and families a catalogue documents
    # well on its own.
    kept: set[int] = field(default_factory=set)
    dropped: int = 0

    def anchor(self, name: str, ref: str, names: list[str]) -> None:
        """Adds an entry that keeps its canonical name whatever merges into it, and that is
        kept however few catalogues describe it."""
        target = self._new(name, ref)
        self.kept.add(target)
        self._add_names(target, names)

    def merge(self, name: str, names: list[str], documented: bool = False) -> None:
        """Adds a cluster's names to the entry they name, or as a new entry. A `documented`
        cluster keeps its entry even when no other catalogue describes it."""
        keys = {key(n) for n in [name, *names]} - {""}
        hits = {self.index[k] for k in keys if k in self.index}
        if len(hits) > 1:
            own = self.index.get(key(name))
            if own is None:
                self.dropped += 1
                return
            hits = {own}
        target = hits.pop() if hits else self._new(name, "")
        self.clusters[target] += 1
        if documented:
            self.kept.add(target)
        self._add_names(target, [name, *names])

    def _new(self, name: str, ref: str) -> int:
        self.entities.append(Entity(name, self.kind, ref=ref))
        self.clusters.append(0 if not ref else 1)
        return len(self.entities) - 1

    def _add_names(self, target: int, names: list[str]) -> None:
        entity = self.entities[target]
        for name in names:
            name = " ".join(name.split())
            flags = self.vocabulary.cyber_name_flags(name)
            if flags is None or self.index.get(key(name), target) != target:
                # Hopeless, or another entry's name: a cluster that lists a related group
                # among its synonyms must not take that group's name.
                continue
            entity.add(name, flags)
            if len(name) >= 5 and name.isupper() and name.isalpha():
                # "NOBELIUM" is written "Nobelium" in news as often as in capitals.
                entity.add(name.title(), self.vocabulary.cyber_name_flags(name.title()) or "")
            self.index.setdefault(key(name), target)

    def finished(self, min_clusters: int = 1) -> list[Entity]:
        """The entries that still have a usable name (an entry whose canonical name is
        hopeless and that has no other alias is left out) and that are anchors, documented,
        or described by at least `min_clusters` catalogue clusters."""
        kept = []
        for index, (entity, clusters) in enumerate(zip(self.entities, self.clusters)):
            if clusters < min_clusters and index not in self.kept:
                continue
            if self.vocabulary.cyber_name_flags(entity.name) is None:
                usable = [a for a in entity.aliases if a.surface != entity.name]
                if not usable:
                    continue
                entity.name = usable[0].surface
            if entity.name.islower():
                # "metasploit" in one catalogue, "Metasploit" in another: show the capitals.
                entity.name = next((a.surface for a in entity.aliases
                                    if a.surface.casefold() == entity.name and not a.surface.islower()), entity.name)
            kept.append(entity)
        return kept
