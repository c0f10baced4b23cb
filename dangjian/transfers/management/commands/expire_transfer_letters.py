"""Mark every letter out whose validity passed without a receipt as expired (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dangjian.transfers import services


class Command(BaseCommand):
    help = "将有效期已过、回执未返回的组织关系介绍信标记为已过期"

    def handle(self, *args: Any, **options: Any) -> None:
        done = services.letters_expire_overdue()
        self.stdout.write(f"已标记为过期的介绍信：{done} 封")
