"""Channels, columns and newspaper special pages (run by committee staff)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import tree
from dangjian.orgs.models import Organization

from ..models import Channel, ChannelKind, Column, SpecialPage


@transaction.atomic
def channel_create(
    *, org: Organization, kind: str, name: str, slug: str, description: str = "", position: int = 0
) -> Channel:
    errors: dict[str, list[str]] = {}
    if kind not in ChannelKind.values:
        errors["kind"] = ["请选择渠道类型。"]
    if not name.strip():
        errors["name"] = ["名称不能为空。"]
    if Channel.objects.filter(slug=slug).exists():
        errors["slug"] = [f"网址标识“{slug}”已被使用。"]
    if errors:
        raise ValidationError(errors)
    return Channel.objects.create(
        org=org, kind=kind, name=name.strip(), slug=slug, description=description.strip(), position=position
    )


@transaction.atomic
def column_create(*, channel: Channel, name: str, slug: str, description: str = "", position: int = 0) -> Column:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["名称不能为空。"]
    if Column.objects.filter(channel=channel, slug=slug).exists():
        errors["slug"] = [f"该渠道下已有网址标识“{slug}”。"]
    if errors:
        raise ValidationError(errors)
    return Column.objects.create(
        channel=channel, name=name.strip(), slug=slug, description=description.strip(), position=position
    )


@transaction.atomic
def special_page_create(
    *,
    by: Any,
    org: Organization,
    channel: Channel,
    title: str,
    newspaper: str,
    run_on: dt.date,
    edition: str = "",
    occasion: str = "",
) -> SpecialPage:
    errors: dict[str, list[str]] = {}
    if channel.kind != ChannelKind.NEWSPAPER:
        errors["channel"] = ["专版只能登记在“报纸专版”类渠道下。"]
    if not tree.is_within(org.path, [channel.org.path]):
        errors["channel"] = [f"该渠道由{channel.org.name}主办。"]
    if not title.strip():
        errors["title"] = ["专版主题不能为空。"]
    if not newspaper.strip():
        errors["newspaper"] = ["请填写刊发的报纸。"]
    if errors:
        raise ValidationError(errors)
    return SpecialPage.objects.create(
        org=org,
        channel=channel,
        title=title.strip(),
        newspaper=newspaper.strip(),
        edition=edition.strip(),
        occasion=occasion.strip(),
        run_on=run_on,
        created_by=by,
    )
