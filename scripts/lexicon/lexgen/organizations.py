"""Intelligence agencies and security vendors from the MISP galaxies; listed companies from
pytickersymbols."""

import ast
import re
from collections import Counter

from .places import usable_name
from .sources import Package
from .tables import Entity, key
from .vocabulary import Vocabulary

CLUSTERS = "pymispgalaxies/data/misp-galaxy/clusters/{}.json"

_CITATION = re.compile(r"\[\d+\]")
# "Ministry of State Security (China)": a disambiguator for Wikipedia, not part of the name.
_TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
_ACRONYM_IN_PARENTHESES = re.compile(r"\(([A-Z][A-Z0-9]{2,6})\)")
# "Security Service/MI5", "(SIS)/MI6": the other name after a slash.
_SLASH_NAME = re.compile(r"/([A-Z]{2,}[0-9]*)\b")


def cluster(package: Package, name: str) -> list[dict]:
    return package.json(CLUSTERS.format(name))["values"]


def agency_names(value: dict) -> tuple[str, list[str]]:
    """(full name, other names) of an agency. The description starts with the name as the
    Wikipedia list gives it, often with the acronym: "Federal Security Service (FSB) – ..."."""
    full = _CITATION.sub("", value["value"]).strip()
    others = []
    parenthesis = _TRAILING_PARENTHESIS.search(full)
    if parenthesis:
        inner = parenthesis.group(1).strip()
        if re.fullmatch(r"[A-Z][A-Z0-9]{2,6}", inner):
            others.append(inner)
        full = full[: parenthesis.start()].strip()
    lead = _CITATION.sub("", value.get("description", "")).split(" – ")[0].split(" - ")[0].split(" aka ")[0]
    others += _ACRONYM_IN_PARENTHESES.findall(lead) + _SLASH_NAME.findall(lead)
    lead_name = re.split(r"[(/\[]", lead)[0].strip()
    if len(lead_name.split()) >= 2:
        others.append(lead_name)
    others += value.get("meta", {}).get("synonyms", [])
    return full, [o.strip() for o in others if usable_name(o.strip())]


def agencies(package: Package, vocabulary: Vocabulary, country_names: dict[str, str]) -> list[Entity]:
    """Agencies, linked to their country. A name that several agencies share ("Foreign
    Intelligence Service", "ONI") is left out for all of them: it cannot say which is meant."""
    named = []
    for value in cluster(package, "intelligence-agencies"):
        full, others = agency_names(value)
        named.append((value, full, others))
    uses = Counter(k for _, full, others in named for k in {key(n) for n in [full, *others]})
    entities = []
    for value, full, others in named:
        country = value.get("meta", {}).get("country", "")
        if uses[key(full)] > 1:
            # Keep the package's own disambiguated form as the name ("... (Russia)").
            full = _CITATION.sub("", value["value"]).strip()
        entity = Entity(full, "organization/agency", link=country_names.get(country, ""))
        for name in [full, *others]:
            flags = vocabulary.name_flags(name)
            if flags is not None and uses[key(name)] == 1:
                entity.add(name, flags)
        entities.append(entity)
    entities.sort(key=lambda e: (e.name.casefold(), e.name))
    return entities


# Producers whose company type says they publish rather than sell ("Technology news and
# computer help", "Cybersecurity blog") are media outlets.
_MEDIA_TYPE = re.compile(r"\b(news|blog|publishing|magazine|journal)\b", re.IGNORECASE)


def vendors(package: Package, vocabulary: Vocabulary) -> list[Entity]:
    """Security vendors, and the news sites and blogs the producer cluster lists with them."""
    entities = []
    for value in cluster(package, "producer"):
        meta = value.get("meta", {})
        types = meta.get("company-type", [])
        types = [types] if isinstance(types, str) else types
        media = any(_MEDIA_TYPE.search(t) for t in types)
        entity = Entity(value["value"].strip(), "organization/media" if media else "organization/company")
        for name in [entity.name, *meta.get("synonyms", []), *meta.get("synomyms", [])]:
            flags = vocabulary.name_flags(name.strip())
            if flags is not None and usable_name(name.strip()):
                entity.add(name.strip(), flags)
        entities.append(entity)
    entities.sort(key=lambda e: (e.name.casefold(), e.name))
    return entities


INDICES_DATA = "pytickersymbols/indices_data.py"

# The legal form after a company's name ("Apple Inc.", "Shell plc", "Tesla, Inc."): news leaves
# it out, and the name without it is the one readers see.
_LEGAL_FORM = re.compile(
    r",?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|Ltd\.?|Limited|plc|PLC|AG|SE|S\.?A\.?|"
    r"N\.?V\.?|Oyj|ASA|AB|A/S|S\.p\.A\.|SpA|KGaA|Holdings?|Group)$")
# A word that describes the business after the name ("Meta Platforms", "Palantir
# Technologies"): news often leaves it out too, but a name without it may be an ordinary word
# ("United Technologies", "Mercury Systems") or a place ("Palo Alto Networks"), so it is
# shortened only to one word that is no English word, or that is the company's web domain
# ("meta.com", "progress.com"), and then needs context like any ordinary word.
_BUSINESS_WORD = re.compile(r"\s+(Platforms|Technologies|Technology|Systems|Networks|Software)$")


def indexed_companies(package: Package) -> list[dict]:
    """The constituents of every stock index the package lists, each company once, by name."""
    source = package.text(INDICES_DATA)
    tree = ast.parse(source)
    indices = next(ast.literal_eval(node.value) for node in tree.body
                   if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "INDICES" for t in node.targets))
    by_name = {}
    for index in indices.values():
        for company in index.get("companies", []):
            name = company.get("name", "").strip()
            if name:
                by_name.setdefault(name, company)
    return [by_name[name] for name in sorted(by_name)]


def short_name(name: str) -> str:
    """The name without its legal form, and without a leading "The"."""
    while True:
        shorter = _LEGAL_FORM.sub("", name).strip()
        if shorter == name or not shorter:
            break
        name = shorter
    return re.sub(r"^The\s+", "", name)


def domain_word(company: dict) -> str:
    """The name in the company's web address: "meta" for "meta.com" or "www.meta.com"."""
    website = (company.get("metadata") or {}).get("website") or ""
    host = re.sub(r"^(https?://)?(www\.)?", "", website.strip().casefold()).split("/")[0]
    return host.split(".")[0]


def companies(package: Package, vocabulary: Vocabulary, taken: set[str]) -> list[Entity]:
    """The listed companies of twenty stock indices (S&P 500, DAX, FTSE 100, Nikkei 225…),
    named as news names them ("Apple", from "Apple Inc."), except those already in `taken` (name
    keys of the security vendors and agencies, which come first)."""
    entities = []
    seen = set(taken)
    for company in indexed_companies(package):
        full = company["name"].strip()
        name = short_name(full)
        domain = domain_word(company)
        ordinary = name in vocabulary.proper or vocabulary.is_english(name)
        if " " not in name and ordinary and domain != name.casefold():
            # One word that wamerican has as an ordinary word or as a name of something else is
            # the company's only when it is its web domain ("apple.com", "microsoft.com"):
            # "Hartford" for The Hartford is the city, "Southern" for Southern Company a word.
            name = full
        if not usable_name(name) or key(name) in seen or key(full) in seen:
            continue
        entity = Entity(name, "organization/company")
        for surface in [name, full]:
            flags = vocabulary.name_flags(surface)
            if flags is not None and usable_name(surface):
                entity.add(surface, flags)
        business = _BUSINESS_WORD.sub("", name)
        if business != name and " " not in business and (not vocabulary.is_english(business)
                                                          or domain == business.casefold()):
            flags = vocabulary.name_flags(business)
            if flags is not None:
                entity.add(business, flags)
        if entity.aliases:
            seen.update(entity.keys())
            entities.append(entity)
    entities.sort(key=lambda e: (e.name.casefold(), e.name))
    return entities
