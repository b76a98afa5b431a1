"""On SQLite, a trigram index of the people's `search_text`, so that a search finds its
candidates without reading every person of the organisation.

The search is a substring search (`search_text LIKE '%martin%'`), which no B-tree index
can answer: on 40,000 people it read the whole covering index of names, 4–6 ms a search.
SQLite's full-text engine (FTS5) with its trigram tokenizer answers "contains this
substring" from an index. The index is an external-content FTS5 table over `people_person`:
it stores the trigrams only, and three triggers keep it in step with every insert, change
of `search_text` and deletion, whoever writes (the ORM, a bulk import, raw SQL).

Django does not know about this table. Django's SQLite schema editor rebuilds a table (new
table, copy, drop, rename) for many changes of a model; dropping `people_person` drops its
triggers. So the table and its triggers are made sure of after every `migrate`
(`ensure`, from the app's post_migrate), and the index is rebuilt when a trigger was
missing. A SQLite without FTS5's trigram tokenizer (before 3.34) simply has no index: the
search then reads the names as before. PostgreSQL is not concerned.
"""

from __future__ import annotations

from django.db import OperationalError, connections

TABLE = "people_person_trigrams"
MIN_LENGTH = 3  # a trigram index finds substrings of three characters or more

_CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "search_text, content='people_person', content_rowid='id', tokenize='trigram')"
)
_TRIGGERS = {
    f"{TABLE}_insert": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON people_person BEGIN "
        f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
    f"{TABLE}_delete": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON people_person BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END"
    ),
    f"{TABLE}_update": (
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF search_text "
        f"ON people_person BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
}

# Whether each database (by its file) has the index: asked once per process.
_present: dict[str, bool] = {}


def ensure(connection) -> bool:
    """Create the index and its triggers where they are missing, and fill the index when
    it is new or a trigger was missing. Returns whether the database has the index."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
            [f"{TABLE}%"],
        )
        found = {name for (name,) in cursor.fetchall()}
        if TABLE in found and all(name in found for name in _TRIGGERS):
            return _remember(connection, True)
        try:
            cursor.execute(_CREATE_TABLE)
        except OperationalError:  # no FTS5 or no trigram tokenizer in this SQLite
            return _remember(connection, False)
        for statement in _TRIGGERS.values():
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    return _remember(connection, True)


def drop(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in _TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    _remember(connection, False)


def _remember(connection, present: bool) -> bool:
    _present[connection.settings_dict["NAME"]] = present
    return present


def available(alias: str) -> bool:
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return False
    name = connection.settings_dict["NAME"]
    if name not in _present:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
            _present[name] = cursor.fetchone() is not None
    return _present[name]


def match_query(texts) -> str:
    """The FTS5 query that finds every text (each one a quoted phrase; all are required),
    for those long enough for trigrams; "" when none is."""
    return " ".join(
        '"' + text.replace('"', '""') + '"' for text in texts if len(text) >= MIN_LENGTH
    )


def optimise(*, now=None) -> str:
    """Merge the index into one piece: a changed or erased name leaves "deleted" marks over
    its old trigrams until the pieces holding them are merged; after this, nothing of it
    stays in the index (a daily task, after the erasures of the night)."""
    from django.db import connection

    if not available(connection.alias):
        return "Pas d'index de recherche à compacter."
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
    return "Index de recherche des personnes compacté."


def post_migrate(sender, using="default", **kwargs) -> None:
    ensure(connections[using])
