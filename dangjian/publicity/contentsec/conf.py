"""The gate's deployment settings (typed, core/conf.py), with their defaults.

    DANGJIAN = {"contentsec": {
        "upper_committees": ["自治区直属机关工委", "自治区党委"],
        "extra_allowed_domains": ["example.gov.cn"],
        "rules_dir": "/etc/dangjian/rules",
    }}

`upper_committees`: names of the committees above the platform's own tree. They
are protected like the organizations the platform holds: spam spliced into one
of them is `name_tampered`. `extra_allowed_domains`: domains allowed in links
beyond rules/domains/allowed.txt (the platform's own hosts, PublicitySettings'
`own_hosts` and ALLOWED_HOSTS, always are). `rules_dir`: another folder of rule
files replaces the shipped one.

Code reads `ContentSecSettings.current()`; a wrong key or type is an error of
`manage.py check` (the publicity app registers `check_settings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from django.core import checks

from dangjian.core.conf import AppSettings, check_all

RULES_DIR = Path(__file__).resolve().parent / "rules"


@dataclass(frozen=True)
class ContentSecSettings(AppSettings):
    SECTION: ClassVar[str] = "contentsec"
    upper_committees: tuple[str, ...] = ()
    extra_allowed_domains: tuple[str, ...] = ()
    rules_dir: str | Path = RULES_DIR


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """DANGJIAN["contentsec"] names known settings with values of the right type (as core's check
    does for the sections the manifests name; the publicity manifest names PublicitySettings)."""
    return [checks.Error(problem, id="dangjian.E001") for problem in check_all([ContentSecSettings])]
