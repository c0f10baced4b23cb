"""Demo accounts of the three administrators (三员), seeded with the published demo password.

Only for the first committee: one system, one security and one audit administrator
for the whole demo deployment.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from dangjian.core.seeding import DEMO_PASSWORD, SeedContext

from .models import Role, RoleAssignment, User

ADMINISTRATORS = (
    ("xitong", "系统管理员", Role.SYSADMIN),
    ("anquan", "安全管理员", Role.SECADMIN),
    ("shenji", "审计管理员", Role.AUDITOR),
)


def seed_administrators(ctx: SeedContext) -> None:
    # With the first committee, and only when seed_demo writes its demo accounts at all.
    if not ctx.with_accounts:
        return

    hashed = make_password(DEMO_PASSWORD)
    for username, label, role in ADMINISTRATORS:
        user = User.objects.create(username=username, password=hashed, display_name=label)
        RoleAssignment.objects.create(user=user, role=role, org=ctx.root)
    ctx.counts["三员演示账号"] = len(ADMINISTRATORS)
