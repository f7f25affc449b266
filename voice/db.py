"""Engine, session and the declarative ``Base`` shared by every model (SQLAlchemy 2.0 style).

The session is a ``scoped_session`` removed at the end of each app context. Views commit at the
edge; services only flush.
"""

from __future__ import annotations

from datetime import UTC, datetime
from weakref import WeakKeyDictionary

from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker
from sqlalchemy.sql.dml import Insert
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes on every backend (SQLite forgets the zone; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def make_engine(url: str, **kwargs) -> Engine:
    """Create an engine with the settings each backend needs to behave like the other."""
    # Statement parameters are young people's words: never in an error message or a log.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _make_sqlite_behave(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _make_sqlite_behave(engine: Engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and defers BEGIN; take control of it
    # (recipe from the SQLAlchemy SQLite dialect docs), enforce foreign keys, and use WAL so
    # readers do not block the writer.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if ":memory:" not in str(engine.url):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN")


class DirectInsert:
    """A Core ``INSERT`` sent straight to the database driver's cursor, inside the caller's
    transaction: for the statements run for every answer a young person sends.

    The statement is compiled once per dialect, and each value goes through its column's own
    type (the same bind processors SQLAlchemy applies), so a row is stored exactly as the Core
    statement would store it (``tests/surveys/test_direct_insert.py`` holds the two equal).
    What it skips is SQLAlchemy's work around each execution (cache lookup, execution context,
    result object), about 30–40 µs a statement. On dialects with named parameters (PostgreSQL's
    psycopg) the statement simply runs through SQLAlchemy. SQLAlchemy's cursor events do not
    see these statements. Driver errors are raised as SQLAlchemy's own (``IntegrityError``,
    ``OperationalError``…), without their parameters.

    ``columns``: the columns every row gives, which must include each column with a default
    made in Python (SQLAlchemy would work it out at execution time; this does not).
    """

    def __init__(self, statement: Insert, columns: tuple[str, ...]) -> None:
        self.statement = statement
        self.columns = columns
        self._ready: WeakKeyDictionary[Dialect, tuple | None] = WeakKeyDictionary()

    def _compiled(self, dialect: Dialect) -> tuple[str, tuple[str, ...], tuple] | None:
        """(SQL, parameter names in order, their bind processors); None: use SQLAlchemy."""
        if dialect in self._ready:
            return self._ready[dialect]
        compiled = self.statement.compile(dialect=dialect, column_keys=list(self.columns))
        ready = None
        if compiled.positional:
            names = tuple(compiled.positiontup)
            missing = set(names) - set(self.columns)
            if missing:
                raise ValueError(f"DirectInsert rows must give {', '.join(sorted(missing))}")
            processors = tuple(compiled.binds[name].type.dialect_impl(dialect)
                               .bind_processor(dialect) for name in names)
            ready = (compiled.string, names, processors)
        self._ready[dialect] = ready
        return ready

    def _values(self, names, processors, row: dict) -> tuple:
        return tuple(row[name] if convert is None else convert(row[name])
                     for name, convert in zip(names, processors, strict=True))

    def execute(self, connection: Connection, row: dict) -> list[tuple]:
        """Insert one row; the rows its ``RETURNING`` gives, if any."""
        ready = self._compiled(connection.dialect)
        if ready is None:
            result = connection.execute(self.statement, row)
            return result.all() if result.returns_rows else []
        sql, names, processors = ready
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, self._values(names, processors, row))
            return cursor.fetchall()
        except connection.dialect.loaded_dbapi.Error as error:
            raise self._wrapped(connection, sql, error) from error
        finally:
            cursor.close()

    def executemany(self, connection: Connection, rows: list[dict]) -> None:
        """Insert many rows (a statement without ``RETURNING``)."""
        ready = self._compiled(connection.dialect)
        if ready is None:
            connection.execute(self.statement, rows)
            return
        sql, names, processors = ready
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(sql, [self._values(names, processors, row) for row in rows])
        except connection.dialect.loaded_dbapi.Error as error:
            raise self._wrapped(connection, sql, error) from error
        finally:
            cursor.close()

    @staticmethod
    def _wrapped(connection: Connection, sql: str, error: Exception) -> DBAPIError:
        return DBAPIError.instance(sql, None, error, connection.dialect.loaded_dbapi.Error,
                                   hide_parameters=True, dialect=connection.dialect)


class Database:
    """The app's database handle: ``db.engine`` and ``db.session`` once ``init_app`` has run."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.session = scoped_session(sessionmaker(expire_on_commit=False))

    def init_app(self, app) -> None:
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.session.remove()
        self.session.configure(bind=self.engine)
        app.extensions["voice_db"] = self

        @app.teardown_appcontext
        def _remove_session(_exc):
            self.session.remove()


db = Database()
