"""The CLI commands: each parses nothing and decides nothing, it calls a service and reports.

Every handler takes the parsed arguments and returns an exit status (see :mod:`annotator.cli.main`).
Problems the user can fix raise :class:`CliError` with one line that says what to do.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from ..domain.labels import LabelSchema, SchemaError
from ..domain.model import DOC_NEW, DOC_STATUSES, GOLD, SUGGESTIONS
from . import console

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A problem to report in one line (no traceback), with the exit status to return."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


# --- shared steps ---------------------------------------------------------------------------------


def project_path(args: argparse.Namespace) -> Path:
    from ..services.settings import default_project_path

    return default_project_path(getattr(args, "project", None))


def open_project(args: argparse.Namespace, *, create: bool) -> Any:
    """Open the project file; a missing file is created only when ``create``."""
    from ..store.project import Project
    from ..store.schema import ProjectVersionError

    path = project_path(args)
    if path.is_dir():
        raise CliError(f"{path} is a folder, not a project file: pass --project FILE")
    if not create and not path.exists():
        raise CliError(
            f"no project file at {path}: pass --project FILE (or set $ANNOTATOR_PROJECT), "
            "or create one with 'annotator import PATH'"
        )
    try:
        return Project(path)
    except ProjectVersionError as err:
        raise CliError(str(err)) from None
    except sqlite3.DatabaseError as err:
        raise CliError(f"{path} cannot be opened as an annotator project ({err}): check --project") from None


def annotator_name(args: argparse.Namespace, *, required: bool = True) -> str | None:
    from ..services.settings import AnnotatorNameError, current_annotator

    try:
        return current_annotator(getattr(args, "annotator", None))
    except AnnotatorNameError as err:
        if required or getattr(args, "annotator", None) is not None:
            raise CliError(str(err)) from None
        return None


def labels_for(project: Any, path: str | None = None) -> LabelSchema:
    from ..services.settings import load_labels

    try:
        return LabelSchema.load(path) if path else load_labels(project)
    except SchemaError as err:
        raise CliError(f"label schema: {err}") from None


# --- gui ------------------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    path = project_path(args)
    name = annotator_name(args)
    try:
        from ..ui.app import run_app
    except ImportError as err:
        raise CliError(f"the desktop app cannot start ({err}): install PySide6 (pip install PySide6-Essentials)") from None
    return int(run_app(path, name) or 0)


# --- import ---------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from ..services.importing import import_paths

    rules = None
    if args.rules:
        from ..ingest import RulesError, load_cleaning_rules

        try:
            rules = load_cleaning_rules(args.rules)
        except RulesError as err:
            raise CliError(f"cleaning rules: {err}") from None
    name = annotator_name(args, required=False)
    project = open_project(args, create=True)
    try:
        labels = labels_for(project, args.labels)
        with console.progress("Importing", unit="inputs") as update:
            report = import_paths(
                project, args.paths, annotator=name, labels=labels, rules=rules, keep_removed=args.verbose,
                progress=lambda step: update(step.inputs, description=f"Importing {Path(step.source).name}"),
            )
    finally:
        project.close()
    for rejection in report.rejected:
        print(f"REJECTED {rejection.source}: {rejection.reason}", file=sys.stderr)
    if args.verbose:
        for source, lines in report.removed_text.items():
            print(f"{source}: removed {_plural(len(lines), 'noise line')}")
            for line in lines:
                print(f"  - {line}")
    summary = (f"Imported {_plural(report.added, 'document')} ({report.duplicates:,} already in the project), "
               f"{_plural(report.annotations, 'annotation')}")
    if report.skipped_annotations:
        summary += f" ({report.skipped_annotations:,} already there)"
    if report.removed_total:
        summary += f"; removed {_plural(report.removed_total, 'noise line')}"
    if report.rejected:
        summary += f"; {_plural(len(report.rejected), 'input')} rejected"
    print(summary)
    return EXIT_REJECTED if report.rejected else EXIT_OK


# --- preannotate ----------------------------------------------------------------------------------


def cmd_preannotate(args: argparse.Namespace) -> int:
    from ..nlp.pipeline import GazetteerError, PipelineNotFound
    from ..services.preannotation import preannotate
    from ..services.settings import MODEL_SETTING

    project = open_project(args, create=False)
    try:
        labels = labels_for(project)
        try:
            run = preannotate(project, model=args.model, redo_all=args.all, labels=labels,
                              batch_size=args.batch_size)
        except (PipelineNotFound, GazetteerError) as err:
            raise CliError(str(err)) from None
        if args.model:
            project.set_setting(MODEL_SETTING, args.model)
            print(f"Saved {args.model} as the project's model: later runs use it without --model")
        done = suggestions = 0
        origin = ""
        interrupted = False
        with console.progress("Pre-annotating") as update:
            try:
                for step in run:
                    done, suggestions, origin = step.done, step.suggestions, step.origin
                    update(step.done, total=step.total)
            except KeyboardInterrupt:  # every stored batch stays; the rest can be done later
                interrupted = True
    finally:
        project.close()
    print(f"Pre-annotated {_plural(done, 'document')} with {origin}: {_plural(suggestions, 'suggestion')}")
    if interrupted:
        print("Interrupted: run 'annotator preannotate' again to do the rest", file=sys.stderr)
        return 130
    return EXIT_OK


# --- export ---------------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from ..services.exporting import default_export_path, export

    project = open_project(args, create=False)
    try:
        out = Path(args.output) if args.output else default_export_path(project.path, args.format)
        try:
            with console.progress("Exporting") as update:
                report = export(project, out, fmt=args.format, annotators=args.export_annotators,
                                status=args.status, include_suggestions=args.include_suggestions,
                                gold=args.gold, progress=lambda done, total: update(done, total=total))
        except OSError as err:
            raise CliError(f"cannot write {out}: {err.strerror or err}") from None
    finally:
        project.close()
    print(f"Wrote {_plural(report.records, 'record')} ({_plural(report.documents, 'document')}) to {out}")
    return EXIT_OK


# --- stats ----------------------------------------------------------------------------------------


def collect_stats(project: Any) -> dict[str, Any]:
    """``project.stats()`` with every annotator's status counts complete (documents without a status
    row are "new")."""
    stats = project.stats()
    documents = stats["documents"]
    names = sorted(set(stats["annotators"]) | set(stats["status"]))
    status: dict[str, dict[str, int]] = {}
    for name in names:
        counts = {st: stats["status"].get(name, {}).get(st, 0) for st in DOC_STATUSES}
        counts[DOC_NEW] += documents - sum(stats["status"].get(name, {}).values())
        status[name] = counts
    stats["status"] = status
    return stats


def cmd_config(args: argparse.Namespace) -> int:
    """List or change the project settings a user may set: the label schema and the pipeline."""
    from ..services.preannotation import resolve_model
    from ..services.settings import LABELS_SETTING, MODEL_SETTING, labels_path

    project = open_project(args, create=False)
    try:
        if args.key is None:
            print(f"labels = {labels_path(project)}")
            print(f"model  = {resolve_model(project)}")
            return EXIT_OK
        if args.unset:
            project.set_setting(args.key, None)
            print(f"{args.key}: back to the default")
            return EXIT_OK
        if args.value is None:
            print(labels_path(project) if args.key == "labels" else resolve_model(project))
            return EXIT_OK
        if args.key == "labels":
            path = Path(args.value).expanduser().resolve()
            try:
                schema = LabelSchema.load(path)
            except SchemaError as err:
                raise CliError(f"label schema not changed: {err}") from None
            project.set_setting(LABELS_SETTING, str(path))
            print(f"labels = {path} ({', '.join(schema.names())})")
        else:
            project.set_setting(MODEL_SETTING, args.value)
            print(f"model = {args.value} (used by the next 'annotator preannotate' and the app)")
        return EXIT_OK
    finally:
        project.close()


def cmd_stats(args: argparse.Namespace) -> int:
    project = open_project(args, create=False)
    try:
        stats = collect_stats(project)
        label_order = []
        try:
            from ..services.settings import load_labels

            label_order = load_labels(project).names()
        except SchemaError:
            pass
        stats["project"] = str(project.path)
    finally:
        project.close()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True))
        return EXIT_OK
    _print_stats(stats, label_order)
    return EXIT_OK


def _layer_title(layer: str) -> str:
    return "suggested" if layer == SUGGESTIONS else layer


def _print_stats(stats: dict[str, Any], label_order: list[str]) -> None:
    print(f"{stats['project']}: {_plural(stats['documents'], 'document')}, "
          f"{_plural(len(stats['annotators']), 'annotator')}")
    print()
    if stats["status"]:
        console.print_table(
            "Documents per status and annotator",
            ["annotator", *DOC_STATUSES],
            [[name, *(f"{counts[st]:,}" for st in DOC_STATUSES)] for name, counts in stats["status"].items()],
        )
    layers = sorted(stats["labels"], key=lambda l: (l == SUGGESTIONS, l == GOLD, l))
    if layers:
        labels = [l for l in label_order if any(l in stats["labels"][x] for x in layers)]
        labels += sorted({l for x in layers for l in stats["labels"][x]} - set(labels))
        console.print_table(
            "Spans per label (suggested: pending pipeline suggestions)",
            ["label", *(_layer_title(x) for x in layers)],
            [[label, *(f"{stats['labels'][x].get(label, 0):,}" for x in layers)] for label in labels],
        )
    people = sorted(set(stats["layers"]) | set(stats["quotes"]) | set(stats["events"]) | set(stats["status"]))
    people = [p for p in people if p != SUGGESTIONS]
    if people:
        rows = []
        for name in people:
            layer = stats["layers"].get(name, {})
            done = stats["status"].get(name, {}).get("done", 0)
            rows.append([_layer_title(name), f"{layer.get('documents', 0):,}", f"{layer.get('spans', 0):,}",
                         f"{stats['quotes'].get(name, 0):,}", f"{stats['events'].get(name, 0):,}", f"{done:,}"])
        console.print_table("Per annotator", ["annotator", "documents", "spans", "quotes", "events", "done"], rows)
