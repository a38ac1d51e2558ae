"""Offline text recognition of scanned pages (applications on paper, image attachments)."""
