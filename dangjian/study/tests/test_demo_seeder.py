"""The study seeder's share of seed_demo: five years, consistent with the rules the services keep."""

from django.db.models import Count, F, Q

from dangjian.core import registry
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.orgs.models import Organization
from dangjian.study.models import (
    NEEDS_REASON,
    DayAttendance,
    Enrolment,
    Meeting,
    MeetingAttendance,
    MeetingTally,
    Observer,
    Session,
    SessionStatus,
    TrainingClass,
)
from dangjian.study.services.org_life import tallies_rebuild


class StudySeederTests(SeededTestCase):
    def test_it_covers_five_years_up_to_the_seeding_day(self):
        years = sorted({d.year for d in Meeting.objects.values_list("held_on", flat=True)})
        self.assertEqual(years, list(range(TODAY.year - 4, TODAY.year + 1)))
        self.assertFalse(Meeting.objects.filter(held_on__gt=TODAY).exists())
        self.assertFalse(Session.objects.filter(status=SessionStatus.HELD, held_on__gt=TODAY).exists())
        self.assertGreater(MeetingAttendance.objects.count(), 1000)
        self.assertIn("学习·会议出勤记录", self.output)

    def test_every_absence_has_a_reason(self):
        self.assertFalse(MeetingAttendance.objects.filter(status__in=NEEDS_REASON, reason="").exists())
        self.assertFalse(DayAttendance.objects.filter(status__in=NEEDS_REASON, reason="").exists())

    def test_nobody_is_marked_for_a_day_before_they_enrolled(self):
        self.assertFalse(DayAttendance.objects.filter(day__day__lt=F("enrolment__enrolled_on")).exists())
        self.assertTrue(Enrolment.objects.filter(enrolled_on__gt=F("klass__starts_on")).exists())  # some enrolled late

    def test_classes_are_not_overbooked_and_their_counts_are_right(self):
        active = Count("enrolments", filter=Q(enrolments__withdrawn_at__isnull=True))
        for k in TrainingClass.objects.annotate(n=active):
            self.assertEqual(k.enrolled, k.n, k.title)
            self.assertTrue(k.capacity is None or k.enrolled <= k.capacity, k.title)
        self.assertTrue(TrainingClass.objects.filter(self_signup=True, starts_on__gt=TODAY).exists())

    def test_branch_committee_quorum_is_kept_as_the_services_would(self):
        for m in Meeting.objects.filter(kind="branch_committee")[:200]:
            self.assertEqual(m.quorum_met, m.committee_present * 2 > m.committee_size)

    def test_the_tallies_agree_with_the_meetings(self):
        seeded = sorted(MeetingTally.objects.values_list("org_id", "year", "kind", "counts"))
        tallies_rebuild()
        self.assertEqual(sorted(MeetingTally.objects.values_list("org_id", "year", "kind", "counts")), seeded)

    def test_observers_show_short_notices_and_overdue_writeups(self):
        self.assertTrue(Observer.objects.filter(notice_working_days__lt=5).exists())
        self.assertTrue(Observer.objects.filter(notice_working_days__gte=5).exists())
        self.assertTrue(Observer.objects.filter(writeup_submitted_at__isnull=False).exists())

    def test_last_years_figures_are_there(self):
        root = Organization.objects.get(depth=1)
        figures = registry.compute(root, TODAY.year - 1)
        for key in (
            "central_group.sessions",
            "central_group.attendances",
            "training.classes",
            "training.attendances",
            "org_life.meetings",
        ):
            self.assertGreater(figures[key], 0, key)
        self.assertGreater(figures["org_life.compliance_rate"], 80)
        self.assertLess(figures["org_life.compliance_rate"], 100)
