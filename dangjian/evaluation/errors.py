"""The evaluation app's refusals: a stable code for tests and the API, a Chinese message for people."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class EvaluationRefusal(Refusal):
    code = "evaluation_refused"
    message = "操作未能完成。"


# ---------------------------------------------------------------- rounds and evaluators


class TitleMissing(EvaluationRefusal):
    code = "title_missing"
    message = "请填写评议名称。"


class DeadlineInPast(EvaluationRefusal):
    code = "deadline_in_past"
    message = "截止时间须晚于现在。"


class RoundExists(EvaluationRefusal):
    code = "round_exists"


class ScopeNotReporting(EvaluationRefusal):
    code = "scope_not_reporting"
    message = "述职评议须以工委或党委、党总支、党支部为范围。"


class NoSecretaries(EvaluationRefusal):
    code = "no_secretaries"
    message = "该范围内没有在任书记的党组织，无法发起述职评议。"


class RoundClosed(EvaluationRefusal):
    code = "round_closed"
    message = "该述职评议已结束，不能再修改。"


class EvaluatorNameMissing(EvaluationRefusal):
    code = "evaluator_name_missing"
    message = "请填写评议人姓名。"


class EvaluatorDuplicate(EvaluationRefusal):
    code = "evaluator_duplicate"


class EvaluatorHasVoted(EvaluationRefusal):
    code = "evaluator_has_voted"
    message = "该评议人已投票，不能移除。"


# ---------------------------------------------------------------- ballots


class BallotClosed(EvaluationRefusal):
    code = "ballot_closed"
    message = "本次述职评议已截止，不能再投票。"


class BallotAlreadyCast(EvaluationRefusal):
    code = "ballot_already_cast"
    message = "您已投过票。每位评议人在本次评议中只能投票一次，不能重复投票或修改。"


class BallotIncomplete(EvaluationRefusal):
    code = "ballot_incomplete"


class BallotInvalid(EvaluationRefusal):
    code = "ballot_invalid"
    message = "评议票内容有误（含有不在本次评议中的书记或无效的等次），未保存。"


# ---------------------------------------------------------------- reports


class ReportEmpty(EvaluationRefusal):
    code = "report_empty"
    message = "请填写述职报告内容后再提交。"


class ReportSubmitted(EvaluationRefusal):
    code = "report_submitted"
    message = "述职报告已提交，不能再修改。"


class ReportRoundClosed(EvaluationRefusal):
    code = "report_round_closed"
    message = "该述职评议已结束，不能再填报述职报告。"


# ---------------------------------------------------------------- formal talks


class TalkClosed(EvaluationRefusal):
    code = "talk_closed"
    message = "该约谈已办结。"


class TalkNotHeld(EvaluationRefusal):
    code = "talk_not_held"
    message = "请先记录约谈情况，再办结。"


class TalkInFuture(EvaluationRefusal):
    code = "talk_in_future"
    message = "约谈日期不能晚于今天。"


class TalkIncomplete(EvaluationRefusal):
    code = "talk_incomplete"
    message = "请填写约谈人和约谈内容。"


# --- changing a round after it started (deadline, secretaries), reminders


class DeadlineNotLater(EvaluationRefusal):
    code = "deadline_not_later"
    message = "新的截止时间须晚于原截止时间（%(old)s）；截止时间只能推后，不能提前。"


class BallotsAlreadyCast(EvaluationRefusal):
    code = "ballots_already_cast"
    message = "已有评议人投票，不能再增减述职书记。"


class SubjectNotInScope(EvaluationRefusal):
    code = "subject_not_in_scope"
    message = "该党组织不在本次评议范围内，或不是述职的党组织。"


class SubjectAlreadyListed(EvaluationRefusal):
    code = "subject_already_listed"
    message = "该党组织的书记已在本次评议中。"


class SubjectNoSecretary(EvaluationRefusal):
    code = "subject_no_secretary"
    message = "该党组织目前没有在任书记，请先在党员名册中任命书记。"


class SubjectReportSubmitted(EvaluationRefusal):
    code = "subject_report_submitted"
    message = "该书记已提交述职报告，不能移出本次评议。"


class LastSubject(EvaluationRefusal):
    code = "last_subject"
    message = "本次评议至少要保留一名述职书记。"


class NothingToRemind(EvaluationRefusal):
    code = "nothing_to_remind"
    message = "没有需要提醒的评议人（均已投票，或尚未到提醒时间）。"
