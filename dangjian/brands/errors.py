"""The refusals of the brand module: each a stable code and a Chinese message."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class BrandRefusal(Refusal):
    code = "brands_refused"
    message = "操作未能完成。"


class StaffOnly(BrandRefusal):
    code = "brands_staff_only"
    message = "该操作只能由工委工作人员办理。"


class BadPlan(BrandRefusal):
    code = "plan_invalid"
    message = "创建规划填写有误。"


class BadStage(BrandRefusal):
    code = "stage_invalid"
    message = "阶段填写有误。"


class BadBatch(BrandRefusal):
    code = "batch_invalid"
    message = "批次填写有误。"


class BatchClosed(BrandRefusal):
    code = "batch_closed"
    message = "该批次已停止征集，不能再提交或修改申报。"


class WrongBatchState(BrandRefusal):
    code = "batch_wrong_state"
    message = "该批次当前为“%(state)s”，不能%(action)s。"


class BrandExists(BrandRefusal):
    code = "brand_exists"
    message = "“%(org)s”已有党建品牌（%(name)s），一个党组织只创建一个品牌。"


class BadBrand(BrandRefusal):
    code = "brand_invalid"
    message = "品牌信息填写有误。"


class NotEditable(BrandRefusal):
    code = "brand_not_editable"
    message = "品牌当前为“%(state)s”，不能修改。"


class WrongBrandState(BrandRefusal):
    code = "brand_wrong_state"
    message = "品牌当前为“%(state)s”，不能%(action)s。"


class ElementMissing(BrandRefusal):
    code = "element_missing"
    message = "请填写%(title)s后再提交（品牌五要素须齐全）。"


class ContentBlocked(BrandRefusal):
    code = "content_blocked"
    message = "%(title)s未通过内容安全检查：%(detail)s。请修改后再提交。"


class TooManyFiles(BrandRefusal):
    code = "too_many_files"
    message = "佐证材料最多 %(most)s 个。"


class CommentRequired(BrandRefusal):
    code = "comment_required"
    message = "请写明退回修改的意见（至少 4 个字）。"


class ReasonRequired(BrandRefusal):
    code = "reason_required"
    message = "请写明理由（至少 4 个字）。"


class NotReviewer(BrandRefusal):
    code = "not_reviewer"
    message = "您不是该批次的评审专家。"


class OwnUnit(BrandRefusal):
    code = "reviewer_own_unit"
    message = "评审专家与申报组织同属“%(unit)s”，应当回避，不能评分。"


class BadScore(BrandRefusal):
    code = "score_out_of_rubric"
    message = "“%(title)s”的得分应在 0 到 %(most)s 分之间。"


class ReviewerExists(BrandRefusal):
    code = "reviewer_exists"
    message = "该评审专家已在本批次中。"


class BadReviewer(BrandRefusal):
    code = "reviewer_invalid"
    message = "评审专家须为工委工作人员账号。"


class BadVisit(BrandRefusal):
    code = "visit_invalid"
    message = "实地考察记录填写有误。"


class NothingSelected(BrandRefusal):
    code = "nothing_selected"
    message = "请至少选择一个拟认定的品牌。"


class NotInBatch(BrandRefusal):
    code = "not_in_batch"
    message = "所选品牌不属于本批次或未进入评审。"


class NoticeNotOver(BrandRefusal):
    code = "notice_not_over"
    message = "公示期至 %(ends)s 结束，公示期满后才能%(action)s。"


class BadReevaluation(BrandRefusal):
    code = "reevaluation_invalid"
    message = "复评结论填写有误。"


class PendingReevaluation(BrandRefusal):
    code = "reevaluation_pending"
    message = "该品牌已有公示中的复评结论，请先确认或撤回。"


class AlreadyReevaluated(BrandRefusal):
    code = "reevaluation_exists"
    message = "该品牌 %(year)s 年度已复评。"


class BadExchange(BrandRefusal):
    code = "exchange_invalid"
    message = "培训交流活动填写有误。"
