"""The content-security gate (内容安全检查).

Rules are data (rules/*.toml, rules/*/*.txt); the code here only applies them.
Entry points: `scan(content, opts=...)`, `scan_fields(...)`, `options(names=...)`.
"""

from .finding import BLOCK, WARN, Finding, ScanResult
from .scanner import Options, clear_options, options, scan, scan_fields

__all__ = ["BLOCK", "WARN", "Finding", "Options", "ScanResult", "clear_options", "options", "scan", "scan_fields"]
