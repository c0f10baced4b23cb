"""The accounts app's deployment settings: `DANGJIAN = {"accounts": {...}}`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings


@dataclass(frozen=True)
class AccountsSettings(AppSettings):
    SECTION: ClassVar[str] = "accounts"
    # Where the deployment wants it, the security administrator grants business roles too
    # (permissions.GRANTS, the `secadmin` row); by default only the data's owners grant them.
    secadmin_grants_roles: bool = False
