import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.models import AuditEntry
from dangjian.study.services import central_group as cg_services
from dangjian.study.services import training as training_services

from .helpers import StudyTestCase, aware

MON = dt.date(2025, 3, 3)


def sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


class PersonalExportTests(StudyTestCase):
    def test_an_observer_exports_their_own_tasks(self):
        group = self.group(members=[self.w.person_a])
        session = cg_services.session_plan(group=group, held_on=MON + dt.timedelta(days=7), topic="学习党章", by=None)
        cg_services.observers_add(session=session, users=[self.w.staff], by=self.w.admin_a, now=aware(MON))
        self.login_as(self.w.staff)
        page = self.client.get(reverse("study:observer_tasks"))
        self.assertContains(page, "export=xlsx")
        ws = sheet(self.client.get(reverse("study:observer_tasks"), {"export": "xlsx"}))
        self.assertEqual(ws["A1"].value, "学习日期")
        self.assertEqual([ws["C2"].value, ws["D2"].value, ws["F2"].value], ["学习党章", 5, "未提交"])
        self.assertTrue(AuditEntry.objects.filter(event="export", actor=self.w.staff).exists())

    def test_another_users_tasks_are_not_in_the_export(self):
        group = self.group(members=[self.w.person_a])
        session = cg_services.session_plan(group=group, held_on=MON + dt.timedelta(days=7), topic="学习党章", by=None)
        cg_services.observers_add(session=session, users=[self.w.staff], by=self.w.admin_a, now=aware(MON))
        self.login_as(self.w.admin_b)
        ws = sheet(self.client.get(reverse("study:observer_tasks"), {"export": "xlsx"}))
        self.assertEqual(ws.max_row, 1)

    def test_a_member_exports_the_classes_they_signed_up_for(self):
        klass = self.klass(capacity=10, self_signup=True, starts_on=self.today + dt.timedelta(days=10))
        training_services.signup(klass=klass, person=self.w.person_a, by=None)
        self.login_as(self.w.member)
        ws = sheet(self.client.get(reverse("study:open_classes"), {"export": "xlsx"}))
        self.assertEqual(ws["A1"].value, "培训班")
        self.assertEqual(ws["A2"].value, klass.title)
        self.assertEqual(ws.max_row, 2)
