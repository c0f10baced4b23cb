"""The refusals of the dues module: each a stable code and a Chinese message."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class DuesRefusal(Refusal):
    code = "dues_refused"
    message = "操作未能完成。"


class BadBase(DuesRefusal):
    code = "dues_base_invalid"
    message = "缴费基数应为不小于 0 的金额（元，最多两位小数）。"


class BadCategory(DuesRefusal):
    code = "dues_category_invalid"
    message = "人员类别应为：在职、离退休、学生及无收入。"


class BadYear(DuesRefusal):
    code = "dues_year_invalid"
    message = "年度填写有误。"


class BadMonth(DuesRefusal):
    code = "dues_month_invalid"
    message = "月份应为 1 到 12。"


class NoBase(DuesRefusal):
    code = "dues_no_base"
    message = "%(name)s %(year)s 年度尚未核定缴费基数，请先核定基数再登记缴费。"


class MonthPaid(DuesRefusal):
    code = "dues_month_paid"
    message = "%(name)s %(year)s 年 %(month)s 月的党费已登记缴纳，不能重复登记。"


class MonthRepeated(DuesRefusal):
    code = "dues_month_repeated"
    message = "同一月份只能选择一次。"


class WrongAmount(DuesRefusal):
    code = "dues_wrong_amount"
    message = (
        "实缴金额（%(amount)s 元）应等于每月应缴党费 %(dues)s 元 × %(months)s 个月 = %(expected)s 元；"
        "多交部分请登记为自愿多交。"
    )


class BadAmount(DuesRefusal):
    code = "dues_amount_invalid"
    message = "金额应大于 0 元（最多两位小数）。"


class BadMethod(DuesRefusal):
    code = "dues_method_invalid"
    message = "请选择缴纳方式。"


class FutureDate(DuesRefusal):
    code = "dues_future_date"
    message = "日期不能晚于今天。"


class NotInOrg(DuesRefusal):
    code = "dues_not_in_org"
    message = "%(name)s 不在%(org)s，不能为其登记。"


class AlreadyVoided(DuesRefusal):
    code = "dues_already_voided"
    message = "该笔缴费已作废。"


class ReasonMissing(DuesRefusal):
    code = "dues_reason_missing"
    message = "请填写作废原因。"


class RemittanceOverlap(DuesRefusal):
    code = "dues_remittance_overlap"
    message = "%(org)s %(year)s 年 %(months)s 月的党费已登记上缴，不能重复上缴。"


class RemittanceState(DuesRefusal):
    code = "dues_remittance_state"
    message = "该上缴记录已确认或已撤销，不能再操作。"


class KeeperExists(DuesRefusal):
    code = "dues_keeper_exists"
    message = "%(user)s 已是%(org)s的党费收缴员。"


class KeeperRevoked(DuesRefusal):
    code = "dues_keeper_revoked"
    message = "该收缴员已撤销。"


class NotAllowed(DuesRefusal):
    code = "dues_not_allowed"
    message = "您无权进行此操作。"
