"""Every user action in one table: id, menu, text, shortcuts, handler name.

The main window builds its menus, toolbar buttons and the keyboard cheat-sheet from this table, so
a shortcut shown anywhere is the shortcut that works.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    id: str
    menu: str
    text: str
    shortcuts: tuple[str, ...]
    handler: str | None  # name of a MainWindow method; None: Qt's undo stack provides the action
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open_team", "&File", "Open &team project…", ("Ctrl+Shift+O",), "open_team_project", "Open a project shared on a PostgreSQL server (postgresql://USER@HOST:PORT/DATABASE), in a window of its own"),
    ActionSpec("import", "&File", "&Import files…", ("Ctrl+O",), "import_files", "Add .txt, .md, .html or .jsonl files"),
    ActionSpec("preannotate", "&File", "&Pre-annotate new articles", ("Ctrl+R",), "preannotate", "Run the pipeline on articles without suggestions"),
    ActionSpec("export", "&File", "&Export…", ("Ctrl+E",), "export_annotations", "Write the annotations in any format (JSONL, spaCy, CoNLL, brat, XMI…), filtered by annotator, status and label"),
    ActionSpec("team", "&File", "Team &members…", ("Ctrl+Shift+T",), "manage_team", "Who annotates and who reviews this team project: add or remove members (the owner)"),
    ActionSpec("quit", "&File", "&Quit", ("Ctrl+Q",), "close", "Everything is already saved"),
    ActionSpec("undo", "&Edit", "Undo", ("Ctrl+Z",), None),
    ActionSpec("redo", "&Edit", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), None),
    ActionSpec("accept", "&Annotate", "&Accept suggestion", ("A",), "accept_current", "Accept the suggestion under the cursor"),
    ActionSpec("reject", "&Annotate", "&Reject suggestion", ("X",), "reject_current", "Reject the suggestion under the cursor"),
    ActionSpec("accept_all", "&Annotate", "Accept a&ll suggestions", ("Shift+A",), "accept_all", "Accept every suggestion in this article"),
    ActionSpec("delete", "&Annotate", "&Delete span", ("Del", "Backspace"), "delete_current", "Remove the selected span"),
    ActionSpec("done", "&Annotate", "&Mark article done / not done", ("D", "Ctrl+Return"), "toggle_done", "Mark the article reviewed (pending suggestions: accept or reject the rest first), or back in progress"),
    ActionSpec("done_ask", "&Annotate", "Mark article done, choosing again for pending suggestions", ("Ctrl+Shift+D",), "mark_done_asking", "Asks what happens to the pending suggestions even when an answer is remembered for the project (untick the box to forget it)"),
    ActionSpec("quote_new", "&Quotations", "&New quotation from selection", ("Q",), "new_quote", "Mark the selected words as a quotation"),
    ActionSpec("quote_speaker", "&Quotations", "Set &speaker", ("S",), "set_quote_speaker", "The selected words, or the entity you clicked, become the speaker of the current quotation"),
    ActionSpec("quote_cue", "&Quotations", "Set &cue", ("C",), "set_quote_cue", "The selected words become the cue (ha detto, secondo…) of the current quotation"),
    ActionSpec("quote_entity", "&Quotations", "Speaker's &entity…", ("Shift+S",), "choose_speaker_entity", "Pick whom the current quotation's speaker names (“il ministro” → “Roberto Maroni”): one of the article's named entities, or no one"),
    ActionSpec("quote_kind", "&Quotations", "Change &kind", ("K",), "cycle_quote_kind", "direct → partial → indirect → headline"),
    ActionSpec("quote_accept", "&Quotations", "&Accept quotation", ("Shift+Q",), "accept_quote", "Accept the current suggested quotation"),
    ActionSpec("quote_accept_all", "&Quotations", "Accept a&ll quotations", ("Ctrl+Shift+Q",), "accept_all_quotes", "Accept every suggested quotation in this article"),
    ActionSpec("quote_delete", "&Quotations", "&Delete or reject quotation", ("Shift+Del", "Shift+Backspace"), "delete_quote", "Remove the current quotation (a suggestion is rejected)"),
    ActionSpec("quote_next", "&Quotations", "Ne&xt quotation", ("Alt+N",), "next_quote"),
    ActionSpec("quote_prev", "&Quotations", "&Previous quotation", ("Alt+P",), "previous_quote"),
    ActionSpec("event_new", "E&vents", "&New event from selection…", ("E",), "new_event", "The selected words are the trigger; then choose the type"),
    ActionSpec("event_article", "E&vents", "New event for the &whole article…", ("Shift+E",), "new_article_event", "An event without trigger words"),
    ActionSpec("event_type", "E&vents", "Change &type…", ("T",), "change_event_type", "Choose the type of the current event in a searchable list"),
    ActionSpec("event_mode", "E&vents", "Next &mode", ("M",), "cycle_event_mode", "The current event's next mode (from the schema)"),
    ActionSpec("event_date", "E&vents", "Edit &date", ("Alt+D",), "edit_event_date", "Type the date of the current event"),
    ActionSpec("event_quote", "E&vents", "&Link to the current quotation", ("Alt+L",), "link_event_quote", "The current quotation expresses the current event"),
    ActionSpec("event_entity", "E&vents", "A&rgument's entity…", ("Alt+R",), "choose_argument_entity", "Pick whom the selected argument of the current event names (“il governo” → “Governo Draghi”): one of the article's named entities, or no one"),
    ActionSpec("event_accept", "E&vents", "&Accept event", ("Alt+Y",), "accept_event", "Accept the current suggested event"),
    ActionSpec("event_accept_all", "E&vents", "Accept all e&vents", ("Ctrl+Alt+Y",), "accept_all_events", "Accept every suggested event of this article"),
    ActionSpec("event_delete", "E&vents", "&Delete or reject event", ("Alt+X",), "delete_event", "Remove the current event (a suggestion is rejected)"),
    ActionSpec("event_next", "E&vents", "Next e&vent", ("Alt+Down",), "next_event"),
    ActionSpec("event_prev", "E&vents", "Previous ev&ent", ("Alt+Up",), "previous_event"),
    ActionSpec("agreement", "Re&view", "&Agreement…", ("Ctrl+Shift+G",), "show_agreement", "Agreement between the annotators: F1, kappa, alpha, charts, the hardest articles"),
    ActionSpec("curate", "Re&view", "&Curate this article…", ("Ctrl+Shift+C",), "curate_article", "Every annotator's version side by side; take items into the gold layer"),
    ActionSpec("next_span", "&Go", "&Next span", ("Tab", "N"), "next_span"),
    ActionSpec("prev_span", "&Go", "&Previous span", ("Shift+Tab", "P"), "previous_span"),
    ActionSpec("next_doc", "&Go", "Next &article", ("Ctrl+PgDown", "]"), "next_document"),
    ActionSpec("prev_doc", "&Go", "Previous a&rticle", ("Ctrl+PgUp", "["), "previous_document"),
    ActionSpec("search", "&Go", "&Search articles", ("Ctrl+F",), "focus_search"),
    ActionSpec("focus_text", "&Go", "Focus the &text", ("Esc",), "focus_text"),
    ActionSpec("train", "&Model", "&Train from my annotations…", ("Ctrl+T",), "train_model", "Train a model on your finished articles, compare it with the current one, then choose"),
    ActionSpec("model", "&Model", "&Model for suggestions…", ("Ctrl+Shift+M",), "choose_suggestion_model", "Choose the pipeline and label map that pre-annotate this project"),
    ActionSpec("lexicon", "&Tools", "Project &lexicon…", ("Ctrl+Shift+L",), "show_lexicon", "The event triggers and reporting verbs this project learned from its annotators: list, add, remove, import, export"),
    ActionSpec("shortcuts", "&Help", "&Keyboard shortcuts", ("F1",), "show_shortcuts"),
)

MENUS = ("&File", "&Edit", "&Annotate", "&Quotations", "E&vents", "Re&view", "&Go", "&Model", "&Tools", "&Help")
ROLE_KEYS = tuple(f"Alt+{n}" for n in range(1, 10))  # Alt+1… set the event roles, in the schema's order

# Notes for the cheat-sheet that are not menu actions.
GESTURES: tuple[tuple[str, str], ...] = (
    ("Drag or Shift+arrows", "Select text (snaps to whole words, drops spaces and punctuation at the edges)"),
    ("Alt + drag / Alt+Shift+arrows", "Select exact characters (no snapping)"),
    ("Click a span", "Select it; a label key relabels it, Del removes it"),
    ("1 – 9", "Label the selection (or relabel the selected span)"),
    ("Click a quotation's words", "Make it the current quotation (also: pick it in the Quotations tab)"),
    ("Click an event's trigger", "Make it the current event; its arguments are outlined"),
)

# The curation window's own actions (Review > Curate this article…): its toolbar, its keys and the
# cheat-sheet's "Curation" section come from here; handlers are CurationWindow methods.
CURATION_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("cur_take", "Curation", "Take the selected item", ("Return", "Enter"), "take_selected",
               "Copy the item selected in the table into gold (replacing what clashes with it there)"),
    ActionSpec("cur_next", "Curation", "Next disagreement", ("N", "Alt+Down"), "next_disagreement",
               "Select the next item to decide (annotators disagree, or a single annotator's to review)"),
    ActionSpec("cur_prev", "Curation", "Previous disagreement", ("P", "Alt+Up"), "previous_disagreement",
               "Select the previous item to decide"),
    ActionSpec("cur_merge", "Curation", "Merge all agreed", ("Ctrl+M",), "merge_agreed",
               "Take every item all annotators agree on (or, with one annotator, every item to review)"),
    ActionSpec("cur_adjudicated", "Curation", "Mark adjudicated", ("Ctrl+Return",), "mark_adjudicated",
               "Mark the gold layer of this article adjudicated (again: back in review)"),
    ActionSpec("cur_delete", "Curation", "Delete the gold span", ("Del", "Backspace"), "delete_gold_span",
               "Remove the gold span you clicked"),
    ActionSpec("cur_editor", "Curation", "Edit gold in the editor…", ("Ctrl+E",), "edit_gold_in_editor",
               "The full editor on the gold layer: write quotations and events of your own"),
    ActionSpec("cur_undo", "Curation", "Undo", ("Ctrl+Z",), None),
    ActionSpec("cur_redo", "Curation", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), None),
    ActionSpec("cur_close", "Curation", "Close", ("Esc", "Ctrl+W"), "close", "Close the curation (everything is saved)"),
)
