"""Use cases shared by the command line and the desktop app: plain functions, no Qt, no printing.

They return reports or yield progress so that either front end can show it. Heavy dependencies
(spaCy, HTML tooling) are imported inside the functions that need them.
"""

from .exporting import NothingToExport, OutputRefused, default_export_path, export
from .importing import ImportProgress, ImportReport, ensure_demo, import_paths, iter_import
from .preannotation import (
    PreannotateProgress,
    PreannotationPlan,
    documents_to_preannotate,
    iter_texts,
    preannotate,
    prepare_preannotation,
    resolve_model,
    store_suggestions,
    suggestion_batches,
)
from .settings import (
    AnnotatorNameError,
    check_annotator_name,
    current_annotator,
    default_project_path,
    labels_path,
    load_labels,
)

__all__ = [
    "AnnotatorNameError",
    "ImportProgress",
    "ImportReport",
    "NothingToExport",
    "OutputRefused",
    "PreannotateProgress",
    "PreannotationPlan",
    "check_annotator_name",
    "current_annotator",
    "default_export_path",
    "documents_to_preannotate",
    "ensure_demo",
    "export",
    "import_paths",
    "iter_import",
    "iter_texts",
    "labels_path",
    "load_labels",
    "preannotate",
    "prepare_preannotation",
    "resolve_model",
    "store_suggestions",
    "suggestion_batches",
]
