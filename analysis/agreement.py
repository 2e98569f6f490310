"""Where the automatic annotator and the gold annotation of an article disagree (for notebook 07)."""
from __future__ import annotations

import pandas as pd

from .bundle import Bundle
from .evaluate import Evaluation, disagreements_frame, evaluate, scores_frame
from .views import sentence_at_offset


def compare_with_annotator(bundle: Bundle) -> Evaluation | None:
    """Annotate the bundle's article automatically and score it against its gold; None without gold."""
    if bundle.annotation.source != "gold":
        return None
    from .autoannotate import annotate_article

    return evaluate(bundle.annotation, annotate_article(bundle.article, bundle.published))


def score_table(ev: Evaluation) -> pd.DataFrame:
    """Per-layer counts, precision, recall and F1, rounded for reading."""
    return scores_frame(ev).round({"precision": 3, "recall": 3, "f1": 3})


def disagreement_table(ev: Evaluation, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each disagreement with the number and text of the sentence it falls in."""
    frame = sentence_at_offset(disagreements_frame(ev), sentences)
    return frame.sort_values(["start", "layer", "kind"], kind="stable").reset_index(drop=True)
