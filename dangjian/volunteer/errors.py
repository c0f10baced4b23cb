"""The volunteer module's refusals: one class per rule, a stable `code`, a Chinese message.

Services raise them (see dangjian.core.errors); views show them beside the
field they name or above the form; the API answers their message with a 400;
tests compare `codes_of(error)`, never the wording. A message with %(name)s
takes the value as a keyword: `SignupClosed(deadline="2026-05-01 18:00")`.
"""

from __future__ import annotations

from dangjian.core.errors import Refusal

# ---------------------------------------------------------------- signing up


class SignupError(Refusal):
    """A sign-up or cancellation refused (every refusal below that a volunteer meets on the activity page)."""

    code = "signup_refused"
    message = "未能报名。"


class ActivityMissing(SignupError):
    code = "activity_missing"
    message = "活动不存在。"


class SignupNotOpen(SignupError):
    code = "signup_not_open"
    message = "该活动未发布或已取消，不能报名。"


class ActivityChanging(SignupError):
    code = "activity_changing"
    message = "活动的报名信息正在修改，本次未能报名，请刷新页面后再试。"


class SignupClosed(SignupError):
    code = "signup_closed"
    message = "报名已于 %(deadline)s 截止。"


class ActivityStarted(SignupError):
    code = "activity_started"
    message = "活动已开始，不能报名。"


class OutsideCommittee(SignupError):
    code = "outside_committee"
    message = "该活动仅面向本工委所属党组织的人员。"


class AlreadySignedUp(SignupError):
    code = "already_signed_up"
    message = "您%(state)s，无需重复报名。"


class TimeClash(SignupError):
    code = "time_clash"
    message = "您已报名同一时段的活动“%(title)s”，请先取消该报名。"


class NotSignedUp(SignupError):
    code = "not_signed_up"
    message = "您没有报名该活动。"


class CancelTooLate(SignupError):
    code = "cancel_too_late"
    message = "活动已开始，不能取消报名；如不能参加请联系活动负责人。"


# ---------------------------------------------------------------- activities


class ActivityInvalid(Refusal):
    """A field of an activity out of bounds; `field` names it (several are reported at once)."""

    code = "activity_invalid"
    message = "活动信息有误。"


class PairingOutOfDates(Refusal):
    code = "pairing_out_of_dates"
    message = "活动日期不在结对共建协议有效期内。"


class PairingKindRequired(Refusal):
    code = "pairing_kind_required"
    message = "结对共建协议下的活动，类型应为“结对共建”。"


class BrigadeDissolved(Refusal):
    code = "brigade_dissolved"
    message = "该支队已撤销。"


class BrigadeFixed(Refusal):
    code = "brigade_fixed"
    message = "已有人报名，不能更换支队。"


class PlacesBelowTaken(Refusal):
    code = "places_below_taken"
    message = "已有 %(taken)s 人获得名额，招募人数不能少于 %(taken)s。"


class HoursLocked(Refusal):
    code = "hours_locked"
    message = "该活动的服务时长已确认并记入志愿服务记录，不能再修改。"


class ActivityCancelled(Refusal):
    code = "activity_cancelled"
    message = "活动已取消。"


class NotADraft(Refusal):
    code = "not_a_draft"
    message = "只有草稿状态的活动可以发布。"


class DeadlinePassed(Refusal):
    code = "deadline_passed"
    message = "报名截止时间已过，请先修改活动时间再发布。"


# ---------------------------------------------------------------- attendance and hours


class ActivityNotPublished(Refusal):
    code = "activity_not_published"
    message = "活动未发布或已取消。"


class CheckinNotOpen(Refusal):
    code = "checkin_not_open"
    message = "签到将于 %(opens)s 开始。"


class CheckinClosed(Refusal):
    code = "checkin_closed"
    message = "签到签退时间已过，请联系活动负责人补录。"


class NoPlace(Refusal):
    code = "no_place"
    message = "您没有该活动的名额（未报名、候补或已取消），不能签到。"


class AlreadyCheckedOut(Refusal):
    code = "already_checked_out"
    message = "您已签到并签退。"


class NotConfirmed(Refusal):
    code = "not_confirmed"
    message = "只能为获得名额的志愿者登记签到。"


class CheckOutWithoutCheckIn(Refusal):
    code = "checkout_without_checkin"
    message = "请先填写签到时间。"


class CheckOutBeforeCheckIn(Refusal):
    code = "checkout_before_checkin"
    message = "签退时间须晚于签到时间。"


class NotCheckedIn(Refusal):
    code = "not_checked_in"
    message = "该志愿者没有签到记录，请先登记签到。"


class HoursOutOfRange(Refusal):
    code = "hours_out_of_range"
    message = "服务时长应在 0 至 %(limit)s 小时之间。"


class ReasonMissing(Refusal):
    code = "reason_missing"
    message = "请填写调整原因。"


class ActivityNotEnded(Refusal):
    code = "activity_not_ended"
    message = "活动结束后才能确认服务时长。"


class HoursMissing(Refusal):
    code = "hours_missing"
    message = "以下志愿者已签到但没有时长（未签退）：%(names)s，请补录签退时间或调整时长后再确认。"


class HoursUnchanged(Refusal):
    code = "hours_unchanged"
    message = "更正后的时长与原时长相同。"


# ---------------------------------------------------------------- certificates


class CorpsIncomplete(Refusal):
    code = "corps_incomplete"
    message = "%(corps)s尚未设置%(missing)s，暂不能出具志愿服务证明，请联系工委。"


class PeriodReversed(Refusal):
    code = "period_reversed"
    message = "截止日期不能早于起始日期。"


class NoRecords(Refusal):
    code = "no_records"
    message = "所选期间没有已确认的志愿服务记录，无法出具证明。"


class NumberUnavailable(Refusal):
    code = "number_unavailable"
    message = "证明编号生成失败，请重试。"


class AlreadyRevoked(Refusal):
    code = "already_revoked"
    message = "该证明已作废。"


# ---------------------------------------------------------------- the structure


class NotACommittee(Refusal):
    code = "not_a_committee"
    message = "志愿服务总队只能设在工委。"


class NameMissing(Refusal):
    code = "name_missing"
    message = "请填写名称。"


class DuplicateName(Refusal):
    code = "duplicate_name"
    message = "名称“%(name)s”已被使用。"


class LeaderOutside(Refusal):
    code = "leader_outside"
    message = "负责人须为本组织（含下级组织）的人员。"


class NoCorps(Refusal):
    code = "no_corps"
    message = "本工委尚未设立志愿服务总队，请先设立总队。"


class DatesReversed(Refusal):
    code = "dates_reversed"
    message = "结束日期不能早于开始日期。"


class OutsideTeamReach(Refusal):
    code = "outside_committee"
    message = "只能吸收本工委所属党组织的人员加入分队。"


class AlreadyInTeam(Refusal):
    code = "already_in_team"
    message = "%(name)s已在本分队。"


class NotInTeam(Refusal):
    code = "not_in_team"
    message = "该志愿者不在本分队。"
