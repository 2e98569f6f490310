"""`report --dataset`: the corpus notebooks and one page per article as a site, every figure linked to its sentence.

The dataset is built once, from seeds/corpus plus one article whose title and sentences are hostile
markup (annotated by hand: it reports the Wad Hilal market strike, so its sentence shows in the
incidents' tables too), an empty file and a copy.  The slow tests share one rendered site, and render it once more to compare bytes.
"""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pandas as pd
import pytest
from browser import chromium_for_tests
from conftest import span
from test_report_browser import PHONE, PROBE, check_downloads, check_links_resolve

from analysis import __version__, paths
from analysis.annotations import SCHEMA_VERSION
from analysis.cli import main
from analysis.corpus import run, views
from analysis.corpus.store import load_dataset
from analysis.display import Link, html_table, sentence_anchor
from analysis.report import NotebookFailed, dataset_run, dataset_site, execution
from analysis.report.output import file_sha256

HOSTILE_TITLE = 'Drone strike on <script>alert("title")</script> market kills 9 & more'
HOSTILE_TEXT = (f"{HOSTILE_TITLE}\nKordofan Voice | Published Monday, 9 March 2026\n"
                "A drone struck the market in Wad Hilal on Sunday, killing 9 people <img src=x onerror=alert(2)> and "
                "$x$ *wounding* others, residents said.\n")
RAW_MARKUP = ("<script>alert", "<img src=x")


def hostile_gold() -> dict:
    """A hand-made annotation of HOSTILE_TEXT: its 9 killed in the Wad Hilal market strike of 8 March."""
    t = HOSTILE_TEXT
    nine = t.index("killing 9") + len("killing ")
    return {
        "schema_version": SCHEMA_VERSION, "source": "gold", "annotator": "tests",
        "article": {"file": "07_hostile.txt", "sha256": "0" * 64, "title": HOSTILE_TITLE, "outlet": "Kordofan Voice",
                    "published": "2026-03-09", "published_evidence": "test"},
        "actors": [], "mentions": [], "quotes": [],
        "casualties": [{"id": "c1", "kind": "killed", "count_low": 9, "count_high": 9, "qualifier": "exact",
                        "scope": "incident", "victims": "people", "event": "e1", "date": "d1",
                        "reported_by": "residents", "start": nine, "end": nine + 1, "text": "9"}],
        "dates": [{"id": "d1", **span(t, "Sunday"), "value": "2026-03-08", "kind": "point", "precision": "day",
                   "resolution": "weekday_past", "start_date": "2026-03-08", "end_date": "2026-03-08"}],
        "events": [{"id": "e1", "type": "air_strike", "modality": "happened", "date": "d1", "location": "Wad Hilal",
                    **span(t, "struck"), "participants": []}],
    }
BOOKS = [b.stem for b in execution.notebooks(dataset_run.NOTEBOOK_DIR)]


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Path:
    """A dataset of the seed corpus, one hostile article, an empty file and a copy, built in this process."""
    base = tmp_path_factory.mktemp("report-dataset")
    articles = base / "articles"
    shutil.copytree(paths.SEEDS_DIR / "corpus", articles, ignore=shutil.ignore_patterns("*.md", "*.json"))
    for gold in (paths.SEEDS_DIR / "corpus").glob("*.gold.json"):
        shutil.copy(gold, articles / gold.name)
    (articles / "07_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (articles / "07_hostile.gold.json").write_text(json.dumps(hostile_gold()), encoding="utf-8")
    (articles / "08_empty.txt").write_bytes(b"")
    shutil.copy(articles / "04_local_kivu.txt", articles / "09_copy.txt")
    run.build_corpus([str(articles)], base / "dataset", scheduler="none")
    return base / "dataset"


@pytest.fixture(scope="session")
def site(dataset) -> Path:
    """The dataset's site, rendered once."""
    return dataset_run.run_dataset_report(dataset, dataset.parent / "site", {}, jobs=2)


class Page(HTMLParser):
    """What the checks need from a page: links (with their text), ids, classes seen, table rows."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.anchors: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.rows: list[tuple[bool, list[tuple[str, str | None]]]] = []
        self._href: str | None = None
        self._cell: list[str] | None = None
        self._cell_href: str | None = None
        self._link_text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "a" and "href" in found:
            self.anchors.append(found)
            self._href, self._link_text = found["href"], []
            if self._cell is not None:
                self._cell_href = found["href"]
        elif tag == "tr":
            self.rows.append((False, []))
        elif tag in ("td", "th"):
            self._cell, self._cell_href = [], None
            if tag == "th" and self.rows and not self.rows[-1][1]:
                self.rows[-1] = (True, [])

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text)))
            self._href = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append(("".join(self._cell).strip(), self._cell_href))
            self._cell = None

    def handle_data(self, data):
        if self._href is not None:
            self._link_text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parsed(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def sentence_text(site: Path, href: str, base: Path) -> str:
    """The text of the sentence a link points at, read from the article's page."""
    target, _, anchor = urljoin(base.as_uri(), href).partition("#")
    page = Path(target.removeprefix("file://")).read_text(encoding="utf-8")
    found = re.search(rf'<span class="cn-sentence" id="{anchor}"><a class="cn-sn" [^>]*>\d+</a> (.*?)</span>', page)
    assert found, (href, "no such sentence")
    from html import unescape

    return unescape(found.group(1))


def table_rows(page: Path, *headers: str) -> list[dict[str, tuple[str, str | None]]]:
    """The rows of the tables of a page whose header row holds `headers`, as {column: (text, link)}."""
    rows: list[dict[str, tuple[str, str | None]]] = []
    columns: list[str] | None = None
    for heading, row in parsed(page).rows:
        texts = [text for text, _ in row]
        if heading:
            columns = texts if set(headers) <= set(texts) else None
        elif columns and len(row) == len(columns):
            rows.append(dict(zip(columns, row)))
    return rows


# ---------------------------------------------------------------- fast: arguments and errors

def test_article_files_with_dataset_are_a_usage_error(capsys, tmp_path):
    assert main(["report", "seeds/corpus/01_local_kordofan.txt", "--dataset", "build/corpus", "--out",
                 str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "--dataset" in err and "no article files beside it" in err and "01_local_kordofan.txt" in err
    assert not (tmp_path / "out").exists()


def test_dataset_needs_an_output_folder_and_takes_only_top_n(capsys, tmp_path):
    assert main(["report", "--dataset", str(tmp_path)]) == 2
    assert "--out DIR" in capsys.readouterr().err
    assert main(["report", "--dataset", str(tmp_path), "--out", str(tmp_path / "o"), "-p", "dataset", "x"]) == 2
    assert "not -p dataset" in capsys.readouterr().err
    assert main(["report", "--dataset", str(tmp_path), "--out", str(tmp_path / "o"), "-p", "published",
                 "2026-03-01"]) == 2
    assert "only top_n" in capsys.readouterr().err


@pytest.mark.parametrize("state", ["missing", "unfinished"])
def test_a_missing_or_unfinished_dataset_is_named_with_the_fix(capsys, tmp_path, state):
    folder = tmp_path / "corpus"
    if state == "unfinished":
        folder.mkdir()
        (folder / "articles.parquet").write_bytes(b"")
    assert main(["report", "--dataset", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert str(folder) in err and f"python -m analysis corpus ARTICLES... --out {folder}" in err
    assert ("does not exist" if state == "missing" else "no dataset.json") in err
    assert not (tmp_path / "out").exists()


def test_an_article_page_and_a_linked_cell_escape_hostile_text():
    brief = SimpleNamespace(article_id="0123456789abcdef", title=HOSTILE_TITLE, outlet="<b>o</b>",
                            published="2026-03-09", file="<x>.txt", kind="automatic", sentences=2)
    entry = dataset_site.ArticleEntry(**vars(brief))
    site = dataset_site.DatasetSite("<i>ds</i>", "<meta>", "automatic", "ab" * 32, ())
    sentences = pd.DataFrame({"article_id": [entry.article_id] * 2, "sentence": [0, 1], "paragraph": [0, 1],
                              "text": [HOSTILE_TITLE, "killing 9 <img src=x onerror=alert(2)>"]})
    (name, html), = dataset_site.article_pages(site, [entry], sentences, {"dataset": "<d>"})
    assert name == "0123456789abcdef.html"
    assert not any(raw in html for raw in RAW_MARKUP) and "<i>ds" not in html and "<b>o" not in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert f'id="{sentence_anchor(1)}"' in html and "killing 9 &lt;img src=x" in html
    cell = html_table(pd.DataFrame({"sentence": [Link("articles/a.html#s2", HOSTILE_TITLE)]}), download=False)
    assert '<a href="articles/a.html&#35;s2">Drone strike on &lt;script&gt;' in cell and "<script" not in cell


def test_the_sentence_links_of_the_views_point_at_each_articles_page():
    frame = pd.DataFrame({"article_id": ["0123456789abcdef", "fedcba9876543210", None],
                          "sentence": pd.array([3, None, 1], dtype="Int64"), "sentence_text": ["a", "b", "c"]})
    assert views.sentence_links(frame) == [Link("articles/0123456789abcdef.html#s4", "a"), "b", "c"]


def test_a_users_file_in_the_output_folder_is_refused_before_any_notebook_runs(dataset, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    article_id = load_dataset(dataset, ["articles"])["articles"]["article_id"].iloc[0]
    (out / "articles" / f"{article_id}.html").write_text("mine", encoding="utf-8")
    assert main(["report", "--dataset", str(dataset), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"articles/{article_id}.html" in err and "--force" in err
    assert (out / "articles" / f"{article_id}.html").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.rglob("*")) == sorted(["articles", f"{article_id}.html"])


# ---------------------------------------------------------------- slow: the rendered site

@pytest.mark.slow
def test_the_site_holds_the_notebooks_the_index_every_article_and_the_tables(site, dataset):
    articles = load_dataset(dataset, ["articles"])["articles"]
    read = articles[articles["status"] == "ok"]
    assert len(read) == 7 and len(articles) == 9
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not p.name.startswith(".")} == {
        "index.html", *(f"{b}{s}" for b in BOOKS for s in (".html", ".ipynb")),
        *(f"articles/{a}.html" for a in read["article_id"]),
        *(f"tables/{t}.csv" for t in dataset_run.CSV_TABLES)}
    for book in BOOKS:
        page = (site / f"{book}.html").read_text(encoding="utf-8")
        assert 'src="data:image/png;base64,' in page and "Dataset:" in page, book
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "7 read, 1 failed, 1 duplicate" in index and "2 article(s) that failed or repeat" in index
    listing = table_rows(site / "01_overview.html", "File", "Status")
    assert {row["File"][0]: row["File"][1] for row in listing if row["Status"][0] != "ok"} == {
        "08_empty.txt": None, "09_copy.txt": None}
    assert all(row["File"][1] == f"articles/{a}.html" for row, a in zip(
        [r for r in listing if r["Status"][0] == "ok"], read["article_id"]))


@pytest.mark.slow
def test_every_page_has_the_chrome(site, dataset):
    sha = file_sha256(dataset / "dataset.json")
    order = ["index.html", *(f"{b}.html" for b in BOOKS)]
    articles = load_dataset(dataset, ["articles"])["articles"]
    ids = list(articles[articles["status"] == "ok"]["article_id"])
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        header = text[text.index('<header class="cn-header">'):text.index("</header>")]
        footer = text[text.index('<footer class="cn-footer">'):]
        assert re.search(r'<meta [^>]*content="width=device-width', text), path
        assert text.count('<header class="cn-header">') == text.count('<footer class="cn-footer">') == 1, path
        assert f"conflict-notebooks {__version__}" in footer and sha in footer, path
        assert "Parameters: <code>dataset = " in footer and "<code>top_n = 15</code>" in footer, path
        assert "Corpus: dataset" in header and "7 articles from 5 named outlets · published 2026-03-04" in header
        assert "· 1 failed" in header, path
        assert text.count("<table") == len(re.findall(r'class="cn-table-box"[^>]*>\s*<table', text)), path
        anchors = Page(header.split('class="cn-contents"')[1].split("</ol>")[0]).anchors
        contents = [a["href"] for a in anchors]
        current = [a["href"] for a in anchors if a.get("aria-current") == "page"]
        around = tuple([a["href"] for a in Page(header).anchors if a.get("rel") == rel] for rel in ("prev", "next"))
        if path.parent == site:
            i = order.index(path.name)
            assert current == [path.name] and contents == order, path
            assert around == (order[i - 1:i] if i else [], order[i + 1:i + 2]), path
        else:
            i = ids.index(path.stem)
            assert current == [] and contents == [f"../{name}" for name in order], path
            assert around == ([f"{a}.html" for a in ids[i - 1:i]] if i else [],
                              [f"{a}.html" for a in ids[i + 1:i + 2]]), path
        up = [a["href"] for a in Page(header).anchors if a.get("class") == "cn-up"]
        assert up == ([] if path == site / "index.html" else ["index.html" if path.parent == site else "../index.html"])


@pytest.mark.slow
def test_every_internal_link_and_download_resolves(site):
    downloads = 0
    for path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        hrefs = [href for href, _ in parsed(path).links]
        assert all(not re.match(r"[a-z]+:", h) for h in hrefs), path
        seen = {"links": [urljoin(path.as_uri(), h) for h in hrefs],
                "downloads": [urljoin(path.as_uri(), h) for h in re.findall(r'href="([^"]+)" download', text)]}
        check_links_resolve(path, seen)
        downloads += check_downloads(path, seen)
    assert downloads >= len(dataset_run.CSV_TABLES)


@pytest.mark.slow
def test_every_figure_links_to_the_sentence_that_holds_it(site):
    checked = 0
    for book, worded in (("02_incidents", "As worded"), ("03_tolls", "As worded")):
        rows = table_rows(site / f"{book}.html", worded, "Sentence")
        assert rows, book
        for row in rows:
            text, href = row["Sentence"]
            assert href and href.startswith("articles/"), (book, row)
            assert row[worded][0] in sentence_text(site, href, site / f"{book}.html") == text, (book, row)
            checked += 1
    events = table_rows(site / "05_timeline.html", "Event", "Date as written")
    assert events and all(row["Event"][1].startswith("articles/") for row in events)
    assert checked >= 30


@pytest.mark.slow
def test_the_incidents_page_shows_each_source_of_a_disagreement(site):
    rows = table_rows(site / "02_incidents.html", "Incident", "Source", "Sentence")
    market = {row["Source"][0] for row in rows if row["Incident"][0].startswith("Wad Hilal")}
    assert {"Kordofan Voice", "Savanna Wire", "United Nations"} <= market


@pytest.mark.slow
def test_hostile_text_is_escaped_on_every_page(site, dataset):
    for path in [*html_pages(site), *site.glob("*.ipynb")]:
        text = path.read_text(encoding="utf-8")
        assert not any(raw in text for raw in RAW_MARKUP), path
    hostile = next(p for p in (site / "articles").glob("*.html") if "&lt;script&gt;" in p.read_text(encoding="utf-8"))
    assert "&lt;img src=x onerror=alert(2)&gt;" in hostile.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x" in (site / "02_incidents.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_output_holds_a_path_of_this_machine(site, dataset):
    for path in site.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            text = path.read_text(encoding="utf-8")
            for machine in (str(dataset.parent / "articles"), str(paths.PROJECT_DIR), str(site)):
                assert machine not in text, (path, machine)
            assert not re.search(rf'[\s"\'>(=]{re.escape(str(dataset))}', text), path  # only ever relative


@pytest.mark.slow
def test_a_rerun_gives_the_same_bytes(site, dataset):
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    dataset_run.run_dataset_report(dataset, site, {}, jobs=2)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert [name for name in before if before[name] != after[name]] == []


@pytest.mark.slow
def test_a_failing_corpus_notebook_is_named_and_nothing_is_written(dataset, tmp_path):
    books = tmp_path / "notebooks"
    books.mkdir()
    committed = (dataset_run.NOTEBOOK_DIR / "03_tolls.ipynb").read_text(encoding="utf-8")
    (books / "03_tolls.ipynb").write_text(committed.replace("views.toll_table(", "views.no_such_table("),
                                          encoding="utf-8")
    with pytest.raises(NotebookFailed) as failed:
        dataset_run.run_dataset_report(dataset, tmp_path / "out", {}, jobs=1, notebook_dir=books)
    message = str(failed.value)
    assert "dataset: notebook 03_tolls.ipynb, cell 7 of 7 ('show.show_table(views.no_such_table(" in message
    assert "AttributeError" in message and "no_such_table" in message
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def chromium():
    yield from chromium_for_tests()


@pytest.mark.slow
def test_the_pages_fit_a_phone_and_their_links_resolve_in_a_browser(chromium, site):
    for page in [*sorted(site.glob("*.html")), next(iter(sorted((site / "articles").glob("*.html"))))]:
        seen = json.loads(chromium.visit(page, PROBE, settle=0.05, width=PHONE).probe)
        assert seen["width"] <= PHONE, (page, seen["width"])
        assert seen["headers"] == seen["footers"] == 1 and seen["tables"] == seen["boxed"], page
        check_links_resolve(page, seen)
