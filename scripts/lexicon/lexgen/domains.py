"""Top-level domains from the MISP warning lists."""

from .sources import Package

TLDS = "pymispwarninglists/data/misp-warninglists/lists/tlds/list.json"


def tld_lines(package: Package) -> list[str]:
    """IANA's top-level domains, lower case, sorted; internationalised ones in their ASCII
    (xn--) form, as they appear in domain indicators."""
    return sorted({tld.strip().lower().lstrip(".") for tld in package.json(TLDS)["list"] if tld.strip()})
