"""Countries and capitals from the world-countries package, plus the news forms in
news_forms.tsv."""

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .sources import Package
from .tables import DEMONYM, EXACT, Entity
from .vocabulary import Vocabulary, is_acronym

COUNTRIES = "package/countries.json"

# A country or capital name is also read as a given name only when the name is this common
# (percent of one sex): "Chad", "Jordan", "Georgia" are; "Israel", "India" are too rare to
# outweigh the place.
PLACE_GIVEN_NAME_SHARE = 0.04


@dataclass
class NewsForm:
    canonical: str
    aliases: list[str]
    capital: bool
    # The capital as news names it, first, and its other news spellings ("Kyiv", "Kiev").
    capital_names: list[str]


def news_forms(path: Path) -> dict[str, NewsForm]:
    forms = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, canonical, aliases, capital, capital_names = (line.split("\t") + [""] * 5)[:5]
        forms[code] = NewsForm(canonical, [a for a in aliases.split("|") if a], capital == "capital",
                               [n for n in capital_names.split("|") if n])
    return forms


def is_latin(text: str) -> bool:
    """Written in Latin letters only (English news does not spell names in other scripts)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def usable_name(name: str) -> bool:
    # "Iran, Islamic Republic of" is the ISO inverted form, not a name anyone writes.
    return bool(name) and is_latin(name) and "," not in name


def fold_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def dotted(acronym: str) -> str:
    """"UK" → "U.K.", the form news style uses for two-letter country acronyms."""
    return "".join(f"{letter}." for letter in acronym)


def place_flags(vocabulary: Vocabulary, surface: str) -> str:
    flags = EXACT if is_acronym(surface) else ""
    if " " not in surface and vocabulary.is_given_name(surface, PLACE_GIVEN_NAME_SHARE):
        flags += "~"
    return flags


def country_names(package: Package, forms: dict[str, NewsForm]) -> dict[str, str]:
    """ISO alpha-2 code → canonical country name."""
    return {c["cca2"]: (forms.get(c["cca2"]) or NewsForm("", [], False, [])).canonical or c["name"]["common"]
            for c in package.json(COUNTRIES)}


def countries(package: Package, vocabulary: Vocabulary, forms: dict[str, NewsForm]) -> list[Entity]:
    canonical = country_names(package, forms)
    entities = []
    for country in package.json(COUNTRIES):
        code = country["cca2"]
        form = forms.get(code) or NewsForm("", [], False, [])
        entity = Entity(canonical[code], "place/country", ref=code)
        names = [entity.name, country["name"]["common"], country["name"]["official"]]
        # The first alternative spelling is the alpha-2 code itself: too short to match.
        names += [n for n in country["altSpellings"] if n != code] + form.aliases
        native = {n.get("common", "") for n in country["name"].get("native", {}).values()}
        for name in names:
            if not usable_name(name) or vocabulary.is_excluded(name):
                continue
            if not name.isascii() and name not in names[:3] and not (
                    name in native and fold_accents(name) in names):
                # Transliterations ("Zhōngguó") are not English; an accented native name
                # is, when the package spells it without accents too ("Côte d'Ivoire").
                continue
            entity.add(name, place_flags(vocabulary, name))
            if is_acronym(name) and len(name) == 2:
                entity.add(dotted(name), EXACT)
        for demonym in sorted(set(country.get("demonyms", {}).get("eng", {}).values())):
            if usable_name(demonym) and demonym not in names:
                entity.add(demonym, DEMONYM)
        entities.append((not country.get("independent"), entity))
    # Sovereign states first: where a territory shares a demonym with its state ("American"),
    # the earlier line wins.
    entities.sort(key=lambda item: (item[0], item[1].name.casefold(), item[1].name))
    return [entity for _, entity in entities]


def capital_variants(capital: str, news_names: list[str]) -> list[str]:
    """The capital's names, the one news uses first: the news forms of news_forms.tsv, the
    package's name, its shorter form ("Washington D.C." → "Washington") and its spelling
    without accents ("Bogotá" → "Bogota")."""
    words = capital.split()
    variants = [*news_names, capital]
    if len(words) > 1 and words[-1].endswith(".") and "." in words[-1][:-1]:
        variants.append(" ".join(words[:-1]))
    variants.append(fold_accents(capital))
    return list(dict.fromkeys(variants))


def capitals(package: Package, vocabulary: Vocabulary, forms: dict[str, NewsForm],
             country_entities: list[Entity]) -> list[Entity]:
    """Capitals of governments ("Moscow said"), linked to their country. Capitals of
    dependent territories are left out: news does not use them for a government, and many
    are ordinary words or other towns' names ("The Valley", "Plymouth")."""
    canonical = country_names(package, forms)
    taken = {a.surface.casefold() for e in country_entities for a in e.aliases} | {
        e.name.casefold() for e in country_entities}
    entities = []
    for country in package.json(COUNTRIES):
        form = forms.get(country["cca2"])
        if not (country.get("independent") or (form and form.capital)):
            continue
        for rank, capital in enumerate(country.get("capital", [])):
            # The news forms name the seat of government, listed first.
            news_names = form.capital_names if form and rank == 0 else []
            names = [n for n in capital_variants(capital, news_names) if usable_name(n) and n.casefold() not in taken]
            if not names:
                continue
            entity = Entity(names[0], "place/capital", link=canonical[country["cca2"]])
            for name in names:
                entity.add(name, place_flags(vocabulary, name))
            entities.append(entity)
    entities.sort(key=lambda e: (e.name.casefold(), e.name))
    return entities
