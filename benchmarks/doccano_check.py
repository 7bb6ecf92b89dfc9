"""Proof by a real client: doccano 1.8.4's own importer reads annotator's doccano exports.

doccano is a Django web application, not a library, so it is not a dependency of annotator: this
script runs its import pipeline offline (SQLite, no server, no celery) in a separate virtual
environment, then doccano's own exporter, and reports what doccano kept. Steps (as run for issue 7):

    python3 -m venv /tmp/docvenv
    /tmp/docvenv/bin/pip install doccano==1.8.4 "numpy<2" "marshmallow<4"   # its loose pins break otherwise
    mkdir -p /tmp/doc && /tmp/docvenv/bin/pip download --no-deps -d /tmp/doc doccano==1.8.4
    (cd /tmp/doc && unzip -q -o doccano-1.8.4-py3-none-any.whl -d x)          # its backend sources
    annotator export --format doccano -o /tmp/doccano/plain.jsonl
    annotator export --format doccano-relations -o /tmp/doccano/relations.jsonl
    DOCCANO_BACKEND=/tmp/doc/x/backend /tmp/docvenv/bin/python benchmarks/doccano_check.py \
        /tmp/doccano/plain.jsonl /tmp/doccano/relations.jsonl /tmp/doccano

Findings: every text, span, relation, id, meta and annotator is kept in both variants; the relations
variant needs a doccano project with "Allow overlapping spans" (else doccano drops overlapping
entities and fails on their relations); doccano drops the extra entity keys (quotation kind, speaker
label, event mode/context/date). annotator writes non-ASCII as JSON escapes because doccano's
encoding guess misreads UTF-8.
"""
import json, os, sys, tempfile
BACKEND = os.environ.get("DOCCANO_BACKEND", "/tmp/doc/x/backend")
sys.path.insert(0, BACKEND)
work = tempfile.mkdtemp()
os.environ["DATABASE_URL"] = f"sqlite:///{work}/db.sqlite3"
os.environ["MEDIA_ROOT"] = f"{work}/media"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.development"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from projects.models import SequenceLabelingProject, ProjectType, Member
from data_import.datasets import load_dataset
from data_import.pipeline.catalog import create_file_format, RELATION_EXTRACTION
from data_import.pipeline.readers import FileName
from data_export.models import ExportedExample
from data_export.pipeline.dataset import Dataset
from data_export.pipeline.factories import create_formatter, create_labels, create_writer, create_comment
from data_export.pipeline.services import ExportApplicationService
from labels.models import Span, Relation

plain, relations, outdir = sys.argv[1:4]
user = get_user_model().objects.create(username="checker")

def run(path, *, use_relation, allow_overlapping, name):
    project = SequenceLabelingProject.objects.create(
        name=name, project_type=ProjectType.SEQUENCE_LABELING, created_by=user,
        use_relation=use_relation, allow_overlapping=allow_overlapping, collaborative_annotation=True)
    task = RELATION_EXTRACTION if use_relation else ProjectType.SEQUENCE_LABELING
    dataset = load_dataset(task, create_file_format("JSONL"), [FileName(path, os.path.basename(path), os.path.basename(path))], project)
    error = None
    try:
        dataset.save(user, batch_size=1000)
    except Exception as err:  # what doccano itself would report as a failed task
        error = f"{type(err).__name__}: {err}"
    examples = ExportedExample.objects.filter(project=project).order_by("id")
    kept = {}
    for ex in examples:
        spans = sorted((s.start_offset, s.end_offset, s.label.text) for s in Span.objects.filter(example=ex))
        rels = sorted((r.from_id.start_offset, r.from_id.end_offset, r.from_id.label.text, r.type.text,
                       r.to_id.start_offset, r.to_id.end_offset, r.to_id.label.text)
                      for r in Relation.objects.filter(example=ex))
        kept[str(ex.id)] = {"text": ex.text, "meta": ex.meta, "spans": spans, "relations": rels}
    out = os.path.join(outdir, f"{name}.doccano-export.jsonl")
    ds = Dataset(examples, create_labels(project, examples), create_comment(examples), True)
    ExportApplicationService(ds, create_formatter(project, "JSONL"), create_writer("JSONL")).export(out)
    return {"error": error, "parse_errors": [e.dict() for e in dataset.errors], "examples": list(kept.values()), "export": out}

result = {
    "plain": run(plain, use_relation=False, allow_overlapping=False, name="plain"),
    "relations": run(relations, use_relation=True, allow_overlapping=True, name="relations"),
    "relations_no_overlap": run(relations, use_relation=True, allow_overlapping=False, name="relations_no_overlap"),
}
json.dump(result, open(os.path.join(outdir, "result.json"), "w"), ensure_ascii=False, indent=1)
for k, v in result.items():
    print(k, "error:", v["error"], "parse errors:", v["parse_errors"][:3], "examples:", len(v["examples"]))
