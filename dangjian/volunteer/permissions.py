"""Who may do what in the volunteer module.

Built on dangjian.core.scoping: administrators act on their subtrees. On top
of that, leaders named in the structure act on what they lead, even when their
account is a plain member's: a brigade leader (and the corps leader) organizes
the brigade's activities, a team leader and an activity's organizer organize
that activity. Only committee staff correct locked records and void
certificates, because the committee is the recording body.
"""

from __future__ import annotations

from typing import Any

from dangjian.core import scoping

from .models import Activity, Brigade, Certificate, Corps, ServiceRecord, Volunteer


def person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "person_id", None)


def can_manage_corps(user: Any, corps: Corps) -> bool:
    return scoping.can_manage_org(user, corps.org)


def can_manage_structure(user: Any, brigade: Brigade) -> bool:
    """Change the brigade, its teams and their members, its pairings: administrators of its organization.

    (Choosing team members means seeing the organization's roster, which leaders who are
    plain members may not.)
    """
    return scoping.can_manage_org(user, brigade.org)


def can_manage_brigade(user: Any, brigade: Brigade) -> bool:
    """Organize the brigade's activities: its administrators, its leader and the corps leader."""
    if scoping.can_manage_org(user, brigade.org):
        return True
    pid = person_id(user)
    return pid is not None and pid in (brigade.leader_id, brigade.corps.leader_id)


def can_organize(user: Any, activity: Activity) -> bool:
    """See the participants, mark attendance, adjust and confirm hours, edit, publish, cancel."""
    if can_manage_brigade(user, activity.brigade):
        return True
    pid = person_id(user)
    if pid is None:
        return False
    return pid == activity.organizer_id or (activity.team is not None and pid == activity.team.leader_id)


def can_correct_record(user: Any, record: ServiceRecord) -> bool:
    return scoping.is_committee_staff(user) and scoping.can_manage_org(user, record.org)


def can_revoke(user: Any, certificate: Certificate) -> bool:
    return scoping.is_committee_staff(user) and scoping.can_manage_org(user, certificate.corps.org)


def can_issue_for(user: Any, volunteer: Volunteer) -> bool:
    """The volunteer prints their own; committee staff issue on the corps' behalf."""
    if person_id(user) == volunteer.member_id:
        return True
    return scoping.is_committee_staff(user) and scoping.can_manage_org(user, volunteer.member.org)


def sees_full_id_number(user: Any, certificate: Certificate) -> bool:
    """The certificate PDF carries the full ID number (the national form asks for it)."""
    return scoping.can_reveal_personal_data(user, certificate.volunteer.member)
