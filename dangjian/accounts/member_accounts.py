"""Accounts for every member: made in bulk from the roster, activated with the ID number and a code.

An organization administrator (or committee staff) makes accounts for the people of
their subtree, all of an organization's subtree or the members they tick, in one
transaction: every account or none. Each gets a one-time activation code, printed
on a slip and handed to the member, who activates at /accounts/activate/ with their
ID number and the code and chooses their own password there. From then on the
member logs in with the username or the ID number, and that password.

An ID number is never decrypted to find its account: the roster keeps an HMAC of
it (`Member.id_number_digest`, core.crypto.digest), and the look-up compares that.

A member account holds no role: it is tied to its person (`User.person`), which is
what lets a member see their own record and sign up for training and volunteer
work. The three administrators (三员) make none of these: they hold no roster role,
and the system administrator's own account page keeps its flow (the owner
organization confirms a password the system administrator never sees).

Accounts follow the roster: `follow_roster` deactivates the account of a person who
leaves (transferred out of the committee, died) and is the call for the roster's
service that records the leaving.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from dangjian.core import audit, crypto, scoping, tree
from dangjian.core.errors import Refusal
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from . import permissions
from .models import ActivationCode, User

# Days an activation code stays valid (the slip says until when).
CODE_DAYS = 30
# Letters and digits without the easily misread ones (0/O, 1/I/L): 10 of them are 50 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
# At most this many accounts in one batch: a whole party committee of a big bureau.
BATCH_LIMIT = 5000
ID_NUMBER = re.compile(r"\d{17}[\dX]")


class NotAnOrganizationAdministrator(Refusal):
    code = "member_accounts_not_allowed"
    message = "只有党组织管理员或工委工作人员可以为党员建立账号。"


class OutOfScope(Refusal):
    code = "member_accounts_out_of_scope"
    message = "所选人员不在您管理的范围内，未建立任何账号。"


class NobodyToCreate(Refusal):
    code = "member_accounts_nobody"
    message = "所选人员都已有账号，没有需要建立的账号。"


class BatchTooBig(Refusal):
    code = "member_accounts_batch_too_big"
    message = "一次最多建立 %(limit)s 个账号，请按党组织分批建立。"


class ActivationFailed(Refusal):
    code = "activation_failed"
    message = "身份证号或激活码不正确，或激活码已使用、已过期。"


def may_make_member_accounts(user: Any) -> bool:
    """Committee staff and organization administrators; never one of the three administrators."""
    return bool(scoping.scope_paths(user)) and not permissions.is_administrator(user)


def _paths(by: User) -> list[str]:
    if not may_make_member_accounts(by):
        raise NotAnOrganizationAdministrator()
    return scoping.scope_paths(by)


# --- reads --------------------------------------------------------------------------


def people_without_account(by: User, org: Organization) -> QuerySet[Member]:
    """People of ORG's subtree (inside BY's subtrees) who have no account yet."""
    if not tree.is_within(org.path, _paths(by)):
        raise OutOfScope()
    has_account = User.objects.filter(person=OuterRef("pk"))
    return (
        Member.objects.filter(tree.subtree_q([org.path], "org__path"))
        .filter(~Exists(has_account))
        .select_related("org")
        .order_by("org__path", "name_initials", "pk")
    )


def member_account_counts(by: User, org: Organization) -> dict[str, int]:
    """How many people of ORG's subtree have an account, are waiting to activate, or have none."""
    if not tree.is_within(org.path, _paths(by)):
        raise OutOfScope()
    people = Member.objects.filter(tree.subtree_q([org.path], "org__path"))
    accounts = User.objects.filter(person__in=people)
    waiting = accounts.filter(activation__isnull=False, activation__used_at__isnull=True).count()
    total = people.count()
    with_account = accounts.count()
    return {"people": total, "active": with_account - waiting, "waiting": waiting, "none": total - with_account}


def batch_codes(by: User, batch: str) -> list[tuple[ActivationCode, str]]:
    """The unused codes of BATCH that BY may see, each with its plain code, ordered as on the roster."""
    paths = _paths(by)
    rows = (
        ActivationCode.objects.filter(batch=batch, used_at__isnull=True, expires_at__gt=timezone.now())
        .filter(tree.subtree_q(paths, "account__person__org__path"))
        .select_related("account", "account__person", "account__person__org")
        .order_by("account__person__org__path", "account__person__name_initials", "pk")
    )
    return [(row, crypto.decrypt(row.code_enc)) for row in rows if row.code_enc]


def recent_batches(by: User, limit: int = 20) -> list[dict[str, Any]]:
    """BY's subtrees' latest batches: when, by whom, for which organization, how many still unused."""
    paths = _paths(by)
    rows = (
        ActivationCode.objects.filter(tree.subtree_q(paths, "org__path"))
        .values("batch", "org__name", "org__code", "created_by__display_name", "created_by__username")
        .order_by()
        .distinct()
    )
    batches: dict[str, dict[str, Any]] = {}
    for row in rows:
        batches.setdefault(row["batch"], dict(row))
    if not batches:
        return []
    stats: dict[str, dict[str, Any]] = {}
    for code in ActivationCode.objects.filter(batch__in=list(batches)).values("batch", "created_at", "used_at"):
        entry = stats.setdefault(code["batch"], {"created_at": code["created_at"], "total": 0, "used": 0})
        entry["total"] += 1
        entry["used"] += code["used_at"] is not None
    result = [{**batches[b], **stats[b]} for b in batches if b in stats]
    result.sort(key=lambda r: r["created_at"], reverse=True)
    return result[:limit]


# --- writes -------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """ABCDE-FGHJK: easier to read out and to type."""
    return f"{code[:5]}-{code[5:]}"


def _username_for(person: Member, taken: set[str]) -> str:
    base = f"{person.name_initials or 'dy'}{person.pk}"
    name = base
    while name.lower() in taken:
        name = f"{base}{secrets.randbelow(90) + 10}"
    taken.add(name.lower())
    return name


@transaction.atomic
def member_accounts_create(
    *,
    by: User,
    org: Organization,
    people: Iterable[Member] | None = None,
    request: Any = None,
) -> tuple[str, list[tuple[User, str]]]:
    """Accounts with activation codes for PEOPLE of ORG's subtree (all who have none when PEOPLE is None).

    All or nothing: a person outside BY's subtrees (or outside ORG's) refuses the
    whole batch. People who already have an account are left as they are. Returns
    the batch id and each new account with its plain code, which is kept only
    encrypted until it is used.
    """
    paths = _paths(by)
    if not tree.is_within(org.path, paths):
        raise OutOfScope()
    if people is None:
        chosen = list(people_without_account(by, org))
    else:
        ids = {p.pk for p in people}
        chosen = list(Member.objects.filter(pk__in=ids).select_related("org").order_by("org__path", "pk"))
        if len(chosen) != len(ids) or any(not tree.is_within(p.org.path, [org.path]) for p in chosen):
            raise OutOfScope()
        with_account = set(User.objects.filter(person__in=chosen).values_list("person_id", flat=True))
        chosen = [p for p in chosen if p.pk not in with_account]
    if not chosen:
        raise NobodyToCreate()
    if len(chosen) > BATCH_LIMIT:
        raise BatchTooBig(limit=BATCH_LIMIT)
    taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
    batch = uuid.uuid4().hex
    now = timezone.now()
    expires = now + dt.timedelta(days=CODE_DAYS)
    made: list[tuple[User, str]] = []
    codes: list[ActivationCode] = []
    for person in chosen:
        user = User(username=_username_for(person, taken), person=person, display_name=person.name)
        user.set_unusable_password()
        made.append((user, _new_code()))
    # Bulk: a batch is a whole organization; the audit trail gets one entry for it below,
    # and each account's own first entry is its activation.
    User.objects.bulk_create([u for u, _ in made])  # sets the primary keys (RETURNING)
    for user, code in made:
        codes.append(
            ActivationCode(
                account=user,
                digest=ActivationCode.hash(code),
                code_enc=crypto.encrypt(code),
                batch=batch,
                org=org,
                created_by=by,
                created_at=now,
                expires_at=expires,
            )
        )
    ActivationCode.objects.bulk_create(codes)
    audit.record(
        audit.Event.CREATE,
        request=request,
        actor=by,
        target=ActivationCode,
        object_repr=f"党员账号 {len(made)} 个（{org.name}）",
        org=org,
        data={
            "batch": batch,
            "org_code": org.code,
            "accounts": len(made),
            "usernames": [u.username for u, _ in made],
            "selected": people is not None,
        },
    )
    return batch, made


def record_codes_handed_out(*, by: User, batch: str, rows: int, how: str, request: Any = None) -> None:
    """A print or an export of a batch's slips: they carry the codes, so the trail keeps each."""
    org = ActivationCode.objects.filter(batch=batch).values_list("org", flat=True).first()
    audit.record(
        audit.Event.EXPORT,
        request=request,
        actor=by,
        target=ActivationCode,
        object_repr="党员账号激活码",
        org=org,
        data={"batch": batch, "rows": rows, "format": how},
    )


def account_for_login(identifier: str) -> User | None:
    """The account of an ID number (through the roster's HMAC, never by decrypting), or None."""
    number = identifier.strip().upper()
    if not ID_NUMBER.fullmatch(number):
        return None
    return User.objects.filter(person__id_number_digest=crypto.digest(number)).select_related("person").first()


def _usable_code(account: User, code: str, *, lock: bool = False) -> ActivationCode | None:
    rows = ActivationCode.objects.filter(account=account)
    row = (rows.select_for_update() if lock else rows).first()
    if (
        row is None
        or row.used_at is not None
        or row.expires_at <= timezone.now()
        or not account.is_active
        or not secrets.compare_digest(row.digest, ActivationCode.hash(code))
    ):
        return None
    return row


def code_matches(*, account: User, code: str) -> bool:
    """Whether CODE is ACCOUNT's activation code, unused and unexpired (nothing is spent)."""
    return _usable_code(account, code) is not None


@transaction.atomic
def activate(*, account: User, code: str, new_password: str, request: Any = None) -> User:
    """Use ACCOUNT's code once: the member's own password from now on, the code spent."""
    row = _usable_code(account, code, lock=True)
    if row is None:
        raise ActivationFailed(field="code")
    now = timezone.now()
    account.set_password(new_password)
    account.must_change_password = False
    account.save()
    row.used_at = now
    row.code_enc = ""
    row.save(update_fields=["used_at", "code_enc"])
    audit.record(
        audit.Event.PASSWORD_CHANGED, request=request, actor=account, target=account, data={"reason": "activation"}
    )
    return account


@transaction.atomic
def follow_roster(*, person: Member, active: bool, reason: str, request: Any = None) -> User | None:
    """Keep PERSON's account in step with the roster: off when they leave (转出, 去世), on when back.

    The roster's service that records the leaving calls this, in its own transaction.
    An account that holds a role is left to those who grant roles: only its tie to the
    roster changes meaning, and the system administrator's list shows it.
    """
    account = User.objects.select_for_update().filter(person=person).first()
    if account is None or account.is_active == active:
        return account
    account.is_active = active
    account.save(update_fields=["is_active"])
    audit.record(
        audit.Event.ACCOUNT_ENABLED if active else audit.Event.ACCOUNT_DISABLED,
        request=request,
        target=account,
        org=person.org_id,
        data={"reason": reason, "follows": "roster"},
    )
    return account
