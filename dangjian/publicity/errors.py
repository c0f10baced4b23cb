"""The publicity module's refusals: each a core.errors.Refusal with a stable code.

Services raise them; views show the message (beside the field it names, or as
a flash on the article's page); tests and API clients compare the code.
"""

from __future__ import annotations

from dangjian.core.errors import Refusal

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
