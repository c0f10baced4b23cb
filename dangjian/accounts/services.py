"""Writes of the system administrator and of role granters: accounts and roles.

Each function checks what it is asked against the rules of `permissions`
(views check too, to answer with a recorded 404; the service is the last word),
and the audit trail records it: auditlog writes create/update/delete of
accounts and role assignments (role_granted / role_revoked with who and where),
`core.audit` the events it cannot see.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import audit, tree
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from . import permissions, policy
from .models import ADMIN_ROLES, CredentialIssue, Role, RoleAssignment, User


class AccountError(ValidationError):
    """A refused account or role change; the message is a Chinese sentence for the user."""


# --- passwords that nobody chose --------------------------------------------------

_CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits, "!@#$%^&*-_=+?")
# Letters and digits that are easy to misread on a slip of paper are left out.
_AMBIGUOUS = set("Il1O0o")


def generate_password(length: int | None = None) -> str:
    """A random password with all four character classes, at least as long as the policy asks."""
    length = max(length or 0, policy.current().password_min_length, 12)
    pools = ["".join(c for c in pool if c not in _AMBIGUOUS) for pool in _CLASSES]
    chars = [secrets.choice(pool) for pool in pools]
    everything = "".join(pools)
    chars += [secrets.choice(everything) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def set_generated_password(user: User) -> str:
    for _ in range(20):  # a random password that happens to hold the username is redrawn
        password = generate_password()
        try:
            password_validation.validate_password(password, user)
        except ValidationError:
            continue
        user.set_password(password)
        user.must_change_password = True
        return password
    raise AccountError("无法生成符合策略的初始密码，请联系安全管理员检查密码策略。")


# --- accounts ---------------------------------------------------------------------


def _require_sysadmin_over(by: User, *, person: Member | None = None, account: User | None = None) -> None:
    paths = permissions.sysadmin_paths(by)
    if not paths:
        raise AccountError("只有系统管理员可以管理账号。")
    if person is not None and not tree.is_within(person.org.path, paths):
        raise AccountError("该人员不在您管理的范围内。")
    if account is not None:
        if account.pk == by.pk:
            raise AccountError("不能对自己的账号执行此操作。")
        if RoleAssignment.objects.filter(user=account, role__in=ADMIN_ROLES).exists():
            raise AccountError("三员（系统、安全、审计管理员）账号只能在服务器上用 manage.py 命令维护。")


@transaction.atomic
def account_create(*, by: User, person: Member, username: str, display_name: str = "") -> tuple[User, CredentialIssue]:
    """A new account for PERSON, without a usable password until its owner organization confirms it.

    The system administrator never sees the password (三员分立): `credential_confirm`
    generates it for a confirmer of the person's organization, to be changed at first login.
    """
    _require_sysadmin_over(by, person=person)
    username = username.strip()
    if not username:
        raise AccountError("请填写用户名。")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"用户名“{username}”已被使用，请换一个。")
    if User.objects.filter(person=person).exists():
        raise AccountError(f"{person.name}已有账号，一人只能有一个账号。")
    user = User(username=username, person=person, display_name=display_name.strip() or person.name)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as e:
        raise AccountError("；".join(sum(e.message_dict.values(), []))) from None
    user.set_unusable_password()
    user.must_change_password = True
    user.save()
    issue = CredentialIssue.objects.create(account=user, kind=CredentialIssue.Kind.CREATED, requested_by=by)
    return user, issue


@transaction.atomic
def password_reset(*, by: User, account: User, request: Any = None) -> CredentialIssue:
    """A forgotten password: the old one stops working now, the new one waits for the owner's confirmation.

    The system administrator is never shown a password; a confirmer of the account's
    owner organization (`permissions.may_confirm_credential`) is, once.
    """
    _require_sysadmin_over(by, account=account)
    list(User.objects.select_for_update().filter(pk=account.pk))
    now = timezone.now()
    CredentialIssue.objects.filter(account=account, status=CredentialIssue.Status.PENDING).update(
        status=CredentialIssue.Status.CANCELLED, cancelled_at=now
    )
    account.set_unusable_password()
    account.must_change_password = True
    account.save(update_fields=["password", "must_change_password"])
    issue = CredentialIssue.objects.create(account=account, kind=CredentialIssue.Kind.RESET, requested_by=by)
    audit.record(audit.Event.PASSWORD_RESET, request=request, actor=by, target=account)
    return issue


@transaction.atomic
def credential_confirm(*, by: User, issue: CredentialIssue, request: Any = None) -> str:
    """The owner organization confirms ISSUE: a generated password, shown to BY once, changed at first login."""
    issue = CredentialIssue.objects.select_for_update(of=("self",)).select_related("account").get(pk=issue.pk)
    if issue.status != CredentialIssue.Status.PENDING:
        raise AccountError("该密码申请已处理，不能再次确认。")
    account = issue.account
    if not permissions.may_confirm_credential(by, account):
        raise AccountError("只有该账号所属党组织的管理员可以确认。")
    password = set_generated_password(account)
    account.save()
    issue.status = CredentialIssue.Status.CONFIRMED
    issue.confirmed_by = by
    issue.confirmed_at = timezone.now()
    issue.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit.record(
        audit.Event.CREDENTIAL_CONFIRMED,
        request=request,
        actor=by,
        target=account,
        data={"kind": issue.kind, "requested_by": issue.requested_by.username if issue.requested_by else None},
    )
    return password


@transaction.atomic
def account_set_active(*, by: User, account: User, active: bool, request: Any = None) -> User:
    _require_sysadmin_over(by, account=account)
    if account.is_active == active:
        return account
    account.is_active = active
    account.save(update_fields=["is_active"])
    event = audit.Event.ACCOUNT_ENABLED if active else audit.Event.ACCOUNT_DISABLED
    audit.record(event, request=request, actor=by, target=account)
    return account


# --- roles ------------------------------------------------------------------------


def check_exclusive(*, user: User, role: str) -> None:
    """三员分立: an administrator role excludes every other role of the account, and the other way round."""
    held = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    admin_held = held & set(ADMIN_ROLES)
    if role in ADMIN_ROLES:
        others = held - {role}
        if others:
            labels = "、".join(sorted(Role(r).label for r in others))
            raise AccountError(f"{Role(role).label}账号不能兼任其他角色（该账号已有：{labels}）。")
    elif admin_held:
        labels = "、".join(sorted(Role(r).label for r in admin_held))
        raise AccountError(f"该账号是{labels}，三员账号不能兼任其他角色。")


@transaction.atomic
def role_grant(*, by: User | None, user: User, role: str, org: Organization) -> RoleAssignment:
    """Give USER the ROLE at ORG. BY is the granter; None only for the server console (administrator roles)."""
    if role not in Role.values:
        raise AccountError("未知的角色。")
    if by is not None:
        if by.pk == user.pk:
            raise AccountError("不能给自己分配角色。")
        if role in ADMIN_ROLES:
            raise AccountError("三员（系统、安全、审计管理员）角色只能在服务器上用 manage.py admin_role 授予。")
        if not permissions.can_grant(by, role, org.path):
            raise AccountError(f"您无权在“{org.name}”授予“{Role(role).label}”角色。")
    # Lock the account's roles so that two grants at once cannot both pass the exclusivity check.
    list(User.objects.select_for_update().filter(pk=user.pk))
    check_exclusive(user=user, role=role)
    if RoleAssignment.objects.filter(user=user, role=role, org=org).exists():
        raise AccountError(f"{user}已在“{org.name}”担任“{Role(role).label}”。")
    return RoleAssignment.objects.create(user=user, role=role, org=org)


@transaction.atomic
def role_revoke(*, by: User | None, assignment: RoleAssignment) -> None:
    if by is not None:
        if assignment.user_id == by.pk:
            raise AccountError("不能撤销自己的角色。")
        if assignment.role in ADMIN_ROLES:
            raise AccountError("三员角色只能在服务器上用 manage.py admin_role 撤销。")
        if not permissions.can_grant(by, assignment.role, assignment.org.path):
            raise AccountError(f"您无权撤销“{assignment.org.name}”的“{assignment.get_role_display()}”角色。")
    assignment.delete()
