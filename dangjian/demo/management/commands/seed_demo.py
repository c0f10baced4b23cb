"""manage.py seed_demo --scale demo|city|province [--seed N] [--if-empty] [--today YYYY-MM-DD] [--without-people]

Loads a realistic committee into an empty database and prints the demo
accounts. The same seed and day give the same data; dates (terms due soon,
overdue …) are laid out around the day, today by default.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dangjian.demo.accounts import account_lines
from dangjian.demo.builder import seed
from dangjian.demo.plan import SCALES
from dangjian.orgs.models import Organization


class Command(BaseCommand):
    help = "生成演示数据（一个市直属机关工委及其党组织、人员、换届和演示账号）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="demo",
            help="规模：demo（小）、city（一个市）、province（100 个市，仅供压测）",
        )
        parser.add_argument("--seed", type=int, default=1, help="随机种子，相同种子生成相同数据（默认 1）")
        parser.add_argument(
            "--if-empty", action="store_true", help="数据库中已有党组织时什么也不做（供 make run 使用）"
        )
        parser.add_argument("--today", help="以该日期为“今天”安排任期等日期（YYYY-MM-DD，默认今天）")
        parser.add_argument(
            "--without-people",
            action="store_true",
            help="只生成党组织、单位和换届，不生成人员（供导入花名册测试）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.ENVIRONMENT == "production":
            raise CommandError("生产环境不能生成演示数据：演示账号的密码是公开的。")
        existing = Organization.objects.count()
        if existing:
            if options["if_empty"]:
                self.stdout.write("数据库中已有数据，未重新生成演示数据。")
                self._print_accounts(heading="演示账号：")
                return
            raise CommandError(
                f"数据库中已有 {existing} 个党组织，未写入演示数据，以免与现有数据混在一起。"
                "如需演示数据，请使用空数据库（例如先执行 manage.py flush），"
                "或加 --if-empty 在已有数据时跳过。"
            )
        today = None
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"日期格式不正确：{options['today']}（应为 YYYY-MM-DD）") from None
        scale = options["scale"]
        if scale == "province":
            self.stdout.write("正在生成 province 规模数据（100 个工委，约 120 万人），需要较长时间……")
        result = seed(
            scale=scale,
            seed=options["seed"],
            today=today,
            people=not options["without_people"],
            progress=self.stdout.write,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成演示数据（{result.scale}，种子 {result.seed}，以 {result.today:%Y-%m-%d} 为今天）："
                f"机关单位 {result.units} 个，党组织 {result.organizations} 个，人员 {result.people} 名，"
                f"党内职务 {result.posts} 条，用时 {result.seconds:.1f} 秒。"
            )
        )
        for key, value in sorted(result.extra.items()):
            self.stdout.write(f"  {key}: {value}")
        self._print_accounts(heading="演示账号（仅供演示，请勿用于生产环境）：")

    def _print_accounts(self, *, heading: str) -> None:
        lines = account_lines()
        if lines:
            self.stdout.write(heading)
            for line in lines:
                self.stdout.write(line)
