"""The liaison app's refusals: a stable code for tests and the API, a Chinese message for people."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class LiaisonRefusal(Refusal):
    code = "liaison_refused"
    message = "操作未能完成。"


class PeriodReversed(LiaisonRefusal):
    code = "period_reversed"
    message = "联系结束日期不能早于开始日期。"


class PairingOverlaps(LiaisonRefusal):
    code = "pairing_overlaps"
    message = "该干部与该组织在这段时间内已有联系点，不能重复建立。"


class CadreNotInCommittee(LiaisonRefusal):
    code = "cadre_not_in_committee"
    message = "联系干部须为本工委名册上的人员。"


class OrgNotInCommittee(LiaisonRefusal):
    code = "org_not_in_committee"
    message = "只能联系本工委所属的党组织。"


class VisitInFuture(LiaisonRefusal):
    code = "visit_in_future"
    message = "走访日期不能晚于今天。"


class VisitOutsidePeriod(LiaisonRefusal):
    code = "visit_outside_period"


class VisitEmpty(LiaisonRefusal):
    code = "visit_empty"
    message = "请填写走访了解到的情况。"


class VisitsOutsidePeriod(LiaisonRefusal):
    code = "visits_outside_period"


class FollowUpClosed(LiaisonRefusal):
    code = "followup_closed"
    message = "该跟进事项已办结。"


class TopicMissing(LiaisonRefusal):
    code = "topic_missing"
    message = "请填写讲堂主题。"


class LecturerMissing(LiaisonRefusal):
    code = "lecturer_missing"
    message = "请填写主讲人。"


class LectureNotHeldYet(LiaisonRefusal):
    code = "lecture_not_held_yet"


class LectureAlreadyHeld(LiaisonRefusal):
    code = "lecture_already_held"
    message = "该讲堂已标记为已举办。"


class AttendeeNotOnRoster(LiaisonRefusal):
    code = "attendee_not_on_roster"


class RequestNotOpen(LiaisonRefusal):
    code = "request_not_open"


class ReasonMissing(LiaisonRefusal):
    code = "reason_missing"
    message = "请填写不予安排的理由。"
