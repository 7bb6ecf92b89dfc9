"""The CLI commands: each parses nothing and decides nothing, it calls a service and reports.

Every handler takes the parsed arguments and returns an exit status (see :mod:`annotator.cli.main`).
Problems the user can fix raise :class:`CliError` with one line that says what to do.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..domain.labels import LabelSchema, SchemaError
from ..domain.model import DOC_NEW, DOC_STATUSES, GOLD, SUGGESTIONS
from ..domain.shown import shown
from . import console

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3  # busy past the wait, read-only, damaged, disk full, not a project


class CliError(Exception):
    """A problem to report in one line (no traceback), with the exit status to return."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


# --- shared steps ---------------------------------------------------------------------------------


def project_path(args: argparse.Namespace) -> Any:
    """The project's file (a Path), or a team project's URL (a str)."""
    from ..services.settings import default_project_path

    return default_project_path(getattr(args, "project", None))


def open_project(args: argparse.Namespace, *, create: bool = False, readonly: bool = False) -> Any:
    """Open the project; a missing file is created only when ``create``. ``readonly`` (the
    reading commands) never writes a byte: nothing created, migrated or switched. On a team
    project the annotator is the login role: ``--annotator`` naming someone else is refused, and
    ``args.annotator`` becomes the login role for the command's later steps."""
    from ..store.location import is_server_url

    path = project_path(args)
    if is_server_url(path):
        return _open_team_project(args, path, readonly=readonly)
    from ..store.project import Project
    from ..store.schema import ProjectVersionError

    if path.is_dir():
        raise CliError(f"{shown(str(path))} is a folder, not a project file: pass --project FILE")
    if not create and not path.exists():
        raise CliError(
            f"no project file at {shown(str(path))}: pass --project FILE (or set $ANNOTATOR_PROJECT), "
            "or create one with 'annotator import PATH'"
        )
    try:
        project = Project(path, readonly=readonly, create=create)
    except ProjectVersionError as err:
        raise CliError(str(err)) from None
    if not readonly:
        project.start_backups(on_error=lambda message: print(f"annotator: warning: {message}", file=sys.stderr))
    return project


def _open_team_project(args: argparse.Namespace, url: str, *, readonly: bool) -> Any:
    from ..store.project import Project
    from ..store.schema import ProjectVersionError

    try:
        project = Project(url, readonly=readonly, create=False)
    except ProjectVersionError as err:
        raise CliError(str(err)) from None
    user = project.user
    asked = getattr(args, "annotator", None)
    if asked is not None and asked != user:
        project.close()
        raise CliError(f"on a team project you are the role you log in as ({user}), not {asked!r}: "
                       f"log in as {asked} (postgresql://{asked}@…) to work as them")
    args.annotator = user
    return project


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
    from ..store.location import is_server_url

    path = project_path(args)
    if is_server_url(path):  # the app works as the login role; naming someone else is refused here too
        from urllib.parse import urlsplit

        login = urlsplit(path).username
        if args.annotator is not None and args.annotator != login:
            raise CliError(f"on a team project you are the role you log in as, not {args.annotator!r}: put "
                           f"your login in the URL (postgresql://{args.annotator}@HOST/DATABASE)")
        name = login or ""
    else:
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
    project = open_project(args, create=True)
    name = annotator_name(args, required=False)
    try:
        labels = labels_for(project, args.labels)
        with console.progress("Importing", unit="inputs") as update:
            report = import_paths(
                project, args.paths, annotator=name, labels=labels, rules=rules, keep_removed=args.verbose,
                fmt=args.import_format,
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
    from ..services.preannotation_workers import WorkerFailed
    from ..services.settings import MODEL_SETTING

    project = open_project(args, create=False)
    failed: WorkerFailed | None = None
    try:
        labels = labels_for(project)
        try:
            run = preannotate(project, model=args.model, redo_all=args.all, labels=labels,
                              batch_size=args.batch_size, workers=args.workers)
        except (PipelineNotFound, GazetteerError) as err:
            raise CliError(str(err)) from None
        except WorkerFailed as err:  # a worker could not start: the others were stopped
            raise CliError(str(err), err.status) from None
        if args.model:
            project.set_setting(MODEL_SETTING, args.model)
            print(f"Saved {args.model} as the project's model: later runs use it without --model")
        done = suggestions = others = left = 0
        origin = ""
        skipped: tuple[Any, ...] = ()
        interrupted = False
        with console.progress("Pre-annotating") as update:
            try:
                for step in run:
                    done, suggestions, origin, skipped = step.done, step.suggestions, step.origin, step.skipped
                    others, left = step.others, step.left
                    update(step.done, total=step.total)
            except KeyboardInterrupt:  # every stored batch stays; the rest can be done later
                interrupted = True
            except WorkerFailed as err:  # the other workers stopped after their batch; it stays too
                failed = err
    finally:
        project.close()
    summary = f"Pre-annotated {_plural(done - len(skipped) - others, 'document')} with {origin}: " \
              f"{_plural(suggestions, 'suggestion')}"
    if others:
        summary += f" ({_plural(others, 'other document')} already done meanwhile by another command)"
    print(summary)
    for document in skipped:  # named and escaped by the service
        print(document.message(), file=sys.stderr)
    if left:
        print(f"{_plural(left, 'document')} still being pre-annotated by other commands; any that a stopped "
              "command held return to the queue: 'annotator preannotate' does them", file=sys.stderr)
    if failed is not None:
        print(f"annotator: error: {failed}", file=sys.stderr)
        return failed.status
    if interrupted:
        print("Interrupted: run 'annotator preannotate' again to do the rest", file=sys.stderr)
        return 130
    return EXIT_REJECTED if skipped else EXIT_OK


# --- export ---------------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    """Export the project; ``--gold`` is the gold layer alone (with ``--annotator``, those and gold)."""
    from ..services.exporting import STDOUT, NothingToExport, OutputRefused, default_export_path, export

    annotators = [*(args.export_annotators or ()), GOLD] if args.gold else args.export_annotators
    project = open_project(args, readonly=True)
    try:
        out = Path(args.output) if args.output else default_export_path(project.path, args.format)
        to_stdout = args.output == STDOUT
        try:
            with console.progress("Exporting") as update:
                options = {"split": args.split} if args.split is not None else {}
                if args.all_suggestions:
                    options["all_suggestions"] = True
                labels = [x.strip() for x in args.export_labels.split(",") if x.strip()] if args.export_labels else None
                report = export(project, out, fmt=args.format, annotators=annotators,
                                status=args.status, labels=labels,
                                include_suggestions=args.include_suggestions or args.all_suggestions,
                                progress=lambda done, total: update(done, total=total), **options)
        except NothingToExport:
            print(f"annotator: nothing to export: {_no_match(args)}; {_untouched(out, to_stdout)}", file=sys.stderr)
            return EXIT_REJECTED
        except OutputRefused as err:
            raise CliError(str(err)) from None
        except BrokenPipeError:
            if to_stdout:
                raise  # the reader stopped (| head): main() ends quietly
            raise CliError(f"cannot write {shown(str(out))}: its reader stopped reading") from None
        except OSError as err:
            raise _write_error(out, err) from None
        except ValueError as err:  # a format's option out of range (--split 1.5)
            raise CliError(str(err)) from None
    finally:
        project.close()
    written = "standard output" if to_stdout else ", ".join(shown(str(p)) for p in getattr(report, "paths", None) or [out])
    print(f"Wrote {_plural(report.records, 'record')} ({_plural(report.documents, 'document')}) to {written}",
          file=sys.stderr if to_stdout else sys.stdout)
    for what, count in (("overlapping or empty entities left out", getattr(report, "dropped", 0)),
                        ("characters XML cannot hold replaced by U+FFFD", getattr(report, "replaced_characters", 0))):
        if count:
            print(f"{count:,} {what}", file=sys.stderr)
    return EXIT_OK


def _no_match(args: argparse.Namespace) -> str:
    """What the export asked for, in the words of its options."""
    asked = []
    if args.export_annotators:
        asked.append("--annotator " + " ".join(shown(a) for a in args.export_annotators))
    if args.gold:
        asked.append("--gold")
    if args.status:
        asked.append(f"--status '{args.status}'")
    if args.export_labels:
        asked.append(f"--labels {shown(args.export_labels)}")
    what = f"no {args.format} record"
    return f"{what} matches {' '.join(asked)}" if asked else f"the project has {what}"


def _untouched(out: Path, to_stdout: bool) -> str:
    if to_stdout:
        return "nothing was written"
    return f"{shown(str(out))} {'was left as it was' if os.path.lexists(out) else 'was not written'}"


def _write_error(out: Path, err: OSError) -> CliError:
    """One line naming the output; a full disk is "unavailable" (3), anything else a refusal (2)."""
    reason = err.strerror or str(err)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return CliError(f"cannot write {shown(str(out))}: {reason}: free some space and export again",
                        EXIT_UNAVAILABLE)
    return CliError(f"cannot write {shown(str(out))}: {reason}")


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
    """List or change the project settings a user may set: labels, pipeline and label map."""
    from ..services.preannotation import resolve_model
    from ..domain.event_schema import EventSchema
    from ..services.settings import (EVENTS_SETTING, LABEL_MAP_SETTING, LABELS_SETTING, MODEL_SETTING,
                                     events_path, labels_path, parse_label_map)

    from ..store.team import VISIBILITIES, VISIBILITY_SETTING, require_owner, visibility

    key = {"labels": LABELS_SETTING, "model": MODEL_SETTING, "label-map": LABEL_MAP_SETTING,
           "events": EVENTS_SETTING, "visibility": VISIBILITY_SETTING}.get(args.key or "")
    if key == VISIBILITY_SETTING and args.value is not None:
        args.value = args.value.strip().lower()
        if args.value not in VISIBILITIES:
            raise CliError(f"visibility not changed: {args.value!r} is neither 'blind' (annotators read "
                           "only their own layer, the default) nor 'open' (they read every layer and gold)")
    project = open_project(args, readonly=args.value is None and not args.unset)
    try:
        current = {LABELS_SETTING: lambda: str(labels_path(project)),
                   MODEL_SETTING: lambda: resolve_model(project),
                   LABEL_MAP_SETTING: lambda: project.setting(LABEL_MAP_SETTING) or "",
                   EVENTS_SETTING: lambda: str(events_path(project)),
                   VISIBILITY_SETTING: lambda: visibility(project)}
        if key is None:
            print(f"labels    = {current[LABELS_SETTING]()}")
            print(f"model     = {current[MODEL_SETTING]()}")
            print(f"label-map = {current[LABEL_MAP_SETTING]()}")
            print(f"events    = {current[EVENTS_SETTING]()}")
            print(f"visibility = {current[VISIBILITY_SETTING]()}")
            return EXIT_OK
        if args.unset or args.value is not None:  # on a server the policies refuse it too, less clearly
            require_owner(project, "change the project's settings")
        if args.unset:
            project.set_setting(key, None)
            print(f"{args.key}: back to the default")
            return EXIT_OK
        if args.value is None:
            print(current[key]())
            return EXIT_OK
        if key == LABELS_SETTING:
            path = Path(args.value).expanduser().resolve()
            try:
                schema = LabelSchema.load(path)
            except SchemaError as err:
                raise CliError(f"label schema not changed: {err}") from None
            project.set_setting(LABELS_SETTING, str(path))
            print(f"labels = {path} ({', '.join(schema.names())})")
        elif key == EVENTS_SETTING:
            path = Path(args.value).expanduser().resolve()
            try:
                events = EventSchema.load(path)
            except SchemaError as err:
                raise CliError(f"event schema not changed: {err}") from None
            project.set_setting(EVENTS_SETTING, str(path))
            print(f"events = {path} ({events.name}: {len(events.types)} types, roles "
                  f"{', '.join(r.name for r in events.roles)})")
        elif key == VISIBILITY_SETTING:
            project.set_setting(VISIBILITY_SETTING, args.value)
            print(f"visibility = {args.value} (" + ("annotators read every layer and gold" if args.value == "open"
                                                  else "annotators read only their own layer and the suggestions")
                  + ("" if project.shared else "; it applies when the project is shared on a server") + ")")
        elif key == LABEL_MAP_SETTING:
            try:
                mapping = parse_label_map(args.value)
            except ValueError as err:
                raise CliError(f"label map not changed: {err}") from None
            project.set_setting(LABEL_MAP_SETTING, args.value)
            shown = ", ".join(f"{k} -> {v or '(dropped)'}" for k, v in mapping.items())
            print(f"label-map = {args.value} ({shown}; used by the next pre-annotation)")
        else:
            project.set_setting(MODEL_SETTING, args.value)
            print(f"model = {args.value} (used by the next 'annotator preannotate' and the app)")
        return EXIT_OK
    finally:
        project.close()


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge another project file into this one."""
    from ..services.merging import MergeError, merge_project

    project = open_project(args, create=False)
    try:
        labels = labels_for(project, None)
        try:
            report = merge_project(project, args.other, labels=labels)
        except MergeError as err:
            raise CliError(str(err)) from None
    finally:
        project.close()
    for rejection in report.rejected:
        print(f"REJECTED {rejection.source}: {rejection.reason}", file=sys.stderr)
    print(f"Merged {args.other}: {_plural(report.added, 'new document')}, "
          f"{report.duplicates:,} already here; {_plural(report.annotations, 'annotation')} added"
          + (f", {report.skipped_annotations:,} already there" if report.skipped_annotations else ""))
    return EXIT_REJECTED if report.rejected else EXIT_OK


def cmd_adjudicate(args: argparse.Namespace) -> int:
    """Put the items the annotators agree on into the gold layer."""
    from ..services.adjudication import adjudicate_auto

    project = open_project(args, create=False)
    try:
        report = adjudicate_auto(project, min_agreement=args.min_agreement)
    finally:
        project.close()
    print(f"Gold layer: {_plural(report.spans, 'entity', 'entities')}, {_plural(report.quotes, 'quotation')} and "
          f"{_plural(report.events, 'event')} added in {_plural(report.documents, 'document')} "
          f"(of {report.considered:,} with enough annotators); the rest waits in the curation view")
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    """Agreement between the project's annotators, as tables or JSON."""
    from ..services.agreement import project_agreement

    project = open_project(args, readonly=True)
    try:
        report = project_agreement(project, args.annotators)
    finally:
        project.close()
    for name, counts in report.skipped.items():
        print(f"agreement: {name}: skipped {_skipped_articles(counts)}; only articles marked done with no "
              "suggestion pending are compared", file=sys.stderr)
    if len(report.annotators) < 2:
        raise CliError("agreement needs at least two annotators with reviewed documents (marked done, no "
                       f"suggestion pending; found: {', '.join(report.annotators) or 'none'}); import or merge "
                       "their work first, or finish reviewing it")
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_agreement(report)
    return EXIT_OK


def _skipped_articles(counts: dict[str, int]) -> str:
    """"2 articles not marked done and 1 marked done with suggestions still pending"."""
    from ..services.reviewed import Skipped

    return Skipped(counts.get("not_done", 0), counts.get("pending_suggestions", 0)).describe()


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _print_agreement(report: Any) -> None:
    pairs = report.entity_pairs
    console.print_table("Entities, per pair (on the documents both annotated)",
                        ["a", "b", "documents", "F1 exact", "F1 overlap", "kappa"],
                        [[p["a"], p["b"], p["documents"], _score(p["f1"]), _score(p["f1_overlap"]), _score(p["kappa"])]
                         for p in pairs])
    labels = sorted({label for p in pairs for label in p["per_label"]})
    if labels:
        console.print_table("Entities, exact F1 per label", ["a", "b", *labels],
                            [[p["a"], p["b"], *(_score(p["per_label"].get(label)) for label in labels)]
                             for p in pairs])
    print(f"Krippendorff's alpha (token labels, all annotators): {_score(report.alpha)}\n")
    console.print_table("Quotations", ["a", "b", "F1 (half overlap)", "speaker agreement", "matched"],
                        [[p["a"], p["b"], _score(p["f1"]), _score(p["speaker"]), p["matched"]]
                         for p in report.quote_pairs])
    console.print_table("Events", ["a", "b", "trigger F1", "type agreement", "matched"],
                        [[p["a"], p["b"], _score(p["f1"]), _score(p["type_agreement"]), p["matched"]]
                         for p in report.event_pairs])
    hardest = [d for d in report.documents if d["f1"] is not None][:10]
    if hardest:
        console.print_table("Documents with the least entity agreement", ["document", "annotators", "mean F1"],
                            [[d["id"], ", ".join(d["annotators"]), _score(d["f1"])] for d in hardest])


def cmd_stats(args: argparse.Namespace) -> int:
    project = open_project(args, readonly=True)
    try:
        stats = collect_stats(project)
        label_order = []
        try:
            from ..services.settings import load_labels

            label_order = load_labels(project).names()
        except SchemaError:
            pass
        stats["project"] = project.location
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
    suggested = [_plural(n, what) for what, n in (("quotation", stats["quotes"].get(SUGGESTIONS, 0)),
                                                  ("event", stats["events"].get(SUGGESTIONS, 0))) if n]
    if suggested:
        print(f"Suggested by pre-annotation: {' and '.join(suggested)}\n")
    people = sorted(set(stats["layers"]) | set(stats["quotes"]) | set(stats["events"]) | set(stats["status"]))
    people = [p for p in people if p != SUGGESTIONS]
    if people:
        rows = []
        for name in people:
            layer = stats["layers"].get(name, {})
            done = stats["status"].get(name, {}).get("done", 0)
            rows.append([_layer_title(name), f"{layer.get('documents', 0):,}", f"{layer.get('spans', 0):,}",
                         f"{stats['quotes'].get(name, 0):,}", f"{stats['events'].get(name, 0):,}", f"{done:,}"])
        console.print_table("Per annotator (documents: with any entity, quotation or event of theirs)",
                            ["annotator", "documents", "spans", "quotes", "events", "done"], rows)


# --- train and evaluate ---------------------------------------------------------------------------


def _label_map(args: argparse.Namespace) -> dict[str, str | None] | None:
    from ..services.training import parse_label_map

    try:
        return parse_label_map(getattr(args, "label_map", None)) or None
    except ValueError as err:
        raise CliError(str(err)) from None


def _read_data(paths: list[str], args: argparse.Namespace, what: str) -> Any:
    from ..services.training import read_training_files

    data = read_training_files(paths, fmt=args.format, label_map=_label_map(args),
                               sentences_per_text=args.sentences_per_text)
    for error in data.errors:
        print(f"annotator: skipped {error}", file=sys.stderr)
    for reason, count in data.report.skipped.items():
        print(f"{what}: skipped {_plural(count, 'record')} with {reason}", file=sys.stderr)
    return data


def _project_data(args: argparse.Namespace) -> tuple[list[Any], str]:
    from ..services.training import project_training_data

    project = open_project(args, readonly=True)
    layer = args.layer or annotator_name(args)
    try:
        texts, skipped = project_training_data(project, layer)
    finally:
        project.close()
    if skipped:
        print(f"{project.location} ({layer}): skipped {skipped.describe()}; only reviewed articles train "
              "(open them, decide the suggestions and mark them done: D)", file=sys.stderr)
    if not texts:
        raise CliError(f"{layer!r} has no finished documents in {project.location}: mark documents done, every "
                       "suggestion accepted or rejected (or adjudicate them into the gold layer, --layer gold) first")
    print(f"{project.location} ({layer}): {_plural(len(texts), 'reviewed article')}")
    return texts, f"{project.location} ({layer})"


def cmd_train(args: argparse.Namespace) -> int:
    """Train an NER pipeline and write it to --output (the best weights seen on the dev data)."""
    from dataclasses import replace

    from ..nlp.training import TrainingRun, TrainSettings
    from ..services.training import common_words, gazetteer_lists, held_out_split

    if not args.data and not args.from_project:
        raise CliError("nothing to train on: pass DATA files, or --from-project")
    train = _read_data(args.data, args, "training data") if args.data else None
    texts = list(train.texts) if train else []
    sources = list(train.sources) if train else []
    if args.from_project:
        project_items, source = _project_data(args)
        texts += project_items
        sources.append(source)
    if not texts:
        raise CliError("no training text could be read (see the messages above)")
    if args.dev:
        dev = _read_data(args.dev, args, "development data").texts
        if not dev:
            raise CliError("no development text could be read (see the messages above)")
    else:
        try:
            texts, dev = held_out_split(texts, args.held_out, seed=args.seed)
        except ValueError as err:
            raise CliError(str(err)) from None
        print(f"Holding out {_plural(len(dev), 'text')} ({args.held_out:.0%}) to measure the model on")
    labels = sorted(args.labels.split(",")) if args.labels else None
    settings = TrainSettings(max_steps=args.max_steps, eval_every=args.eval_every, seed=args.seed,
                             patience=args.patience,
                             augment_copies=args.augment, init_tok2vec=args.init_tok2vec)
    if args.gazetteer:
        lists_path = _write_gazetteer(args, labels or _labels_of(texts), gazetteer_lists, common_words(texts))
        settings = replace(settings, gazetteer_lists=tuple(sorted(lists_path[1])),
                         gazetteer_path=str(lists_path[0]), word_features=args.word_features)
    words = sum(t.word_count for t in texts)
    settings = settings.scaled_for(words) if not args.no_scale else settings
    meta = {"description": args.description or f"NER trained by annotator on {', '.join(sources)}",
            "license": args.license,
            "sources": [{"name": s} for s in sources] + [{"name": f"gazetteer: {g}"} for g in args.gazetteer or ()]}
    try:
        run = TrainingRun(texts, dev, settings, labels=labels, meta=meta)
    except ValueError as err:
        raise CliError(str(err)) from None
    print(f"Training on {_plural(len(texts), 'text')} ({words:,} words), labels {', '.join(run.labels)}; "
          f"measuring on {_plural(len(dev), 'text')} every {settings.eval_every} steps. Ctrl+C stops "
          "and keeps the best model so far.")
    interrupted = _train_steps(run, settings)
    if run.best_step < 0:
        print("Stopped before the first evaluation: nothing written", file=sys.stderr)
        return 130
    path = run.save(args.output, name=args.name, version=args.version,
                    meta={"annotator": {"stopped_early": interrupted}}, with_dates=not args.no_dates)
    report = _score_saved_model(path, dev, run.labels)
    micro = report.micro
    print(f"Saved the model of step {run.best_step} (F1 {micro.f1:.3f}, P {micro.precision:.3f}, "
          f"R {micro.recall:.3f}: exact spans on the {_plural(len(dev), 'development text')}, as "
          f"'annotator evaluate' and the model list give it) to {path}")
    for label, s in sorted(report.labels.items()):
        print(f"  {label:<6} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
    if run.dropped_entities:
        print(f"{_plural(run.dropped_entities, 'entity')} did not fit token boundaries or overlapped "
              "another and were left out", file=sys.stderr)
    return 130 if interrupted else EXIT_OK


def _score_saved_model(path: Any, dev: list[Any], labels: list[str]) -> Any:
    """Score the saved pipeline (with its rules) on the development texts and write that score into
    its meta and model card: one F1 for this command, the model list, the app and 'evaluate'."""
    from ..nlp.evaluation import evaluate_pipeline
    from ..nlp.pipeline import load_pipeline
    from ..services.training import record_performance

    report = evaluate_pipeline(load_pipeline(str(path)), dev, labels=labels)
    record_performance(path, report)
    return report


def _labels_of(texts: list[Any]) -> list[str]:
    return sorted({label for t in texts for *_, label in t.entities})


def _write_gazetteer(args: argparse.Namespace, labels: list[str], reader: Any,
                     common: set[str]) -> tuple[Path, list[str]]:
    """Gather the --gazetteer lists for the labels being trained into one JSON file for training."""
    import tempfile

    from ..nlp.corpora import CorpusError
    from ..nlp.features import COMMON_WORDS_KEY

    try:
        lists = {k: v for k, v in reader(args.gazetteer, labels, common).items() if v}
    except CorpusError as err:
        raise CliError(str(err)) from None
    if not lists:
        raise CliError(f"the --gazetteer files hold no names for the labels {', '.join(labels)}")
    counts = ", ".join(f"{len(v):,} {k}" for k, v in sorted(lists.items()))
    print(f"Gazetteer features: {counts}")
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", prefix="annotator-gazetteer-",
                                         delete=False, encoding="utf-8")
    with handle:  # the ordinary words of the training text go along, for the word features
        json.dump({**lists, COMMON_WORDS_KEY: sorted(common)}, handle, ensure_ascii=False)
    return Path(handle.name), list(lists)


def _train_steps(run: Any, settings: Any) -> bool:
    """Iterate the run with a progress bar and a line per evaluation; True when Ctrl+C stopped it."""
    steps = run.steps()
    try:
        with console.progress("Training", unit="steps") as update:
            for step in steps:
                update(step.step, total=settings.max_steps)
                if step.scores is not None:
                    s = step.scores
                    mark = "  best" if step.is_best else ""
                    print(f"step {step.step:>6}  epoch {step.epoch:>3}  loss {step.loss:>9.1f}  "
                          f"P {s.get('ents_p', 0):.3f}  R {s.get('ents_r', 0):.3f}  "
                          f"F1 {s.get('ents_f', 0):.3f}  {step.elapsed:>6.0f}s{mark}", flush=True)
    except KeyboardInterrupt:
        steps.close()
        print("Stopped: keeping the best model so far", file=sys.stderr)
        return True
    return False


def _gold_and_pipeline(args: argparse.Namespace, what: str) -> tuple[list[Any], list[str], Any]:
    """The gold documents of ``args.data`` (a message per unreadable file) and the loaded pipeline."""
    from ..nlp.pipeline import GazetteerError, PipelineNotFound, load_pipeline
    from ..services.evaluation import read_quote_gold

    notes: list[str] = []
    documents, errors = read_quote_gold(args.data, notes)
    for line in (*errors, *notes):
        print(f"annotator: skipped {line}", file=sys.stderr)
    if not documents:
        raise CliError(f"no gold {what} could be read (see the messages above)")
    try:
        nlp = load_pipeline(args.model)
    except (PipelineNotFound, GazetteerError) as err:
        raise CliError(str(err)) from None
    nlp("Riscaldamento.")
    return documents, errors, nlp


def _evaluate_quotes(args: argparse.Namespace) -> int:
    """``evaluate --quotes``: the quotation finder against gold quotations."""
    from ..services.evaluation import evaluate_quotes

    documents, errors, nlp = _gold_and_pipeline(args, "quotations")
    result = evaluate_quotes(nlp, documents)
    report = result.report
    if args.json:
        print(json.dumps({"model": args.model, "data": args.data, **report.as_dict(),
                          "added_time": round(result.added_time, 4)}, indent=2))
        return EXIT_REJECTED if errors else EXIT_OK
    rows = [[kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
             f"{report.speaker_by_kind[kind].value:.3f}" if kind in report.speaker_by_kind else "—", f"{s.gold:,}"]
            for kind, s in sorted(report.kinds.items())]
    o = report.overall
    rows.append(["all", f"{o.precision:.3f}", f"{o.recall:.3f}", f"{o.f1:.3f}", f"{report.speaker.value:.3f}",
                 f"{o.gold:,}"])
    one = report.one_to_one
    rows.append(["all, one to one", f"{one.precision:.3f}", f"{one.recall:.3f}", f"{one.f1:.3f}", "—",
                 f"{one.gold:,}"])
    console.print_table(f"quotations on {', '.join(args.data)} (entities by {args.model})",
                        ["kind", "precision", "recall", "F1", "speaker", "gold"], rows)
    print(f"speaker accuracy {report.speaker.value:.3f} on {report.speaker.total} quotations found, cue accuracy "
          f"{report.cue.value:.3f}, kind accuracy {report.kind.value:.3f}; finding quotations added "
          f"{result.added_time:.1%} to the pipeline's time")
    return EXIT_REJECTED if errors else EXIT_OK


def _evaluate_events(args: argparse.Namespace) -> int:
    """``evaluate --events``: the event suggester against gold events."""
    from ..services.evaluation import evaluate_events

    documents, errors, nlp = _gold_and_pipeline(args, "events")
    report = evaluate_events(nlp, documents).report
    if args.json:
        print(json.dumps({"model": args.model, "data": args.data, **report.as_dict()}, indent=2))
        return EXIT_REJECTED if errors else EXIT_OK
    rows = [[kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.gold:,}"]
            for kind, s in sorted(report.types.items())]
    o, t = report.overall, report.triggers
    rows.append(["all", f"{o.precision:.3f}", f"{o.recall:.3f}", f"{o.f1:.3f}", f"{o.gold:,}"])
    console.print_table(f"events on {', '.join(args.data)} (entities by {args.model})",
                        ["type", "precision", "recall", "F1", "gold"], rows)
    print(f"triggers whatever the type: F1 {t.f1:.3f}; mode accuracy {report.mode_accuracy:.3f}; "
          f"arguments P {report.args.precision:.3f} R {report.args.recall:.3f}")
    return EXIT_REJECTED if errors else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Exact-span precision, recall and F1 per label and micro-averaged, and words per second."""
    from ..nlp.evaluation import evaluate_pipeline
    from ..nlp.pipeline import GazetteerError, PipelineNotFound, load_pipeline

    if args.quotes:
        return _evaluate_quotes(args)
    if args.events:
        return _evaluate_events(args)
    data = _read_data(args.data, args, "evaluation data")
    if not data.texts:
        raise CliError("no text could be read (see the messages above)")
    try:
        nlp = load_pipeline(args.model)
    except (PipelineNotFound, GazetteerError) as err:
        raise CliError(str(err)) from None
    nlp("Riscaldamento.")  # load lazy resources before timing
    labels = args.labels.split(",") if args.labels else None
    report = evaluate_pipeline(nlp, data.texts, labels=labels, label_map=_label_map(args))
    if args.json:
        print(json.dumps({"model": args.model, "data": data.sources, **report.as_dict()}, indent=2))
    else:
        rows = [[label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.support:,}"]
                for label, s in sorted(report.labels.items())]
        rows.append(["micro", f"{report.micro.precision:.3f}", f"{report.micro.recall:.3f}",
                     f"{report.micro.f1:.3f}", f"{report.micro.support:,}"])
        console.print_table(f"{args.model} on {', '.join(data.sources)} (exact spans)",
                            ["label", "precision", "recall", "F1", "gold"], rows)
        print(f"{report.words:,} words in {report.seconds:.2f} s: {report.words_per_second:,.0f} words/s "
              f"({report.words_per_cpu_second:,.0f} per CPU second)")
    return EXIT_REJECTED if data.errors else EXIT_OK
