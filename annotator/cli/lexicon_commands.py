"""``annotator lexicon``: see, extend and trim what the project learned for its suggesters.

The work is in :mod:`annotator.services.lexicon`; after a change, the articles no one has touched
are suggested again with the new lexicon.
"""

from __future__ import annotations

import argparse
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
               "--kind verb; annotator lexicon add-cue gongolare; annotator lexicon remove sgominare",
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
    from ..nlp.lexicon_overlay import LexiconOverlay, OverlayError
    from ..services import lexicon_changes as changes
    from ..services.lexicon import load_overlay

    action = args.lexicon_action or "list"
    project = open_project(args, readonly=action in ("list", "export"))
    try:
        try:
            overlay = load_overlay(project) if action != "clear" else LexiconOverlay()
            if action == "list":
                _print(overlay)
                return EXIT_OK
            if action == "export":
                changes.write_lexicon_file(project, overlay, args.file)
                print(f"Wrote {len(overlay.triggers)} triggers and {len(overlay.cues)} reporting verbs to "
                      f"{shown(str(args.file))}")
                return EXIT_OK
            before = load_overlay(project) if action == "clear" else overlay
            if action == "add-trigger":
                overlay = overlay.with_trigger(changes.trigger_entry(project, args.words, args.type, args.mode,
                                                                     args.kind, annotator="cli"))
            elif action == "add-cue":
                overlay = overlay.with_cue(changes.cue_entry(args.words, annotator="cli"))
            elif action == "remove":
                smaller = overlay.without(args.words.strip().lower())
                if smaller == overlay:
                    raise CliError(f"the learned lexicon has no entry {shown(args.words)}: 'annotator lexicon' lists them", 1)
                overlay = smaller
            elif action == "import":
                overlay = changes.merged(overlay, changes.read_lexicon_file(args.file))
        except (OverlayError, changes.LexiconEditError) as err:
            raise CliError(str(err)) from None
        touched = (set(before.triggers) ^ set(overlay.triggers)) | (set(before.cues) ^ set(overlay.cues))
        done = changes.change(project, overlay, touched, "the learned lexicon changed")
        print(f"The learned lexicon has {len(overlay.triggers)} triggers and {len(overlay.cues)} reporting verbs; "
              f"{changes.suggested_again(done.again)}")
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
