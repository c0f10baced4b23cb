"""The study module's refusals: each rule a class with a stable code and a Chinese message.

Services raise them (core.errors.Refusal is a ValidationError, so forms show
them); views and the API show the message; tests and API clients compare the
code, never the wording. A message with %(name)s takes its values as keyword
arguments: `raise FewPlacesLeft(free=2, wanted=3)`.
"""

from __future__ import annotations

from dangjian.core.errors import Refusal

# ---------------------------------------------------------------- training classes


class ClassCancelled(Refusal):
    code = "training_cancelled"
    message = "该培训班已取消。"


class ClassEnded(Refusal):
    code = "training_ended"
    message = "培训班已结业，不能再报名。"


class NoSelfSignup(Refusal):
    code = "training_no_self_signup"
    message = "该培训班由组织统一报名，不接受个人报名。"


class SignupClosed(Refusal):
    code = "training_signup_closed"
    message = "报名已截止。"


class NotInAudience(Refusal):
    code = "training_not_in_audience"
    message = "该培训班的培训对象为%(audience)s，您不在报名范围内。"


class ClassFull(Refusal):
    code = "training_full"
    message = "名额已满，报名未成功。"


class FewPlacesLeft(Refusal):
    code = "training_few_places"
    message = "名额不足：剩余 %(free)s 个名额，不能再报名 %(wanted)s 人。"


class AlreadyEnrolled(Refusal):
    code = "training_already_enrolled"
    message = "您已报名该培训班。"


class AllAlreadyEnrolled(Refusal):
    code = "training_all_enrolled"
    message = "所选人员都已报名。"


class AlreadyWithdrawn(Refusal):
    code = "training_already_withdrawn"
    message = "已退出该培训班。"


class WithdrawAfterEnd(Refusal):
    code = "training_withdraw_after_end"
    message = "培训班已结业，不能退出。"


class NotEnrolled(Refusal):
    code = "training_not_enrolled"
    message = "名单中有未报名该培训班的人员。"


class EnrolledAfterDay(Refusal):
    code = "training_enrolled_after_day"
    message = "以下人员在 %(day)s 之后才报名，不登记该日出勤：%(names)s"


class CheckinNotEnrolled(Refusal):
    code = "checkin_not_enrolled"
    message = "您没有报名该培训班，不能签到。请联系培训班组织者。"


class CheckinWrongDay(Refusal):
    code = "checkin_wrong_day"
    message = "该签到码仅在 %(day)s 当天有效。"


class CheckinExpired(Refusal):
    code = "checkin_expired"
    message = "这是 %(day)s 的签到码，已经失效。请扫描今天现场展示的签到码。"


class CheckinNotOpen(Refusal):
    code = "checkin_not_open"
    message = "今天的签到 %(opens)s 开始，请到时再扫码。"


class CheckinClosed(Refusal):
    code = "checkin_closed"
    message = "今天的签到已于 %(closes)s 结束。未能扫码的学员请联系培训班组织者补登。"


class DayNotYet(Refusal):
    code = "day_not_yet"
    message = "%(day)s 还没到，不能登记出勤。"


class BadClass(Refusal):
    """A class's fields do not hold together (the field named says which)."""

    code = "training_invalid"


# ---------------------------------------------------------------- organization life


class KindNotHeld(Refusal):
    code = "meeting_kind_not_held"
    message = "%(org_kind)s不召开“%(kind)s”"


class NoCommittee(Refusal):
    code = "meeting_no_committee"
    message = "%(org)s在 %(day)s 没有在任的支委会委员，不能登记支委会"


class MeetingInFuture(Refusal):
    code = "meeting_in_future"
    message = "会议日期不能晚于今天（会议举行后再登记）"


class MeetingTopicMissing(Refusal):
    code = "meeting_topic_missing"
    message = "请填写会议主题"


class MeetingDuplicate(Refusal):
    code = "meeting_duplicate"
    message = "同一天已登记过同一主题的该类会议"


class ChairNotAllowed(Refusal):
    code = "meeting_chair_not_allowed"
    message = "主持人应为本组织人员或本组织、上级组织的现任班子成员"


class AttendeeOutside(Refusal):
    code = "meeting_attendee_outside"
    message = "参会人员须为%(org)s的人员"


class OrgHoldsNoMeetings(Refusal):
    code = "org_holds_no_meetings"
    message = "%(org_kind)s不登记组织生活会议。"


# ---------------------------------------------------------------- attendance marks


class BadMarks(Refusal):
    """One or more marks are wrong; the message lists each by name."""

    code = "marks_invalid"


# ---------------------------------------------------------------- central-group study


class SessionCancelled(Refusal):
    code = "session_cancelled"
    message = "该次学习已取消，不能登记出勤。"


class SessionNotYet(Refusal):
    code = "session_not_yet"
    message = "学习日期（%(day)s）还没到，不能登记出勤。"


class UnknownPeople(Refusal):
    code = "session_unknown_people"
    message = "名单中有不存在的人员。"


class Unmarked(Refusal):
    code = "session_unmarked"
    message = "以下人员尚未登记出勤：%(names)s"


class HeldNotCancellable(Refusal):
    code = "session_held"
    message = "已举行的学习不能取消。"


class SessionAlreadyCancelled(Refusal):
    code = "session_already_cancelled"
    message = "该次学习已经取消。"


class ObserversOnlyWhenPlanned(Refusal):
    code = "observers_not_planned"
    message = "只能为计划中的学习安排列席人员。"


class NoObservers(Refusal):
    code = "observers_none"
    message = "请选择列席人员。"


class ObserversAlready(Refusal):
    code = "observers_already"
    message = "所选人员已在列席名单中。"


class WriteupTooShort(Refusal):
    code = "writeup_too_short"
    message = "列席报告至少20字"


class WriteupCancelled(Refusal):
    code = "writeup_cancelled"
    message = "该次学习已取消，无需提交列席报告。"


class WriteupTooEarly(Refusal):
    code = "writeup_too_early"
    message = "学习举行后才能提交列席报告。"


class JointGroupHasNoMembers(Refusal):
    code = "group_joint_no_members"
    message = "市直机关中心组每次学习单独确定参学人员，不设固定成员。"


class MemberOutsideGroup(Refusal):
    code = "group_member_outside"
    message = "中心组成员须为%(org)s及其下级组织的人员：%(names)s"


class BadGroupRole(Refusal):
    code = "group_bad_role"
    message = "职务无效：%(roles)s"


class BadGroup(Refusal):
    """A study group's fields do not hold together."""

    code = "group_invalid"


class BadSession(Refusal):
    """A session's fields do not hold together."""

    code = "session_invalid"
