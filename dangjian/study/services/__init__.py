"""Writes of the study module, one module per part: central_group, training, org_life (and files, marks)."""
