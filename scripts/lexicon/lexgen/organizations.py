"""Intelligence agencies and security vendors from the MISP galaxies."""

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
