"""The database schema as an ordered list of migrations.

A migration is never edited once released: a change to the schema is a new function
appended at the end. A database that has applied a migration this release does not
know was made by a newer release and is refused (see ``database.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

#: sqlite-utils' bookkeeping table and our set's name in it.
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "spiegel"


def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            date TEXT NOT NULL,
            start TEXT,
            location TEXT NOT NULL DEFAULT '',
            introduction TEXT NOT NULL DEFAULT '',
            invited INTEGER,
            facilitators TEXT NOT NULL DEFAULT '[]',
            listeners TEXT NOT NULL DEFAULT '',
            produced TEXT NOT NULL DEFAULT '',
            input_follow_up TEXT NOT NULL DEFAULT '',
            follow_up_meeting TEXT NOT NULL DEFAULT '',
            current_question TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            purged_at TEXT
        );
        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            UNIQUE (meeting_id, key)
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            pseudonym TEXT NOT NULL,
            role TEXT NOT NULL,
            present INTEGER NOT NULL DEFAULT 1,
            label TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            UNIQUE (meeting_id, key)
        );
        CREATE TABLE participant_organisations (
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            PRIMARY KEY (participant_id, organisation_id)
        );
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            position INTEGER NOT NULL,
            UNIQUE (meeting_id, key)
        );
        CREATE TABLE remarks (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            question_id INTEGER REFERENCES questions(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            starred INTEGER NOT NULL DEFAULT 0,
            private INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX remarks_meeting_seq ON remarks (meeting_id, seq);
        CREATE TABLE remark_organisations (
            remark_id INTEGER NOT NULL REFERENCES remarks(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            PRIMARY KEY (remark_id, organisation_id)
        );
        CREATE INDEX remark_organisations_org ON remark_organisations (organisation_id);
        CREATE TABLE key_points (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE key_point_remarks (
            key_point_id INTEGER NOT NULL REFERENCES key_points(id) ON DELETE CASCADE,
            remark_id INTEGER NOT NULL REFERENCES remarks(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (key_point_id, remark_id)
        );
        CREATE TABLE drafts (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            text TEXT NOT NULL DEFAULT '',
            participant TEXT,
            organisations TEXT NOT NULL DEFAULT '[]',
            kind TEXT NOT NULL DEFAULT 'note',
            starred INTEGER NOT NULL DEFAULT 0,
            private INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        """
    )
    # Full-text search over remark text, kept in step by triggers.
    db.table("remarks").enable_fts(
        ["text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


def m002_drafts_per_session(db: Database) -> None:
    """One draft per meeting and per running app, not one per meeting.

    With one row per meeting, two note-takers on the same meeting overwrote each
    other's draft twice a second: after a crash the survivor's text came back, the
    crashed one's was gone. ``owner`` names the app process that typed it (see
    ``draft_owner.py``); drafts from before this have owner ''.
    """
    db.executescript(
        """
        ALTER TABLE drafts RENAME TO drafts_per_meeting;
        CREATE TABLE drafts (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            participant TEXT,
            organisations TEXT NOT NULL DEFAULT '[]',
            kind TEXT NOT NULL DEFAULT 'note',
            starred INTEGER NOT NULL DEFAULT 0,
            private INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (meeting_id, owner)
        );
        INSERT INTO drafts
            SELECT meeting_id, '', text, participant, organisations, kind, starred, private,
                   updated_at
            FROM drafts_per_meeting;
        DROP TABLE drafts_per_meeting;
        """
    )


def m003_presence(db: Database) -> None:
    """Which running app has which meeting open.

    Deleting or purging a meeting that another note-taker is typing in needs a
    warning first; ``owner`` is the app process (see ``draft_owner.py``), so a row
    left by an app that crashed is recognised as stale.
    """
    db.executescript(
        """
        CREATE TABLE presence (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            PRIMARY KEY (meeting_id, owner)
        );
        """
    )


def m004_outcome_changes(db: Database) -> None:
    """Outcome edits stored as changes, checked against what the editing screen saw.

    Two wrap-ups on one meeting used to rewrite the whole outcome from memory and undo
    each other. Now every key point and every outcome text carries a revision: a
    change names the revision it was made on and is refused when another instance
    changed the row first. ``accepted`` on a key point's link holds the remark flags
    (1 private, 2 deleted) the note-taker has seen and confirmed, so a point whose
    remark later became private or was deleted is held back until looked at again.
    ``text_drafts`` keeps text being typed outside the capture line (the key-point
    editor, the setup form and its dialogs), one row per app, meeting and field;
    ``meeting_id`` is NULL for a meeting still being set up.
    """
    db.executescript(
        """
        ALTER TABLE key_points ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE key_point_remarks ADD COLUMN accepted INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE meetings ADD COLUMN introduction_rev INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE meetings ADD COLUMN produced_rev INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE meetings ADD COLUMN input_follow_up_rev INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE meetings ADD COLUMN follow_up_meeting_rev INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE text_drafts (
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            slot TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX text_drafts_key ON text_drafts (coalesce(meeting_id, 0), owner, slot);
        """
    )


def m005_follow_up(db: Database) -> None:
    """What happens after the meeting (meeting file version 2).

    The cycle's planned dates, the debrief notes and the letter on ``meetings``; the
    themes of each key point; each organisation's answer to each key point
    (``responses``); the improvement actions and every status change of them
    (``action_events``, in order). Answers and actions hang on a key point and an
    organisation, so they go when either goes.
    """
    db.executescript(
        """
        ALTER TABLE meetings ADD COLUMN debrief_notes TEXT NOT NULL DEFAULT '';
        ALTER TABLE meetings ADD COLUMN letter TEXT NOT NULL DEFAULT '';
        ALTER TABLE meetings ADD COLUMN cycle_debrief TEXT;
        ALTER TABLE meetings ADD COLUMN cycle_letter TEXT;
        ALTER TABLE meetings ADD COLUMN cycle_feedback_meeting TEXT;
        CREATE TABLE key_point_themes (
            key_point_id INTEGER NOT NULL REFERENCES key_points(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            theme TEXT NOT NULL,
            PRIMARY KEY (key_point_id, position)
        );
        CREATE INDEX key_point_themes_theme ON key_point_themes (theme);
        CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            key_point_id INTEGER NOT NULL REFERENCES key_points(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            recognition TEXT NOT NULL DEFAULT 'unknown',
            decision TEXT NOT NULL DEFAULT 'undecided',
            note TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            UNIQUE (key_point_id, organisation_id)
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            key_point_id INTEGER NOT NULL REFERENCES key_points(id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            updated_at TEXT NOT NULL
        );
        CREATE INDEX actions_point ON actions (key_point_id, organisation_id, position);
        CREATE INDEX actions_status_due ON actions (status, due);
        CREATE INDEX actions_organisation ON actions (organisation_id);
        CREATE TABLE action_events (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX action_events_action ON action_events (action_id, id);
        """
    )


def m006_privacy_answers(db: Database) -> None:
    """The note-taker's answers to the re-identification check, per meeting.

    ``key`` is a finding's stable key (kind, normalised text found, text id); ``answer``
    is 'replaced' (with ``replacement``, applied when a document is written; the stored
    text itself is never changed) or 'accepted' (not identifying). A finding whose text
    found changed has another key, so it is asked again.
    """
    db.executescript(
        """
        CREATE TABLE privacy_answers (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('replaced', 'accepted')),
            replacement TEXT NOT NULL DEFAULT '',
            answered_at TEXT NOT NULL,
            PRIMARY KEY (meeting_id, key)
        );
        """
    )


#: In order. Plain functions, so that checking a database's version (every start)
#: needs no sqlite-utils; it is imported only when a migration must run.
STEPS: tuple[Callable[[Database], None], ...] = (
    m001_initial,
    m002_drafts_per_session,
    m003_presence,
    m004_outcome_changes,
    m005_follow_up,
    m006_privacy_answers,
)
KNOWN_MIGRATIONS: tuple[str, ...] = tuple(step.__name__ for step in STEPS)


def schema_migrations() -> Migrations:
    """The steps as a sqlite-utils migration set, to apply what is pending."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for step in STEPS:
        migrations()(step)
    return migrations
