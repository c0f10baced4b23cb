"""The dashboard's refusals: a stable code for tests and the API, a Chinese message for people."""

from __future__ import annotations

from dangjian.core.errors import Refusal


class DashboardRefusal(Refusal):
    code = "dashboard_refused"
    message = "操作未能完成。"


class LinkNameMissing(DashboardRefusal):
    code = "screen_link_name_missing"
    message = "请填写大屏链接的名称（如“三楼会议室大屏”）。"


class LinkLifetimeInvalid(DashboardRefusal):
    code = "screen_link_lifetime_invalid"


class LinkOrgOutOfReach(DashboardRefusal):
    code = "screen_link_org_out_of_reach"
    message = "只能为本人管理范围内的组织创建大屏链接。"


class TooManyLinks(DashboardRefusal):
    code = "screen_links_too_many"


class LinkNotActive(DashboardRefusal):
    code = "screen_link_not_active"
    message = "该大屏链接已撤销或已过期。"
