"""Build khabar's CAMEO verb tables from the facts in PETRARCH2's CAMEO verb dictionary.

    python tools/build_cameo_verbs.py [../shared/dictionaries/petrarch2/CAMEO.2.0.txt]
        [../shared/gold/plover_gsr/CAMEO2PLOVER-2021.txt]

The dictionary (MIT, openeventdata/petrarch2) groups verbs into synonym sets, each with a default CAMEO
code, and lists patterns over the words that follow the verb (its object, particle and prepositional
phrases) that refine the code. This script reads those facts and writes them in khabar's own layout, with a
``source`` column, to ``khabar/kb/data/cameo_verbs.tsv`` (verb -> synonym set, default code) and
``khabar/kb/data/cameo_verb_patterns.tsv`` (synonym set + condition -> code). Each CAMEO code is mapped to
its PLOVER category and mode through the PLOVER team's CAMEO2PLOVER table. The dictionary file itself is
never copied into the project; only the facts are.

Mapping decisions (written down here, used for every row):
- CAMEO 01 (public statements) is dropped, as the PLOVER manual's translation table says.
- CAMEO 02 (appeals) is dropped by the manual's table, but its codes are requests by PLOVER's own definition
  of REQUEST ("all requests, demands, and orders"): each 02x takes the mode of its demand twin 10x
  (021 appeal for material cooperation ~ 101 demand material cooperation, ...).
- A code CAMEO2PLOVER does not list takes its nearest listed ancestor (4 digits -> 3 -> 2).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "khabar" / "kb" / "data"
SOURCE = "PETRARCH2 CAMEO.2.0 verb dictionary (MIT)"

# Words a pattern may spell out that carry no content of their own in a dependency match.
FUNCTION_WORDS = frozenset({"to", "the", "a", "an", "of", "and", "in", "on", "for", "with", "by", "at", "from",
                            "its", "their", "his", "her", "as", "that", "into", "upon", "be"})  # fmt: skip
PARTICLES = frozenset({"off", "out", "up", "down", "back", "away", "over", "on", "in", "aside", "forward"})
ACTOR_SLOTS = frozenset({"$", "+", "^", "%"})


def parse_cameo2plover(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER category, mode) from the PLOVER team's table."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,]*))?", line)
        if match:
            code, category, mode = match.group(1), match.group(2), (match.group(3) or "").strip()
            table.setdefault(code, (category, mode))
    return table


def plover_of(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The PLOVER category and mode of a CAMEO code, or None when PLOVER drops it (see the module doc)."""
    code = code.strip()
    if not code.isdigit() or code.startswith("01"):
        return None
    if code.startswith("02"):  # appeals: requests, with the mode of the 10x demand twin
        twin = "10" + code[2:]
        found = plover_of(twin, table)
        return ("REQUEST", found[1]) if found else ("REQUEST", "")
    for length in (4, 3, 2):
        if len(code) >= length and code[:length] in table:
            return table[code[:length]]
    return None


def _code(field: str) -> tuple[str, bool]:
    """ "[042:043]" -> ("042", False); "[:173]" -> ("173", True): a passive code (the subject suffers it)."""
    field = field.strip().strip("[]")
    active, _, passive = field.partition(":")
    if active.strip():
        return active.strip(), False
    return passive.strip(), True


def _word(token: str) -> str:
    return token.strip("_").replace("_", " ").lower()


def _head(token: str) -> str:
    """The head of a multi-word noun: its last word ("peacekeeping force" -> "force")."""
    return _word(token).split()[-1] if _word(token) else ""


def parse_noun_sets(lines: list[str]) -> dict[str, list[str]]:
    """The dictionary's noun synonym sets (&FOOD, &WEAPON ...), as lists of head words."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&") and " " not in line:
            current = line[1:].upper()
            sets[current] = []
        elif line.startswith("+") and current:
            head = _head(line[1:])
            if head and head not in sets[current]:
                sets[current].append(head)
        elif not line:
            continue
        else:
            current = None if line.startswith("---") or line.startswith("####") else current
    return sets


def _alternatives(item: str, noun_sets: dict[str, list[str]]) -> str:
    """One word slot of a pattern as "a|b|c": a word, a {multi word} phrase's head, or a noun set."""
    if item.startswith("&"):
        return "|".join(noun_sets.get(item[1:].upper(), []))
    return _head(item)


def parse_condition(text: str, noun_sets: dict[str, list[str]]) -> tuple[str, str, str] | None:
    """The words after the verb as (objects, preps): objects "w1|w2;w3", preps "for:ceasefire|truce;off:".
    None when the pattern names nothing a dependency match can check."""
    items = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text)
    objects: list[str] = []
    preps: list[str] = []
    for item in items:
        if item in ACTOR_SLOTS:
            continue
        if item.startswith("("):
            inner = re.findall(r"\{[^}]*\}|\S+", item.strip("()"))
            inner = [i for i in inner if i not in ACTOR_SLOTS]
            if not inner:
                continue
            prep = inner[0].lower()
            words = [_alternatives(i.strip("{}").split()[-1] if i.startswith("{") else i, noun_sets)
                     for i in inner[1:]]  # fmt: skip
            words = [w for w in words if w and w not in FUNCTION_WORDS]
            preps.append(f"{prep}:{words[-1] if words else ''}")
            continue
        if item.startswith("{"):
            parts = item.strip("{}").split()
            parts = [p for p in parts if p not in ACTOR_SLOTS]
            if not parts:
                continue
            item = parts[-1]
        word = _alternatives(item, noun_sets)
        if not word:
            continue
        if word in PARTICLES and not objects:
            preps.append(f"{word}:")
        elif word not in FUNCTION_WORDS:
            objects.append(word)
    if not objects and not preps:
        return None
    return ";".join(objects), ";".join(preps), ""


VERB_LINE = re.compile(r"^(\+?[A-Z][A-Z0-9_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")


def build(cameo_path: Path, c2p_path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    table = parse_cameo2plover(c2p_path)
    lines = cameo_path.read_text(encoding="latin-1").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    noun_sets = parse_noun_sets(lines[:start])
    verbs: list[dict[str, str]] = []
    patterns: list[dict[str, str]] = []
    synset = ""
    synset_code = ""
    seen_verbs: set[tuple[str, str]] = set()
    for raw in lines[start + 1 :]:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if header:
            synset = header.group(1)
            synset_code = _code(header.group(2))[0]
            continue
        if line.startswith("-"):
            body, _, code_field = line[1:].rpartition("[")
            if "*" not in body:
                continue
            code, reversed_roles = _code(code_field.split("]")[0])
            before, _, after = body.partition("*")
            condition = parse_condition(after, noun_sets)
            subject = [_alternatives(w, noun_sets) for w in before.split() if w not in ACTOR_SLOTS]
            subject = [w for w in subject if w and w not in FUNCTION_WORDS]
            if condition is None and not subject:
                continue
            objects, preps, _ = condition or ("", "", "")
            mapped = plover_of(code, table) if code and code != "---" else None
            patterns.append({
                "synset": synset, "objects": objects, "preps": preps, "subject": ";".join(subject),
                "cameo": code if code != "---" else "", "type": mapped[0] if mapped else "",
                "mode": mapped[1] if mapped else "", "reversed": "1" if reversed_roles else "",
                "source": f"{SOURCE}: {synset}",
            })  # fmt: skip
            continue
        match = VERB_LINE.match(line.strip())
        if not match or not synset:
            continue
        name = match.group(1)
        own_code = _code(match.group(3))[0] if match.group(3) else ""
        code = own_code or synset_code
        phrasal = name.startswith("+")
        words = name.lstrip("+").lower().split("_")
        lemma, particle = words[0], " ".join(words[1:]) if phrasal else ""
        if not phrasal and len(words) > 1:
            continue  # a multi-word entry that is no verb + particle
        key = (lemma, particle)
        if key in seen_verbs:
            continue
        seen_verbs.add(key)
        mapped = plover_of(code, table) if code and code != "---" else None
        verbs.append({
            "lemma": lemma, "particle": particle, "synset": synset, "cameo": code if code != "---" else "",
            "type": mapped[0] if mapped else "", "mode": mapped[1] if mapped else "",
            "source": f"{SOURCE}: {synset}",
        })  # fmt: skip
    return verbs, patterns


HEADER = """# khabar CAMEO verb {what}, built by tools/build_cameo_verbs.py from the facts in PETRARCH2's CAMEO verb
# dictionary (openeventdata/petrarch2, MIT licence) and mapped to PLOVER through the PLOVER team's
# CAMEO2PLOVER table (2021). An empty type means CAMEO codes nothing, or PLOVER drops the code (01x statements).
"""


def write(path: Path, rows: list[dict[str, str]], what: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER.format(what=what))
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> None:
    cameo = Path(argv[1]) if len(argv) > 1 else SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
    c2p = Path(argv[2]) if len(argv) > 2 else SHARED / "gold" / "plover_gsr" / "CAMEO2PLOVER-2021.txt"
    verbs, patterns = build(cameo, c2p)
    write(OUT / "cameo_verbs.tsv", verbs, "synonym sets (verb -> set and default code)")
    write(OUT / "cameo_verb_patterns.tsv", patterns, "patterns (set + words after the verb -> code)")
    print(f"{len(verbs)} verbs, {len(patterns)} patterns", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
