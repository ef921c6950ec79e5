"""Strict input typing (issue #16): every value that would be coerced is rejected with a reason that names the fix;
CSV and Parquet are read in pieces, a bad CSV row alone is rejected."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from omegaconf import OmegaConf

from coder.config import CoderConfig, ColumnMap, InputConfig, register_configs, typed
from coder.dataset import input_tables
from coder.dataset.articles import Article, Reject, read_articles
from coder.dataset.pub_dates import pub_date
from coder.errors import ConfigError


def collect(path, **options):
    items = list(read_articles(InputConfig(path=str(path), **options)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def jsonl(tmp_path, *records, name="news.jsonl"):
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def one_reject(path, **options) -> Reject:
    articles, rejects = collect(path, **options)
    assert not articles and len(rejects) == 1, (articles, rejects)
    return rejects[0]


# --- publication dates ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, day", [
    ("2024-03-04", date(2024, 3, 4)), ("2024-03-04T22:10:00+03:00", date(2024, 3, 4)), ("20240304", date(2024, 3, 4)),
    ("2024/3/4", date(2024, 3, 4)), ("13/04/2024", date(2024, 4, 13)), ("04/04/2024", date(2024, 4, 4)),
    ("4 March 2025", date(2025, 3, 4)), ("March 4, 2025", date(2025, 3, 4)), ("4 марта 2025", date(2025, 3, 4)),
    ("Tuesday, March 4, 2025", date(2025, 3, 4)), ("Tue, 04 Mar 2025 10:00:00 +0000", date(2025, 3, 4)),
])
def test_absolute_dates_are_read(value, day):
    assert pub_date(value, None)[0] == day


@pytest.mark.parametrize("value, words", [
    ("yesterday", ["relative", "YYYY-MM-DD"]), ("2 days ago", ["relative"]), ("last Tuesday", ["relative"]),
    ("вчера", ["relative"]), ("March 4", ["no day, month and year"]), ("03/04/2024", ["ambiguous", "input.dayfirst=true"]),
    ("04.03.2025", ["ambiguous", "Russian"]), ("03/04/24", ["2-digit year"]), ("31/31/2024", ["impossible"]),
    ("1709510400", ["malformed"]), (20240304, ["a number"]), (True, ["true"]), (float("nan"), ["NaN"]),
    ([2024, 3, 4], ["a list"]),
])
def test_relative_ambiguous_and_untyped_dates_are_refused_with_the_fix(value, words):
    reason = pub_date(value, None)
    assert isinstance(reason, str) and all(w in reason for w in words), reason


def test_dayfirst_says_how_numeric_dates_are_read(tmp_path):
    path = jsonl(tmp_path, {"id": "r1", "date": "04.03.2025", "text": "Москва."},
                 {"id": "r2", "date": "13.03.2025", "text": "Text."})
    articles, _ = collect(path, dayfirst=True)
    assert [a.pub_date for a in articles] == [date(2025, 3, 4), date(2025, 3, 13)]
    articles, rejects = collect(path, dayfirst=False)
    assert [a.pub_date for a in articles] == [date(2025, 4, 3)]
    assert rejects[0].kind == "date" and "impossible" in rejects[0].reason and "input.dayfirst=false" in rejects[0].reason
    articles, rejects = collect(path)  # unset: the ambiguous one is refused, the one only day-first reading is read
    assert [a.pub_date for a in articles] == [date(2025, 3, 13)]
    assert rejects[0].kind == "date" and "ambiguous" in rejects[0].reason and rejects[0].article_id == "r1"


def test_a_relative_date_is_rejected_not_read_against_the_clock(tmp_path):
    reject = one_reject(jsonl(tmp_path, {"id": "y", "date": "yesterday", "text": "Text."}))
    assert reject.kind == "date" and "relative publication date 'yesterday'" in reject.reason
    assert reject.article_id == "y" and reject.source.endswith("news.jsonl:1")


# --- strings in JSON ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    (12345, ["a number (12345)", '"12345"']), (True, ["a boolean (true)"]), (["a", "b"], ["a list"]),
    ({"v": 1}, ["an object"]),
])
def test_ids_must_be_strings(tmp_path, value, words):
    reject = one_reject(jsonl(tmp_path, {"id": value, "date": "2024-03-04", "text": "Text."}))
    assert reject.kind == "invalid" and reject.reason.startswith("article id ('id') is ")
    assert all(w in reject.reason for w in words), reject.reason


def test_nan_and_null_ids(tmp_path):
    reject = one_reject(jsonl(tmp_path, '{"id": NaN, "date": "2024-03-04", "text": "Text."}'))
    assert reject.kind == "invalid" and "is NaN" in reject.reason
    reject = one_reject(jsonl(tmp_path, {"id": None, "date": "2024-03-04", "text": "Text."}))
    assert reject.kind == "missing" and "'id' is null" in reject.reason


@pytest.mark.parametrize("field, value, words", [
    ("text", ["Para one.", "Para two."], ["text ('text') is a list", "one string"]),
    ("text", {"body": "x"}, ["an object"]), ("text", 42, ["a number"]),
    ("title", 7, ["headline ('title') is a number"]), ("url", False, ["url ('url') is a boolean"]),
])
def test_texts_must_be_strings(tmp_path, field, value, words):
    record = {"id": "t1", "date": "2024-03-04", "text": "Text.", field: value}
    reject = one_reject(jsonl(tmp_path, record))
    assert reject.kind == "invalid" and reject.article_id == "t1" and all(w in reject.reason for w in words), reject


def test_null_optional_fields_are_absent(tmp_path):
    (article,), _ = collect(jsonl(tmp_path, {"id": "o", "date": "2024-03-04", "text": "T.", "title": None,
                                             "url": None}))
    assert article.title == "" and article.url is None


def test_duplicate_json_keys_are_rejected(tmp_path):
    reject = one_reject(jsonl(tmp_path, '{"id": "a", "date": "2024-03-04", "text": "One.", "text": "Two."}'))
    assert reject.kind == "invalid" and "duplicate key 'text'" in reject.reason


# --- messages that name the fix ---------------------------------------------------------------------------------------

def test_an_encoding_reject_names_input_encoding(tmp_path):
    path = tmp_path / "ru.jsonl"
    path.write_bytes(json.dumps({"id": "r", "date": "2024-03-04", "text": "Москва"}, ensure_ascii=False)
                     .encode("cp1251") + b"\n")
    reject = one_reject(path)
    assert reject.kind == "encoding" and "not valid utf-8" in reject.reason
    assert reject.reason.endswith("it reads as cp1251: set input.encoding=cp1251")  # the encoding the bytes read in
    (article,), _ = collect(path, encoding="cp1251")
    assert article.text == "Москва"
    (tmp_path / "seed.txt").write_bytes(" date 2024-03-04\nH\n\nМосква\n".encode("cp1251"))
    _, rejects = collect(tmp_path / "seed.txt")
    assert "input.encoding=cp1251" in rejects[0].reason


def test_a_missing_text_column_lists_the_columns_and_the_option(tmp_path):
    frame = pl.DataFrame({"id": ["1"], "date": ["2024-03-04"], "body": ["x"]})
    frame.write_csv(tmp_path / "a.csv")
    frame.write_parquet(tmp_path / "b.parquet")
    jsonl(tmp_path, {"id": "1", "date": "2024-03-04", "body": "x"}, name="c.jsonl")
    _, rejects = collect(tmp_path)
    assert [r.kind for r in rejects] == ["missing"] * 3
    for reject in rejects:
        assert "'id', 'date', 'body'" in reject.reason and "input.columns.text=" in reject.reason, reject.reason
    assert "'text' (input.columns.text)" in rejects[0].reason


# --- CSV --------------------------------------------------------------------------------------------------------------

def test_csv_duplicate_headers_are_rejected(tmp_path):
    (tmp_path / "a.csv").write_text("id,date,text,text\n1,2024-03-04,One.,Two.\n")
    reject = one_reject(tmp_path / "a.csv")
    assert reject.kind == "invalid" and "duplicate column name(s) 'text'" in reject.reason


def test_a_ragged_csv_row_is_rejected_alone_with_its_line(tmp_path):
    rows = ['id,date,text', 'a,2024-03-04,"First,', 'over two lines."', 'b,2024-03-04,Second, with a comma.',
            'c,2024-03-04,Third.', '', 'd,2024-03-04,"Quoted "" text."', 'e,2024-03-04,"bad"quote"', 'f,2024-03-04,Last.']
    (tmp_path / "a.csv").write_text("\n".join(rows) + "\n")
    articles, rejects = collect(tmp_path / "a.csv")
    assert [a.article_id for a in articles] == ["a", "c", "d", "f"]
    assert articles[0].source.endswith("a.csv:2") and articles[1].source.endswith("a.csv:5")
    assert articles[2].text == 'Quoted " text.'
    assert [(r.source.rsplit(":", 1)[1], r.kind) for r in rejects] == [("4", "invalid"), ("8", "invalid")]
    assert "the row has 4 field(s), the header 3" in rejects[0].reason and "invalid CSV row" in rejects[1].reason


def test_csv_honours_input_encoding_and_rejects_a_bad_row_alone(tmp_path):
    path = tmp_path / "ru.csv"
    path.write_bytes("id,date,text\nr1,2024-03-04,Москва\nr2,2024-03-04,Plain.\n".encode("cp1251"))
    articles, rejects = collect(path, encoding="cp1251")
    assert [a.text for a in articles] == ["Москва", "Plain."] and not rejects
    articles, rejects = collect(path)
    assert [a.article_id for a in articles] == ["r2"]
    assert rejects[0].kind == "encoding" and rejects[0].source.endswith("ru.csv:2")
    assert "not valid utf-8 (byte 0xcc in column 'text'); it reads as cp1251: set input.encoding=cp1251" \
        in rejects[0].reason


def test_a_csv_with_a_bom_and_crlf(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"\xef\xbb\xbfid,date,text\r\nx,2024-03-04,Text.\r\n")
    (article,), rejects = collect(tmp_path / "a.csv")
    assert article.article_id == "x" and not rejects


# --- Parquet ------------------------------------------------------------------------------------------------------------

def test_parquet_is_read_in_batches_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(input_tables, "PARQUET_BATCH_ROWS", 3)
    count = 10
    pl.DataFrame({"id": [f"p{i}" for i in range(count)], "date": [date(2024, 3, 4)] * count,
                  "text": [f"Text {i}." if i != 4 else "" for i in range(count)]}).write_parquet(tmp_path / "a.parquet")
    articles, rejects = collect(tmp_path / "a.parquet")
    assert [a.article_id for a in articles] == [f"p{i}" for i in range(count) if i != 4]
    assert articles[5].source.endswith("a.parquet#row7") and articles[0].pub_date == date(2024, 3, 4)
    assert [(r.source.rsplit("#", 1)[1], r.kind) for r in rejects] == [("row5", "empty")]


def test_parquet_columns_of_the_wrong_type_are_rejected(tmp_path):
    pl.DataFrame({"id": [1, 2], "date": ["2024-03-04"] * 2, "text": ["A.", "B."]}).write_parquet(tmp_path / "a.parquet")
    reject = one_reject(tmp_path / "a.parquet")
    assert reject.kind == "invalid" and "column 'id' (input.columns.id) has type int64" in reject.reason
    assert "cast(pl.String)" in reject.reason


# --- configuration ------------------------------------------------------------------------------------------------

def test_input_config_is_validated():
    register_configs()
    cfg = typed(OmegaConf.create({"input": {"dayfirst": True, "encoding": "cp1251"}}), CoderConfig)
    assert cfg.input.dayfirst is True and InputConfig().dayfirst is None
    with pytest.raises(ConfigError, match="input.encoding: 'utf-9' is not a text encoding"):
        typed(OmegaConf.create({"input": {"encoding": "utf-9"}}), CoderConfig)
    with pytest.raises(ConfigError, match="input.encoding: 'base64'"):
        InputConfig(encoding="base64")
    with pytest.raises(ConfigError, match="input.max_chars"):
        InputConfig(max_chars=0)


def test_columns_mapped_to_other_names(tmp_path):
    cols = ColumnMap(id="doc", pub_date="published", title=None, text="body", publisher=None, url=None)
    (article,), _ = collect(jsonl(tmp_path, {"doc": "d", "published": "2024-03-04", "body": "B."}), columns=cols)
    assert article.article_id == "d"
