"""Demo data of the transfers app (seed_demo finds it in the manifest; it runs after the other seeders).

Per committee: letters out this year and last (most receipts back, some overdue, a few marked
expired, one or two cancelled), their members off the roster with the move in their history;
letters in (most placed in a branch as new roster members, a few waiting, one sent back);
and members in flow, most still away. Members leave only from branches with plenty of party
members, at most one each, so the organizations' setup rules come out as before. Nobody with
an account leaves. Deterministic: everything random comes from `ctx.rng("transfers")`, dates
from `ctx.today`; bulk writes only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Max
from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.core import crypto, idcard, scoping
from dangjian.core.masking import mask_id_number, mask_phone
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member, Post, Status, Transfer
from dangjian.people.pinyin import initials
from dangjian.people.selectors import party_members_in

from .conf import TransfersSettings
from .models import FlowMember, FlowStatus, InLetter, InStatus, OutLetter, OutStatus

SPECS = {  # letters out (this year, last year), letters in this year, members in flow
    # The small `demo` set keeps its roster as the kernel seeds it (300 people): members in flow only.
    "demo": ((0, 0), 0, 10),
    "city": ((36, 20), 30, 60),
    "province": ((12, 6), 8, 20),
}
DESTINATIONS = (
    ("中共北京市委组织部", "省级党委组织部"),
    ("中共内蒙古自治区直属机关工委", "自治区直属机关工委"),
    ("中共包头市委组织部", "市委组织部"),
    ("中共鄂尔多斯市东胜区委组织部", "区委组织部"),
    ("中共赤峰市红山区委组织部", "区委组织部"),
    ("中共天津市河西区委组织部", "区委组织部"),
    ("中共呼伦贝尔市海拉尔区委组织部", "区委组织部"),
    ("中共乌兰察布市集宁区委组织部", "区委组织部"),
    ("中共北京大学委员会组织部", "高校党委"),
    ("中共某中央企业党委组织部", "企业党委"),
)
REASONS = ("工作调动", "考入外地公务员", "退休回原籍", "随配偶调动", "升学（研究生）", "辞职到外地工作")
ORIGINS = (
    "中共山西省直属机关工委", "中共河北省张家口市委组织部", "中共陕西省榆林市委组织部", "中共辽宁省大连市委组织部",
    "中共内蒙古大学委员会", "中共通辽市科尔沁区委组织部", "中共宁夏回族自治区直属机关工委",
)  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = ("伟", "芳", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英",
         "建华", "晓东", "海燕", "志强", "丽娜", "文博", "思远", "雅琴", "国庆", "春梅")  # fmt: skip
PLACES = (
    ("北京市海淀区", "某信息技术有限公司"), ("上海市浦东新区", "某金融服务公司"), ("广东省深圳市南山区", "某科技公司"),
    ("浙江省杭州市滨江区", "某电子商务公司"), ("江苏省苏州工业园区", "某制造企业"), ("天津市滨海新区", "某物流公司"),
    ("内蒙古鄂尔多斯市", "某能源集团"), ("陕西省西安市", "某设计研究院"), ("四川省成都市高新区", "某软件公司"),
    ("海南省三亚市", "援建项目指挥部"),
)  # fmt: skip


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), timezone.get_current_timezone())


def _day_in(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def seed_transfers(ctx: SeedContext) -> None:
    if not ctx.people:
        return
    rng = ctx.rng("transfers")
    today, year = ctx.today, ctx.today.year
    (n_out, n_out_last), n_in, n_flow = SPECS.get(ctx.scale, SPECS["demo"])
    root = ctx.root
    branches = list(scoping.in_subtree(Organization.objects.filter(kind=OrgKind.BRANCH), root, "").order_by("path"))
    if not branches:
        return
    # Party members by branch (most sit in the branch's party groups), one query.
    by_path = {b.path: b for b in branches}
    step = Organization.steplen
    rows = list(party_members_in(root).values_list("pk", "org_id", "org__path").order_by("org__path", "pk"))
    per_org = Counter(org_id for _, org_id, _ in rows)
    with_accounts = set(User.objects.exclude(person=None).values_list("person_id", flat=True))
    pools: dict[int, list[int]] = {}
    branch_of: dict[int, Organization] = {}
    for pk, org_id, path in rows:
        branch = next((by_path[path[:i]] for i in range(step, len(path) + 1, step) if path[:i] in by_path), None)
        # Nobody with an account, nobody from an organization of few members (its setup rules stay as they were).
        if branch is not None and pk not in with_accounts and per_org[org_id] >= 5:
            pools.setdefault(branch.pk, []).append(pk)
            branch_of[pk] = branch
    big = [b for b in branches if len(pools.get(b.pk, ())) >= 8]
    rng.shuffle(big)
    chosen = [rng.choice(pools[b.pk]) for b in big[: n_out + n_out_last]]
    people_by_pk = Member.objects.in_bulk(chosen)
    leavers = [people_by_pk[pk] for pk in chosen]

    # ------------------------------------------------------------ letters out
    conf = TransfersSettings.current()
    seqs: dict[int, int] = {}
    letters: list[OutLetter] = []
    for i, m in enumerate(leavers):
        y = year if i < n_out else year - 1
        if y not in seqs:
            seqs[y] = OutLetter.objects.filter(year=y).aggregate(s=Max("seq"))["s"] or 0
        issued = _day_in(rng, dt.date(y, 1, 5), today if y == year else dt.date(y, 12, 20))
        seqs[y] += 1
        dest, level = rng.choice(DESTINATIONS)
        letter = OutLetter(
            number=conf.number_format.format(issuer=conf.issuer, year=y, seq=seqs[y]), year=y, seq=seqs[y],
            member=m, org=branch_of[m.pk], member_name=m.name, member_gender=m.get_gender_display(),
            member_age=_age(m.birth_date, issued), member_ethnicity=m.ethnicity, member_status=m.get_status_display(),
            member_id_masked=m.id_number_masked, dest_name=dest, dest_level=level,
            dest_contact=f"0{rng.randint(10, 999)}-{rng.randint(2000000, 8999999)}", reason=rng.choice(REASONS),
            issued_on=issued, valid_days=conf.validity_days, valid_until=issued + dt.timedelta(days=conf.validity_days),
            issued_at=_at(issued),
        )  # fmt: skip
        roll = rng.random()
        back = issued + dt.timedelta(days=rng.randint(4, 26))
        if i in (3, n_out + 2):  # the move did not happen
            letter.status, letter.cancelled_at, letter.cancel_reason = OutStatus.CANCELLED, _at(issued, 16), "调动取消"
        elif back <= today and roll < (0.78 if letter.valid_until < today else 0.4):
            letter.status, letter.receipt_on, letter.returned_at = OutStatus.RETURNED, back, _at(back + dt.timedelta(3))
            letter.receipt_org_name = dest.replace("组织部", "") + "机关党委"
        elif letter.valid_until < today and roll < 0.88:
            letter.status, letter.expired_at = OutStatus.EXPIRED, _at(letter.valid_until + dt.timedelta(days=1), 2)
        letters.append(letter)  # otherwise issued: within its validity, or overdue and not marked yet
    OutLetter.objects.bulk_create(letters)
    gone = [x for x in letters if x.status != OutStatus.CANCELLED]
    for x in gone:
        Member.everyone.filter(pk=x.member_id).update(left_on=x.issued_on, left_reason=f"组织关系转出（{x.number}）")
        Post.objects.filter(member_id=x.member_id, ended_on__isnull=True).update(ended_on=x.issued_on)
    names = dict(Organization.objects.filter(pk__in={x.member.org_id for x in letters}).values_list("pk", "name"))
    Transfer.objects.bulk_create(
        Transfer(member_id=x.member_id, from_org_id=x.member.org_id, from_org_name=names[x.member.org_id], to_org=None,
                 to_org_name=x.dest_name, transferred_on=x.issued_on, reason=f"组织关系转出（{x.number}）")
        for x in gone
    )  # fmt: skip

    # ------------------------------------------------------------ letters in
    taken = set(Member.everyone.values_list("id_number_digest", flat=True))
    # (number, origin) is unique: the committees of the province scale draw the same numbers.
    serial = "" if ctx.committee_index == 0 else f"{ctx.committee_index + 1}-"
    incoming: list[InLetter] = []
    newcomers: list[Member] = []
    places: list[Organization] = []
    for i in range(n_in):
        male = rng.random() < 0.55
        born = dt.date(rng.randint(1966, 1999), rng.randint(1, 12), rng.randint(1, 28))
        while True:
            first17 = f"150{rng.randint(102, 999):03d}{born:%Y%m%d}{rng.randint(0, 499) * 2 + (1 if male else 0):03d}"
            number = first17 + idcard.check_digit(first17)
            if crypto.digest(number) not in taken:
                taken.add(crypto.digest(number))
                break
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        received = _day_in(rng, dt.date(year, 1, 8), today)
        probationary = rng.random() < 0.1
        if probationary:  # admitted less than a year before
            joined = received - dt.timedelta(days=rng.randint(60, 300))
        else:
            joined = dt.date(min(born.year + rng.randint(19, 30), year - 2), rng.randint(1, 12), 1)
        phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        inl = InLetter(
            number=f"{rng.choice(('晋', '冀', '陕', '辽', '宁'))}组转〔{year}〕{rng.randint(1, 300)}号-{serial}{i + 1}",
            origin_name=rng.choice(ORIGINS), origin_contact=f"0{rng.randint(10, 999)}-{rng.randint(2000000, 8999999)}",
            received_on=received, org=root, name=name, gender="M" if male else "F", ethnicity="汉族", birth_date=born,
            party_status=Status.PROBATIONARY if probationary else Status.FULL, joined_party_on=joined,
            phone_masked=mask_phone(phone), reason=rng.choice(REASONS), received_at=_at(received),
        )  # fmt: skip
        inl.id_number_digest = crypto.digest(number)
        inl.id_number_masked = mask_id_number(number)
        if i % 10 == 9:  # sent back
            inl.status, inl.returned_at, inl.return_reason = (
                InStatus.RETURNED, _at(received, 15), "介绍信抬头有误，已退回重开"
            )  # fmt: skip
        elif i % 10 == 8 or received > today - dt.timedelta(days=3):  # waiting to be placed
            inl.id_number_enc = crypto.encrypt(number)
            inl.phone_enc = crypto.encrypt(phone)
        else:
            branch = rng.choice(branches)
            placed = min(received + dt.timedelta(days=rng.randint(1, 10)), today)
            member = Member(
                name=name, name_initials=initials(name), gender=inl.gender, ethnicity="汉族", birth_date=born,
                status=inl.party_status, joined_party_on=joined, org=branch, education="bachelor",
            )  # fmt: skip
            member.id_number = number
            member.phone = phone
            newcomers.append(member)
            places.append(branch)
            inl.status, inl.org, inl.placed_on, inl.placed_at = InStatus.PLACED, branch, placed, _at(placed)
        incoming.append(inl)
    Member.objects.bulk_create(newcomers)
    by_digest = {m.id_number_digest: m for m in newcomers}
    for inl in incoming:
        if inl.status == InStatus.PLACED:
            inl.member = by_digest[inl.id_number_digest]
    InLetter.objects.bulk_create(incoming)
    Transfer.objects.bulk_create(
        Transfer(member=x.member, from_org=None, to_org=x.org, from_org_name=x.origin_name, to_org_name=x.org.name,
                 transferred_on=x.placed_on or x.received_on, reason=f"组织关系转入（{x.number}）")
        for x in incoming if x.status == InStatus.PLACED
    )  # fmt: skip

    # ------------------------------------------------------------ members in flow
    leaving = set(chosen)
    pool_branches = rng.sample(branches, k=min(len(branches), n_flow))
    flows: list[FlowMember] = []
    for b in pool_branches:
        candidates = [pk for pk in pools.get(b.pk, ()) if pk not in leaving]
        if not candidates:
            continue
        member_id = rng.choice(candidates)
        place, employer = rng.choice(PLACES)
        since = _day_in(rng, today - dt.timedelta(days=540), today - dt.timedelta(days=7))
        flow = FlowMember(
            member_id=member_id, org=b, place=place, employer=employer,
            contact=f"13{rng.randint(0, 9)}{rng.randint(1000, 9999)}****", since=since,
            expected_return=since + dt.timedelta(days=rng.choice((180, 365, 730))), started_at=_at(since),
        )  # fmt: skip
        if rng.random() < 0.3:
            back = _day_in(rng, since + dt.timedelta(days=20), today)
            flow.status, flow.returned_on, flow.returned_at = FlowStatus.RETURNED, back, _at(back)
        flows.append(flow)
    FlowMember.objects.bulk_create(flows)

    ctx.counts["组织关系转出介绍信"] = len(letters)
    ctx.counts["组织关系转入介绍信"] = len(incoming)
    ctx.counts["流动党员"] = len(flows)
