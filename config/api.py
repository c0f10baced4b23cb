"""The versioned JSON API (/api/v1/). Each domain app contributes a router."""

from ninja import NinjaAPI

from dangjian.accounts.api_auth import api_auth
from dangjian.core.api import router as core_router
from dangjian.orgs.api import router as orgs_router
from dangjian.people.api import router as people_router
from dangjian.publicity.api import router as publicity_router
from dangjian.study.api import router as study_router
from dangjian.volunteer.api import router as volunteer_router

api = NinjaAPI(
    title="机关党建工作平台 API",
    version="1",
    description="按用户可见的组织范围返回数据。认证：会话 Cookie，或 `Authorization: Bearer <令牌>`。",
    auth=api_auth,
    urls_namespace="api-v1",
    docs_url="/docs",
)
api.add_router("/", core_router)
api.add_router("/orgs", orgs_router)
api.add_router("/members", people_router)
api.add_router("/study", study_router)
api.add_router("/volunteer", volunteer_router)
api.add_router("/publicity", publicity_router)
