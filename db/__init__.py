"""Data layer: peewee models, the connection and the migration ladder. Never imports Qt or ``ui``."""
