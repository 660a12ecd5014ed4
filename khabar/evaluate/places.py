"""Place resolution scored against UCDP-AEC: does a UCDP location name resolve to its country and admin1?

Each gold event gives ``location_where_name`` ("Dael town"; falling back to the adm2, then the adm1 name)
and its country. We resolve the name with that country as the article's focus, as the extractor would,
and compare. UCDP spells admin1 areas its own way ("Ḩaḑramawt governorate", "Damascus governorate") while
the gazetteer follows GeoNames ("Muhafazat Hadramawt", "Dimashq"), so the gold admin1 is itself resolved
to a gazetteer admin1 area and areas are compared by (country, admin1 code); only when the gold name
matches no area are the two names compared by spelling.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import click

from khabar.cli_options import print_json_last, shared_dir
from khabar.extractors.places import PlaceResolver
from khabar.kb.countries import country_code
from khabar.kb.gazetteer import Gazetteer, clean_admin_name, fold, get_gazetteer, name_key, strip_area_word

_CUES = {
    "town": "city",
    "city": "city",
    "village": "city",
    "township": "city",
    "suburb": "city",
    "district": "admin2",
    "municipality": "admin2",
    "lga": "admin2",
    "county": "admin2",
    # lower units by their national names (UCDP names them as the country does)
    "sub-district": "admin2",
    "subdistrict": "admin2",
    "sub-division": "admin2",
    "commune": "admin2",
    "woreda": "admin2",
    "regency": "admin2",
    "territory": "admin2",
    "rayon": "admin2",
    "raion": "admin2",
    "département": "admin2",
    "department": "admin2",
    "locality": "city",
    "community": "city",
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
}
_TRAILING = re.compile(
    r"\s+(town|city|village|township|suburb|sub-?district|sub-division|district|municipality|lga|county|commune|"
    r"woreda|regency|territory|r[ae]yon|raion|d[ée]partement|department|locality|community|province|governorate|state|"
    r"region|oblast|area|camp|sector|neighbourhood|neighborhood|quarter|base|hill|mountain|valley|forest|airport|"
    r"airbase|air base|gas field|oil field|field|plain|enclave|plateau|outskirts|checkpoint|crossing|prison|port)$",
    re.I,
)
_DIRECTION = re.compile(
    r"^(northern|southern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|outskirts of|near|rural)\s+",
    re.I,
)
_BETWEEN = re.compile(r"^(?:road|highway|route|area)\s+between\s+(.+?)\s+and\s+", re.I)


# Arabic words for a district or sub-district that come before its name ("Qada' al Mawsil"), folded
_UNIT_FIRST = frozenset(["qada", "qadaa", "qadha", "nahiya", "nahiyah", "nahiyat"])


def query_of(where: str) -> tuple[str, str | None]:
    """The name to look up in a UCDP location and its kind cue: "Dael town" -> ("Dael", "city");
    "Kothi town, Bhamragad sub-district" -> ("Kothi", "city"): the place, not the area it is said to be in."""
    name = where.replace("\xa0", " ").strip()
    between = _BETWEEN.match(name)
    if between:
        name = between.group(1)
    name = name.split(",")[0].strip() or name
    name = _DIRECTION.sub("", name)
    hint: str | None = None
    first, _, rest = name.partition(" ")
    if rest and fold(first) in _UNIT_FIRST:
        name, hint = rest, "admin2"
    match = _TRAILING.search(name)
    if match and match.start() > 0:
        hint = hint or _CUES.get(match.group(1).lower())
        name = name[: match.start()]
    name = re.sub(r"\s+\d+$", "", name).strip(" ,")
    return name, hint


_ALTERNATIVES = re.compile(r"\s*/\s*|\s*\(\s*|\s*\)\s*|\s*,\s*")


def queries_of(where: str) -> list[tuple[str, str | None]]:
    """Every name a UCDP location offers, in order: "Tadmur/Palmyra town" -> Tadmur, Palmyra (each with the
    kind cue); "Nahri Sarraj district (Greshk)" -> Nahri Sarraj, Greshk; "LoC, near Uri town" -> LoC, Uri."""
    name, hint = query_of(where)
    out = [(name, hint)]
    whole = where.replace("\xa0", " ").strip()
    parts = [p for p in _ALTERNATIVES.split(whole) if p.strip()]
    if len(parts) > 1:
        for part in parts:
            alt, alt_hint = query_of(part)
            if alt and (alt, alt_hint or hint) not in out:
                out.append((alt, alt_hint or hint))
    return [(n, h) for n, h in out if n and "/" not in n and "(" not in n]


def _gold_rows(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                break
            if line.strip():
                yield json.loads(line)


def _gold_admin1(gaz: Gazetteer, resolver: PlaceResolver, name: str, country: str) -> tuple[str, str] | None:
    """The gazetteer admin1 area a UCDP admin1 name refers to, within its country."""
    bare = strip_area_word(name.replace("\xa0", " "))[0]
    res = resolver.resolve(bare, {country: 1.0}, "admin1", strict=True)
    if res is not None and res.entry.kind == "admin1" and res.entry.country == country:
        return res.entry.admin1_key
    return None


def _same_admin1_name(gold: str, predicted: str | None) -> bool:
    if not predicted:
        return False
    a = name_key(clean_admin_name(gold))
    b = name_key(clean_admin_name(predicted))
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.8


def evaluate_places(
    gold: Path,
    limit: int | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = True,
    split: str = "all",
) -> dict[str, Any]:
    """Country and admin1 accuracy over the names that resolve, and coverage.

    ``strict`` uses the gold country as a hard constraint (the event is known to be there), so
    ``country_acc`` then checks little beyond country names; ``strict=False`` only prefers it.
    Coverage is the share of locations resolved, where a transliteration ("loose") match counts only if
    its admin1 is the gold one (a wrong loose match is not covered: it is a guess, not a resolution);
    ``coverage_any`` counts every resolution. ``split``: look = even record ids, check = odd, all.
    """
    gaz = gazetteer or get_gazetteer()
    resolver = PlaceResolver(gaz)
    n = resolved = covered = country_ok = admin1_n = admin1_ok = 0
    for row in _gold_rows(gold, limit):
        if split != "all" and int(row.get("id") or 0) % 2 != (0 if split == "look" else 1):
            continue
        country = country_code(row.get("location_root_name") or "")
        where = row.get("location_where_name") or row.get("location_adm2_name") or row.get("location_adm1_name")
        if not where or country is None:
            continue
        n += 1
        res = None
        for i, (name, hint) in enumerate(queries_of(where)):
            if not row.get("location_where_name") and where == row.get("location_adm1_name"):
                hint = "admin1"
            res = resolver.resolve(name, {country: 1.0}, hint, strict=strict)
            if res is not None and (i == 0 or res.how != "transliteration"):
                break  # a second name is an alias or the area around: only its exact spelling is evidence
            res = None
        if res is None:
            continue
        resolved += 1
        country_ok += res.entry.country == country
        gold_a1 = row.get("location_adm1_name") or ""
        right: bool | None = None
        if gold_a1:
            admin1_n += 1
            key = _gold_admin1(gaz, resolver, gold_a1, country)
            right = res.entry.admin1_key == key if key is not None else _same_admin1_name(gold_a1, res.entry.admin1)
            admin1_ok += right
        covered += res.how != "transliteration" or bool(right)
    return {
        "n": n,
        "country_acc": round(country_ok / resolved, 4) if resolved else 0.0,
        "admin1_acc": round(admin1_ok / admin1_n, 4) if admin1_n else 0.0,
        "coverage": round(covered / n, 4) if n else 0.0,
        "coverage_any": round(resolved / n, 4) if n else 0.0,
        "split": split,
    }


def default_gold() -> Path:
    return shared_dir() / "gold" / "ucdp_aec_train" / "train.jsonl"


@click.command("places")
@click.option(
    "--gold",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="UCDP-AEC JSON lines (default: $KHABAR_SHARED/gold/ucdp_aec_train/train.jsonl).",
)
@click.option("--limit", type=int, default=None, help="Score only the first N gold rows.")
@click.option("--split", type=click.Choice(["look", "check", "all"]), default="all", show_default=True,
              help="look: even record ids; check: odd; all: both.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON line.")
def places_command(gold: Path | None, limit: int | None, split: str, as_json: bool) -> None:
    """Score place resolution against UCDP-AEC location names (country and admin1 accuracy)."""
    path = gold or default_gold()
    if not path.exists():
        raise click.ClickException(f"[K030] gold file {path} not found; set KHABAR_SHARED or pass --gold")
    scores = evaluate_places(path, limit, split=split)
    if as_json:
        print_json_last(scores)
        return
    click.echo(f"places vs {path}")
    for key in ("n", "country_acc", "admin1_acc", "coverage", "coverage_any"):
        click.echo(f"  {key:<12} {scores[key]}")
