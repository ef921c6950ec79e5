"""Input readers: seed .txt, JSONL, CSV, Parquet with a column mapping; bad records become rejects."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from coder.dataset.articles import Article, Reject, article_hash, collect_inputs, content_hash, read_articles
from coder.config import ColumnMap, InputConfig


def collect(cfg):
    items = list(read_articles(cfg))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def test_seed_txt(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a1.txt").write_text(" date 2024-03-23 09:40\nHeadline here\n\nPara one.\n\nPara two.\n")
    articles, rejects = collect(InputConfig(path=str(tmp_path)))
    assert not rejects
    (a,) = articles
    assert a.article_id == "a1" and a.pub_date == date(2024, 3, 23) and a.title == "Headline here"
    assert a.text == "Para one.\n\nPara two." and a.full_text.startswith("Headline here\n\n")


def test_jsonl_with_mapping_and_bad_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"doc": "x1", "published": "2023-05-02T10:00:00", "headline": "H", "body": "Text.", "src": "AKI"}),
        "{not json",
        json.dumps({"doc": "x2", "published": "yesterday-ish", "body": "Text."}),
        json.dumps({"doc": "x3", "published": "2 May 2023", "body": ""}),
        json.dumps({"doc": "x4", "published": "May 3, 2023", "body": "More text."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    cols = ColumnMap(id="doc", pub_date="published", title="headline", text="body", publisher="src", url=None)
    articles, rejects = collect(InputConfig(path=str(path), columns=cols))
    assert [a.article_id for a in articles] == ["x1", "x4"]
    assert articles[0].publisher == "AKI" and articles[1].pub_date == date(2023, 5, 3)
    reasons = {r.source.rsplit(":", 1)[1]: r.reason for r in rejects}
    assert "invalid JSON" in reasons["2"] and "date" in reasons["3"] and "empty" in reasons["4"]


def test_csv_and_parquet(tmp_path):
    frame = pl.DataFrame({"id": ["c1", "c2"], "date": ["2022-01-05", "2022-01-06"], "title": ["T1", "T2"],
                          "text": ["Body one.", "Body two."], "url": ["http://a", None]})
    frame.write_csv(tmp_path / "a.csv")
    frame.with_columns(pl.col("id") + "p").write_parquet(tmp_path / "b.parquet")
    articles, rejects = collect(InputConfig(path=str(tmp_path), columns=ColumnMap(publisher=None)))
    assert not rejects
    assert sorted(a.article_id for a in articles) == ["c1", "c1p", "c2", "c2p"]


def test_missing_column_is_a_reject_not_a_crash(tmp_path):
    pl.DataFrame({"id": ["1"], "content": ["x"]}).write_csv(tmp_path / "a.csv")
    articles, rejects = collect(InputConfig(path=str(tmp_path)))
    assert not articles and "missing column" in rejects[0].reason


def test_oversized_article_is_rejected(tmp_path):
    (tmp_path / "big.txt").write_text(" date 2024-03-23 09:40\nH\n\n" + "word " * 1000)
    articles, rejects = collect(InputConfig(path=str(tmp_path), max_chars=1000))
    assert not articles and "max_chars" in rejects[0].reason and rejects[0].kind == "too_large"


def test_oversized_file_is_rejected_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b" date 2024-03-23 09:40\nH\n\n" + b"word " * 1_000_000)  # 5 MB
    real = type(big).read_bytes

    def guarded(self):
        assert self.name != "big.txt", "the oversized file was read"
        return real(self)

    monkeypatch.setattr(type(big), "read_bytes", guarded)
    articles, rejects = collect(InputConfig(path=str(tmp_path)))
    assert not articles and rejects[0].kind == "too_large" and "max_chars=200000" in rejects[0].reason


def test_reject_kinds_and_locations(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf date 2024-03-23 09:40\nH\n\nKazakhstan met Russia.\n")
    (tmp_path / "late.txt").write_text(" date 2024-03-23 25:61\nH\n\nText.\n")
    (tmp_path / "news.jsonl").write_text('{"id": "j1", "date": "2024-01-01", "text": "lone \\ud800 half"}\n'
                                         '[1, 2]\n{"id": "", "date": "2024-01-01", "text": "x"}\n')
    (tmp_path / "empty.csv").write_text("id,date,text\n")
    articles, rejects = collect(InputConfig(path=str(tmp_path)))
    assert [a.article_id for a in articles] == ["bom"]
    kinds = {r.source.replace(str(tmp_path) + "/", ""): r.kind for r in rejects}
    assert kinds == {"late.txt:1": "date", "news.jsonl:1": "encoding", "news.jsonl:2": "invalid",
                     "news.jsonl:3": "missing", "empty.csv": "empty"}


def test_duplicates_are_rejected_and_the_first_kept(tmp_path):
    body = " date 2024-03-23 09:40\nTalks\n\nKazakhstan met Russia.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x1.txt").write_text(body)
    (tmp_path / "b" / "x1.txt").write_text(body)  # the same article twice
    (tmp_path / "c.txt").write_text(body.replace("Russia", "China"))
    (tmp_path / "d.txt").write_text(body.replace("Russia", "China").replace("Talks", "Talks "))  # same story
    (tmp_path / "news.jsonl").write_text('{"id": "c", "date": "2024-03-23", "text": "Another text."}\n')
    articles, rejects = collect_inputs(InputConfig(path=str(tmp_path)))
    assert [a.article_id for a in articles] == ["x1", "c"]
    reasons = {(r.article_id, r.kind): r.reason for r in rejects}
    assert set(reasons) == {("x1", "duplicate_article"), ("d", "duplicate_content"), ("c", "duplicate_id")}
    assert "a/x1.txt" in reasons[("x1", "duplicate_article")] and "c.txt" in reasons[("c", "duplicate_id")]
    assert len(articles) + len(rejects) == 5
    articles, rejects = collect_inputs(InputConfig(path=str(tmp_path), dedup_content=False))
    assert [a.article_id for a in articles] == ["x1", "c", "d"]


def test_every_article_carries_its_input_fingerprint(tmp_path):
    path = tmp_path / "a1.txt"
    path.write_text(" date 2024-03-23 09:40\nH\n\nText.\n")
    (article,) = collect(InputConfig(path=str(tmp_path)))[0]
    assert article.size == path.stat().st_size and len(article.sha256) == 64
    assert article_hash(article) != content_hash(article)


SEED_CYRILLIC = " date 2024-03-23 09:40\nТокаев встретился с Жапаровым\n\nПрезиденты обсудили водные ресурсы.\n"


def test_encoding_reject_names_the_setting_and_the_encoding_the_file_reads_in(tmp_path):
    (tmp_path / "ru.txt").write_bytes(SEED_CYRILLIC.encode("cp1251"))
    (tmp_path / "fr.txt").write_bytes(" date 2024-03-23 09:40\nLe président à Astana\n\nUn accord signé.\n"
                                      .encode("cp1252"))
    articles, rejects = collect(InputConfig(path=str(tmp_path)))
    reasons = {r.article_id: r.reason for r in rejects}
    assert not articles and all(r.kind == "encoding" for r in rejects)
    assert reasons["ru"].startswith("not valid utf-8 (invalid") and reasons["ru"].endswith(
        "it reads as cp1251: set input.encoding=cp1251")
    assert reasons["fr"].endswith("it reads as cp1252: set input.encoding=cp1252")
    articles, rejects = collect(InputConfig(path=str(tmp_path / "ru.txt"), encoding="cp1251"))
    assert not rejects and articles[0].title == "Токаев встретился с Жапаровым"


def test_encoding_reject_without_a_guess_still_names_the_setting(tmp_path):
    (tmp_path / "odd.txt").write_bytes(b" date 2024-03-23 09:40\nH\n\nText \x98\x81.\n")  # undefined in cp1251 and cp1252
    _, (reject,) = collect(InputConfig(path=str(tmp_path)))
    assert reject.reason.endswith("set input.encoding=<the file's encoding>, e.g. input.encoding=cp1251")


def test_jsonl_and_csv_encoding_rejects_name_the_setting_and_csv_honours_it(tmp_path):
    record = {"id": "r1", "date": "2024-03-23", "title": "Токаев в Бишкеке", "text": "Визит президента."}
    (tmp_path / "news.jsonl").write_bytes(json.dumps(record, ensure_ascii=False).encode("cp1251") + b"\n")
    pl.DataFrame([record]).write_csv(tmp_path / "news.csv")
    (tmp_path / "news.csv").write_bytes((tmp_path / "news.csv").read_text(encoding="utf-8").encode("cp1251"))
    _, rejects = collect(InputConfig(path=str(tmp_path), columns=ColumnMap(publisher=None, url=None)))
    assert len(rejects) == 2 and all(r.reason.endswith("set input.encoding=cp1251") for r in rejects), rejects
    articles, rejects = collect(InputConfig(path=str(tmp_path), encoding="cp1251",
                                            columns=ColumnMap(publisher=None, url=None)))
    assert not rejects and [a.title for a in articles] == ["Токаев в Бишкеке", "Токаев в Бишкеке"]


def test_jsonl_missing_column_reject_lists_the_columns_present(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "x1", "date": "2024-03-23", "headline": "H", "body": "Text."}) + "\n"
                    + json.dumps({"id": "x2", "date": "2024-03-23", "text": None}) + "\n")
    _, rejects = collect(InputConfig(path=str(path), columns=ColumnMap(publisher=None, url=None)))
    first, second = (r.reason for r in rejects)
    assert first == ("missing text: the record has no 'text' (it has 'id', 'date', 'headline', 'body'); set "
                     "input.columns.text=<the name that holds the text>")
    assert "it has" not in second and second.startswith("missing text")  # the key is there, its value is not


def test_table_missing_column_reject_lists_the_columns_present(tmp_path):
    pl.DataFrame({"id": ["1"], "content": ["x"]}).write_csv(tmp_path / "a.csv")
    _, (reject,) = collect(InputConfig(path=str(tmp_path)))
    assert "'text' (input.columns.text)" in reject.reason and "the file's columns are 'id', 'content'" in reject.reason
    assert "input.columns" in reject.reason
