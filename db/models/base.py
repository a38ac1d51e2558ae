"""Base class of every table: bound to the program's one database proxy."""
import peewee

from db.connection import database


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False
