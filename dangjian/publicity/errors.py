"""The publicity module's refusals: each a core.errors.Refusal with a stable code.

Services raise them; views show the message (beside the field it names, or as
a flash on the article's page); tests and API clients compare the code.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from dangjian.core.errors import Refusal, combine


def refuse_all(problems: Iterable[ValidationError]) -> None:
    """Refuse with every one of PROBLEMS at once (each beside its field); return when there are none."""
    error = combine(problems)
    if error is not None:
        raise error


# ---- who may take a step, and when (permissions.article_refusal) ----------------------------


class NotPermitted(Refusal):
    code = "publicity_not_permitted"
    message = "您没有权限对该稿件执行“%(verb)s”。"


class WrongState(Refusal):
    code = "publicity_wrong_state"
    message = "稿件当前为“%(status)s”，不能%(verb)s。"


class OwnArticle(Refusal):
    """An editor never reviews, nor lets through the gate, an article they wrote."""

    code = "publicity_own_article"
    message = "编辑不能审核自己的稿件，请由其他审核人员审核。"


class NothingToOverride(Refusal):
    code = "publicity_nothing_to_override"
    message = "当前内容没有需要放行的拦截问题。"


# ---- what an article must hold ------------------------------------------------------------------


class TitleRequired(Refusal):
    code = "publicity_title_required"
    message = "标题不能为空。"


class BodyRequired(Refusal):
    code = "publicity_body_required"
    message = "正文不能为空。"


class ColumnInactive(Refusal):
    code = "publicity_column_inactive"
    message = "该专栏已停用。"


class ColumnOfAnotherOrg(Refusal):
    code = "publicity_column_foreign"
    message = "“%(column)s”由%(host)s主办，不接收该单位的稿件。"


class SpecialPageOfAnotherChannel(Refusal):
    code = "publicity_special_page_foreign"
    message = "所选专版不属于该专栏所在的渠道。"


class SuspiciousBody(Refusal):
    code = "publicity_suspicious_body"
    message = "正文含有隐藏链接或可疑结构，未保存。请核对来源、删除后再保存：%(listed)s"


class GateBlocked(Refusal):
    code = "publicity_gate_blocked"
    message = "内容安全检查未通过，请退回修改或由审核人员确认放行后再审核。"


class CommentRequired(Refusal):
    code = "publicity_comment_required"
    message = "请填写退回意见，告诉编辑需要修改什么。"


class ReasonRequired(Refusal):
    code = "publicity_reason_required"
    message = "请填写撤回原因。"


class AltRequired(Refusal):
    code = "publicity_alt_required"
    message = "请填写图片说明（显示在图片下方，也供读屏软件朗读）。"


# ---- information reports, case studies and research outputs (services/reports.py, papers.py) ----


class ReportNotPermitted(Refusal):
    code = "publicity_report_not_permitted"
    message = "您没有权限对该材料执行“%(verb)s”。"


class ReportWrongState(Refusal):
    code = "publicity_report_wrong_state"
    message = "当前为“%(status)s”，不能%(verb)s。"


class ReportCommentRequired(Refusal):
    code = "publicity_report_comment_required"
    message = "请填写退回意见。"


class AdoptionLevelUnknown(Refusal):
    code = "publicity_adoption_level_unknown"
    message = "请选择采用级别。"


class AdoptedBeforeSent(Refusal):
    code = "publicity_adopted_before_sent"
    message = "采用日期不能早于报送日期。"


class AdoptedInFuture(Refusal):
    code = "publicity_adopted_in_future"
    message = "采用日期不能晚于今天。"


class PaperKindUnknown(Refusal):
    code = "publicity_paper_kind_unknown"
    message = "类别无效。"


class PaperYearInvalid(Refusal):
    code = "publicity_paper_year_invalid"
    message = "年度无效。"


class AwardLevelUnknown(Refusal):
    code = "publicity_award_level_unknown"
    message = "请选择获奖等次。"


class AwardNameRequired(Refusal):
    code = "publicity_award_name_required"
    message = "请填写奖项名称。"


class AwardedInFuture(Refusal):
    code = "publicity_awarded_in_future"
    message = "获奖日期不能晚于今天。"


# ---- channels, columns and newspaper special pages (services/channels.py) -----------------------


class ChannelKindUnknown(Refusal):
    code = "publicity_channel_kind_unknown"
    message = "请选择渠道类型。"


class NameRequired(Refusal):
    code = "publicity_name_required"
    message = "名称不能为空。"


class ChannelSlugTaken(Refusal):
    code = "publicity_channel_slug_taken"
    message = "网址标识“%(slug)s”已被使用。"


class ColumnSlugTaken(Refusal):
    code = "publicity_column_slug_taken"
    message = "该渠道下已有网址标识“%(slug)s”。"


class ChannelNotNewspaper(Refusal):
    code = "publicity_channel_not_newspaper"
    message = "专版只能登记在“报纸专版”类渠道下。"


class ChannelOfAnotherOrg(Refusal):
    code = "publicity_channel_foreign"
    message = "该渠道由%(host)s主办。"


class SpecialPageTitleRequired(Refusal):
    code = "publicity_special_page_title_required"
    message = "专版主题不能为空。"


class NewspaperRequired(Refusal):
    code = "publicity_newspaper_required"
    message = "请填写刊发的报纸。"


# ---- uploaded images (sanitize.check_image) ------------------------------------------------------


class ImageEmpty(Refusal):
    code = "publicity_image_empty"
    message = "图片文件是空的。"


class ImageTooLarge(Refusal):
    code = "publicity_image_too_large"
    message = "图片不能超过 %(limit)s MB（当前 %(size)s MB）。"


class ImageNotAccepted(Refusal):
    code = "publicity_image_not_accepted"
    message = "“%(name)s”不是可接受的图片：只接受 JPEG、PNG、GIF、WebP 图片，按文件内容识别，改扩展名无效。"
