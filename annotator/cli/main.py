"""``annotator [--project FILE] [--annotator NAME] [COMMAND]``: the command line.

Exit status: 0 success; 1 done, but some inputs were rejected (each named on stderr with its reason);
2 usage error or a refused request (not a project, a bad label schema, an unknown model); 3 the
project is unavailable (busy past the wait, read-only, damaged, disk full); 70 a bug, whose details
go to a log file. Each is told in one line, never a traceback. Only argparse and the standard
library are imported up front, so ``annotator --help`` stays quick; each command imports what it needs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..domain.model import DOC_STATUSES
from ..formats import EXPORTERS, IMPORTERS
from . import commands, copy_commands, lexicon_commands, safety_commands, team_commands


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {number})")
    return number


def _doc_status(value: str) -> str:
    status = value.strip().lower().replace("-", " ").replace("_", " ")
    if status not in DOC_STATUSES:
        raise argparse.ArgumentTypeError(
            f"unknown status {value!r} (choose from {', '.join(repr(s) for s in DOC_STATUSES)})"
        )
    return status


def build_parser() -> argparse.ArgumentParser:
    # The global options are accepted after the command too (SUPPRESS: only set when given there).
    after_project = argparse.ArgumentParser(add_help=False)
    after_project.add_argument("--project", metavar="FILE", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    after_annotator = argparse.ArgumentParser(add_help=False)
    after_annotator.add_argument("--annotator", metavar="NAME", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    both = [after_project, after_annotator]

    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Italian news: entities, quotations and events. Without a command, opens the desktop app.",
        epilog="Exit status: 0 success, 1 some inputs rejected, 2 usage error or refused request, "
               "3 project unavailable (busy, read-only, damaged, disk full).",
    )
    parser.add_argument("--project", metavar="FILE", default=None,
                        help="the project file (default: $ANNOTATOR_PROJECT, else ./annotator.db)")
    parser.add_argument("--annotator", metavar="NAME", default=None,
                        help="who is annotating (default: $ANNOTATOR_USER, else the login name)")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", parents=both, help="open the desktop app (the default)",
                         description="Open the desktop app on the project.")
    gui.set_defaults(handler=commands.cmd_gui)

    imp = sub.add_parser("import", parents=both, help="import .txt/.md/.html/.jsonl files and folders",
                         description="Import articles; JSONL records in the annotator format bring their "
                                     "annotations. Exit status 1 when some input was rejected.")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    imp.add_argument("--labels", metavar="FILE", help="label schema the imported labels must belong to "
                                                      "(default: the project's)")
    imp.add_argument("--rules", metavar="FILE", help="cleaning rules (default: resources/cleaning.json)")
    imp.add_argument("-v", "--verbose", action="store_true", help="list the noise lines removed from each file")
    imp.add_argument("--format", dest="import_format", choices=sorted(IMPORTERS),
                     help="read another tool's format (" + "; ".join(f"{k}: {v.description}"
                                                               for k, v in sorted(IMPORTERS.items())) + ")")
    imp.set_defaults(handler=commands.cmd_import)

    pre = sub.add_parser("preannotate", parents=both, help="suggest entities with a spaCy pipeline",
                         description="Suggest entities in the documents that have no suggestions yet.")
    pre.add_argument("--model", metavar="NAME_OR_PATH",
                     help="pipeline: 'gazetteer', an installed package or a folder; saved as the project's model")
    pre.add_argument("--all", action="store_true", help="redo every document, replacing earlier suggestions")
    pre.add_argument("--batch-size", type=_positive_int, default=32, metavar="N", help="documents per batch (32)")
    pre.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                     help="processes sharing the batches, each with its own copy of the pipeline (1); on a "
                          "team project, preannotate commands on several machines also share one run")
    pre.set_defaults(handler=commands.cmd_preannotate)

    exp = sub.add_parser("export", parents=[after_project], help="write the annotations to a file",
                         description="Export the project. The annotator JSONL holds one record per "
                                     "document and annotator.")
    exp.add_argument("--format", choices=sorted(EXPORTERS), default="jsonl",
                     help="output format (jsonl, the default): " + "; ".join(
                         f"{k}: {v.description}" for k, v in sorted(EXPORTERS.items())))
    exp.add_argument("-o", "--output", metavar="PATH",
                     help="output file ('-': standard output, for the JSON lines formats and conll), or a new "
                          "or empty folder for brat and xmi, or one an earlier export wrote (default: "
                          "exports/<project>-<format>…); a link is followed, a FIFO or device written through")
    exp.add_argument("--split", type=float, metavar="FRACTION",
                     help="spacy: write FRACTION of the documents to PATH-train.spacy and the rest to "
                          "PATH-dev.spacy (e.g. 0.8)")
    exp.add_argument("--annotator", dest="export_annotators", metavar="NAME", nargs="+", action="extend",
                     help="only these annotators' records ('gold' for the gold layer)")
    exp.add_argument("--status", type=_doc_status, metavar="STATUS",
                     help=f"only records whose annotator's status is STATUS ({', '.join(DOC_STATUSES)})")
    exp.add_argument("--include-suggestions", action="store_true",
                     help="add one record per document and pipeline with its pending suggestions")
    exp.add_argument("--all-suggestions", action="store_true",
                     help="like --include-suggestions, with every suggestion, also those the exported "
                          "annotators accepted or rejected (to compare a pipeline with them)")
    exp.add_argument("--gold", action="store_true",
                     help="only the gold layer (annotator \"gold\"; the same as --annotator gold); with "
                          "--annotator NAME, those annotators and gold")
    exp.add_argument("--labels", dest="export_labels", metavar="LABELS",
                     help="only entities with these labels, comma-separated (PER,LOC); quotations and events stay")
    exp.set_defaults(handler=commands.cmd_export)

    cfg = sub.add_parser("config", parents=both,
                         help="show or change project settings (labels, model, label-map, events, visibility)",
                         description="Without KEY, list the project's settings. With KEY and VALUE, change "
                                     "one: 'labels' is a label schema file (checked before it is saved), "
                                     "'model' a spaCy pipeline name or folder, 'label-map' renames or drops "
                                     "the model's labels ('GPE=LOC,MISC=' drops MISC), 'events' an event "
                                     "schema file (PLOVER by default; checked before it is saved), "
                                     "'visibility' blind or open: whether the annotators of a team project "
                                     "read each other's layers and gold (blind, the default, lets each read "
                                     "only their own). '--unset' returns to the default. On a team project only "
                                     "the owner changes settings.")
    cfg.add_argument("key", nargs="?", choices=("labels", "model", "label-map", "events", "visibility"),
                     help="the setting")
    cfg.add_argument("value", nargs="?", help="its new value")
    cfg.add_argument("--unset", action="store_true", help="remove the setting (use the default)")
    cfg.set_defaults(handler=commands.cmd_config)

    data_opts = argparse.ArgumentParser(add_help=False)
    data_opts.add_argument("--format", choices=("tsv", "conll", "jsonl"),
                           help="format of the data files (default: from the name and first line)")
    data_opts.add_argument("--label-map", metavar="MAP",
                           help="rename or drop labels: 'GPE=LOC,FAC=LOC,MISC=' (MISC= drops MISC)")
    data_opts.add_argument("--labels", metavar="L1,L2",
                           help="the labels to train or score (default: those in the data)")
    data_opts.add_argument("--sentences-per-text", type=_positive_int, default=10, metavar="N",
                           help="TSV/CoNLL: consecutive sentences grouped into one text (10)")

    tr = sub.add_parser("train", parents=[*both, data_opts], help="train an NER model (spaCy pipeline)",
                        description="Train a spaCy NER pipeline from KIND TSV, CoNLL or JSONL files and/or "
                                    "the project's finished documents, and write the best model seen on "
                                    "the development data. Ctrl+C stops and keeps the best so far.")
    tr.add_argument("data", nargs="*", metavar="DATA", help="training files")
    tr.add_argument("--from-project", action="store_true",
                    help="also train on the project's finished documents (see --layer)")
    tr.add_argument("--layer", metavar="NAME",
                    help="with --from-project: whose annotations ('gold' for the gold layer; default: you)")
    tr.add_argument("--dev", nargs="+", metavar="DEV", help="development files (default: hold out --held-out)")
    tr.add_argument("--held-out", type=float, default=0.2, metavar="FRACTION",
                    help="without --dev: the fraction of texts held out to measure the model (0.2)")
    tr.add_argument("-o", "--output", required=True, metavar="DIR", help="the pipeline folder to write")
    tr.add_argument("--gazetteer", nargs="+", metavar="PATH",
                    help="name lists for gazetteer features: 'LABEL name' .txt files, pattern .jsonl files, folders")
    tr.add_argument("--max-steps", type=_positive_int, default=8000, metavar="N", help="training steps at most (8000)")
    tr.add_argument("--eval-every", type=_positive_int, default=250, metavar="N", help="steps between evaluations (250)")
    tr.add_argument("--patience", type=_positive_int, default=2000, metavar="N",
                    help="stop after N steps without a better development score (2000)")
    tr.add_argument("--no-scale", action="store_true", help="keep --max-steps and --eval-every on small data")
    tr.add_argument("--word-features", action="store_true",
                    help="with --gazetteer: also mark capitalised ordinary words (no gain measured on KIND)")
    tr.add_argument("--augment", type=int, default=0, metavar="N",
                    help="add N copies of each training text with its names swapped for others (0)")
    tr.add_argument("--init-tok2vec", metavar="FILE", help="start from tok2vec weights written by 'spacy pretrain'")
    tr.add_argument("--seed", type=int, default=0, help="random seed (0)")
    tr.add_argument("--name", default="annotator_ner", help="the pipeline's name in its meta")
    tr.add_argument("--version", default="0.0.0", help="the pipeline's version in its meta")
    tr.add_argument("--license", default="", help="the licence to record in the meta (that of the training data)")
    tr.add_argument("--description", default="", help="a description for the meta")
    tr.add_argument("--no-dates", action="store_true", help="do not add the DATE rules to the pipeline")
    tr.set_defaults(handler=commands.cmd_train)

    ev = sub.add_parser("evaluate", parents=[data_opts], help="score a model: P/R/F1 per label, words/s",
                        description="Exact-span precision, recall and F1 per label and micro-averaged, and "
                                    "the pipeline's speed, on KIND TSV, CoNLL or JSONL files. With --quotes: "
                                    "the quotation finder's precision, recall and F1 (half the characters "
                                    "covered), speaker, cue and kind accuracy, per kind, on gold quotations "
                                    "in inline markup or annotator JSONL. With --events: the event suggester's "
                                    "event-type precision, recall and F1 (triggers overlap), per type.")
    ev.add_argument("data", nargs="+", metavar="DATA", help="evaluation files")
    ev.add_argument("--model", required=True, metavar="NAME_OR_PATH",
                    help="pipeline: the bundled model's name, 'gazetteer', an installed package or a folder")
    ev.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ev.add_argument("--quotes", action="store_true",
                    help="score quotations instead of entities (DATA: markup .txt or JSONL with \"quotes\")")
    ev.add_argument("--events", action="store_true",
                    help="score suggested events instead of entities (DATA: markup .txt with <ev>/<arg> tags)")
    ev.set_defaults(handler=commands.cmd_evaluate)

    mg = sub.add_parser("merge", parents=both, help="bring another project's documents and annotations in",
                        description="Merge another project file into this one: its documents (matched by "
                                    "content, never duplicated), every annotator's layer with their statuses, "
                                    "the gold layer and the suggestions. The other file is only read.")
    mg.add_argument("other", metavar="OTHER_PROJECT", help="the other project file (.db)")
    mg.set_defaults(handler=commands.cmd_merge)

    ad = sub.add_parser("adjudicate", parents=both, help="put what annotators agree on into the gold layer",
                        description="With --auto, every entity, quotation and event that all the document's "
                                    "annotators (or at least --min-agreement of them) have alike goes into the "
                                    "gold layer, and the document moves to 'in review'; the rest is for the "
                                    "curation view.")
    ad.add_argument("--auto", action="store_true", required=True, help="adjudicate the agreed items automatically")
    ad.add_argument("--min-agreement", type=_positive_int, metavar="N",
                    help="how many annotators must agree (default: all of the document's, at least two)")
    ad.set_defaults(handler=commands.cmd_adjudicate)

    ag = sub.add_parser("agreement", parents=both, help="agreement between annotators (F1, kappa, alpha)",
                        description="Pairwise agreement on the documents both annotators annotated: entity "
                                    "exact-span and overlap F1, per label, Cohen's kappa on token labels; "
                                    "Krippendorff's alpha over all; quotation overlap F1 and speaker agreement; "
                                    "event trigger F1 and type agreement; and the documents they agree on least.")
    ag.add_argument("--annotators", nargs="+", metavar="NAME",
                    help="whom to compare (default: everyone; 'gold' names the adjudicated layer)")
    ag.add_argument("--format", choices=("table", "json"), default="table", help="output format (table)")
    ag.set_defaults(handler=commands.cmd_agreement)

    st = sub.add_parser("stats", parents=both, help="counts per status, label and annotator",
                        description="Show counts per status (per annotator), per label (per layer) and per annotator.")
    st.add_argument("--json", action="store_true", help="print JSON instead of tables")
    st.set_defaults(handler=commands.cmd_stats)
    _add_safety_commands(sub, both)
    team_commands.add_parsers(sub, both)
    copy_commands.add_parsers(sub, both)
    lexicon_commands.add_parsers(sub, both)
    return parser


def _add_safety_commands(sub: argparse._SubParsersAction, both: list[argparse.ArgumentParser]) -> None:
    """backup, backups, restore and check."""
    bk = sub.add_parser("backup", parents=both, help="back the project up now (SQLite's online backup)",
                        description="Copy the project, consistently even while others write, into its "
                                    "backup folder (<project>.backups beside it) or DEST. Backups are also "
                                    "made when the app or a writing command opens the project, then every "
                                    "30 minutes of editing; the last 10 and one per day for a week are kept.")
    bk.add_argument("dest", nargs="?", metavar="DEST", help="a folder, or a new file name (default: the backup folder)")
    bk.set_defaults(handler=safety_commands.cmd_backup)
    ls = sub.add_parser("backups", parents=both, help="list the project's backups",
                        description="List the backups in the project's backup folder, newest first.")
    ls.set_defaults(handler=safety_commands.cmd_backups)
    rs = sub.add_parser("restore", parents=both, help="put a backup in place of the project",
                        description="Replace the project with BACKUP (checked first). The current state is "
                                    "backed up before, so a restore can itself be undone. Close the app first.")
    rs.add_argument("backup", metavar="BACKUP", help="a backup file (or its name, from 'annotator backups')")
    rs.set_defaults(handler=safety_commands.cmd_restore)
    ck = sub.add_parser("check", parents=both, help="check the project file's integrity",
                        description="Run SQLite's integrity check and the link check on the project, read-only; "
                                    "exit status 3 when it is damaged, with the backup to restore.")
    ck.set_defaults(handler=safety_commands.cmd_check)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exit_:  # --help, --version, usage errors (2)
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else commands.EXIT_USAGE
    handler = getattr(args, "handler", commands.cmd_gui)
    try:
        return handler(args)
    except commands.CliError as err:
        print(f"annotator: error: {err}", file=sys.stderr)
        return err.status
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        try:  # keep Python from complaining again when it flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as err:  # the store's own errors (imported late: --help stays quick)
        from ..store.errors import ProjectUnavailable, describe_sqlite_error

        if isinstance(err, ProjectUnavailable):
            print(f"annotator: error: {err}", file=sys.stderr)
            return err.exit_status
        message = describe_sqlite_error(err, commands.project_path(args))
        if message is None:
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            return _internal_error(err)
        print(f"annotator: error: {message}", file=sys.stderr)
        return commands.EXIT_UNAVAILABLE


def _internal_error(err: BaseException) -> int:
    """A bug: one line for the user, the traceback in a log file for the report (never on screen)."""
    from ..domain.shown import shown
    from ..services.crash_log import write_crash_log

    log = write_crash_log(err)
    where = f"; the details are in {log}: please attach it to a bug report" if log else ""
    print(f"annotator: internal error ({type(err).__name__}: {shown(str(err))}){where}", file=sys.stderr)
    return 70  # EX_SOFTWARE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
