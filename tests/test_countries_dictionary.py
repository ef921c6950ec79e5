"""The country/region actor dictionary coder/dictionaries/countries.yaml (built by scripts/build_countries.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

from tests.conftest import needs_shared

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
COUNTRIES_YAML = ROOT / "coder" / "dictionaries" / "countries.yaml"
ALIAS_FIELDS = ("names", "adjectives", "demonyms", "capitals")
ACRONYM = re.compile(r"[A-Z]{2,5}")  # docs/rules.md: such an alias matches only in capitals

CENTRAL_ASIA = {
    "KAZ": {"adjectives": {"Kazakh", "Kazakhstani"}, "demonyms": {"Kazakhs", "Kazakhstanis"},
            "capitals": {"Astana", "Nur-Sultan", "Akmola"}},
    "KGZ": {"adjectives": {"Kyrgyz"}, "capitals": {"Bishkek"}},
    "UZB": {"adjectives": {"Uzbek"}, "capitals": {"Tashkent"}},
    "TJK": {"adjectives": {"Tajik"}, "demonyms": {"Tajiks"}, "capitals": {"Dushanbe"}},
    "TKM": {"adjectives": {"Turkmen"}, "capitals": {"Ashgabat", "Ashkhabad"}},
}


def alias_key(alias: str) -> str:
    return alias if ACRONYM.fullmatch(alias) else alias.casefold()


def read_codes(table: Path) -> set[str]:
    lines = table.read_text(encoding="utf-8").splitlines()[1:]
    return {line.split("\t", 1)[0] for line in lines if line.strip()}


@pytest.fixture(scope="module")
def actors() -> list[dict]:
    data = yaml.safe_load(COUNTRIES_YAML.read_text(encoding="utf-8"))
    assert set(data) == {"actors"}
    return data["actors"]


@pytest.fixture(scope="module")
def by_code(actors) -> dict[str, dict]:
    return {a["code"]: a for a in actors}


def test_generated_header():
    head = COUNTRIES_YAML.read_text(encoding="utf-8").splitlines()[:5]
    assert any("scripts/build_countries.py" in line for line in head)
    assert any("country_extras.tsv" in line for line in head)
    assert any("Do not edit by hand" in line for line in head)


def test_yaml_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_countries.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_rule_shape(actors):
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    for a in actors:
        assert a["id"] == f"country.{a['code']}"
        assert a["kind"] in {"country", "group"}
        assert set(a) <= {"id", "kind", "code", *ALIAS_FIELDS}
        assert a.get("names"), f"{a['id']} has no names"
        for fld in ALIAS_FIELDS:
            if fld in a:
                values = a[fld]
                assert isinstance(values, list) and values, f"{a['id']}.{fld} must be a non-empty list"
                assert all(isinstance(v, str) and v.strip() == v and v for v in values), f"{a['id']}.{fld}: {values}"


def test_every_iso_country_has_a_rule(by_code):
    iso = {c.alpha_3 for c in pycountry.countries}
    missing = sorted(iso - set(by_code))
    assert not missing, f"ISO 3166-1 codes without a rule: {missing}"
    assert all(by_code[c]["kind"] == "country" for c in iso)


def test_special_codes(by_code):
    for code in ("KSV", "PSE", "TWN"):
        assert by_code[code]["kind"] == "country"
    assert "Kosovo" in by_code["KSV"]["names"]
    assert "Palestinian" in by_code["PSE"]["adjectives"]
    assert "Taiwan" in by_code["TWN"]["names"]
    # the conventions code countries by ISO 3166-1: Gaza and the West Bank are PSE, not CAMEO's GZS / WSB
    assert {"Gaza", "West Bank"} <= set(by_code["PSE"]["names"])
    assert "GZS" not in by_code and "WSB" not in by_code


def test_no_alias_maps_to_two_codes(actors):
    owners: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        for fld in ALIAS_FIELDS:
            for alias in a.get(fld, []):
                owners[alias_key(alias)].add(a["code"])
    shared = {alias: sorted(codes) for alias, codes in owners.items() if len(codes) > 1}
    assert not shared, f"aliases under two codes: {shared}"


def test_no_alias_repeated_within_a_rule(actors):
    for a in actors:
        keys = [alias_key(v) for fld in ALIAS_FIELDS for v in a.get(fld, [])]
        assert len(keys) == len(set(keys)), f"{a['id']} repeats an alias"


def test_no_common_word_aliases(actors):
    """Aliases that would match frequent lowercase English words (the matcher is case-insensitive)."""
    risky = {"us", "male", "reunion", "jersey", "the west", "western", "english", "caucasian", "poles", "victoria",
             "the valley", "cayenne", "stanley", "douglas", "hamilton", "turkish delight"}
    keys = {alias_key(v) for a in actors for fld in ALIAS_FIELDS for v in a.get(fld, [])}
    assert not keys & risky
    # acronyms are written in capitals so that they match only in capitals
    acronyms = {"US", "UK", "UAE", "USA", "PRC", "DPRK", "DRC", "ROK", "KSA"}
    aliases = [v for a in actors for fld in ALIAS_FIELDS for v in a.get(fld, [])]
    assert acronyms <= set(aliases)
    assert not [v for v in aliases if v.upper() in acronyms and v != v.upper()]


def test_central_asian_states(by_code):
    for code, expected in CENTRAL_ASIA.items():
        rule = by_code[code]
        assert rule["kind"] == "country"
        for fld, values in expected.items():
            assert values <= set(rule.get(fld, [])), f"{code}.{fld} lacks {sorted(values - set(rule.get(fld, [])))}"
    assert "Kazakhstan" in by_code["KAZ"]["names"]
    assert "Kyrgyz Republic" in by_code["KGZ"]["names"]


def test_frequent_news_forms(by_code):
    expected = {
        "RUS": ("names", ["Russia"]), "IRN": ("names", ["Iran"]), "SYR": ("names", ["Syria"]),
        "KOR": ("names", ["South Korea"]), "PRK": ("names", ["North Korea", "DPRK"]),
        "USA": ("names", ["US", "U.S.", "USA", "United States", "America"]),
        "GBR": ("names", ["Britain", "UK"]), "NLD": ("names", ["the Netherlands"]),
        "CZE": ("names", ["Czech Republic", "Czechia"]), "TUR": ("names", ["Turkey", "Türkiye"]),
        "LAO": ("names", ["Laos"]), "VNM": ("names", ["Vietnam"]), "CIV": ("names", ["Ivory Coast"]),
        "COD": ("names", ["DR Congo"]), "BOL": ("names", ["Bolivia"]), "ARE": ("names", ["UAE"]),
        "CHN": ("names", ["PRC"]),
    }
    for code, (fld, values) in expected.items():
        assert set(values) <= set(by_code[code][fld]), f"{code}.{fld}: {by_code[code][fld]}"
    assert {"the Kremlin", "Moscow"} <= set(by_code["RUS"]["capitals"])
    assert {"Washington", "the White House"} <= set(by_code["USA"]["capitals"])
    assert {"Kyiv", "Kiev"} <= set(by_code["UKR"]["capitals"])
    assert "Brussels" in by_code["BEL"]["capitals"]
    for code, capital in [("AFG", "Kabul"), ("CHN", "Beijing"), ("TUR", "Ankara"), ("IRN", "Tehran"),
                          ("PAK", "Islamabad"), ("IND", "New Delhi")]:
        assert capital in by_code[code]["capitals"]
    for code, adjective in [("AFG", "Afghan"), ("RUS", "Russian"), ("CHN", "Chinese"), ("USA", "American"),
                            ("GBR", "British"), ("TUR", "Turkish"), ("IRN", "Iranian"), ("PAK", "Pakistani"),
                            ("IND", "Indian"), ("KOR", "Korean")]:
        assert adjective in by_code[code]["adjectives"]
    # an adjective that is also the plural noun is listed only as adjective
    assert "demonyms" not in by_code["CHN"] and "demonyms" not in by_code["CHE"]


def test_communities_coded_by_the_state_they_live_in(by_code):
    # the longer alias wins over "Irish": Irish nationalists are of the UK
    assert {"Northern Irish", "Irish nationalist", "Irish republican"} <= set(by_code["GBR"]["adjectives"])
    assert "Irish" in by_code["IRL"]["adjectives"]


@needs_shared("cameo")
def test_regions(by_code):
    regions = read_codes(SHARED / "cameo" / "cameo_region_codes.tsv")
    groups = {code for code, a in by_code.items() if a["kind"] == "group"}
    assert groups <= regions
    assert {"CAS", "EUR", "AFR", "ASA", "MEA"} <= groups
    assert by_code["CAS"]["names"] == ["Central Asia"]
    assert "Central Asian" in by_code["CAS"]["adjectives"]


@needs_shared("cameo")
def test_codes_are_cameo_codes(actors):
    cameo = SHARED / "cameo"
    known = read_codes(cameo / "cameo_country_codes.tsv") | read_codes(cameo / "cameo_region_codes.tsv")
    unknown = sorted({a["code"] for a in actors} - known)
    assert not unknown, f"codes not in {cameo}: {unknown}"
