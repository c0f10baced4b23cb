"""The annual report's refusals: a stable code for tests and the API, a Chinese message for people."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class AnnualRefusal(Refusal):
    code = "annual_refused"
    message = "操作未能完成。"


class UnknownFigureKey(AnnualRefusal):
    code = "unknown_figure_key"
    message = "段落中引用了未知的统计指标。"


class BadPlaceholder(AnnualRefusal):
    code = "bad_placeholder"
    message = "段落中的花括号不成对，统计指标请写作 {指标键}，例如 {training.classes}。"


class SectionEmpty(AnnualRefusal):
    code = "section_empty"
    message = "请填写段落标题和内容。"


class ReportExists(AnnualRefusal):
    code = "report_exists"
    message = "该组织该年度已有年度报告。"


class YearOutOfRange(AnnualRefusal):
    code = "year_out_of_range"
    message = "年度须在 2000 年至今年之间。"


class NotDraft(AnnualRefusal):
    code = "not_draft"
    message = "报告已冻结数据，不能再修改；如需修改请先解除冻结。"


class NotFrozen(AnnualRefusal):
    code = "not_frozen"
    message = "只有已冻结数据、尚未报送的报告才能进行此操作。"


class AlreadySent(AnnualRefusal):
    code = "already_sent"
    message = "报告已报送至宣传平台。"


class NoColumn(AnnualRefusal):
    code = "no_column"
    message = "请选择发布的栏目。"


class SendRefused(AnnualRefusal):
    code = "send_refused"
