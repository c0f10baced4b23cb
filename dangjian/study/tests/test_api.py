import datetime as dt

from django.core.exceptions import ValidationError

from dangjian.study.models import Mark, MeetingKind
from dangjian.study.services import org_life
from dangjian.study.services import training as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase, this_minute


class ApiTests(StudyTestCase):
    def test_a_member_signs_up_and_a_full_class_answers_400(self):
        k = self.klass(capacity=1, self_signup=True)
        self.login_as(self.w.member)
        r = self.client.post(f"/api/v1/study/classes/{k.pk}/signup")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json()["places_left"], 0)
        other = self.people(self.w.branch_a1, 1)[0]
        with self.assertRaises(ValidationError):
            services.signup(klass=k, person=other, by=None)
        r = self.client.post(f"/api/v1/study/classes/{k.pk}/signup")
        self.assertEqual(r.status_code, 400)
        self.assertIn("已报名", r.json()["detail"])

    def test_open_classes_lists_what_the_member_may_sign_up_for(self):
        k = self.klass(self_signup=True)
        self.klass(org=self.w.org_b, self_signup=True, title="教育局的培训班")
        self.login_as(self.w.member)
        titles = [c["title"] for c in self.client.get("/api/v1/study/classes/open").json()]
        self.assertEqual(titles, [k.title])

    def test_checkin_by_api_marks_the_day(self):
        k = self.klass(starts_on=self.today, starts_at=this_minute())
        services.enrol(klass=k, people=[self.w.person_a], by=None, on=self.today)
        self.login_as(self.w.member)
        r = self.client.post(f"/api/v1/study/checkin/{k.days.get().token}")
        self.assertEqual(r.status_code, 200)
        self.assertIn(r.json()["status"], ("present", "late"))

    def test_the_calendar_api_gives_an_organizations_cells(self):
        org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 2, 5),
            topic="主题党日",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )
        self.login_as(self.w.admin_a)
        data = self.client.get("/api/v1/study/calendar/A01", {"year": 2024}).json()
        theme = next(line for line in data["lines"] if line["kind"] == "theme_day")
        self.assertEqual([c["state"] for c in theme["cells"][:3]], ["missing", "held", "missing"])
        data = self.client.get("/api/v1/study/calendar/A", {"year": 2024}).json()
        self.assertEqual({o["code"] for o in data["organizations"]}, {"A01", "A02"})

    def test_the_meeting_list_is_scoped(self):
        org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.THEME_DAY,
            held_on=dt.date(2024, 2, 5),
            topic="主题党日",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get("/api/v1/study/meetings", {"year": 2024}).json()["count"], 0)
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/api/v1/study/meetings", {"year": 2024}).json()["count"], 1)
