"""Writes to the volunteer structure: corps, brigades, teams, volunteers, pairings."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member

from .. import errors
from ..models import Brigade, Corps, Pairing, Team, Volunteer


def _committee_of(org: Organization) -> Organization:
    return org if org.depth == 1 else Organization.objects.get(path=tree.ancestor_paths(org.path)[0])


@transaction.atomic
def corps_save(
    *,
    committee: Organization,
    name: str,
    leader: Member | None,
    handler_name: str,
    contact_phone: str,
    founded_on: dt.date | None,
) -> Corps:
    """Create or update the committee's corps (one per committee)."""
    if committee.kind != OrgKind.COMMITTEE:
        raise errors.NotACommittee()
    if not name.strip():
        raise errors.NameMissing("请填写总队名称。", field="name")
    if leader is not None and not tree.is_within(leader.org.path, [committee.path]):
        raise errors.LeaderOutside("总队长须为本工委所属党组织的人员。", field="leader")
    corps, _ = Corps.objects.update_or_create(
        org=committee,
        defaults={
            "name": name.strip(),
            "leader": leader,
            "handler_name": handler_name.strip(),
            "contact_phone": contact_phone.strip(),
            "founded_on": founded_on,
        },
    )
    return corps


def _check_leader(leader: Member | None, org: Organization, field: str = "leader") -> None:
    if leader is not None and not tree.is_within(leader.org.path, [org.path]):
        raise errors.LeaderOutside(f"负责人须为{org.name}（含下级组织）的人员。", field=field)


@transaction.atomic
def brigade_create(*, org: Organization, name: str, founded_on: dt.date, leader: Member | None = None) -> Brigade:
    committee = _committee_of(org)
    corps = Corps.objects.filter(org=committee).first()
    if corps is None:
        raise errors.NoCorps()
    name = name.strip()
    if not name:
        raise errors.NameMissing("请填写支队名称。", field="name")
    if Brigade.objects.filter(corps=corps, name=name).exists():
        raise errors.DuplicateName(f"已有名为“{name}”的支队。", field="name")
    _check_leader(leader, org)
    return Brigade.objects.create(corps=corps, org=org, name=name, founded_on=founded_on, leader=leader)


@transaction.atomic
def brigade_update(
    *, brigade: Brigade, name: str, leader: Member | None, founded_on: dt.date, dissolved_on: dt.date | None
) -> Brigade:
    name = name.strip()
    if not name:
        raise errors.NameMissing("请填写支队名称。", field="name")
    if Brigade.objects.filter(corps_id=brigade.corps_id, name=name).exclude(pk=brigade.pk).exists():
        raise errors.DuplicateName(f"已有名为“{name}”的支队。", field="name")
    if dissolved_on is not None and dissolved_on < founded_on:
        raise errors.DatesReversed("撤销日期不能早于成立日期。", field="dissolved_on")
    _check_leader(leader, brigade.org)
    brigade.name, brigade.leader, brigade.founded_on, brigade.dissolved_on = name, leader, founded_on, dissolved_on
    brigade.save()
    return brigade


@transaction.atomic
def team_create(
    *, brigade: Brigade, name: str, leader: Member | None = None, founded_on: dt.date | None = None
) -> Team:
    name = name.strip()
    if not name:
        raise errors.NameMissing("请填写分队名称。", field="name")
    if Team.objects.filter(brigade=brigade, name=name).exists():
        raise errors.DuplicateName(f"本支队已有名为“{name}”的分队。", field="name")
    _check_leader(leader, brigade.org)
    team = Team.objects.create(brigade=brigade, name=name, leader=leader, founded_on=founded_on)
    if leader is not None:
        team_member_add(team=team, member=leader)
    return team


def volunteer_register(*, member: Member) -> Volunteer:
    """MEMBER's volunteer registration, made on first need (the number derives from the roster record)."""
    existing = Volunteer.objects.filter(member=member).first()
    if existing is not None:
        existing.member = member  # (auditing a later change reads the member's organization)
        return existing
    try:
        with transaction.atomic():
            volunteer, _ = Volunteer.objects.get_or_create(
                member=member,
                defaults={"number": Volunteer.number_for(member.pk), "registered_at": timezone.now()},
            )
    except IntegrityError:  # registered at the same moment by a second request
        volunteer = Volunteer.objects.get(member=member)
    return volunteer


@transaction.atomic
def team_member_add(*, team: Team, member: Member) -> Volunteer:
    """Put MEMBER in TEAM; a volunteer belongs to one team at a time, so this moves them."""
    if not tree.is_within(member.org.path, [team.brigade.corps.org.path]):
        raise errors.OutsideTeamReach()
    volunteer = volunteer_register(member=member)
    if volunteer.team_id == team.pk:
        raise errors.AlreadyInTeam(name=member.name)
    volunteer.team = team
    volunteer.joined_team_on = timezone.localdate()
    volunteer.save(update_fields=["team", "joined_team_on"])
    return volunteer


@transaction.atomic
def team_member_remove(*, team: Team, volunteer: Volunteer) -> Volunteer:
    if volunteer.team_id != team.pk:
        raise errors.NotInTeam()
    volunteer.team = None
    volunteer.joined_team_on = None
    volunteer.save(update_fields=["team", "joined_team_on"])
    return volunteer


@transaction.atomic
def pairing_save(
    *,
    brigade: Brigade,
    community: str,
    signed_on: dt.date,
    ends_on: dt.date | None,
    community_contact: str = "",
    content: str = "",
    pairing: Pairing | None = None,
) -> Pairing:
    """Record a pairing agreement (or update PAIRING)."""
    if not community.strip():
        raise errors.NameMissing("请填写共建社区。", field="community")
    if ends_on is not None and ends_on < signed_on:
        raise errors.DatesReversed("协议到期日期不能早于签订日期。", field="ends_on")
    pairing = pairing or Pairing(brigade=brigade)
    pairing.brigade = brigade
    pairing.community = community.strip()
    pairing.community_contact = community_contact.strip()
    pairing.signed_on = signed_on
    pairing.ends_on = ends_on
    pairing.content = content.strip()
    pairing.save()
    return pairing
