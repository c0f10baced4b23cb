"""Reads of the study module, one module per part; every list starts from core.scoping."""
