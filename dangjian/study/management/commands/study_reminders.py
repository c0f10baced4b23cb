"""manage.py study_reminders [--org CODE] [--date YYYY-MM-DD] [--format text|json]

Lists what is due in an organization's subtree (the committee's by default):
organization-life periods missed or due, leadership groups without a session
this quarter, overdue observer write-ups, short notices, sessions not yet
recorded. For a daily cron job that mails the list, or a look from the shell.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dangjian.core import tree
from dangjian.orgs.models import Organization
from dangjian.study.selectors.reminders import reminders_for


class Command(BaseCommand):
    help = "列出待办提醒：组织生活缺项和本期待开、中心组学习频次、列席报告逾期等"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", help="组织编码（含下级），默认全部工委")
        parser.add_argument("--date", help="以该日期为今天（YYYY-MM-DD）")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"日期格式不正确：{options['date']}（应为 YYYY-MM-DD）") from None
        orgs = Organization.objects.all()
        if options.get("org"):
            root = Organization.objects.filter(code=options["org"]).first()
            if root is None:
                raise CommandError(f"组织编码 {options['org']} 不存在")
            orgs = orgs.filter(tree.subtree_q([root.path]))
        r = reminders_for(orgs, today)
        if options["format"] == "json":
            data = {
                "date": today.isoformat(),
                "org_life_behind": [{"code": s.code, "name": s.name, "missing": s.missing_labels} for s in r.behind],
                "org_life_due": [{"code": s.code, "name": s.name, "due": s.due_labels} for s in r.due],
                "groups_without_session_this_quarter": [
                    {"group": g.name, "org": g.org.code, "sessions": n} for g, n, _ in r.groups_due
                ],
                "overdue_writeups": [
                    {"observer": o.name, "session": o.session_id, "due_on": o.writeup_due_on.isoformat()}
                    for o in r.overdue_writeups
                ],
                "short_notice": [
                    {"observer": o.name, "session": o.session_id, "working_days": o.notice_working_days}
                    for o in r.short_notice
                ],
                "unrecorded_sessions": [
                    {"session": s.pk, "held_on": s.held_on.isoformat(), "group": s.group.name} for s in r.unrecorded
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for line in r.lines():
            self.stdout.write(line)
