"""What the study tests share: a temporary MEDIA_ROOT, people in bulk, committees, and a fixed clock."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from decimal import Decimal
from unittest import mock

from django.test import override_settings
from django.utils import timezone

from dangjian.core.testing import BaseTestCase, MemberFactory
from dangjian.people.models import Post, PostTitle

from ..models import GroupKind, StudyGroup, StudyGroupMember, TrainingClass, VenueKind
from ..services import training as training_services

COMMITTEE = (
    PostTitle.SECRETARY,
    PostTitle.DEPUTY_SECRETARY,
    PostTitle.ORGANIZATION,
    PostTitle.PUBLICITY,
    PostTitle.DISCIPLINE,
)


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def this_minute() -> dt.time:
    """The local time now, to the minute: a training day starting now is open for sign-in."""
    return timezone.localtime().time().replace(second=0, microsecond=0)


def clock_at(moment: dt.datetime):
    """The whole request (views, services, sessions) reads MOMENT as the time."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


class StudyTestCase(BaseTestCase):
    """BaseTestCase with uploads kept in a temporary MEDIA_ROOT."""

    def setUp(self) -> None:
        super().setUp()
        media = tempfile.mkdtemp()
        override = override_settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)
        self.addCleanup(shutil.rmtree, media, True)
        self.media = media
        self.today = timezone.localdate()

    def people(self, org, n: int, **fields):
        return [MemberFactory(org=org, **fields) for _ in range(n)]

    def committee(self, org, people, started_on: dt.date = dt.date(2020, 1, 1)):
        """Give ORG a committee of PEOPLE (posts from STARTED_ON)."""
        for person, title in zip(people, COMMITTEE, strict=False):
            Post.objects.create(member=person, org=org, title=title, started_on=started_on)
        org.has_branch_committee = True
        org.save(update_fields=["has_branch_committee"])
        return people

    def group(self, org=None, members=(), kind=GroupKind.LEADERSHIP, name="市财政局理论学习中心组") -> StudyGroup:
        group = StudyGroup.objects.create(org=org or self.w.org_a, name=name, kind=kind)
        for p in members:
            StudyGroupMember.objects.create(group=group, person=p)
        return group

    def klass(self, *, org=None, starts_on=None, days=1, capacity=None, self_signup=False, **extra) -> TrainingClass:
        starts_on = starts_on or self.today + dt.timedelta(days=10)
        return training_services.class_create(
            org=org or self.w.org_a,
            title=extra.pop("title", "党支部书记培训班"),
            venue_kind=VenueKind.PARTY_SCHOOL,
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=days - 1),
            hours=Decimal(6 * days),
            capacity=capacity,
            self_signup=self_signup,
            by=None,
            **extra,
        )
