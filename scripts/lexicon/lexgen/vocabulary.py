"""The judge of aliases: which are ordinary English, which collide with given names, which are
hopeless and dropped, and which must match with their exact capitalisation.

Ordinary English comes from Debian's wamerican word list (lower-case entries only: a
capitalised entry there is itself a name). Those capitalised entries matter too: a threat actor
or malware family that catalogues name after one ("Nevada", "Loki") means the older thing in
news far more often, so such an alias needs cyber context like an English word. Hopeless aliases
are dropped by rule (too short, no letters, machine identifiers, month and weekday names) or
because scripts/lexicon/exclude.txt lists them.

A name of several capitalised words that are each English ("Cozy Bear", "Cobalt Strike") is
still distinctive written so: it gets `=` (exact case) rather than `~`, and needs no context.
So is one word with inner capitals ("BloodHound") or of five or more capitals ("STRONTIUM"). A
one-word English alias ("Hive") or a phrase with a single content word ("The Dukes") keeps `~`.
"""

import calendar
import re
import subprocess
from pathlib import Path

from .sources import SourceError
from .tables import COMMON, EXACT

WORD_LIST = Path("/usr/share/dict/american-english")

# A name of at most this many words, all of them ordinary English, reads as a phrase of
# ordinary words ("Cozy Bear", "Dark Halo"); longer names rarely occur by accident.
COMMON_PHRASE_WORDS = 2

# Given-name share (percent of people of one sex, 1990 census) from which a one-word alias
# counts as a given name too ("Emma"). Rarer names are not worth the context check.
GIVEN_NAME_SHARE = 0.01

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,3}")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
# Detection names and file names ("Trojan.Mebromi", "Win32/Agent", "apk.vamp") and ATT&CK ids
# that one catalogue lists among another group's names ("G0082").
_IDENTIFIER = re.compile(r"\S\.\S|[/\\@:_]|^[CGMST]\d{4}(\.\d{3})?$")


# Month and weekday names: catalogues name families after them ("August"), but news dates use
# them far more, even in cyber context. Python leaves LC_TIME at "C", so these are English.
CALENDAR_WORDS = {n.casefold() for n in [*calendar.month_name[1:], *calendar.day_name]}


def debian_version(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package],
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else "unknown version"


class Vocabulary:
    def __init__(self, exclude_file: Path, given_names: dict[str, float], function_words: set[str]):
        if not WORD_LIST.exists():
            raise SourceError(f"{WORD_LIST} is missing: apt-get install wamerican")
        self.label = f"wamerican {debian_version('wamerican')}"
        words = WORD_LIST.read_text(encoding="utf-8").split()
        self.english = {w for w in words if w.islower() and not w.endswith("'s")}
        # Proper nouns and acronyms, as written: "Nevada", "Hades", "GOP".
        self.proper = {w for w in words if not w.islower() and not w.endswith("'s")}
        # Each proper noun by its lower-case letters; of two writings ("CA", "Ca") the first in
        # sorted order, all capitals.
        self.proper_forms: dict[str, str] = {}
        for word in sorted(self.proper):
            self.proper_forms.setdefault(word.casefold(), word)
        self.given = given_names
        self.function_words = function_words
        # Country names, demonyms and capitals (casefolded), set once the places are read:
        # a catalogue that lists "Russian" among a family's names describes it, not names it.
        self.places: set[str] = set()
        self.excluded = set()
        for line in exclude_file.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                self.excluded.add(line.casefold())

    def is_english(self, phrase: str) -> bool:
        """Whether `phrase` is an ordinary English word, or a short phrase of them."""
        words = re.split(r"[\s-]+", phrase.strip())
        if len(words) > COMMON_PHRASE_WORDS:
            return False
        return all(w.lower() in self.english for w in words)

    def proper_form(self, word: str) -> str | None:
        """How wamerican writes `word` as a name ("Boston", "YouTube"), if it has it as one."""
        return self.proper_forms.get(word.casefold())

    def is_given_name(self, word: str, share: float = GIVEN_NAME_SHARE) -> bool:
        return self.given.get(word.title(), 0.0) >= share

    def is_excluded(self, surface: str) -> bool:
        return surface.casefold() in self.excluded

    def is_hopeless(self, surface: str) -> bool:
        """Too short, no letters, a month or weekday, or listed in exclude.txt: as a name it
        would fire on ordinary text."""
        return too_short(surface) or self.is_excluded(surface) or surface.casefold() in CALENDAR_WORDS

    def is_distinctive_phrase(self, surface: str) -> bool:
        """Several capitalised words, at least two of them content words: "Cozy Bear",
        "Midnight Blizzard", not "The Dukes"."""
        words = surface.split()
        content = [w for w in words if w.casefold() not in self.function_words]
        return len(words) >= 2 and len(content) >= 2 and all(w[:1].isupper() for w in content)

    def name_flags(self, surface: str) -> str | None:
        """Flags for an alias of a named thing (actor, malware, organisation), or None when the
        alias should be dropped."""
        if self.is_hopeless(surface) or _IDENTIFIER.search(surface):
            return None
        if self.is_english(surface) and (self.is_distinctive_phrase(surface) or is_camel_case(surface)
                                         or is_capitals_name(surface)):
            return EXACT
        flags = EXACT if is_acronym(surface) else ""
        if self.is_english(surface) or (" " not in surface and self.is_given_name(surface)):
            flags += COMMON
        return flags

    def cyber_name_flags(self, surface: str) -> str | None:
        """Flags for an alias of a threat actor or a malware family: a name's flags, but a
        place name or demonym is dropped, and a word that wamerican writes so as a name of
        something else ("Nevada", "GOP") is common."""
        if surface.casefold() in self.places:
            return None
        flags = self.name_flags(surface)
        if flags is not None and COMMON not in flags and surface in self.proper:
            flags += COMMON
        return flags

    def term_flags(self, surface: str) -> str | None:
        """Flags for a term that is ordinary vocabulary by nature ("phishing"): only the
        acronym rule applies."""
        if too_short(surface):
            return None
        return EXACT if is_acronym(surface) else ""


def too_short(surface: str) -> bool:
    """One or two letters or digits, or no letter at all."""
    return sum(c.isalnum() for c in surface) <= 2 or not any(c.isalpha() for c in surface)


def is_capitals_name(surface: str) -> bool:
    """One word of five or more capitals ("STRONTIUM", "BEACON"): vendors write names so, prose
    writes words so only in headlines."""
    return " " not in surface and len(surface) >= 5 and surface.isalpha() and surface.isupper()


def is_camel_case(surface: str) -> bool:
    """One word with capitals inside it ("BloodHound"): a name, whatever its letters spell."""
    inner = surface[1:]
    return " " not in surface and any(c.isupper() for c in inner) and any(c.islower() for c in inner)


def is_acronym(surface: str) -> bool:
    """A short all-capitals word ("NSA", "UAE") or a dotted one ("U.S."): matched exactly."""
    return bool(_ACRONYM.fullmatch(surface) and sum(c.isupper() for c in surface) >= 2
                or _DOTTED.fullmatch(surface))
