"""What the transfers services share: the actor, the member checks, the committee's branches."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member
from dangjian.people.selectors import PARTY_STATUSES

from .. import errors


def actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def check_on_roster(member: Member, by: Any, *, roles: tuple[str, ...] | None = None) -> Member:
    """MEMBER as the roster has them now: on it, a party member, and (when BY is given) in BY's reach.

    ROLES: the roles BY must hold over the member's organization (any role that sees it by default).
    """
    current = Member.everyone.select_related("org").filter(pk=member.pk).first()
    if current is None or current.left_on is not None:
        raise errors.MemberNotOnRoster(field="member")
    if by is not None:
        reach = roles if roles is not None else scoping.SCOPE_ROLES
        if not scoping.visible_members(by).filter(pk=current.pk).exists() or not scoping.holds_over(
            by, current.org, roles=reach
        ):
            raise errors.MemberNotOnRoster(field="member")
    if current.status not in PARTY_STATUSES:
        raise errors.NotAPartyMember(field="member")
    return current


STAFF = (Role.COMMITTEE_STAFF,)


def branch_of(org: Organization) -> Organization:
    """The branch a member of ORG belongs to: ORG itself, or the branch above its party group."""
    if org.kind != OrgKind.GROUP:
        return org
    return Organization.objects.get(path=tree.parent_path(org.path))
