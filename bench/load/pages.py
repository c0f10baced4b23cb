"""The load test's pages: who opens which pages, how often (issue 16 §3).

Locust-free on purpose, so the suite can walk the same list with Django's test
client (dangjian/core/tests/test_load_pages.py) without gevent patching the test
process: `locustfile.py` turns every `Page` below into a task, the test asks
each page of each role for a 200. A page is named by what it is (组织树), never
by its URL with ids, so the figures of one page add up across users.

`world.targets(user)` fills the placeholders of the paths ({org}, {year}, {q},
{activity}, {article}) from the database: `run.py` writes them to a JSON file
for the locust process, the test computes them on its small world. This module
imports neither Django nor locust.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    name: str  # the request's name in locust's figures
    weight: int  # how often, against the role's other pages
    path: str  # with {org}, {year}, {q}, {activity}, {article} placeholders
    follow: bool = False  # the page redirects (the home page to the role's landing): follow it


@dataclass(frozen=True)
class RoleMix:
    role: str  # "committee_staff", "org_admin", "branch_secretary", "member", "editor", "reviewer", "public"
    label: str
    weight: int  # how many of the simulated users have this role, against the others
    pages: tuple[Page, ...]


HOME = Page("首页（转到本角色的首页）", 3, "/", follow=True)
NEWS = Page("党建网站首页（公开）", 2, "/news/")
NEWS_ARTICLE = Page("党建网站文章页（公开）", 2, "/news/a/{article}/")

MIX: tuple[RoleMix, ...] = (
    RoleMix(
        "committee_staff",
        "工委工作人员",
        3,
        (
            HOME,
            Page("工作台", 3, "/dashboard/"),
            Page("组织树", 2, "/orgs/"),
            Page("组织页", 2, "/orgs/{org}/"),
            Page("党员名册", 3, "/members/"),
            Page("党员名册搜索", 2, "/members/?q={q}"),
            Page("组织生活日历", 2, "/study/calendar/"),
            Page("培训班列表", 1, "/study/training/"),
            Page("志愿服务活动列表", 1, "/volunteer/activities/"),
            Page("统计接口", 2, "/api/v1/stats?org={org}&year={year}"),
            Page("数据看板", 1, "/charts/?org={org}&year={year}"),
            Page("稿件列表", 1, "/publicity/articles/"),
        ),
    ),
    RoleMix(
        "org_admin",
        "机关党委管理员",
        4,
        (
            HOME,
            Page("工作台", 2, "/dashboard/"),
            Page("组织树", 1, "/orgs/"),
            Page("组织页", 3, "/orgs/{org}/"),
            Page("党员名册", 3, "/members/"),
            Page("党员名册搜索", 2, "/members/?q={q}"),
            Page("组织生活日历", 2, "/study/calendar/"),
            Page("三会一课列表", 2, "/study/meetings/"),
            Page("培训班列表", 1, "/study/training/"),
            Page("志愿服务活动列表", 1, "/volunteer/activities/"),
            Page("统计接口", 1, "/api/v1/stats?org={org}&year={year}"),
        ),
    ),
    RoleMix(
        "branch_secretary",
        "党支部书记",
        6,
        (
            HOME,
            Page("组织页", 3, "/orgs/{org}/"),
            Page("党员名册", 3, "/members/"),
            Page("组织生活日历", 3, "/study/calendar/"),
            Page("三会一课列表", 3, "/study/meetings/"),
            Page("学习教育首页", 1, "/study/"),
            Page("志愿服务活动列表", 1, "/volunteer/activities/"),
        ),
    ),
    RoleMix(
        "member",
        "党员",
        30,
        (
            HOME,
            Page("本人学习记录", 2, "/study/me/"),
            Page("可报名培训班", 2, "/study/training/open/"),
            Page("志愿服务首页（党员）", 3, "/volunteer/"),
            Page("志愿服务活动页（党员）", 3, "/volunteer/activities/{activity}/"),
            Page("本人志愿服务记录", 1, "/volunteer/my/"),
            NEWS,
            NEWS_ARTICLE,
        ),
    ),
    RoleMix(
        "editor",
        "编辑",
        2,
        (
            HOME,
            Page("宣传报送工作台", 2, "/publicity/"),
            Page("稿件列表", 3, "/publicity/articles/"),
            Page("稿件页", 2, "/publicity/articles/{article}/"),
            NEWS,
        ),
    ),
    RoleMix(
        "reviewer",
        "审核",
        1,
        (
            HOME,
            Page("宣传报送工作台", 2, "/publicity/"),
            Page("稿件列表", 3, "/publicity/articles/"),
            Page("稿件页", 2, "/publicity/articles/{article}/"),
        ),
    ),
    RoleMix(
        "public",
        "公众（未登录）",
        4,
        (
            Page("党建网站首页（公开）", 3, "/news/"),
            Page("党建网站文章页（公开）", 3, "/news/a/{article}/"),
            Page("RSS 订阅（公开）", 1, "/news/rss.xml"),
        ),
    ),
)

# The demo accounts (README) each role logs in as; members and the branch secretary get
# accounts of their own from `prepare_accounts` (each simulated member is another person).
DEMO_USERNAMES: dict[str, tuple[str, ...]] = {
    "committee_staff": ("gongwei",),
    "org_admin": ("caizheng_admin", "jiaoyu_admin"),
    "editor": ("bianji",),
    "reviewer": ("shenhe",),
}
SECRETARY_USERNAME = "load_shuji"
MEMBER_PREFIX = "load_m"


def member_username(i: int) -> str:
    return f"{MEMBER_PREFIX}{i:04d}"


def role_of(name: str) -> RoleMix:
    return next(r for r in MIX if r.role == name)


def path_of(page: Page, values: dict[str, str]) -> str:
    return page.path.format(**values)
