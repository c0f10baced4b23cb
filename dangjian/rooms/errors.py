"""The refusals of the activity-room module: each a stable code and a Chinese message."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class RoomRefusal(Refusal):
    code = "rooms_refused"
    message = "操作未能完成。"


class RoomExists(RoomRefusal):
    code = "room_exists"
    message = "该组织已登记党员活动室，请直接修改。"


class BadRoom(RoomRefusal):
    code = "room_invalid"
    message = "活动室信息填写有误。"


class NotCommitteeStaff(RoomRefusal):
    code = "checklist_staff_only"
    message = "检查标准只能由工委工作人员修改。"


class BadItem(RoomRefusal):
    code = "checklist_item_invalid"
    message = "检查项填写有误。"


class LastRequiredItem(RoomRefusal):
    code = "checklist_last_required"
    message = "检查标准至少要保留一个必备项。"


class VerdictMissing(RoomRefusal):
    code = "verdict_missing"
    message = "必备项“%(title)s”还没有检查结论，请选择合格或不合格。"


class BadInspection(RoomRefusal):
    code = "inspection_invalid"
    message = "检查记录填写有误。"


class DeadlineMissing(RoomRefusal):
    code = "deadline_missing"
    message = "“%(title)s”不合格，请填写整改期限。"


class DeadlineInPast(RoomRefusal):
    code = "deadline_past"
    message = "“%(title)s”的整改期限不能早于今天。"


class DeadlineTooFar(RoomRefusal):
    code = "deadline_too_far"
    message = "“%(title)s”的整改期限过远（最长 %(days)s 天）。"


class TooManyPhotos(RoomRefusal):
    code = "too_many_photos"
    message = "“%(title)s”最多上传 %(most)s 张照片。"


class NothingToRecheck(RoomRefusal):
    code = "nothing_to_recheck"
    message = "该活动室没有待复查的整改任务。"
