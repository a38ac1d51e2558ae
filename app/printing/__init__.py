"""Printed documents: plain data (``document``) turned into GB/T 9704-2012 PDFs and .docx files."""
