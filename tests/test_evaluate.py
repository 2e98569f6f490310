"""The evaluation: actor alignment across different ids, per-row scores, disagreements, CLI table."""
import copy
import json

from analysis.autoannotate import annotate_text
from analysis.evaluate import ROWS, align_actors, command_evaluate, disagreements_frame, evaluate
from analysis.fieldscores import FIGURE_FIELDS

BODY = ("Hamas said on Sunday that 12 hostages were freed. \u201cWe kept our word,\u201d Hamas said. "
        "An Israeli strike killed at least 20 people on Saturday, according to medics.")


def test_identical_annotations_score_one():
    _, ann = annotate_text(BODY)
    ev = evaluate(ann, ann)
    assert list(ev.scores) == list(ROWS)
    assert all(s.f1 == 1.0 for s in ev.scores.values())
    assert ev.disagreements == []


def test_actors_align_through_shared_mentions_despite_ids():
    _, gold = annotate_text(BODY)
    pred = copy.deepcopy(gold)
    rename = {"hamas": "hamas_movement", "israel": "state_of_israel"}
    for a in pred.actors:
        a.id = rename.get(a.id, a.id)
    for m in pred.mentions:
        m.actor = rename.get(m.actor, m.actor)
    for q in pred.quotes:
        q.speaker = rename.get(q.speaker, q.speaker)
    assert align_actors(gold, pred)["hamas"] == "hamas_movement"
    assert evaluate(gold, pred).scores["quote speakers"].f1 == 1.0


def test_disagreements_name_what_differs():
    _, gold = annotate_text(BODY)
    pred = copy.deepcopy(gold)
    pred.casualties[0].count_low = 99
    pred.dates = pred.dates[1:]
    ev = evaluate(gold, pred)
    assert ev.scores["casualties"].matched == len(gold.casualties) - 1
    assert ev.scores["dates"].recall < 1.0
    kinds = {(d.layer, d.kind) for d in ev.disagreements}
    assert ("casualties", "different") in kinds and ("dates", "missed") in kinds
    assert len(disagreements_frame(ev)) == len(ev.disagreements)


def test_command_prints_one_row_per_layer(tmp_path, capsys):
    article, ann = annotate_text(BODY)
    art = tmp_path / "a.txt"
    art.write_text(article.raw_text, encoding="utf-8")
    gold = tmp_path / "a.gold.json"
    gold.write_text(ann.to_json(), encoding="utf-8")
    pred = tmp_path / "a.auto.json"
    data = json.loads(ann.to_json())
    data["source"] = "auto"
    pred.write_text(json.dumps(data), encoding="utf-8")

    class Args:
        pass

    args = Args()
    args.gold, args.pred, args.article = str(gold), str(pred), None
    assert command_evaluate(args) == 0
    layers, fields = capsys.readouterr().out.strip().split("\n\n")
    lines = layers.splitlines()
    assert len(lines) == 1 + len(ROWS)
    for row, line in zip(ROWS, lines[1:]):
        assert line.startswith(row) and float(line.split()[-1]) == 1.0
    field_lines = fields.splitlines()
    assert field_lines[0].split() == ["field", "compared", "correct", "accuracy"]
    assert [line.split()[0] for line in field_lines[1:]] == [*FIGURE_FIELDS, "speaker"]
    assert all(line.split()[-1] in ("1.000", "-") for line in field_lines[1:])
