"""Appointing and revoking an organization's dues keeper (收缴员), by its administrators or committee staff."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.orgs.models import Organization

from ..errors import KeeperExists, KeeperRevoked, NotAllowed
from ..models import DuesKeeper, KeeperStatus
from ..permissions import can_appoint_keeper


@transaction.atomic
def keeper_appoint(*, org: Organization, user: User, by: Any) -> DuesKeeper:
    if not can_appoint_keeper(by, org):
        raise NotAllowed()
    if DuesKeeper.objects.filter(org=org, user=user, status=KeeperStatus.ACTIVE).exists():
        raise KeeperExists(field="user", user=user.display_name or user.username, org=org.name)
    return DuesKeeper.objects.create(org=org, user=user, granted_by=by if getattr(by, "pk", None) else None)


@transaction.atomic
def keeper_revoke(*, keeper: DuesKeeper, by: Any) -> DuesKeeper:
    keeper = DuesKeeper.objects.select_for_update(of=("self",)).select_related("org").get(pk=keeper.pk)
    if not can_appoint_keeper(by, keeper.org):
        raise NotAllowed()
    if keeper.status != KeeperStatus.ACTIVE:
        raise KeeperRevoked()
    keeper.status = KeeperStatus.REVOKED
    keeper.revoked_at = timezone.now()
    keeper.save(update_fields=["status", "revoked_at"])
    return keeper
