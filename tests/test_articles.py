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
