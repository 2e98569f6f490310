"""Corpus mode: many articles into one Parquet dataset, incidents matched across articles (docs/corpus.md).

Modules, in the order the work flows:
  fields      the corpus tables' columns, declared once (reusing analysis.fields)
  metadata    an article's content hash, rerun key, outlet and key columns
  extract     what a worker does with a batch: load, annotate, tabulate, per-article reports, Parquet bytes
  reports     the per-article half of matching: incident reports and cumulative tolls of one article
  places      place names in a location and whether two can be the same place
  cluster     where batches run: in this process, on a local Dask cluster or on an existing one
  store       the dataset on disk: atomic part files, compaction, the manifest, the lock, loading
  run         the corpus command's work: find, hash, plan, execute, compact, link, write
  conflicts   which conflict each article belongs to
  linking     grouping reports into incidents
  estimates   low / best / high and conflicting figures of an incident
  incidents   the incidents and incident_reports tables
  tolls       the toll series
  evaluation  matching scored against hand-labelled links
  views, charts, notebook   what the corpus notebooks show, and how they start
  docs        the tables section of docs/corpus.md
"""
