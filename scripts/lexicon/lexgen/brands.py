"""The best-known web sites as organisations: "Google", "Facebook", "YouTube", "TikTok".

News names the companies and platforms behind the most-linked sites all the time, and the
other sources miss most of them (no stock index lists Google by that name, no security
catalogue lists Facebook). The names come from Moz's top 500 domains (a MISP warning list); a
domain has no capitals, so a name is kept only where the simple-icons brand catalogue titles it
("TikTok", "YouTube") or Debian's word list writes it ("Twitter"). The class is plain
`organization`: a domain does not say whether a company, a newspaper or a charity runs it.
"""

import re

from .sources import Package
from .tables import Entity, key
from .vocabulary import Vocabulary

TOP_SITES = "pymispwarninglists/data/misp-warninglists/lists/moz-top500/list.json"
SECOND_LEVEL = "pymispwarninglists/data/misp-warninglists/lists/second-level-tlds/list.json"
BRAND_TITLES = "package/data/simple-icons.json"


def site_names(warninglists: Package) -> list[str]:
    """The registered name of each top site, lower case, once: "bbc" for "bbc.co.uk",
    "google" for "accounts.google.com"."""
    suffixes = {s.strip().lower() for s in warninglists.json(SECOND_LEVEL)["list"]}
    names = set()
    for domain in warninglists.json(TOP_SITES)["list"]:
        labels = domain.strip().lower().split(".")
        registered = 3 if len(labels) >= 3 and ".".join(labels[-2:]) in suffixes else 2
        if len(labels) >= registered:
            names.add(labels[-registered])
    return sorted(names)


def brand_titles(icons: Package) -> dict[str, str]:
    """simple-icons' one-word brand titles by their letters in lower case: "tiktok" → "TikTok".
    A title of several words ("Bank of America") does not say how prose writes "bankofamerica"."""
    titles = {}
    for icon in icons.json(BRAND_TITLES):
        title = icon["title"].strip()
        if " " not in title:
            titles.setdefault(key(title), title)
    return titles


def written_form(site: str, vocabulary: Vocabulary, titles: dict[str, str]) -> str | None:
    """How prose writes the site's name, or None when it may well mean something else or its
    capitals are unknown ("Huffpost" would misspell HuffPost).

    - A brand title of simple-icons vouches for a name, and gives its capitals; if the name is
      also an English word, wamerican must know it as a name too ("Google", not "Sky" or
      "Metro").
    - An English word that wamerican also writes as a name is a brand named after the word
      ("Twitter", "Yahoo"): written so, the site is what it names.
    - Any other name that wamerican has is left out: the city ("Boston" for boston.com) or the
      person ("Forbes") is what news means more often, and a lexicon organisation would
      overrule the tagger's place or leave it no say.
    """
    title = titles.get(site)
    proper = vocabulary.proper_form(site)
    english = vocabulary.is_english(site)
    if title:
        return None if english and not proper else title
    return proper if proper and english else None


def web_brands(warninglists: Package, icons: Package, vocabulary: Vocabulary, taken: set[str]) -> list[Entity]:
    """One organisation per top site, except those whose name `taken` has (the agencies,
    vendors and listed companies come first), places ("Paris"), given names ("Dan") and sites
    with no name in their address ("bit.ly", "4shared") or none that prose writes."""
    titles = brand_titles(icons)
    entities = []
    for site in site_names(warninglists):
        if not re.fullmatch(r"[a-z]+", site) or site in taken or site in vocabulary.places:
            continue
        name = written_form(site, vocabulary, titles)
        if name is None or vocabulary.is_given_name(name):
            continue
        flags = vocabulary.name_flags(name)
        if flags is None:
            continue
        entity = Entity(name, "organization")
        entity.add(name, flags)
        entities.append(entity)
    entities.sort(key=lambda e: (e.name.casefold(), e.name))
    return entities
