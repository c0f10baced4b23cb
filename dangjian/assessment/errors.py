"""The refusals of the assessment module: each a stable code and a Chinese message."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class AssessmentRefusal(Refusal):
    code = "assessment_refused"
    message = "操作未能完成。"


class StaffOnly(AssessmentRefusal):
    code = "assessment_staff_only"
    message = "考核方案和结果只能由工委工作人员管理。"


class SchemeExists(AssessmentRefusal):
    code = "scheme_exists"
    message = "%(year)s 年度的考核方案已存在，请在原方案上修改或发布新版本。"


class NothingToCopy(AssessmentRefusal):
    code = "scheme_nothing_to_copy"
    message = "%(year)s 年度没有可复制的考核方案。"


class SchemePublished(AssessmentRefusal):
    code = "scheme_published"
    message = "方案已发布，不能再修改；如需调整，请发布新版本（原版本保留）。"


class SchemeNotPublished(AssessmentRefusal):
    code = "scheme_not_published"
    message = "方案尚未发布。"


class NotLatestVersion(AssessmentRefusal):
    code = "scheme_not_latest"
    message = "该方案已有更新的版本，请在最新版本上操作。"


class BadScheme(AssessmentRefusal):
    code = "scheme_invalid"
    message = "考核方案填写有误。"


class WeightsNot100(AssessmentRefusal):
    code = "weights_not_100"
    message = "%(what)s的权重合计为 %(total)s%%，应为 100%%。"


class BadIndicator(AssessmentRefusal):
    code = "indicator_invalid"
    message = "考核指标填写有误。"


class UnknownMetric(AssessmentRefusal):
    code = "metric_unknown"
    message = "统计指标“%(key)s”不存在。"


class PointsAboveMax(AssessmentRefusal):
    code = "points_above_max"
    message = "“%(name)s”的得分 %(points)s 超过满分 %(most)s。"


class BadPoints(AssessmentRefusal):
    code = "points_invalid"
    message = "“%(name)s”的得分应为 0 至 %(most)s 之间的数字。"


class WrongSource(AssessmentRefusal):
    code = "indicator_wrong_source"
    message = "该指标不由此方式评分。"


class NotAssessor(AssessmentRefusal):
    code = "not_assessor"
    message = "您不是本方案的评分人员，不能评分。"


class TooManyEvidence(AssessmentRefusal):
    code = "too_many_evidence"
    message = "每项指标最多上传 %(most)s 份佐证材料。"


class ResultsNotComputed(AssessmentRefusal):
    code = "results_not_computed"
    message = "考核结果尚未计算。"


class ResultsLocked(AssessmentRefusal):
    code = "results_locked"
    message = "考核结果已进入公示或已确定，不能重新计算。"


class WrongResultStatus(AssessmentRefusal):
    code = "results_wrong_status"
    message = "考核结果当前为“%(status)s”，不能进行此操作。"


class NoticeNotOver(AssessmentRefusal):
    code = "notice_not_over"
    message = "公示期至 %(ends)s 结束，结束后才能确定结果。"


class ObjectionsOpen(AssessmentRefusal):
    code = "objections_open"
    message = "还有 %(count)s 条异议未答复，答复后才能确定结果。"


class NoticeOver(AssessmentRefusal):
    code = "notice_over"
    message = "公示期已于 %(ends)s 结束，不能再提出异议。"


class NotInNotice(AssessmentRefusal):
    code = "not_in_notice"
    message = "考核结果不在公示期，不能提出异议。"


class BadObjection(AssessmentRefusal):
    code = "objection_invalid"
    message = "异议填写有误。"


class ObjectionAnswered(AssessmentRefusal):
    code = "objection_answered"
    message = "该异议已答复。"


class BadReview(AssessmentRefusal):
    code = "review_invalid"
    message = "自评审核填写有误。"


class ReviewReasonMissing(AssessmentRefusal):
    code = "review_reason_missing"
    message = "调整分数或退回自评时，请填写理由。"


class ComputeRunning(AssessmentRefusal):
    code = "compute_running"
    message = "考核结果正在后台计算，请等待本次计算完成。"
