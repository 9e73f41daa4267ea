"""Given names with their likely sex, and surnames, from the 1990 US census files in the
`names` package."""

from .sources import Package

FILES = "names-{version}/names/dist.{which}"

# A name is "m" or "f" when that sex holds at least this share of its bearers, else "u".
SEX_SHARE = 0.9

# Surnames kept, most frequent first: the census list runs to 88,799 names, most of them too
# rare to be useful evidence, and the whole lexicon must stay small.
SURNAMES_KEPT = 12000


def census(package: Package, which: str) -> list[tuple[str, float]]:
    """(Title-case name, percent of the population) in the file's order, most frequent first."""
    rows = []
    for line in package.text(FILES.format(version=package.version, which=which)).splitlines():
        fields = line.split()
        if len(fields) == 4:
            rows.append((fields[0].title(), float(fields[1])))
    return rows


def given_names(package: Package) -> dict[str, tuple[float, float]]:
    """Name → (male percent, female percent). The percentages are of each sex's population,
    which were nearly equal in 1990, so they compare directly."""
    shares: dict[str, tuple[float, float]] = {}
    for name, percent in census(package, "male.first"):
        shares[name] = (percent, 0.0)
    for name, percent in census(package, "female.first"):
        shares[name] = (shares.get(name, (0.0, 0.0))[0], percent)
    return shares


def given_name_lines(shares: dict[str, tuple[float, float]]) -> list[str]:
    def sex(male: float, female: float) -> str:
        total = male + female
        if male >= SEX_SHARE * total:
            return "m"
        return "f" if female >= SEX_SHARE * total else "u"

    ranked = sorted(shares.items(), key=lambda item: (-(item[1][0] + item[1][1]), item[0]))
    return [f"{name}\t{sex(*share)}" for name, share in ranked]


def surname_lines(package: Package) -> list[str]:
    """The most frequent surnames. Surnames that are also English words ("Brown", "Young")
    stay: the analyser takes a surname as evidence for a name, never as proof."""
    # The file is in rank order already, ties included.
    return [name for name, _ in census(package, "all.last")[:SURNAMES_KEPT]]
