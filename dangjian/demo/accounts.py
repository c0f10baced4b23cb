"""The demo accounts: one per kind of user the issue speaks of, all with one published password."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core.seeding import DEMO_PASSWORD
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .extensions import demo_accounts

__all__ = ["ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "account_lines", "create_demo_accounts"]


@dataclass(frozen=True)
class DemoAccount:
    label: str
    username: str
    display_name: str
    role: str  # "" for a member, who sees only their own record
    anchor: str  # "committee", "finance", "education" or "member"


ACCOUNTS = (
    DemoAccount("工委工作人员", "gongwei", "工委组织部", Role.COMMITTEE_STAFF, "committee"),
    DemoAccount("市财政局机关党委管理员", "caizheng_admin", "市财政局机关党委", Role.ORG_ADMIN, "finance"),
    DemoAccount("市教育局机关党委管理员", "jiaoyu_admin", "市教育局机关党委", Role.ORG_ADMIN, "education"),
    DemoAccount("党员", "dangyuan", "", "", "member"),
)


def create_demo_accounts(
    *, committee: Organization, finance: Organization, education: Organization, member: Member | None
) -> None:
    orgs = {"committee": committee, "finance": finance, "education": education}
    # One hash for all: Argon2 is slow on purpose, and these passwords are published anyway.
    hashed = make_password(DEMO_PASSWORD)
    for account in ACCOUNTS:
        person = member if account.anchor == "member" else None
        user = User.objects.create(
            username=account.username,
            password=hashed,
            person=person,
            display_name=account.display_name or (person.name if person else account.username),
        )
        if account.role:
            RoleAssignment.objects.create(user=user, role=account.role, org=orgs[account.anchor])


def account_lines() -> list[str]:
    """'工委工作人员  gongwei / Dangjian@2026' for each demo account that still has the demo password."""
    listed = [(a.label, a.username) for a in ACCOUNTS] + [(a.label, a.username) for a in demo_accounts()]
    users = {u.username: u for u in User.objects.filter(username__in=[username for _, username in listed])}
    verified: dict[str, bool] = {}  # hash → still the demo password (each distinct hash checked once)
    rows: list[tuple[str, str, str]] = []
    for label, username in listed:
        user = users.get(username)
        if user is None:
            continue
        if user.password not in verified:
            verified[user.password] = check_password(DEMO_PASSWORD, user.password)
        if not verified[user.password]:
            continue
        where = ""
        role = RoleAssignment.objects.filter(user=user).select_related("org").first()
        if role is not None:
            where = f"（{role.org.name}）"
            if role.role == Role.ORG_ADMIN:  # the bureau's name as seeded (province: the county's)
                label = f"{role.org.name}管理员"
        elif user.person_id:
            where = f"（{user.display_name}，本人信息）"
        rows.append((label, username, where))
    width = max((_width(label) for label, _, _ in rows), default=0) + 2
    return [f"  {_pad(label, width)}{_pad(username, 16)}/ {DEMO_PASSWORD}  {where}" for label, username, where in rows]


def _width(text: str) -> int:
    """Terminal columns TEXT takes (a CJK character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(1, width - _width(text))
