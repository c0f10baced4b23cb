"""Correcting a step recorded wrongly: the last step's date, content and files, by the same rules as
recording it, or its withdrawal with a reason (the case and the roster go back); earlier steps stay."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.admission import services
from dangjian.admission.models import Case, CaseFile, Step, Withdrawal
from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.people.models import Status

from .helpers import TALLY, TODAY, AdmissionTestCase, D, K, Outcome, Stage, media, pdf


class CorrectTests(AdmissionTestCase):
    def correct(self, step: Step, on, **kw) -> Step:
        kw.setdefault("note", step.note)
        return services.step_correct(step=step, done_on=on, today=TODAY, **kw)

    def refused_correction(self, code: str, step: Step, on, **kw) -> None:
        before = Step.objects.values_list("pk", "done_on", "note").order_by("pk")
        before_list, case = list(before), Case.objects.get(pk=step.case_id)
        with self.assertRaises(ValidationError) as caught:
            self.correct(step, on, **kw)
        self.assertEqual(codes_of(caught.exception), {code})
        self.assertEqual(list(before), before_list)
        self.assertEqual(Case.objects.get(pk=case.pk).stage, case.stage)

    def test_the_last_steps_date_and_content_are_corrected_and_the_case_follows(self):
        case = self.to_candidate(self.open())
        step = case.steps.get(kind=K.CANDIDATE)
        self.correct(step, D(2023, 4, 25), note="支委会研究同意")
        case.refresh_from_db()
        step.refresh_from_db()
        self.assertEqual(
            (case.candidate_on, step.done_on, step.note), (D(2023, 4, 25), D(2023, 4, 25), "支委会研究同意")
        )
        entry = AuditEntry.objects.filter(event="update", object_pk=str(step.pk)).latest("pk")
        self.assertIn("done_on", entry.changes)

    def test_a_correction_obeys_the_rules_of_recording(self):
        case = self.to_candidate(self.open())
        step = case.steps.get(kind=K.CANDIDATE)
        # Listing before the year of observation, before the step it follows, or in the future.
        self.refused_correction("step_too_early", step, D(2023, 4, 5))
        self.refused_correction("step_before_previous", step, D(2022, 4, 1))
        self.refused_correction("step_in_future", step, D(2025, 6, 2))

    def test_an_earlier_step_cannot_be_rewritten(self):
        case = self.to_candidate(self.open())
        talk = case.steps.get(kind=K.TALK)
        self.refused_correction("step_not_last", talk, D(2022, 3, 21), note="改写")
        with self.assertRaises(ValidationError) as caught:
            services.step_withdraw(step=talk, reason="误录")
        self.assertEqual(codes_of(caught.exception), {"step_not_last"})
        self.assertTrue(Step.objects.filter(pk=talk.pk).exists())

    def test_an_approval_moved_past_three_months_is_refused(self):
        case = self.to_probationary(self.open())
        self.refused_correction("approval_too_late", case.steps.get(kind=K.APPROVAL), D(2023, 9, 16))

    def test_files_are_added_and_removed(self):
        media(self)
        case = self.to_activist(self.open())
        step = case.steps.get(kind=K.ACTIVIST)
        self.correct(step, step.done_on, files=[pdf("会议记录.pdf")])
        item = step.files.get()
        self.correct(step, step.done_on, files=[pdf("推荐材料.pdf")], remove_files=[item.pk])
        self.assertEqual([f.name for f in step.files.all()], ["推荐材料.pdf"])
        self.assertTrue(AuditEntry.objects.filter(event="delete", object_pk=str(item.pk)).exists())

    def test_a_bad_file_in_a_correction_writes_nothing(self):
        media(self)
        from django.core.files.uploadedfile import SimpleUploadedFile

        case = self.to_activist(self.open())
        step = case.steps.get(kind=K.ACTIVIST)
        bad = SimpleUploadedFile("记录.pdf", b"<html>")
        self.refused_correction("upload_mismatch", step, D(2022, 4, 12), note="改", files=[bad])
        self.assertEqual(CaseFile.objects.count(), 0)


class WithdrawTests(AdmissionTestCase):
    def withdraw(self, case: Case, kind: str, reason: str = "日期录错") -> Withdrawal:
        step = case.steps.filter(kind=kind).latest("done_on", "id")
        return services.step_withdraw(step=step, reason=reason)

    def test_withdrawing_the_approval_puts_the_candidate_and_the_roster_back(self):
        case = self.to_probationary(self.open())
        self.withdraw(case, K.APPROVAL)
        case.refresh_from_db()
        self.assertEqual((case.stage, case.admitted_on, case.probation_ends_on), (Stage.CANDIDATE, None, None))
        case.member.refresh_from_db()
        self.assertEqual((case.member.status, case.member.joined_party_on), (Status.ACTIVIST, None))
        # The approval can be recorded again, properly.
        self.step(case, K.APPROVAL, D(2023, 7, 12))
        self.assertEqual(case.stage, Stage.PROBATIONARY)

    def test_withdrawing_a_conversion_reopens_the_probation(self):
        case = self.to_full(self.open())
        self.withdraw(case, K.CONVERSION)
        case.refresh_from_db()
        self.assertEqual((case.stage, case.full_on), (Stage.PROBATIONARY, None))
        case.member.refresh_from_db()
        self.assertEqual((case.member.status, case.member.joined_party_on), (Status.PROBATIONARY, D(2023, 6, 15)))

    def test_withdrawing_an_extension_restores_the_end_of_probation(self):
        case = self.ready_for_conversion(self.open())
        self.step(case, K.CONVERSION, D(2024, 6, 20), outcome=Outcome.EXTEND, extension_months=6, **TALLY)
        self.withdraw(case, K.CONVERSION)
        case.refresh_from_db()
        self.assertEqual((case.probation_ends_on, case.extended_months), (D(2024, 6, 15), 0))

    def test_withdrawing_the_activist_step_takes_the_person_off_the_activists(self):
        case = self.to_activist(self.open())
        self.withdraw(case, K.ACTIVIST)
        case.refresh_from_db()
        self.assertEqual((case.stage, case.activist_on), (Stage.APPLICANT, None))
        self.assertEqual(case.member.status, Status.NON_PARTY)

    def test_a_withdrawal_needs_a_reason_and_is_kept_on_the_case(self):
        case = self.to_activist(self.open())
        step = case.steps.get(kind=K.ACTIVIST)
        with self.assertRaises(ValidationError) as caught:
            services.step_withdraw(step=step, reason="  ")
        self.assertEqual(codes_of(caught.exception), {"reason_missing"})
        self.assertTrue(Step.objects.filter(pk=step.pk).exists())
        self.withdraw(case, K.ACTIVIST, reason="支委会未研究，误录")
        self.assertEqual(list(case.withdrawals.values_list("kind", "reason")), [(K.ACTIVIST, "支委会未研究，误录")])
        self.assertTrue(AuditEntry.objects.filter(event="delete", object_pk=str(step.pk)).exists())


class CorrectionPageTests(AdmissionTestCase):
    def test_the_branch_corrects_and_withdraws_from_the_case_page(self):
        today = timezone.localdate()
        case = services.case_open(
            org=self.w.branch_a1, name="孙悦", id_number="11010519491231002X", applied_on=today.replace(day=1)
        )
        talk = services.step_record(case=case, kind=K.TALK, done_on=today, data=services.StepData(note="谈话"))
        self.login_as(self.w.admin_a)
        page = self.client.get(f"/admission/cases/{case.pk}/").content.decode()
        self.assertIn(f"/steps/{talk.pk}/correct/", page)
        url = f"/admission/cases/{case.pk}/steps/{talk.pk}/"
        response = self.client.post(url + "correct/", {"done_on": "2000-01-01", "note": "谈话"})
        self.assertContains(response, "不能早于")
        response = self.client.post(url + "correct/", {"done_on": today.isoformat(), "note": "谈话了解入党动机"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Step.objects.get(pk=talk.pk).note, "谈话了解入党动机")
        self.assertContains(self.client.post(url + "withdraw/", {"reason": ""}), "撤销原因")
        response = self.client.post(url + "withdraw/", {"reason": "谈话未进行"}, follow=True)
        self.assertContains(response, "谈话未进行")
        self.assertFalse(Step.objects.filter(pk=talk.pk).exists())

    def test_another_subtrees_administrator_cannot_correct(self):
        today = timezone.localdate()
        case = services.case_open(
            org=self.w.branch_a1, name="孙悦", id_number="11010519491231002X", applied_on=today.replace(day=1)
        )
        talk = services.step_record(case=case, kind=K.TALK, done_on=today, data=services.StepData(note="谈话"))
        self.login_as(self.w.admin_b)
        url = f"/admission/cases/{case.pk}/steps/{talk.pk}/withdraw/"
        self.assertEqual(self.client.post(url, {"reason": "x"}).status_code, 404)
        self.assertTrue(Step.objects.filter(pk=talk.pk).exists())
