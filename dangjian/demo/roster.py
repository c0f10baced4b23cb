"""The seeded roster as an .xlsx in the import format (issue 2 §5), for the import benchmark.

Full ID numbers are decrypted into the file: it is demo data, written for a
throwaway benchmark database, and never served to anyone.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook

from dangjian.people.models import CadreRank, Education, Gender, Member, Post, Status

# fmt: off
HEADERS = [
    "姓名", "性别", "民族", "出生日期", "身份证号", "手机号", "学历", "工作单位", "职务", "职级",
    "人员类别", "入党日期", "所在组织编码", "党内职务", "任职日期",
]
# fmt: on


def write_roster(path: str | Path, members=None) -> int:
    """Write MEMBERS (default: everyone) to PATH; return the number of rows.

    A person's current posts in their own organization go in 党内职务
    (several joined with 、), with the earliest start as 任职日期; posts held
    elsewhere (a branch member who is 委员 of the 机关党委) have no column.
    """
    members = Member.objects.all() if members is None else members
    members = members.select_related("org", "unit").order_by("org__path", "id")
    posts: dict[int, list[Post]] = defaultdict(list)
    for post in Post.objects.filter(ended_on__isnull=True).order_by("started_on", "id"):
        posts[post.member_id].append(post)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人员名册")
    ws.append(HEADERS)
    count = 0
    for m in members.iterator(chunk_size=2000):
        own = [p for p in posts.get(m.pk, []) if p.org_id == m.org_id]
        ws.append(
            [
                m.name,
                Gender(m.gender).label,
                m.ethnicity,
                m.birth_date,
                m.id_number,
                m.phone,
                Education(m.education).label if m.education else "",
                m.unit.name if m.unit else "",
                m.job_title,
                CadreRank(m.cadre_rank).label if m.cadre_rank else "",
                Status(m.status).label,
                m.joined_party_on,
                m.org.code,
                "、".join(p.get_title_display() for p in own),
                own[0].started_on if own else None,
            ]
        )
        count += 1
    wb.save(path)
    return count
