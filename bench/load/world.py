"""The database side of the load test: its accounts, and the values of the pages' placeholders."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import scoping
from dangjian.core.seeding import DEMO_PASSWORD
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member

from .pages import MEMBER_PREFIX, SECRETARY_USERNAME, member_username


def corps_root() -> Organization:
    """The committee whose volunteer corps the burst and the member pages use (the first one)."""
    from dangjian.volunteer.models import Brigade

    brigade = Brigade.objects.select_related("corps__org").order_by("pk").first()
    if brigade is None:
        raise LookupError("没有志愿服务支队：先运行 seed_demo")
    return brigade.corps.org


def prepare_accounts(*, members: int) -> None:
    """Accounts for MEMBERS people of the first corps' committee and one branch secretary.

    Like the demo accounts: one Argon2 hash of the published demo password for all (the hash
    is slow on purpose), no first-login password change. Idempotent.
    """
    hashed = make_password(DEMO_PASSWORD)
    root = corps_root()
    with transaction.atomic():
        roster = scoping.in_subtree(Member.objects.filter(left_on=None), root).exclude(
            pk__in=User.objects.exclude(person=None).values("person_id")
        )
        if not User.objects.filter(username=SECRETARY_USERNAME).exists():
            # The secretary of a branch: the first person of the first branch of the committee.
            secretary = (
                roster.filter(org__kind=OrgKind.BRANCH).select_related("org").order_by("org__path", "pk").first()
            )
            if secretary is None:
                raise LookupError("工委下没有党支部的党员")
            user = User.objects.create(
                username=SECRETARY_USERNAME, password=hashed, person=secretary, display_name=secretary.name
            )
            RoleAssignment.objects.create(user=user, role=Role.ORG_ADMIN, org=secretary.org)
        have = User.objects.filter(username__startswith=MEMBER_PREFIX).count()
        people = list(roster.order_by("pk")[: max(0, members - have)])
        if have + len(people) < members:
            raise LookupError(f"工委下没有账号的党员只有 {have + len(people)} 人，少于 {members} 人")
        User.objects.bulk_create(
            User(username=member_username(have + i), password=hashed, person=person, display_name=person.name)
            for i, person in enumerate(people)
        )


def targets(user: User | None) -> dict[str, str]:
    """Values for the placeholders of the pages USER opens (None: the public)."""
    from dangjian.publicity.models import Article, Status
    from dangjian.volunteer import selectors as volunteer_selectors
    from dangjian.volunteer.models import ActivityStatus

    values = {"year": str(timezone.localdate().year), "org": "", "q": "", "activity": "0", "article": "0"}
    article = Article.objects.filter(status=Status.PUBLISHED).order_by("-published_at", "-pk").first()
    if article is not None:
        values["article"] = str(article.pk)
    if user is None:
        return values
    role = RoleAssignment.objects.filter(user=user).select_related("org").order_by("org__path").first()
    if role is not None:
        values["org"] = role.org.code
        someone = scoping.visible_members(user).order_by("pk").first()
        values["q"] = someone.name[:1] if someone is not None else "张"
    elif user.person_id is not None:
        person = Member.objects.select_related("org").get(pk=user.person_id)
        values["org"] = person.org.code
        activity = (
            volunteer_selectors.visible_activities(user)
            .filter(status=ActivityStatus.PUBLISHED, signup_deadline__gt=timezone.now() + dt.timedelta(hours=1))
            .order_by("starts_at", "pk")
            .first()
        )
        if activity is not None:
            values["activity"] = str(activity.pk)
    return values
