"""The window (PySide6). Calls services in ``app``; never runs SQL and never holds peewee rows."""
