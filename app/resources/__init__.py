"""Data files that ship with the program (stylesheet, icon, example holiday notices), read through
``importlib.resources`` so that they are found in a wheel and in the PyInstaller bundle alike."""
from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(relative: str) -> Traversable:
    """``resource("icons/app.svg")``: a file of this package, wherever the package is installed."""
    return files(__name__).joinpath(relative)
