"""Printing in the window: preview, print, save."""
