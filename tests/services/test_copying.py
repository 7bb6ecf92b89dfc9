"""``annotator copy``: a project moved from a file to a server and back is the same project.

The proof of a lossless copy is what a user would compare: the annotator JSONL export (every
layer, gold, every suggestion, the rejections) of each copy is byte for byte the original's, and
every row of every table is there with its id and timestamps, so links hold and undo and redo work
on the copy. The team project is made as a team would make it: an empty database owned by a login
role that is not a superuser, collated in English (ICU), as a distribution's server would give.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.domain import commands as span_commands
from annotator.domain import event_commands, quote_commands
from annotator.domain.commands import Command
from annotator.domain.model import (
    ACCEPTED,
    DOC_ADJUDICATED,
    DOC_DONE,
    DOC_IN_PROGRESS,
    GOLD,
    REJECTED,
    SUGGESTIONS,
    EntityRef,
    Event,
    EventArg,
    Quote,
    Span,
)
from annotator.services.copying import COPIED_TABLES, CopyRefused, copy_project
from annotator.services.exporting import export
from annotator.store import NewDocument, Project
from annotator.store.team import add_member, init_project

ORIGIN = "it_core_news_lg 3.8.0"
TEXT = ("Roma, 3 marzo. Il sindaco Roberto Gualtieri ha detto: «La città è pronta». "
        "Poi Gualtieri ha telefonato a Giorgia Meloni a Palazzo Chigi, perché sì.")
SECOND = "Milano, 4 marzo. L'assessora Anna Scavuzzo ha incontrato i sindacati in Comune."
THIRD = "Un articolo che nessuno ha annotato: però c'è."


def at(text: str, part: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return start, start + len(part)


GUALTIERI = EntityRef(*at(TEXT, "Roberto Gualtieri"), "PER")  # what "Gualtieri" stands for


# --- the ends of a copy -----------------------------------------------------------------------------


def dbname(url: str) -> str:
    return url.rsplit("/", 1)[1]


# --- a project with everything in it --------------------------------------------------------------


def build(project: Project) -> dict[str, int]:
    """Documents with raw text and metadata, suggestions (entities, a quotation with its speaker, an
    event citing it), two annotators' decisions and own items, gold, statuses, settings, a rejection
    linked to a suggestion stored after it, and an undone item (its id freed, never to be given again)."""
    (doc, _), (second, _), (third, _) = project.add_documents([
        NewDocument(TEXT, {"title": "Gualtieri e Meloni", "published": "2024-03-03", "source": "ANSA",
                           "tags": ["politica", "città"], "extra": {"n": 1, "ok": True}},
                    raw=f"<article><p>{TEXT}</p></article>", uid="roma-1", imported_from="feed/roma.html"),
        NewDocument(SECOND, {"title": "Milano"}, uid="milano-1"),
        NewDocument(THIRD, {}),
    ])
    quote = Quote(doc, *at(TEXT, "La città è pronta"), SUGGESTIONS, "direct", *at(TEXT, "Roberto Gualtieri"), "PER",
                  *at(TEXT, "ha detto"), origin=ORIGIN)
    call = Event(doc, "CONSULT", SUGGESTIONS, mode="phone", context=("political",),
                 trigger_start=at(TEXT, "telefonato")[0], trigger_end=at(TEXT, "telefonato")[1],
                 args=(EventArg("actor", *at(TEXT, "Gualtieri", 2)).with_entity(GUALTIERI),
                       EventArg("recipient", *at(TEXT, "Giorgia Meloni"))),
                 date="2024-03-03", quote_id=0, origin=ORIGIN)
    project.replace_suggestions([(doc, [
        Span(doc, *at(TEXT, "Roma"), "LOC", SUGGESTIONS, ORIGIN),
        Span(doc, *at(TEXT, "3 marzo"), "DATE", SUGGESTIONS, ORIGIN, value="2024-03-03"),
        Span(doc, *at(TEXT, "Roberto Gualtieri"), "PER", SUGGESTIONS, ORIGIN),
        Span(doc, *at(TEXT, "Giorgia Meloni"), "PER", SUGGESTIONS, ORIGIN),
        Span(doc, *at(TEXT, "Palazzo Chigi"), "ORG", SUGGESTIONS, ORIGIN),
    ], [quote], [call]), (third, [])], origin=ORIGIN, action="pre-annotate")

    def visible(layer: str) -> list[Span]:
        return project.visible_spans(doc, layer)

    def span(layer: str, text: str) -> Span:
        return next(s for s in visible(layer) if TEXT[s.start:s.end] == text)

    def run(cmd: Command) -> Command:
        project.apply(cmd)
        return cmd

    # alice: accepts, rejects, relabels, labels, accepts the quotation, makes her own event citing it
    run(span_commands.accept(text=TEXT, span=span("alice", "Roberto Gualtieri"), layer="alice", annotator="alice",
                             doc_status="new"))
    run(span_commands.delete(text=TEXT, span=span("alice", "Roma"), layer="alice", annotator="alice",
                             doc_status=project.doc_status(doc, "alice")))
    run(span_commands.relabel(text=TEXT, span=span("alice", "Palazzo Chigi"), label="LOC", layer="alice",
                              annotator="alice", doc_status=project.doc_status(doc, "alice")))
    run(span_commands.label_range(text=TEXT, visible=visible("alice"), doc_id=doc, start=at(TEXT, "Gualtieri", 2)[0],
                                  end=at(TEXT, "Gualtieri", 2)[1], label="PER", layer="alice", annotator="alice",
                                  doc_status=project.doc_status(doc, "alice")))
    suggested_quote = project.quotes(doc, SUGGESTIONS)[0]
    run(quote_commands.accept_quote(text=TEXT, quote=suggested_quote, layer="alice", annotator="alice",
                                    doc_status=project.doc_status(doc, "alice")))
    her_quote = project.quotes(doc, "alice")[0]
    made = run(event_commands.create_event(text=TEXT, doc_id=doc, type="DEMAND", trigger=at(TEXT, "ha detto"),
                                           layer="alice", annotator="alice", mode="verbal",
                                           doc_status=project.doc_status(doc, "alice")))
    run(event_commands.edit_event(text=TEXT, event=made.added[0], what="Cite", layer="alice", annotator="alice",
                                  doc_status=project.doc_status(doc, "alice"), quote_id=her_quote.id,
                                  args=(EventArg("actor", *at(TEXT, "Roberto Gualtieri")),), comment="è lui"))
    run(span_commands.set_status(doc_id=doc, annotator="alice", before=project.doc_status(doc, "alice"),
                                 after=DOC_DONE))
    # an item added and undone: its id is freed, and no later item may take it (redo puts it back)
    undone = run(span_commands.label_range(text=TEXT, visible=visible("alice"), doc_id=doc,
                                           start=at(TEXT, "sindaco")[0], end=at(TEXT, "sindaco")[1], label="MISC",
                                           layer="alice", annotator="alice", doc_status=DOC_DONE))
    project.revert(undone)

    # bob: accepts all the entities, rejects the event, writes his own quotation with a speaker
    run(span_commands.accept_all(visible=visible("bob"), doc_id=doc, layer="bob", annotator="bob", doc_status="new"))
    run(event_commands.delete_event(text=TEXT, event=project.events(doc, SUGGESTIONS)[0], layer="bob",
                                    annotator="bob", doc_status=project.doc_status(doc, "bob")))
    created = run(quote_commands.create_quote(text=TEXT, doc_id=doc, start=at(TEXT, "perché sì")[0],
                                              end=at(TEXT, "perché sì")[1], layer="bob", annotator="bob",
                                              kind="partial", doc_status=project.doc_status(doc, "bob")))
    run(quote_commands.edit_quote(text=TEXT, quote=created.added[0], what="Set speaker", layer="bob",
                                  annotator="bob", doc_status=project.doc_status(doc, "bob"),
                                  speaker_start=at(TEXT, "Giorgia Meloni")[0], speaker_end=at(TEXT, "Giorgia Meloni")[1],
                                  speaker_label="PER"))
    run(quote_commands.set_speaker_entity(text=TEXT, quote=project.quotes(doc, "bob")[0], layer="bob",
                                          annotator="bob", doc_status=project.doc_status(doc, "bob"),
                                          entity=EntityRef(*at(TEXT, "Giorgia Meloni"), "PER")))
    run(span_commands.set_status(doc_id=doc, annotator="bob", before=project.doc_status(doc, "bob"),
                                 after=DOC_IN_PROGRESS))

    # gold, by a reviewer
    gold = Command("Adjudicate", doc, "rita", added=[
        Span(doc, *at(TEXT, "Roberto Gualtieri"), "PER", GOLD, "manual", ACCEPTED, "rita"),
        Quote(doc, *at(TEXT, "La città è pronta"), GOLD, "direct", *at(TEXT, "Roberto Gualtieri"), "PER",
              annotator="rita")])
    project.apply(gold)
    with project.transaction():
        project.set_doc_status(doc, GOLD, DOC_ADJUDICATED)

    # a rejection stored before the suggestion it hides (an import does that when the suggestion
    # comes later in the file): the link points at a later row of the same table
    project.import_annotations([Span(second, *at(SECOND, "Comune"), "ORG", "alice", ORIGIN, REJECTED, "alice")],
                               action="import", annotator="alice")
    project.replace_suggestions([(second, [Span(second, *at(SECOND, "Anna Scavuzzo"), "PER", SUGGESTIONS, ORIGIN),
                                           Span(second, *at(SECOND, "Comune"), "ORG", SUGGESTIONS, ORIGIN)])],
                                origin=ORIGIN, action="pre-annotate")
    rejection = next(s for s in project.spans(second, "alice") if s.status == REJECTED)
    later = next(s for s in project.suggestions(second) if s.label == "ORG")
    assert later.id > rejection.id
    with project.transaction():
        project.conn.execute("UPDATE spans SET source_id = ? WHERE id = ?", (later.id, rejection.id))

    project.set_setting("model", "it_core_news_lg")
    project.set_setting("label-map", "GPE=LOC,MISC=")
    return {"doc": doc, "second": second, "third": third, "freed": undone.added[0].id}


def jsonl(project: Project, path: Path) -> bytes:
    """The export a user compares: every layer, gold, every suggestion, rejections."""
    export(project, path, fmt="jsonl", include_suggestions=True, all_suggestions=True, gold=True)
    return path.read_bytes()


def rows(project: Project) -> dict[str, list[tuple]]:
    """Every row of every copied table, every column (ids and timestamps included), in key order."""
    from annotator.services.copying import _table_columns

    found = {}
    for table in COPIED_TABLES:
        columns = sorted(_table_columns(project, table))
        found[table] = sorted(project.conn.execute(
            "SELECT " + ", ".join(f'"{c}"' for c in columns) + f" FROM {table}").fetchall(),
            key=repr)
    return found


@pytest.fixture
def original(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "original.db"
    with Project(path) as project:
        ids = build(project)
    return path, ids


# --- lossless, both ways ---------------------------------------------------------------------------


def test_a_file_copied_to_a_server_and_back_exports_byte_for_byte_alike(original, make_team_database, tmp_path):
    path, _ids = original
    server = make_team_database()
    with Project(path) as project:
        expected, expected_rows = jsonl(project, tmp_path / "original.jsonl"), rows(project)
    assert b'"rejected": {"spans": [{' in expected and GOLD.encode() in expected and ORIGIN.encode() in expected

    to_server = copy_project(path, server)
    assert to_server.initialised and to_server.rows["documents"] == 3
    with Project(server) as copy:
        assert jsonl(copy, tmp_path / "server.jsonl") == expected
        assert rows(copy) == expected_rows

    back = tmp_path / "back.db"
    copy_project(server, back)
    with Project(back) as copy:
        assert jsonl(copy, tmp_path / "back.jsonl") == expected
        assert rows(copy) == expected_rows


def test_the_entities_of_speakers_and_arguments_are_copied_both_ways(original, make_team_database, tmp_path):
    path, ids = original
    server, back = make_team_database(), tmp_path / "back.db"
    copy_project(path, server)
    copy_project(server, back)
    meloni = EntityRef(*at(TEXT, "Giorgia Meloni"), "PER")
    for location in (server, back):
        with Project(location) as copy:
            assert [q.speaker_entity for q in copy.quotes(ids["doc"], "bob")] == [meloni]
            suggested = copy.events(ids["doc"], SUGGESTIONS)[0]
            assert [a.entity for a in suggested.args] == [GUALTIERI, None]
            assert [a.entity for a in copy.events(ids["doc"], "bob")[0].args] == [GUALTIERI, None]  # his rejection
            assert copy.conn.execute("SELECT count(*) FROM quotes WHERE speaker_entity_start IS NOT NULL"
                                     ).fetchone()[0] == 1
            assert copy.conn.execute("SELECT count(*) FROM event_args WHERE entity_label = 'PER'").fetchone()[0] == 2


def test_a_server_project_copied_to_another_server_project_is_the_same(original, make_team_database, tmp_path):
    path, _ids = original
    first, second = make_team_database(), make_team_database()
    copy_project(path, first)
    copy_project(first, second)
    with Project(first) as one, Project(second) as other:
        assert jsonl(other, tmp_path / "second.jsonl") == jsonl(one, tmp_path / "first.jsonl")
        assert rows(other) == rows(one)
        # the server computed the copy's search vector from the text: accents ignored, as in the original
        assert other.document_ids(query="perche") == one.document_ids(query="perche") == [1]


def test_a_file_copied_to_a_file_is_the_same(original, tmp_path):
    path, _ids = original
    copy_project(path, tmp_path / "copy.db")
    with Project(path) as one, Project(tmp_path / "copy.db") as other:
        assert rows(other) == rows(one)
        assert other.document_ids(query="citta") == one.document_ids(query="citta") == [1]


@pytest.mark.parametrize("destination", ["file", "server"])
def test_undo_and_redo_work_on_the_copy_and_freed_ids_are_never_given_again(
        original, make_team_database, tmp_path, destination):
    path, ids = original
    target = tmp_path / "copy.db" if destination == "file" else make_team_database()
    if destination == "file":
        middle = make_team_database()
        copy_project(path, middle)
        copy_project(middle, target)  # the high-water mark crosses both backends
    else:
        copy_project(path, target)
    doc = ids["doc"]
    with Project(target) as copy:
        # alice's decision on a copied suggestion: deleting it turns it into a rejection, undo gives it back
        theirs = next(s for s in copy.visible_spans(doc, "alice") if TEXT[s.start:s.end] == "Roberto Gualtieri")
        assert theirs.source_id is not None and theirs.status == ACCEPTED
        hide = span_commands.delete(text=TEXT, span=theirs, layer="alice", annotator="alice", doc_status=DOC_DONE)
        copy.apply(hide)
        assert "Roberto Gualtieri" not in {TEXT[s.start:s.end] for s in copy.visible_spans(doc, "alice")}
        copy.revert(hide)
        assert theirs in copy.visible_spans(doc, "alice")
        # a new item gets an id past every id the original ever gave; undo and redo put it back as it was
        new = span_commands.label_range(text=TEXT, visible=copy.visible_spans(doc, "alice"), doc_id=doc,
                                        start=at(TEXT, "sindaco")[0], end=at(TEXT, "sindaco")[1], label="MISC",
                                        layer="alice", annotator="alice", doc_status=DOC_DONE)
        copy.apply(new)
        added = new.added[0]
        assert added.id > ids["freed"]
        copy.revert(new)
        assert not copy.exists(Span, added.id)
        copy.apply(new, direction="redo")
        assert added in copy.visible_spans(doc, "alice")
        # the other tables' new rows continue past the copied ones too
        ((third, _new),) = copy.add_documents([NewDocument("Un quarto articolo, nuovo.")])
        assert third == 4


# --- refusals -------------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_project_file_with_documents_is_refused_as_destination_and_left_untouched(original, tmp_path, capsys):
    path, _ids = original
    other = tmp_path / "other.db"
    with Project(other) as project:
        project.add_documents([NewDocument("Già qui.")])
    before = digest(other)

    assert main(["copy", str(path), str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: ") and "not empty (it holds 1 document)" in err
    assert len(err.strip().splitlines()) == 1
    assert digest(other) == before


def test_a_server_project_with_documents_is_refused_as_destination_and_left_untouched(
        original, make_team_database, capsys):
    path, _ids = original
    server = make_team_database()
    copy_project(path, server)
    with Project(server) as project:
        before = rows(project)

    assert main(["copy", str(path), server]) == 2
    assert "is not empty" in capsys.readouterr().err
    with Project(server) as project:
        assert rows(project) == before


def test_a_file_that_is_not_a_project_is_refused_and_left_untouched(original, tmp_path, capsys):
    path, _ids = original
    notes = tmp_path / "notes.txt"
    notes.write_text("le mie note\n")
    assert main(["copy", str(path), str(notes)]) == 2
    assert "not an annotator project" in capsys.readouterr().err
    assert notes.read_text() == "le mie note\n"


def test_a_project_is_not_copied_onto_itself(original, make_team_database):
    path, _ids = original
    with pytest.raises(CopyRefused, match="the same project"):
        copy_project(path, path)
    server = make_team_database()
    copy_project(path, server)
    with pytest.raises(CopyRefused, match="the same project"):
        copy_project(server, server)


def test_a_failed_copy_leaves_no_file_and_an_empty_server_project(tmp_path, make_team_database, capsys):
    """A row that cannot go in (a span of a document that is not there, in a file edited by hand with
    its links unchecked) fails the copy as a whole: the new file is not left behind, the server's
    project stays empty and a second copy is accepted."""
    broken = tmp_path / "broken.db"
    with Project(broken) as project:
        ((doc, _),) = project.add_documents([NewDocument("Roma è bella.")])
        project.import_annotations([Span(doc, 0, 4, "LOC", "alice", "manual", ACCEPTED, "alice")],
                                   action="import", annotator="alice")
        project.conn.execute("PRAGMA foreign_keys = OFF")
        project.conn.execute("UPDATE spans SET doc_id = 99")

    assert main(["copy", str(broken), str(tmp_path / "new.db")]) == 2
    assert "cannot be written into" in capsys.readouterr().err
    assert not list(tmp_path.glob("new.db*"))

    server = make_team_database()
    assert main(["copy", str(broken), server]) == 2
    assert "nothing was copied" in capsys.readouterr().err
    with Project(server) as project:
        assert all(rows(project)[table] == [] for table in COPIED_TABLES)
    good = tmp_path / "good.db"
    with Project(good) as project:
        project.add_documents([NewDocument("Roma è bella.")])
    assert main(["copy", str(good), server]) == 0


def test_an_annotator_may_not_copy_a_team_project(original, make_team_database, pg_roles, tmp_path, pg_server, capsys):
    """A copy must hold every layer; an annotator reads only their own in a blind project."""
    path, _ids = original
    server = make_team_database()
    copy_project(path, server)
    anna = pg_roles("anna")
    with Project(server) as owner:
        add_member(owner, anna, "annotator", password="pw")
    assert main(["copy", pg_server.url(anna, "pw", dbname(server)), str(tmp_path / "mine.db")]) == 2
    err = capsys.readouterr().err
    assert f"{anna} may not copy" in err and "owner and its reviewers" in err
    assert not (tmp_path / "mine.db").exists()


def test_a_reviewer_copies_a_blind_team_project_whole(original, make_team_database, pg_roles, tmp_path, pg_server):
    """A reviewer reads every layer, every status and the whole history: their copy is the project."""
    path, _ids = original
    server = make_team_database()
    copy_project(path, server)
    rita = pg_roles("rita")
    with Project(server) as owner:
        add_member(owner, rita, "reviewer", password="pw")
        expected, expected_rows = jsonl(owner, tmp_path / "owner.jsonl"), rows(owner)
    copy_project(pg_server.url(rita, "pw", dbname(server)), tmp_path / "rita.db")
    with Project(tmp_path / "rita.db") as copy:
        assert jsonl(copy, tmp_path / "rita.jsonl") == expected
        assert {t: r for t, r in rows(copy).items() if t != "annotators"} == {
            t: r for t, r in expected_rows.items() if t != "annotators"}
        assert rita in copy.annotators()


def test_only_the_owner_copies_into_a_team_project(make_team_database, pg_roles, pg_server, tmp_path, capsys):
    server = make_team_database()
    project, _ = init_project(server)
    rita = pg_roles("rita")
    add_member(project, rita, "reviewer", password="pw")
    project.close()
    source = tmp_path / "small.db"
    with Project(source) as small:
        small.add_documents([NewDocument("Roma è bella.")])
    assert main(["copy", str(source), pg_server.url(rita, "pw", dbname(server))]) == 2
    assert "does not own" in capsys.readouterr().err


# --- what the command says ------------------------------------------------------------------------


def test_the_command_names_what_it_copied_and_who_needs_a_login(original, make_team_database, pg_roles,
                                                                tmp_path, capsys):
    path, _ids = original
    server = make_team_database()
    project, _ = init_project(server)  # an empty team project, with a member already
    bob = pg_roles("bob")
    add_member(project, bob, "annotator", password="pw")
    project.close()
    with Project(path) as source:  # bob's layer is named after his login
        source.conn.execute("UPDATE spans SET layer = ?, annotator = ? WHERE layer = 'bob'", (bob, bob))
        source.conn.execute("UPDATE quotes SET layer = ?, annotator = ? WHERE layer = 'bob'", (bob, bob))
        source.conn.execute("UPDATE events SET layer = ?, annotator = ? WHERE layer = 'bob'", (bob, bob))
        source.conn.execute("UPDATE annotators SET name = ? WHERE name = 'bob'", (bob,))

    assert main(["copy", str(path), server]) == 0
    out = capsys.readouterr().out
    assert "Copied " in out and "3 documents" in out and "entities" in out and "history entries" in out
    assert "alice, rita are layer names only" in out and "team add NAME" in out
    assert bob not in out.split("layer names only")[0].split("On the server,")[1]

    assert main(["copy", server, str(tmp_path / "back.db")]) == 0
    out = capsys.readouterr().out
    assert f"{bob} (annotator)" in out and "stays on the server" in out
    with Project(tmp_path / "back.db") as back:
        assert bob in back.annotators()


# --- nothing forgotten ----------------------------------------------------------------------------


def test_every_table_of_either_backend_is_copied_or_known_to_stay(make_team_database, tmp_path):
    """A table added to a schema later must be copied (or said to stay behind) here too."""
    from annotator.services.copying import _SERVER_ONLY

    with Project(tmp_path / "p.db") as file:
        tables = {r[0] for r in file.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'documents_fts%'"
            " AND name != 'sqlite_sequence'")}
    assert tables == set(COPIED_TABLES)
    project, _ = init_project(make_team_database())
    with project:
        tables = {r[0] for r in project.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    assert tables == set(COPIED_TABLES) | set(_SERVER_ONLY)
