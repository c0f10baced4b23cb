"""pytest configuration shared by the whole suite."""
