"""Channels, columns and newspaper special pages (run by committee staff)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import tree
from dangjian.orgs.models import Organization

from .. import errors
from ..models import Channel, ChannelKind, Column, SpecialPage


@transaction.atomic
def channel_create(
    *, org: Organization, kind: str, name: str, slug: str, description: str = "", position: int = 0
) -> Channel:
    problems: list[ValidationError] = []
    if kind not in ChannelKind.values:
        problems.append(errors.ChannelKindUnknown(field="kind"))
    if not name.strip():
        problems.append(errors.NameRequired(field="name"))
    if Channel.objects.filter(slug=slug).exists():
        problems.append(errors.ChannelSlugTaken(field="slug", slug=slug))
    errors.refuse_all(problems)
    return Channel.objects.create(
        org=org, kind=kind, name=name.strip(), slug=slug, description=description.strip(), position=position
    )


@transaction.atomic
def column_create(*, channel: Channel, name: str, slug: str, description: str = "", position: int = 0) -> Column:
    problems: list[ValidationError] = []
    if not name.strip():
        problems.append(errors.NameRequired(field="name"))
    if Column.objects.filter(channel=channel, slug=slug).exists():
        problems.append(errors.ColumnSlugTaken(field="slug", slug=slug))
    errors.refuse_all(problems)
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
    problems: list[ValidationError] = []
    if channel.kind != ChannelKind.NEWSPAPER:
        problems.append(errors.ChannelNotNewspaper(field="channel"))
    if not tree.is_within(org.path, [channel.org.path]):
        problems.append(errors.ChannelOfAnotherOrg(field="channel", host=channel.org.name))
    if not title.strip():
        problems.append(errors.SpecialPageTitleRequired(field="title"))
    if not newspaper.strip():
        problems.append(errors.NewspaperRequired(field="newspaper"))
    errors.refuse_all(problems)
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
