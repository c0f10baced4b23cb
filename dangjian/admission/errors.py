"""The admission app's refusals: a stable code for tests and the API, a Chinese message naming the rule."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class AdmissionRefusal(Refusal):
    code = "admission_refused"
    message = "操作未能完成。"


class IdNumberInvalid(AdmissionRefusal):
    code = "id_number_invalid"


class NameMissing(AdmissionRefusal):
    code = "name_missing"
    message = "请填写申请人姓名。"


class NotABranch(AdmissionRefusal):
    code = "not_a_branch"
    message = "入党申请须由党支部受理：请选择一个党支部。"


class ApplicantUnderAge(AdmissionRefusal):
    code = "applicant_under_age"


class CaseAlreadyOpen(AdmissionRefusal):
    code = "case_already_open"
    message = "此人已有一份进行中的发展党员档案，不能重复受理。"


class AlreadyPartyMember(AdmissionRefusal):
    code = "already_party_member"


class StepInFuture(AdmissionRefusal):
    code = "step_in_future"
    message = "日期不能晚于今天。"


class StepBeforePrevious(AdmissionRefusal):
    code = "step_before_previous"


class StepOutOfOrder(AdmissionRefusal):
    code = "step_out_of_order"


class StepAlreadyDone(AdmissionRefusal):
    code = "step_already_done"


class StepTooEarly(AdmissionRefusal):
    code = "step_too_early"


class CaseClosed(AdmissionRefusal):
    code = "case_closed"


class RecordsMissing(AdmissionRefusal):
    code = "records_missing"


class ContactsInvalid(AdmissionRefusal):
    code = "contacts_invalid"


class SponsorsInvalid(AdmissionRefusal):
    code = "sponsors_invalid"


class SponsorNotFull(AdmissionRefusal):
    code = "sponsor_not_full"


class SponsorIsContact(AdmissionRefusal):
    code = "sponsor_is_contact"


class TrainingTooShort(AdmissionRefusal):
    code = "training_too_short"


class TallyInvalid(AdmissionRefusal):
    code = "tally_invalid"


class VoteNotPassed(AdmissionRefusal):
    code = "vote_not_passed"


class ExtensionInvalid(AdmissionRefusal):
    code = "extension_invalid"


class ContentMissing(AdmissionRefusal):
    code = "content_missing"
    message = "请填写记录内容。"


class TooManyFiles(AdmissionRefusal):
    code = "too_many_files"


class ApprovalTooLate(AdmissionRefusal):
    code = "approval_too_late"


class StepNotLast(AdmissionRefusal):
    code = "step_not_last"


class ReasonMissing(AdmissionRefusal):
    code = "reason_missing"
    message = "请填写撤销原因。"


class FileNotOnStep(AdmissionRefusal):
    code = "file_not_on_step"
    message = "所选材料不属于这一步骤，请刷新页面后重试。"
