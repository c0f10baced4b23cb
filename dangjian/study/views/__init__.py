"""Pages of the study module, one module per use case; each view parses, checks scope, calls one service, renders."""
