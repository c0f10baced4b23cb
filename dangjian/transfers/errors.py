"""The transfers app's refusals: a stable code for tests and the API, a Chinese message for people."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class TransferRefusal(Refusal):
    code = "transfers_refused"
    message = "操作未能完成。"


class MemberNotOnRoster(TransferRefusal):
    code = "member_not_on_roster"
    message = "该人员不在您管理范围内的名册上。"


class NotAPartyMember(TransferRefusal):
    code = "not_a_party_member"
    message = "只有正式党员和预备党员才转接组织关系。"


class DestinationMissing(TransferRefusal):
    code = "destination_missing"
    message = "请填写接收党组织的名称。"


class ReasonMissing(TransferRefusal):
    code = "reason_missing"
    message = "请填写转接原因。"


class ValidityOutOfRange(TransferRefusal):
    code = "validity_out_of_range"


class IssueDateInFuture(TransferRefusal):
    code = "issue_date_in_future"
    message = "开具日期不能晚于今天。"


class LetterNotOpen(TransferRefusal):
    code = "letter_not_open"


class ReceiptAlreadyRecorded(TransferRefusal):
    code = "receipt_already_recorded"
    message = "该介绍信的回执已登记，不能重复登记。"


class ReceiptBeforeIssue(TransferRefusal):
    code = "receipt_before_issue"


class ReceiptInFuture(TransferRefusal):
    code = "receipt_in_future"
    message = "回执日期不能晚于今天。"


class ReceiverMissing(TransferRefusal):
    code = "receiver_missing"
    message = "请填写回执上接收党组织的名称。"


class NotYetExpired(TransferRefusal):
    code = "not_yet_expired"


class LetterNumberMissing(TransferRefusal):
    code = "letter_number_missing"
    message = "请填写介绍信编号。"


class LetterNumberTaken(TransferRefusal):
    code = "letter_number_taken"
    message = "该编号的转入介绍信已登记。"


class OriginMissing(TransferRefusal):
    code = "origin_missing"
    message = "请填写转出党组织的名称。"


class ReceivedInFuture(TransferRefusal):
    code = "received_in_future"
    message = "收到日期不能晚于今天。"


class InvalidIdNumber(TransferRefusal):
    code = "invalid_id_number"


class MemberDataRefused(TransferRefusal):
    code = "member_data_refused"


class NotABranch(TransferRefusal):
    code = "not_a_branch"
    message = "党员须编入本工委所属的党支部，请选择一个党支部。"


class AlreadyPlaced(TransferRefusal):
    code = "already_placed"
    message = "该介绍信的党员已编入支部。"


class FlowAlreadyOpen(TransferRefusal):
    code = "flow_already_open"
    message = "该党员已登记为流动党员，请先结束原登记。"


class FlowPlaceMissing(TransferRefusal):
    code = "flow_place_missing"
    message = "请填写流动去向（所在地）。"


class FlowDatesReversed(TransferRefusal):
    code = "flow_dates_reversed"


class FlowNotOpen(TransferRefusal):
    code = "flow_not_open"
    message = "该流动党员登记已结束。"
