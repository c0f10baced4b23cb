"""The volunteer pages, one module per use case; urls.py names them all."""
