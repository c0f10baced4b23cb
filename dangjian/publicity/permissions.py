"""Who may do what in the publicity module, by roles held over an organization.

Roles come from dangjian.core.scoping (a role held at an organization reaches
its subtree); this module only says which roles count for which verb:

* write articles, reports and papers: 编辑 (editor), org administrators, committee staff;
* review and publish articles, override the gate: 审核 (reviewer), committee staff;
* review and send reports and papers up, record adoption and awards: committee staff.

An editor never approves their own article, whatever other role they hold.
Which step an article allows a user now (edit, submit, approve, return,
publish, withdraw, override) is decided once, by article_refusal: the
services refuse with it, the views and the article's page read
article_actions. Information reports and papers have theirs in
record_refusal and record_actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.core.errors import Refusal

from . import errors
from .models import Article, InfoReport, Paper, ReportStatus, ScanVerdict, Status
from .models.articles import EDITABLE
from .models.reports import EDITABLE as RECORD_EDITABLE

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization

M = TypeVar("M", bound=Model)

WRITERS = (Role.EDITOR, Role.ORG_ADMIN, Role.COMMITTEE_STAFF)
REVIEWERS = (Role.REVIEWER, Role.COMMITTEE_STAFF)
COMMITTEE = (Role.COMMITTEE_STAFF,)
ANY = (Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.COMMITTEE_STAFF)


# Who may open each page of the workspace: its view requires these roles anywhere, and its tab
# (templatetags.publicity_tags.publicity_tabs) is shown to exactly the same users.
PAGES: dict[str, tuple[str, ...]] = {
    "home": ANY,
    "articles": ANY,
    "gate": ANY,
    "special_pages": ANY,
    "reports": WRITERS,
    "cases": WRITERS,
    "research": WRITERS,
    "channels": COMMITTEE,
}


def may_open(user: Any, page: str) -> bool:
    """Whether USER may open PAGE (a key of PAGES)."""
    return bool(paths(user, PAGES[page]))


def paths(user: Any, roles: tuple[str, ...]) -> list[str]:
    return scoping.scope_paths(user, roles)


def scoped(user: Any, queryset: QuerySet[M], roles: tuple[str, ...] = ANY, field: str = "org") -> QuerySet[M]:
    """QUERYSET limited to records whose FIELD organization lies under one of USER's ROLES."""
    return scoping.scoped_by_org(user, queryset, field, roles)


def holds(user: Any, roles: tuple[str, ...], org: Organization) -> bool:
    return scoping.holds_over(user, org, roles)


def can_write(user: Any, org: Organization) -> bool:
    return holds(user, WRITERS, org)


def can_review(user: Any, org: Organization) -> bool:
    return holds(user, REVIEWERS, org)


def is_committee_for(user: Any, org: Organization) -> bool:
    return holds(user, COMMITTEE, org)


def uses_publicity(user: Any) -> bool:
    return bool(paths(user, ANY))


def orgs_for(user: Any, roles: tuple[str, ...]) -> QuerySet[Organization]:
    """Organizations under USER's ROLES (the choices of a form's 单位 field)."""
    return scoping.visible_orgs(user, roles).order_by("path")


def ancestor_paths(user: Any, roles: tuple[str, ...] = ANY) -> list[str]:
    """Paths of the organizations above and at the roots of USER's scopes (their committees)."""
    return tree.ancestors_of_all(paths(user, roles))


def require(request: HttpRequest, roles: tuple[str, ...], model: type[Model], page: str) -> None:
    """A recorded 404 for anyone holding none of ROLES anywhere."""
    if not paths(request.user, roles):
        raise scoping.deny(request, model, {"page": page}, exists=True)


def require_page(request: HttpRequest, page: str, model: type[Model]) -> None:
    """A recorded 404 for anyone who may not open PAGE (a key of PAGES)."""
    require(request, PAGES[page], model, f"publicity:{page}")


# ---- what a user may do with an article, now -----------------------------------------------------


@dataclass(frozen=True)
class _Step:
    verb: str  # as the refusal says it
    review: bool  # a reviewer's step (else a writer's)
    states: tuple[str, ...] | None  # the states it starts from (None: any)
    not_own: bool = False  # the article's own editor may not take it


STEPS: dict[str, _Step] = {
    "edit": _Step("修改", review=False, states=EDITABLE),
    "submit": _Step("提交审核", review=False, states=EDITABLE),
    "image": _Step("添加图片", review=False, states=EDITABLE),
    "approve": _Step("审核通过", review=True, states=(Status.SUBMITTED,), not_own=True),
    "return": _Step("退回", review=True, states=(Status.SUBMITTED, Status.APPROVED)),
    "publish": _Step("发布", review=True, states=(Status.APPROVED,)),
    "withdraw": _Step("撤回", review=True, states=(Status.PUBLISHED,)),
    "override": _Step("确认放行", review=True, states=None, not_own=True),
}


def article_refusal(user: Any, article: Article, step: str) -> Refusal | None:
    """Why USER may not take STEP (a key of STEPS) on ARTICLE now; None when they may.

    The one rule behind the article's buttons (article_actions), the views and
    the services (check_article_step): the step must fit the article's state,
    an editor never reviews or lets through their own article, and the user
    must hold a writer's or a reviewer's role over the article's organization.
    """
    rule = STEPS[step]
    if rule.states is not None and article.status not in rule.states:
        return errors.WrongState(status=article.get_status_display(), verb=rule.verb)
    if rule.not_own and article.editor_id == getattr(user, "pk", None):
        if step == "override":
            return errors.OwnArticle("编辑不能为自己的稿件放行，请由其他审核人员处理。")
        return errors.OwnArticle()
    if not (can_review if rule.review else can_write)(user, article.org):
        return errors.NotPermitted(verb=rule.verb)
    if step == "override" and article.scan_verdict != ScanVerdict.BLOCKED and article.flagged_at is None:
        return errors.NothingToOverride()
    return None


def check_article_step(user: Any, article: Article, step: str) -> None:
    """Raise the refusal of article_refusal, if any (the services' first line)."""
    refusal = article_refusal(user, article, step)
    if refusal is not None:
        raise refusal


@dataclass(frozen=True)
class ArticleActions:
    """What USER may do with ARTICLE now: the article's page shows exactly these buttons."""

    writer: bool  # writes for the article's organization
    reviewer: bool  # reviews for it
    own: bool  # is its editor
    edit: bool
    submit: bool
    image: bool
    approve: bool
    return_: bool
    publish: bool
    withdraw: bool
    override: bool

    @property
    def any_step(self) -> bool:
        steps = (self.edit, self.submit, self.approve, self.return_, self.publish, self.withdraw, self.override)
        return any(steps)


def article_actions(user: Any, article: Article) -> ArticleActions:
    # "return" is a Python keyword: its flag is `return_`.
    allowed = {f"{s}_" if s == "return" else s: article_refusal(user, article, s) is None for s in STEPS}
    return ArticleActions(
        writer=can_write(user, article.org),
        reviewer=can_review(user, article.org),
        own=article.editor_id == getattr(user, "pk", None),
        **allowed,
    )


# ---- what a user may do with an information report or a paper, now ------------------------------


@dataclass(frozen=True)
class _RecordStep:
    verb: str
    committee: bool  # committee staff's step (else a writer's)
    states: tuple[str, ...]
    kinds: tuple[type[Model], ...] = (InfoReport, Paper)


RECORD_STEPS: dict[str, _RecordStep] = {
    "edit": _RecordStep("修改", committee=False, states=RECORD_EDITABLE),
    "submit": _RecordStep("提交", committee=False, states=RECORD_EDITABLE),
    "return": _RecordStep("退回", committee=True, states=(ReportStatus.SUBMITTED,)),
    "send": _RecordStep("报送上级", committee=True, states=(ReportStatus.SUBMITTED,)),
    "adopt": _RecordStep(
        "登记采用", committee=True, states=(ReportStatus.SENT, ReportStatus.ADOPTED), kinds=(InfoReport,)
    ),
    "award": _RecordStep("登记获奖", committee=True, states=(ReportStatus.SENT,), kinds=(Paper,)),
}


def record_refusal(user: Any, record: InfoReport | Paper, step: str) -> Refusal | None:
    """Why USER may not take STEP (a key of RECORD_STEPS) on RECORD now; None when they may.

    The one rule behind the record's buttons (record_actions) and its services
    (check_record_step): the step must fit the record's state, and the user
    must write for the record's organization or be committee staff over it.
    """
    rule = RECORD_STEPS[step]
    if not isinstance(record, rule.kinds):
        return errors.ReportNotPermitted(verb=rule.verb)
    if record.status not in rule.states:
        return errors.ReportWrongState(status=record.get_status_display(), verb=rule.verb)
    if not (is_committee_for if rule.committee else can_write)(user, record.org):
        return errors.ReportNotPermitted(verb=rule.verb)
    return None


def check_record_step(user: Any, record: InfoReport | Paper, step: str) -> None:
    refusal = record_refusal(user, record, step)
    if refusal is not None:
        raise refusal


@dataclass(frozen=True)
class RecordActions:
    """What USER may do with an information report or a paper now: its page shows exactly these buttons."""

    edit: bool
    submit: bool
    return_: bool
    send: bool
    adopt: bool
    award: bool

    @property
    def review(self) -> bool:
        return self.return_ or self.send


def record_actions(user: Any, record: InfoReport | Paper) -> RecordActions:
    allowed = {f"{s}_" if s == "return" else s: record_refusal(user, record, s) is None for s in RECORD_STEPS}
    return RecordActions(**allowed)
