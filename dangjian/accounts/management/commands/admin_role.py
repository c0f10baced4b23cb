"""Give or take the three administrator roles (三员), at the server only.

    manage.py admin_role list
    manage.py admin_role grant  USERNAME sysadmin|secadmin|auditor ORG_CODE [--create]
    manage.py admin_role revoke USERNAME sysadmin|secadmin|auditor ORG_CODE

The web never grants these roles (see accounts.permissions): whoever holds one
could otherwise make an account of their own into another. An administrator
account holds no other role. `--create` makes the account when it does not
exist yet, with a generated password that is printed once and must be changed
at the first login. Every change is in the audit trail (with no actor: the console).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dangjian.accounts import services
from dangjian.accounts.models import ADMIN_ROLES, Role, RoleAssignment, User
from dangjian.orgs.models import Organization


class Command(BaseCommand):
    help = "在服务器上授予或撤销三员（系统管理员、安全管理员、审计管理员）角色。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "grant", "revoke"])
        parser.add_argument("username", nargs="?")
        parser.add_argument("role", nargs="?", choices=[str(r) for r in ADMIN_ROLES])
        parser.add_argument("org", nargs="?", help="组织编码，如 GW")
        parser.add_argument("--create", action="store_true", help="账号不存在时新建（生成初始密码）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for ra in (
                RoleAssignment.objects.filter(role__in=ADMIN_ROLES)
                .select_related("user", "org")
                .order_by("role", "org__path")
            ):
                self.stdout.write(f"{ra.get_role_display()}\t{ra.user.username}\t{ra.org.name}（{ra.org.code}）")
            return
        username, role, code = options["username"], options["role"], options["org"]
        if not (username and role and code):
            raise CommandError("请给出用户名、角色（sysadmin/secadmin/auditor）和组织编码。")
        org = Organization.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"没有编码为 {code} 的组织。")
        try:
            with transaction.atomic():
                if options["action"] == "grant":
                    self._grant(username, role, org, create=options["create"])
                else:
                    account = User.objects.filter(username=username).first()
                    assignment = RoleAssignment.objects.filter(user=account, role=role, org=org).first()
                    if assignment is None:
                        raise CommandError(f"{username} 在 {org.name} 没有{Role(role).label}角色。")
                    services.role_revoke(by=None, assignment=assignment)
                    self.stdout.write(self.style.SUCCESS(f"已撤销 {username} 在 {org.name} 的{Role(role).label}角色。"))
        except services.AccountError as e:
            raise CommandError(e.message) from None

    def _grant(self, username: str, role: str, org: Organization, *, create: bool) -> None:
        account = User.objects.filter(username=username).first()
        password = None
        if account is None:
            if not create:
                raise CommandError(f"没有用户名为 {username} 的账号（如需新建，请加 --create）。")
            account = User(username=username, display_name=Role(role).label)
            password = services.set_generated_password(account)
            account.save()
        services.role_grant(by=None, user=account, role=role, org=org)
        self.stdout.write(self.style.SUCCESS(f"已授予 {username} 在 {org.name} 的{Role(role).label}角色。"))
        if password:
            self.stdout.write(f"初始密码（只显示这一次，首次登录须修改）：{password}")
