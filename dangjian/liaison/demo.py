"""Demo data of the liaison app (seed_demo finds it in the manifest).

Per committee: its leaders and a few more cadres of its own organ, each paired
with a few organizations (some since last year, one pairing already ended),
visits through the year up to `ctx.today` with follow-up items (most closed),
about ten mobile lectures held this year with their attendances, two more
scheduled, and the organizations' requests in every state. A good share of the
organizations stays unvisited, as in a real year.

Deterministic: everything random comes from `ctx.rng("liaison")`, dates from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind

from .models import (
    FollowUp,
    FollowUpStatus,
    LectureAttendance,
    LectureRequest,
    LectureStatus,
    LiaisonPoint,
    MobileLecture,
    RequestStatus,
    Visit,
)
from .selectors import VISITABLE_KINDS, cadre_choices, roster_of

SPECS = {  # cadres paired, organizations per cadre, lectures held this year
    "demo": (4, (2, 3), 6),
    "city": (10, (3, 5), 10),
    "province": (6, (3, 4), 6),
}
FOUND = (
    "支部“三会一课”记录齐全，主题党日形式较单一，青年党员参与度不高。",
    "党员活动室面积达标，但党建书籍资料陈旧，部分制度未上墙。",
    "支部书记履职认真，党员发展计划按期推进，入党积极分子培养联系人落实到位。",
    "业务与党建“两张皮”现象仍有存在，党建工作计划与单位重点任务结合不紧。",
    "党费收缴及时，台账清楚；组织生活会查摆问题较笼统，整改措施不够具体。",
    "新调整支部班子尚在磨合，组织委员对发展党员程序不熟悉。",
)
ADVISED = (
    "结合业务工作设计主题党日，组织青年党员轮流讲党课。",
    "更新党建书刊，按“七有”标准补齐制度上墙内容。",
    "将党建工作与年度重点任务同部署、同检查。",
    "组织生活会前开展谈心谈话，问题查摆要具体到人到事。",
    "组织委员参加工委党务干部培训班，学习发展党员工作细则。",
)
FOLLOW_UPS = (
    "补齐党员活动室制度上墙",
    "报送年度党建工作计划",
    "整改组织生活会查摆的问题清单",
    "组织委员参加党务干部培训",
    "更新党建书刊资料",
    "完善入党积极分子培养考察记录",
)
TOPICS = (
    "学习贯彻党的二十届四中全会精神",
    "机关党建与业务工作深度融合的路径",
    "新时代党员干部的纪律规矩意识",
    "《中国共产党支部工作条例（试行）》解读",
    "发展党员工作细则与常见问题",
    "铸牢中华民族共同体意识",
    "弘扬“蒙古马精神”，争做模范机关",
    "党费收缴、使用和管理的规定解读",
    "以案为鉴：机关作风建设警示教育",
    "数字政府建设中的党员先锋作用",
    "党的创新理论的学理阐释",
    "基层党组织标准化规范化建设",
)
LECTURERS = (
    "市委党校 王建华 教授",
    "市直机关工委 常务副书记",
    "市委讲师团 李晓梅 副团长",
    "市纪委监委 赵志刚 处长",
    "内蒙古大学 马克思主义学院 高云 副教授",
    "市直机关工委组织部 部长",
)
PLACES = ("机关会议室", "党员活动室", "单位报告厅", "三楼会议室")


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_current_timezone())


def seed_liaison(ctx: SeedContext) -> None:
    if not ctx.people:
        return
    rng = ctx.rng("liaison")
    today, year = ctx.today, ctx.today.year
    jan1 = dt.date(year, 1, 1)
    n_cadres, per_cadre, n_lectures = SPECS.get(ctx.scale, SPECS["demo"])
    root = ctx.root
    cadres = sorted(cadre_choices(root), key=lambda m: (m.cadre_rank != "division", m.name_initials, m.pk))[:n_cadres]
    orgs = list(scoping.in_subtree(Organization.objects.filter(kind__in=VISITABLE_KINDS), root, "").order_by("path"))
    # A cadre visits other organizations, not the committee's own organ where they work.
    own = {path for c in cadres for path in tree.ancestor_paths(c.org.path)}
    orgs = [o for o in orgs if o.path not in own]
    if not cadres or not orgs:
        return
    # Bureaus' party committees first (leaders visit them), then branches.
    wanted = [o for o in orgs if o.kind == OrgKind.PARTY_COMMITTEE] + rng.sample(
        [o for o in orgs if o.kind != OrgKind.PARTY_COMMITTEE], k=min(len(orgs) // 3, 80)
    )
    rng.shuffle(wanted)

    points: list[LiaisonPoint] = []
    for i, cadre in enumerate(cadres):
        for _ in range(rng.randint(*per_cadre)):
            if not wanted:
                break
            org = wanted.pop()
            since_last_year = rng.random() < 0.6
            started = (
                dt.date(year - 1, rng.choice((3, 4, 5)), 1) if since_last_year else dt.date(year, rng.randint(1, 4), 1)
            )
            ended = dt.date(year, 6, 30) if i == 0 and not points else None  # one pairing already over
            points.append(
                LiaisonPoint(cadre=cadre, org=org, started_on=started, ended_on=ended, notes="联系指导基层党建工作")
            )
    LiaisonPoint.objects.bulk_create(points)

    visits: list[Visit] = []
    for p in points:
        first = max(p.started_on, jan1)
        last = min(p.ended_on or today, today)
        if rng.random() < 0.15 or last < first:  # paired but not visited yet this year
            continue
        span = (last - first).days
        days = sorted({first + dt.timedelta(days=rng.randint(0, span)) for _ in range(rng.randint(1, 4))})
        if p.started_on.year < year:
            days.insert(0, dt.date(year - 1, rng.randint(p.started_on.month, 12), rng.randint(1, 28)))
        for day in days:
            visits.append(
                Visit(point=p, org_id=p.org_id, visited_on=day, found=rng.choice(FOUND), advised=rng.choice(ADVISED))
            )
    Visit.objects.bulk_create(visits)

    followups: list[FollowUp] = []
    for v in visits:
        if rng.random() < 0.5:
            continue
        closed = (today - v.visited_on).days > 45 and rng.random() < 0.8
        followups.append(
            FollowUp(
                visit=v,
                content=rng.choice(FOLLOW_UPS),
                status=FollowUpStatus.CLOSED if closed else FollowUpStatus.OPEN,
                closed_at=_at(v.visited_on + dt.timedelta(days=rng.randint(10, 40))) if closed else None,
                closed_note="已整改到位，工委复核通过。" if closed else "",
            )
        )
    FollowUp.objects.bulk_create(followups)

    # Mobile lectures: N held this year (before today), two scheduled ahead.
    hosts = rng.sample(orgs, k=min(len(orgs), n_lectures + 2))
    lectures: list[MobileLecture] = []
    last_day = max((today - jan1).days - 1, 1)
    for i, org in enumerate(hosts):
        held = i < n_lectures
        day = jan1 + dt.timedelta(days=rng.randint(0, last_day)) if held else today + dt.timedelta(days=7 + 14 * i % 30)
        lectures.append(
            MobileLecture(
                topic=TOPICS[i % len(TOPICS)],
                lecturer=rng.choice(LECTURERS),
                org=org,
                held_on=day,
                place=rng.choice(PLACES),
                status=LectureStatus.HELD if held else LectureStatus.SCHEDULED,
                scheduled_at=_at(day - dt.timedelta(days=20), 9),
                held_at=_at(day, 17) if held else None,
            )
        )
    MobileLecture.objects.bulk_create(lectures)

    attendances: list[LectureAttendance] = []
    for lec in lectures:
        if lec.status != LectureStatus.HELD:
            continue
        roster = list(roster_of(lec.org).values_list("pk", flat=True))
        for pk in rng.sample(roster, k=min(len(roster), rng.randint(18, 45))):
            attendances.append(LectureAttendance(lecture=lec, member_id=pk))
    LectureAttendance.objects.bulk_create(attendances, batch_size=2000)

    # Requests: the first lectures answered one; more are waiting or were declined.
    requests: list[LectureRequest] = []
    for i, lec in enumerate(lectures):
        if i % 2 and lec.status == LectureStatus.HELD:
            continue
        asked = lec.scheduled_at - dt.timedelta(days=rng.randint(5, 30))
        held = lec.status == LectureStatus.HELD
        requests.append(
            LectureRequest(
                org=lec.org,
                topic=lec.topic,
                notes="面向全体党员，希望安排在周五下午。",
                requested_at=asked,
                status=RequestStatus.HELD if held else RequestStatus.SCHEDULED,
                lecture=lec,
                scheduled_at=lec.scheduled_at,
                held_at=lec.held_at,
            )  # fmt: skip
        )
    for j, org in enumerate(rng.sample(orgs, k=min(len(orgs), 4))):
        declined = j == 3
        requests.append(
            LectureRequest(
                org=org,
                topic=TOPICS[(j + 5) % len(TOPICS)],
                notes="希望结合本单位业务讲授。",
                requested_at=_at(today - dt.timedelta(days=3 + 9 * j), 15),
                status=RequestStatus.DECLINED if declined else RequestStatus.REQUESTED,
                declined_at=_at(today - dt.timedelta(days=1), 11) if declined else None,
                decline_reason="本季度讲堂已排满，建议参加工委集中辅导。" if declined else "",
            )  # fmt: skip
        )
    LectureRequest.objects.bulk_create(requests)

    ctx.counts["联系点"] = len(points)
    ctx.counts["联系点走访"] = len(visits)
    ctx.counts["跟进事项"] = len(followups)
    ctx.counts["流动讲堂"] = len(lectures)
    ctx.counts["流动讲堂听讲人次"] = len(attendances)
    ctx.counts["讲堂点单"] = len(requests)
