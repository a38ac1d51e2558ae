"""Windows of text recognition: filling a form from a scanned application."""
