"""Base class of every table: bound to the program's one database proxy."""
from __future__ import annotations

import datetime as dt

import peewee

from db.connection import database


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def bulk_insert(cls, rows: list[dict]) -> None:
        """Insert many rows in one prepared statement (``executemany``): what ``insert_many`` does, without building
        the SQL text of every value. Fields missing from a row get their model default, as with ``create``. Call
        inside the caller's transaction."""
        if not rows:
            return
        fields = [f for f in cls._meta.sorted_fields if not isinstance(f, peewee.AutoField)]
        db = database.obj
        columns = ", ".join(peewee.quote([f.column_name], db.quote) for f in fields)
        sql = (f"INSERT INTO {peewee.quote([cls._meta.table_name], db.quote)} ({columns}) "
               f"VALUES ({', '.join([db.param] * len(fields))})")
        plan = [(f.name, f.default, callable(f.default), f.db_value, _natural_type(f)) for f in fields]
        values = []
        for row in rows:
            out = []
            for name, default, call, convert, natural in plan:
                value = row[name] if name in row else (default() if call else default)
                # a value already of the column's own type goes as it is (what db_value would give)
                out.append(value if value is None or type(value) is natural else convert(value))
            values.append(out)
        db.cursor().executemany(sql, values)


def _natural_type(field: peewee.Field) -> type | None:
    """The Python type a field stores unchanged (``db_value`` returns such a value as it is)."""
    for kind, natural in ((peewee.ForeignKeyField, int), (peewee.BooleanField, bool),
                          (peewee.DateTimeField, dt.datetime), (peewee.DateField, dt.date), (peewee.IntegerField, int),
                          (peewee.FloatField, float), (peewee.TextField, str), (peewee.CharField, str)):
        if isinstance(field, kind):
            return natural
    return None
