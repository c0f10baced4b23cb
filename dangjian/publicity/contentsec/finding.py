"""What the gate reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

BLOCK = "block"
WARN = "warn"


@dataclass(frozen=True)
class Finding:
    kind: str  # seo_spam, name_tampered, hidden_link, hidden_content, broken_html, unsafe_link, …
    start: int  # offsets into the scanned input (the field named by `field`)
    end: int
    excerpt: str  # input[start:end]
    severity: str = BLOCK
    message: str = ""
    field: str = ""  # for articles: title, page_title, body
    category: str = ""  # sensitive-word category
    family: str = ""  # which rule family matched: brand, unknown_brand, latin_brand_digits, code, …

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCK


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking]

    @property
    def verdict(self) -> str:
        return "blocked" if self.blocking else "clean"

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "findings": [
                {
                    "kind": f.kind,
                    "excerpt": f.excerpt,
                    "start": f.start,
                    "end": f.end,
                    "severity": f.severity,
                    "message": f.message,
                    **({"field": f.field} if f.field else {}),
                    **({"category": f.category} if f.category else {}),
                    **({"family": f.family} if f.family else {}),
                }
                for f in self.findings
            ],
        }
