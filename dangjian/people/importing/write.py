"""Writing a checked roster import in bulk, with its audit entries.

Everything here runs inside the import's transaction, after every row passed.
bulk_create/bulk_update bypass auditlog's signals, so each write appends the
entry auditlog would have written (masked personal data only) and they are
inserted in bulk at the end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from dangjian.core.importing import AuditContext, audit_value, chunked, insert_rows, save_audit_entries, update_by_pk
from dangjian.core.models import AuditEntry
from dangjian.orgs.models import Organization, Unit

from ..models import Member, Post, PostTitle, Transfer
from ..pinyin import initials
from .cells import MemberRow

BATCH = 500
# Names repeat (王伟, 张伟 …) and pinyin costs a dictionary walk: each name once per import.
_initials = lru_cache(maxsize=8192)(initials)
CREATE, UPDATE = AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE
TRANSFER_REASON = "名册导入更新所在组织"

# The columns each changed field occupies in the table.
DB_FIELDS = {
    "name": ["name", "name_initials"],
    "phone": ["phone_enc", "phone_masked"],
}
# What the audit trail shows for a field: never the plaintext phone number.
AUDIT_FIELD = {"phone": "phone_masked"}
MEMBER_AUDIT_FIELDS = [
    "id",
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number_masked",
    "phone_masked",
    "education",
    "unit",
    "job_title",
    "cadre_rank",
    "status",
    "joined_party_on",
    "org",
]


@dataclass
class NewPost:
    row: MemberRow
    title: str
    org: Organization


@dataclass
class Plan:
    """What the import will write, worked out before any write."""

    context: AuditContext
    orgs: dict[str, Organization] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    creates: list[MemberRow] = field(default_factory=list)
    updates: list[MemberRow] = field(default_factory=list)
    transfers: list[MemberRow] = field(default_factory=list)
    new_posts: list[NewPost] = field(default_factory=list)
    new_posts_by_row: dict[int, list[NewPost]] = field(default_factory=dict)
    ended_secretaries: list[Post] = field(default_factory=list)
    ended_by_transfer: list[Post] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)  # row number → saved member

    def posts_for(self, rows: list[MemberRow]) -> None:
        """Posts to create (those not already held), and secretaries they replace (as post_assign does)."""
        with_posts = [r for r in rows if r.titles]
        if not with_posts:
            return
        held: set[tuple[int, int, str]] = set()
        secretaries: dict[int, list[Post]] = defaultdict(list)
        org_ids = sorted({r.final["org"].pk for r in with_posts})
        for part in chunked(org_ids):
            for post in Post.objects.filter(org_id__in=part, ended_on__isnull=True).select_related("member"):
                held.add((post.member_id, post.org_id, post.title))
                if post.title == PostTitle.SECRETARY:
                    secretaries[post.org_id].append(post)
        naming_secretary: dict[int, list[MemberRow]] = defaultdict(list)
        for r in with_posts:
            org = r.final["org"]
            member_id = r.existing.pk if r.existing else None
            for title in r.titles:
                if title == PostTitle.SECRETARY:
                    naming_secretary[org.pk].append(r)
                if member_id is not None and (member_id, org.pk, title) in held:
                    continue
                new = NewPost(r, title, org)
                self.new_posts.append(new)
                self.new_posts_by_row.setdefault(r.number, []).append(new)
        for org_id, named in naming_secretary.items():
            if len(named) > 1:
                for r in named:
                    others = "、".join(f"第{o.number}行" for o in named if o is not r)
                    r.row.fail("党内职务", f"同一组织只能有一名书记，与{others}冲突")
                continue
            r = named[0]
            if r.number not in self.new_posts_by_row or not any(
                p.title == PostTitle.SECRETARY for p in self.new_posts_by_row[r.number]
            ):
                continue  # already the secretary
            for old in secretaries.get(org_id, []):
                if r.post_started is not None and r.post_started < old.started_on:
                    r.row.fail(
                        "任职日期",
                        f"任职日期早于现任书记{old.member.name}的任职日期（{old.started_on:%Y-%m-%d}），请核对",
                    )
                else:
                    old.ended_on = r.post_started
                    self.ended_secretaries.append(old)

    def posts_ending_with_transfers(self) -> None:
        """Posts the moved people held in their old organization end today, as member_transfer does."""
        moved = {r.existing.pk: r for r in self.transfers if r.existing is not None}
        already = {p.pk for p in self.ended_secretaries}
        today = timezone.localdate()
        for part in chunked(sorted(moved)):
            for post in Post.objects.filter(member_id__in=part, ended_on__isnull=True).select_related("org"):
                r = moved[post.member_id]
                old_path, new_path = r.old_org.path, r.final["org"].path
                if (
                    post.pk not in already
                    and post.org.path.startswith(old_path)
                    and not post.org.path.startswith(new_path)
                ):
                    post.ended_on = today
                    self.ended_by_transfer.append(post)


def write_plan(plan: Plan) -> None:
    entries: list[AuditEntry] = []
    _create_members(plan, entries)
    _update_members(plan, entries)
    _transfer(plan, entries)
    _posts(plan, entries)
    save_audit_entries(entries)


def _apply(member: Member, values: dict[str, Any], fields: list[str]) -> None:
    for name in fields:
        value = values[name]
        if name == "phone":
            member.phone = value or ""
        elif name == "name":
            member.name = value
            member.name_initials = _initials(value)
        else:
            setattr(member, name, value)


def _create_members(plan: Plan, entries: list[AuditEntry]) -> None:
    if not plan.creates:
        return
    ct = ContentType.objects.get_for_model(Member)
    fields = ["name", "gender", "ethnicity", "birth_date", "phone", "education", "unit", "job_title",
              "cadre_rank", "status", "joined_party_on", "org"]  # fmt: skip
    new: list[Member] = []
    for r in plan.creates:
        member = Member()
        _apply(member, r.final, fields)
        member.id_number = r.id_number
        new.append(member)
    insert_rows(new)
    _fetch_pks(new)
    for r, member in zip(plan.creates, new, strict=True):
        plan.members[r.number] = member
        changes = {f: ["None", audit_value(_audit_get(member, f))] for f in MEMBER_AUDIT_FIELDS}
        entries.append(
            plan.context.entry(member, action=CREATE, changes=changes, org_id=member.org_id, content_type=ct)
        )


def _fetch_pks(members: list[Member]) -> None:
    """The primary keys of members just inserted, found by their unique ID number digest."""
    by_digest = {m.id_number_digest: m for m in members}
    for part in chunked(list(by_digest)):
        for digest, pk in Member.objects.filter(id_number_digest__in=part).values_list("id_number_digest", "pk"):
            member = by_digest[digest]
            member.pk = pk
            member._state.adding = False
            member._state.db = "default"


def _audit_get(member: Member, name: str) -> Any:
    if name in ("unit", "org"):
        return getattr(member, f"{name}_id")
    return getattr(member, name)


def _update_members(plan: Plan, entries: list[AuditEntry]) -> None:
    ct = ContentType.objects.get_for_model(Member)
    now = timezone.now()
    changed_members: list[Member] = []
    db_fields: set[str] = set()
    for r in plan.updates:
        member = r.existing
        assert member is not None
        plan.members[r.number] = member
        if not r.changed:
            continue  # only new posts
        before = {f: _audit_get(member, AUDIT_FIELD.get(f, f)) for f in r.changed}
        _apply(member, r.final, r.changed)
        member.updated_at = now
        changes = {
            AUDIT_FIELD.get(f, f): [audit_value(before[f]), audit_value(_audit_get(member, AUDIT_FIELD.get(f, f)))]
            for f in r.changed
        }
        entries.append(
            plan.context.entry(member, action=UPDATE, changes=changes, org_id=member.org_id, content_type=ct)
        )
        changed_members.append(member)
        for f in r.changed:
            db_fields.update(DB_FIELDS.get(f, [f]))
    if changed_members:
        update_by_pk(changed_members, sorted(db_fields | {"updated_at"}))


def _transfer(plan: Plan, entries: list[AuditEntry]) -> None:
    """A changed organization is a transfer: recorded, and posts held in the old one end (member_transfer)."""
    if not plan.transfers:
        return
    today = timezone.localdate()
    transfers: list[Transfer] = []
    for r in plan.transfers:
        member, old = plan.members[r.number], r.old_org
        transfers.append(
            Transfer(
                member=member,
                from_org=old,
                to_org=member.org,
                from_org_name=old.name,
                to_org_name=member.org.name,
                transferred_on=today,
                reason=TRANSFER_REASON,
            )  # fmt: skip
        )
    Transfer.objects.bulk_create(transfers, batch_size=BATCH)
    ct = ContentType.objects.get_for_model(Transfer)
    for t in transfers:
        changes = {
            f: ["None", audit_value(v)]
            for f, v in (
                ("id", t.pk),
                ("member", t.member_id),
                ("from_org", t.from_org_id),
                ("to_org", t.to_org_id),
                ("from_org_name", t.from_org_name),
                ("to_org_name", t.to_org_name),
                ("transferred_on", t.transferred_on),
                ("reason", t.reason),
            )  # fmt: skip
        }
        entries.append(plan.context.entry(t, action=CREATE, changes=changes, org_id=t.to_org_id, content_type=ct))
    _end_posts(plan, plan.ended_by_transfer, entries)


def _end_posts(plan: Plan, posts: list[Post], entries: list[AuditEntry]) -> None:
    if not posts:
        return
    update_by_pk(posts, ["ended_on"])
    ct = ContentType.objects.get_for_model(Post)
    for post in posts:
        changes = {"ended_on": ["None", audit_value(post.ended_on)]}
        entries.append(plan.context.entry(post, action=UPDATE, changes=changes, org_id=post.org_id, content_type=ct))


def _started(post: NewPost) -> dt.date:
    # A row naming a post without its start date fails when read (cells.read_member_row).
    assert post.row.post_started is not None
    return post.row.post_started


def _posts(plan: Plan, entries: list[AuditEntry]) -> None:
    _end_posts(plan, plan.ended_secretaries, entries)
    if not plan.new_posts:
        return
    posts = [
        Post(member=plan.members[p.row.number], org=p.org, title=p.title, started_on=_started(p))
        for p in plan.new_posts
    ]
    Post.objects.bulk_create(posts, batch_size=BATCH)
    ct = ContentType.objects.get_for_model(Post)
    for post in posts:
        changes = {
            f: ["None", audit_value(v)]
            for f, v in (
                ("id", post.pk),
                ("member", post.member_id),
                ("org", post.org_id),
                ("title", post.title),
                ("started_on", post.started_on),
                ("ended_on", None),
            )  # fmt: skip
        }
        entries.append(plan.context.entry(post, action=CREATE, changes=changes, org_id=post.org_id, content_type=ct))
