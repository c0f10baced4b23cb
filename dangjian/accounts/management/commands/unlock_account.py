"""Clear the failed logins of an account, at the server's console.

    manage.py unlock_account USERNAME

The way back in for the security administrator when their own account is locked
(nobody else unlocks from the web): whoever can run commands on the server
already holds more than the web could give. Recorded on the audit trail with no
actor and the note that it came from the console.
"""

from __future__ import annotations

from typing import Any

import axes.utils
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dangjian.core import audit

from ... import lockout
from ...models import User


class Command(BaseCommand):
    help = "在服务器上解除账号的登录锁定（安全管理员本人被锁定时使用），并记入审计日志。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        account = User.objects.filter(username=username).first()
        if account is None:
            raise CommandError(f"没有用户名为“{username}”的账号。")
        with transaction.atomic():
            was_locked = lockout.is_locked(username)
            removed = axes.utils.reset(username=username)
            audit.record(
                audit.Event.UNLOCKED,
                actor=None,
                target=account,
                object_repr=username,
                data={"username": username, "was_locked": was_locked, "attempts_cleared": removed, "via": "console"},
            )
        state = "已解除锁定" if was_locked else "未处于锁定状态，已清除失败记录"
        self.stdout.write(self.style.SUCCESS(f"账号 {username} {state}（清除 {removed} 条），已记入审计日志。"))
