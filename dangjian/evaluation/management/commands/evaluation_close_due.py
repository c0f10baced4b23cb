"""manage.py evaluation_close_due: close (and tally) every round past its deadline; run it from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dangjian.evaluation import services


class Command(BaseCommand):
    help = "结束已过截止时间的述职评议并计票"

    def handle(self, *args: Any, **options: Any) -> None:
        n = services.close_due_rounds()
        self.stdout.write(f"已结束 {n} 次述职评议。")
