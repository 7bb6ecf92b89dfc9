"""``annotator lexicon``: see, extend and trim what the project learned for its suggesters.

The work is in :mod:`annotator.services.lexicon`; after a change, the articles no one has touched
are suggested again with the new lexicon.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..domain.shown import shown
from .commands import EXIT_OK, CliError, open_project


def add_parsers(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    lx = sub.add_parser(
        "lexicon", parents=parents, help="the project's learned triggers and reporting verbs",
        description="List, add or remove the event triggers and reporting verbs the project learned "
                    "from its annotators (the app learns one when someone codes an event or a quotation "
                    "the suggesters did not know). After a change the articles no one has touched are "
                    "suggested again.",
        epilog="Examples: annotator lexicon; annotator lexicon add-trigger sgominare COERCE --mode arrest "
               "--kind verb; annotator lexicon add-cue chiosare; annotator lexicon remove sgominare",
    )
    actions = lx.add_subparsers(dest="lexicon_action", metavar="ACTION")
    actions.add_parser("list", help="the learned entries (the default)")
    trigger = actions.add_parser("add-trigger", help="add an event trigger")
    trigger.add_argument("words", help="a verb's infinitive, noun forms joined by | (retata|retate), or words")
    trigger.add_argument("type", metavar="TYPE", help="the event type (a type of the project's schema)")
    trigger.add_argument("--mode", default=None, help="the type's mode")
    trigger.add_argument("--kind", choices=("verb", "noun", "phrase"), default="verb")
    cue = actions.add_parser("add-cue", help="add a reporting verb (infinitive) or expression")
    cue.add_argument("words")
    remove = actions.add_parser("remove", help="remove every entry of these words")
    remove.add_argument("words")
    actions.add_parser("clear", help="forget everything learned")
    export = actions.add_parser("export", help="write the learned lexicon to a JSON file")
    export.add_argument("file", type=Path)
    load = actions.add_parser("import", help="add the entries of a JSON file written by 'lexicon export'")
    load.add_argument("file", type=Path)
    lx.set_defaults(handler=cmd_lexicon)


def cmd_lexicon(args: argparse.Namespace) -> int:
    from ..nlp.lexicon_overlay import LearnedCue, LearnedTrigger, LexiconOverlay, OverlayError
    from ..services.lexicon import load_overlay, resuggest_untouched, save_overlay

    action = args.lexicon_action or "list"
    project = open_project(args, readonly=action in ("list", "export"))
    try:
        try:
            overlay = load_overlay(project) if action != "clear" else LexiconOverlay()
        except OverlayError as err:
            raise CliError(str(err)) from None
        if action == "list":
            _print(overlay)
            return EXIT_OK
        if action == "export":
            from ..formats.atomic import atomic_write
            from ..services.exporting import OutputRefused, check_output

            try:
                check_output(None if project.shared else project.path, args.file, fmt="jsonl")
            except OutputRefused as err:
                raise CliError(str(err)) from None
            with atomic_write(args.file) as out:
                out.write(json.dumps(json.loads(overlay.to_json()), ensure_ascii=False, indent=2) + "\n")
            print(f"Wrote {len(overlay.triggers)} triggers and {len(overlay.cues)} reporting verbs to {shown(str(args.file))}")
            return EXIT_OK
        if action == "add-trigger":
            _check_type(project, args.type, args.mode)
            overlay = overlay.with_trigger(LearnedTrigger(args.words.strip().lower(), args.type, args.mode, args.kind,
                                                         args.words, "cli"))
        elif action == "add-cue":
            words = args.words.strip().lower()
            overlay = overlay.with_cue(LearnedCue(words, "phrase" if " " in words else "verb", words, "cli"))
        elif action == "remove":
            smaller = overlay.without(args.words.strip().lower())
            if smaller == overlay:
                raise CliError(f"the learned lexicon has no entry {shown(args.words)}: 'annotator lexicon' lists them", 1)
            overlay = smaller
        elif action == "import":
            overlay = _merged(overlay, args.file)
        save_overlay(project, overlay)
        again = resuggest_untouched(project)
        print(f"The learned lexicon has {len(overlay.triggers)} triggers and {len(overlay.cues)} reporting verbs; "
              f"{again} untouched articles suggested again")
        return EXIT_OK
    finally:
        project.close()


def _print(overlay: Any) -> None:
    if not overlay:
        print("The project has learned nothing yet: code an event or a quotation the suggestions missed, "
              "or add entries with 'annotator lexicon add-trigger' / 'add-cue'")
        return
    for t in overlay.triggers:
        mode = f" {t.mode}" if t.mode else ""
        source = f" (from “{shown(t.example)}”{', ' + shown(t.annotator) if t.annotator else ''})" if t.example else ""
        print(f"trigger  {shown(t.words):<28} {t.type}{mode} [{t.kind}]{source}")
    for c in overlay.cues:
        source = f" (from “{shown(c.example)}”{', ' + shown(c.annotator) if c.annotator else ''})" if c.example else ""
        print(f"cue      {shown(c.words):<28} [{c.kind}]{source}")


def _check_type(project: Any, type_: str, mode: str | None) -> None:
    from ..services.settings import SchemaError, load_event_schema

    try:
        schema = load_event_schema(project)
    except SchemaError as err:
        raise CliError(str(err)) from None
    found = schema.type(type_)
    if found is None:
        raise CliError(f"{shown(type_)} is not an event type of the {schema.name} schema: "
                       f"{', '.join(t.name for t in schema.types)}")
    if mode and found.mode(mode) is None:
        raise CliError(f"{shown(mode)} is not a mode of {type_}: {', '.join(m.name for m in found.modes) or 'it has none'}")


def _merged(overlay: Any, path: Path) -> Any:
    from ..nlp.lexicon_overlay import LexiconOverlay, OverlayError

    try:
        other = LexiconOverlay.from_json(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise CliError(f"cannot read {shown(str(path))}: {err.strerror or err}") from None
    except (UnicodeDecodeError, OverlayError) as err:
        raise CliError(f"{shown(str(path))}: not a lexicon written by 'annotator lexicon export' ({err})") from None
    for trigger in other.triggers:
        overlay = overlay.with_trigger(trigger)
    for cue in other.cues:
        overlay = overlay.with_cue(cue)
    return overlay
