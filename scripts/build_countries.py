"""Build coder/dictionaries/countries.yaml, the country and region actor dictionary.

Sources:
  * pycountry: the ISO 3166-1 backbone (alpha_3 code, name, official_name, common_name);
  * coder/dictionaries/data/country_extras.tsv: hand-maintained short names, adjectives, demonyms and capitals for every
    ISO country, the non-ISO CAMEO code KSV (Kosovo) and the CAMEO regions
    (see the comment block at the top of that file for its format).

The output follows docs/rules.md, section `actors`: one rule per code, `id: country.<CODE>`, `kind: country` (`group` for
CAMEO regions), `code`, `names`, `adjectives`, `demonyms`, `capitals` (empty lists left out). The build stops with a
message if an ISO code has no row, if a code is unknown, or if one alias would map to two codes.

Run:    python scripts/build_countries.py            (writes the YAML)
        python scripts/build_countries.py --check    (exit 1 if the YAML is not what the sources give)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ROOT / "coder" / "dictionaries" / "data" / "country_extras.tsv"
OUTPUT = ROOT / "coder" / "dictionaries" / "countries.yaml"
SHARED_CAMEO = ROOT.parent / "shared" / "cameo"

COLUMNS = ["code", "short_names", "adjectives", "demonyms", "capitals"]
ALIAS_FIELDS = ["names", "adjectives", "demonyms", "capitals"]

# CAMEO codes that are not ISO 3166-1 but are coded as countries (kind: country).
# (GZS and WSB, CAMEO's Gaza Strip and West Bank, are not written: their names code PSE, as CODING-CONVENTIONS.md
# codes countries by ISO 3166-1.)
NON_ISO_COUNTRIES = {"KSV": "Kosovo"}
# CAMEO 1.1b3 region codes (Table 3.3; ../shared/cameo/cameo_region_codes.tsv), kind: group.
REGION_CODES = {
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT", "NAF",
    "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
}

ACRONYM = re.compile(r"[A-Z]{2,5}")
# Characters a plain YAML scalar may hold inside a flow list ([a, b]); anything else is written double-quoted.
PLAIN = re.compile(r"[\w][\w .'’ʻ&-]*", re.UNICODE)


@dataclass
class Rule:
    code: str
    kind: str
    comments: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)


def alias_key(alias: str) -> str:
    """The form under which an alias is matched: all-caps acronyms (2-5 letters) as written, the rest case-folded."""
    return alias if ACRONYM.fullmatch(alias) else alias.casefold()


def split_cell(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def read_extras(path: Path) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]], list[str]]:
    """Rows by code, the comment lines directly above each row, and the codes in file order."""
    rows: dict[str, dict[str, list[str]]] = {}
    comments: dict[str, list[str]] = {}
    order: list[str] = []
    pending: list[str] = []
    header_seen = False
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            pending = []
            continue
        if line.startswith("#"):
            pending.append(line[1:].strip())
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells != COLUMNS:
                raise SystemExit(f"{path}:{lineno}: header must be {'<TAB>'.join(COLUMNS)}")
            header_seen = True
            pending = []
            continue
        if len(cells) != len(COLUMNS):
            raise SystemExit(f"{path}:{lineno}: expected {len(COLUMNS)} tab-separated cells, found {len(cells)}")
        code = cells[0].strip()
        if code in rows:
            raise SystemExit(f"{path}:{lineno}: code {code} appears twice")
        rows[code] = {col: split_cell(cell) for col, cell in zip(COLUMNS[1:], cells[1:])}
        comments[code] = pending
        order.append(code)
        pending = []
    return rows, comments, order


def pycountry_names(country) -> list[str]:
    """Usable ISO names of one country: common_name, name, official_name, without the inverted ("Korea, Republic of")
    and parenthesised ("Holy See (Vatican City State)") forms and without a leading "the"."""
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if not value or "," in value or "(" in value:
            continue
        names.append(re.sub(r"^the ", "", value))
    return names


def check_cameo_tables(codes: set[str], shared: Path) -> None:
    country_table = shared / "cameo_country_codes.tsv"
    region_table = shared / "cameo_region_codes.tsv"
    if not (country_table.exists() and region_table.exists()):
        print(f"warning: {shared} not found; codes not checked against the CAMEO tables", file=sys.stderr)
        return
    known = set()
    for table in (country_table, region_table):
        lines = table.read_text(encoding="utf-8").splitlines()[1:]
        known |= {line.split("\t", 1)[0] for line in lines if line.strip()}
    regions = {line.split("\t", 1)[0] for line in region_table.read_text(encoding="utf-8").splitlines()[1:] if line}
    if regions != REGION_CODES:
        raise SystemExit(f"REGION_CODES differ from {region_table}: {sorted(regions ^ REGION_CODES)}")
    unknown = sorted(codes - known)
    if unknown:
        raise SystemExit(f"codes not in the CAMEO tables ({shared}): {unknown}")


def build(extras_path: Path = EXTRAS, shared: Path = SHARED_CAMEO) -> list[Rule]:
    rows, comments, order = read_extras(extras_path)
    iso = {c.alpha_3: c for c in pycountry.countries}

    missing = sorted(set(iso) - set(rows))
    if missing:
        raise SystemExit(f"{extras_path}: no row for ISO codes {missing}")
    unknown = sorted(set(rows) - set(iso) - set(NON_ISO_COUNTRIES) - REGION_CODES)
    if unknown:
        raise SystemExit(f"{extras_path}: codes that are neither ISO 3166-1, {sorted(NON_ISO_COUNTRIES)} nor CAMEO "
                         f"regions: {unknown}")
    check_cameo_tables(set(rows), shared)

    rules = []
    for code in order:
        row = rows[code]
        kind = "group" if code in REGION_CODES else "country"
        rule = Rule(code=code, kind=kind, comments=comments[code])
        removed = {n[1:].strip() for n in row["short_names"] if n.startswith("-")}
        extra_names = [n for n in row["short_names"] if not n.startswith("-")]
        iso_names = pycountry_names(iso[code]) if code in iso else []
        bad_removals = removed - set(iso_names)
        if bad_removals:
            raise SystemExit(f"{extras_path}: {code} removes {sorted(bad_removals)}, which pycountry does not give")
        candidates = {
            "names": [n for n in iso_names if n not in removed] + extra_names,
            "adjectives": row["adjectives"],
            "demonyms": row["demonyms"],
            "capitals": row["capitals"],
        }
        seen: set[str] = set()
        for fld in ALIAS_FIELDS:  # an alias already given in an earlier field of the same rule is not repeated
            for alias in candidates[fld]:
                if alias_key(alias) not in seen:
                    seen.add(alias_key(alias))
                    getattr(rule, fld).append(alias)
        if not rule.names:
            raise SystemExit(f"{extras_path}: {code} has no name")
        rules.append(rule)

    owner: dict[str, str] = {}
    clashes = []
    for rule in rules:
        for fld in ALIAS_FIELDS:
            for alias in getattr(rule, fld):
                other = owner.setdefault(alias_key(alias), rule.code)
                if other != rule.code:
                    clashes.append(f"{alias!r} ({other} and {rule.code})")
    if clashes:
        raise SystemExit("aliases mapped to two codes: " + "; ".join(clashes))

    countries = sorted((r for r in rules if r.kind == "country"), key=lambda r: r.code)
    groups = sorted((r for r in rules if r.kind == "group"), key=lambda r: r.code)
    return countries + groups


def scalar(value: str) -> str:
    """A string as a YAML flow scalar: plain when that reads back as the same string, else double-quoted."""
    if PLAIN.fullmatch(value) and not value.endswith(" ") and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def pycountry_version() -> str:
    try:
        return metadata.version("pycountry")
    except metadata.PackageNotFoundError:
        return getattr(pycountry, "__version__", "(unknown version)")


def render(rules: list[Rule]) -> str:
    out = [
        "# Country and region actors (format: docs/rules.md, section `actors`).",
        f"# GENERATED by scripts/build_countries.py from pycountry {pycountry_version()} (ISO 3166-1)",
        "# + coder/dictionaries/data/country_extras.tsv.",
        "# Do not edit by hand: change data/country_extras.tsv and run `python scripts/build_countries.py`.",
        "actors:",
    ]
    section = None
    for rule in rules:
        if rule.kind != section:
            section = rule.kind
            title = ("Countries: ISO 3166-1 and the CAMEO code KSV" if section == "country"
                     else "CAMEO regions and collective actors")
            out.append(f"  # ---- {title} " + "-" * max(0, 100 - len(title)))
        out.extend(f"  # {c}".rstrip() for c in rule.comments)
        out.append(f"  - id: country.{rule.code}")
        out.append(f"    kind: {rule.kind}")
        out.append(f"    code: {rule.code}")
        for fld in ALIAS_FIELDS:
            values = getattr(rule, fld)
            if values:
                out.append(f"    {fld}: [{', '.join(scalar(v) for v in values)}]")
    return "\n".join(out) + "\n"


def verify(text: str, rules: list[Rule]) -> None:
    """The YAML must read back as exactly the rules that were built."""
    loaded = yaml.safe_load(text)["actors"]
    expected = []
    for rule in rules:
        item = {"id": f"country.{rule.code}", "kind": rule.kind, "code": rule.code}
        item.update({fld: getattr(rule, fld) for fld in ALIAS_FIELDS if getattr(rule, fld)})
        expected.append(item)
    if loaded != expected:
        bad = next(i for i, (a, b) in enumerate(zip(loaded, expected)) if a != b) if len(loaded) == len(expected) else -1
        raise SystemExit(f"internal error: the YAML does not read back as built (first difference at item {bad})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if countries.yaml is out of date")
    parser.add_argument("--shared", type=Path, default=SHARED_CAMEO, help="folder of the CAMEO reference tables")
    args = parser.parse_args(argv)

    rules = build(EXTRAS, args.shared)
    text = render(rules)
    verify(text, rules)
    n_country = sum(r.kind == "country" for r in rules)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python scripts/build_countries.py", file=sys.stderr)
            return 1
        print(f"{OUTPUT} is up to date ({n_country} countries, {len(rules) - n_country} regions)")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({n_country} countries, {len(rules) - n_country} regions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
