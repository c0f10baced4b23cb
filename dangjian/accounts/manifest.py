"""What the accounts app declares: the three administrators' workspaces and role granting."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.manifests import AppManifest, DemoAccount, Landing, MenuEntry, Seeder

from . import member_accounts, permissions
from .conf import AccountsSettings


def _may_grant(user: object) -> bool:
    return bool(permissions.granting_paths(user))


def _may_confirm(user: object) -> bool:
    return bool(permissions.granting_paths(user)) and not permissions.is_administrator(user)


def _administrator_home(user: object) -> str:
    return reverse(permissions.home_for_administrator(user) or "core:home")


manifest = AppManifest(
    app="accounts",
    label="账号与角色",
    menu=(
        MenuEntry(
            "账号管理", "accounts:users", "admin", permissions.is_sysadmin, icon="bi-person-gear", nav="accounts"
        ),
        MenuEntry("角色分配", "accounts:roles", "admin", _may_grant, icon="bi-person-badge", order=10, nav="roles"),
        MenuEntry(
            "密码确认",
            "accounts:credentials",
            "admin",
            _may_confirm,
            icon="bi-key",
            order=15,
            nav="credentials",
        ),
        MenuEntry(
            "党员账号",
            "accounts:member_accounts",
            "admin",
            member_accounts.may_make_member_accounts,
            icon="bi-person-vcard",
            order=12,
            nav="member_accounts",
        ),
        MenuEntry(
            "安全策略",
            "accounts:security",
            "admin",
            permissions.is_secadmin,
            icon="bi-shield-lock",
            order=20,
            nav="security",
        ),
        MenuEntry(
            "登录锁定",
            "accounts:lockouts",
            "admin",
            permissions.is_secadmin,
            icon="bi-unlock",
            order=30,
            nav="lockouts",
        ),
    ),
    # 三员 go to their own workspaces, before anything else.
    landings=(Landing(permissions.is_administrator, _administrator_home, order=0),),
    urls=(("accounts/", "dangjian.accounts.urls"),),
    seeders=(Seeder("accounts", "dangjian.accounts.demo:seed_administrators"),),
    demo_accounts=(
        DemoAccount("系统管理员", "xitong"),
        DemoAccount("安全管理员", "anquan"),
        DemoAccount("审计管理员", "shenji"),
    ),
    permission_rows="dangjian.accounts.tests.permission_rows",
    settings=AccountsSettings,
)
