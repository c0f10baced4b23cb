"""Metrics this app registers (see dangjian.core.registry)."""
