"""Helpers for the frozen model copies inside migration steps (a step must keep creating the tables as they were)."""
import peewee as pw


def base_model(db) -> type[pw.Model]:
    """The base class of one step's frozen models, bound to the database being migrated."""
    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False
    return Base


def existing_table(base: type[pw.Model], table_name: str) -> type[pw.Model]:
    """A stand-in for a table an earlier step created, so that foreign keys can point at it."""
    return type(f"Existing_{table_name}", (base,), {"Meta": type("Meta", (), {"table_name": table_name})})
