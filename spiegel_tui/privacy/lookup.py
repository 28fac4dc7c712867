"""Dutch first names, surnames and place names, from deduce's lookup lists.

deduce (UMC Utrecht) keeps maintained lists of Dutch first names (~15k), surnames
(~10k) and place names (residences, municipalities, provinces, regions: ~12k with
their spelling variants), plus a whitelist of common Dutch words that are also names.
Only those lists are read: not its streets (~310k lines) or healthcare institutions
(~49k), which make its full ``Deduce()`` load take ~14 s and 1.1 GB.

Reading and transforming the lists takes ~0.8 s (deduce, docdeid and numpy get
imported); the result is kept as a small JSON file in the user's cache folder, which
later checks read in a few tens of milliseconds without importing deduce at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spiegel_tui.privacy.words import COMMON_EXTRA, EXTRA_PLACES, NEVER_NAMES

CACHE_ENV = "SPIEGEL_PRIVACY_CACHE"
#: The cache file's layout.
FORMAT = 1

_LISTS = [
    "names/lst_first_name",
    "names/lst_surname",
    "names/lst_interfix",
    "names/lst_interfix_surname",
    "locations/lst_placename",
    "whitelist/lst_common_word",
    "whitelist/lst_stop_word",
    "whitelist/lst_medical_term",
]


@dataclass(frozen=True)
class Lookup:
    first_names: frozenset[str]
    surnames: frozenset[str]
    #: Lowercase interfixes: "van", "van der", "ten", ...
    interfixes: frozenset[str]
    #: Place names as tuples of casefolded words: ("den", "haag").
    places: frozenset[tuple[str, ...]]
    #: Lowercase Dutch words that are not names on their own.
    common: frozenset[str]

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names and word.casefold() not in self.common

    def is_surname(self, word: str) -> bool:
        return word in self.surnames and word.casefold() not in self.common


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("spiegel", appauthor=False)


def _deduce_version() -> str:
    from importlib.metadata import version

    return version("deduce")


def _cache_file() -> Path:
    # The cache follows deduce's lists and the code that derives from them: a change
    # to either gives a new file name, so a stale cache is never read.
    here = Path(__file__).parent
    source = hashlib.sha256()
    for module in ("lookup.py", "words.py"):
        source.update((here / module).read_bytes())
    tag = f"{FORMAT}-{source.hexdigest()[:12]}-deduce-{_deduce_version()}"
    return cache_dir() / f"privacy-lookup-{tag}.json"


def build() -> dict[str, list[str]]:
    """The lists as plain sorted strings (from deduce's source lists)."""
    import deduce
    from deduce.lookup_structs import load_raw_itemsets

    base = Path(deduce.__file__).parent / "data" / "lookup"
    raw = load_raw_itemsets(base, _LISTS)
    common = {
        w.casefold() for key in ("common_word", "stop_word", "medical_term") for w in raw[key]
    }
    common |= NEVER_NAMES | COMMON_EXTRA
    # Only names of two letters or more (deduce does the same). Names that are also
    # common Dutch words ("Bos", "Kind") stay in the lists: after a first name they
    # are a surname; alone, ``Lookup.is_first_name``/``is_surname`` leave them out.
    first = {n for n in raw["first_name"] if len(n) > 1}
    surnames = raw["surname"] | raw["interfix_surname"]
    sur = {n for n in surnames if len(n) > 1}
    # Places that are also common words ("Best", "Echt") stay: the scanner takes
    # them only with a capital in the middle of a sentence.
    places = {
        " ".join(p.replace("(", "").replace(")", "").split())
        for p in [*raw["placename"], *EXTRA_PLACES]
        if p.strip() and p.casefold() not in NEVER_NAMES
    }
    return {
        "first_names": sorted(first),
        "surnames": sorted(sur),
        "interfixes": sorted({i.casefold() for i in raw["interfix"]}),
        "places": sorted(places),
        "common": sorted(common),
    }


def _write_cache(path: Path, data: dict[str, list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".privacy-lookup-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> dict[str, list[str]] | None:
    try:
        with path.open(encoding="utf-8") as source:
            data = json.load(source)
    except (OSError, ValueError):
        return None
    keys = {"first_names", "surnames", "interfixes", "places", "common"}
    if not isinstance(data, dict) or set(data) != keys:
        return None
    return data


def ensure_cache() -> Path:
    """Build the cache file when it is missing or unreadable; its path."""
    path = _cache_file()
    if _read(path) is None:
        # A read-only home: load() builds in memory each time instead.
        with suppress(OSError):
            _write_cache(path, build())
    return path


@cache
def load() -> Lookup:
    """The lists, from the cache file (built on first use)."""
    path = _cache_file()
    data = _read(path)
    if data is None:
        data = build()
        with suppress(OSError):
            _write_cache(path, data)
    return Lookup(
        first_names=frozenset(data["first_names"]),
        surnames=frozenset(data["surnames"]),
        interfixes=frozenset(data["interfixes"]),
        places=frozenset(tuple(p.casefold().split()) for p in data["places"]),
        common=frozenset(data["common"]),
    )
