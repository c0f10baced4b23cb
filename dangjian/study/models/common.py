"""What the three parts of the module share: attendance marks and stored files."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Mark(models.TextChoices):
    """An attendance mark (moodle-mod_attendance's four states)."""

    PRESENT = "present", "出席"
    LATE = "late", "迟到"
    EXCUSED = "excused", "请假"
    ABSENT = "absent", "缺席"


# Person-times (人次) count these.
ATTENDED = (Mark.PRESENT, Mark.LATE)
# An absentee's mark needs a reason.
NEEDS_REASON = (Mark.EXCUSED, Mark.ABSENT)

MARK_BADGES = {
    Mark.PRESENT: "text-bg-success",
    Mark.LATE: "text-bg-warning",
    Mark.EXCUSED: "text-bg-info",
    Mark.ABSENT: "text-bg-danger",
    "": "text-bg-light border",
}


def upload_to(instance: StoredFile, filename: str) -> str:
    """A random name under study/<folder>/<year>/: the original name is kept in the row only."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"study/{instance.FOLDER}/{timezone.localdate():%Y}/{secrets.token_hex(16)}{suffix}"


class StoredFile(models.Model):
    """A file uploaded to a record, kept under MEDIA_ROOT and served only through a scoped view."""

    FOLDER = "files"

    file = models.FileField("文件", upload_to=upload_to, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / 1024 / 1024:.1f} MB"
        return f"{max(1, self.size // 1024)} KB"


class YearFilledQuerySet(models.QuerySet):
    """bulk_create fills each row's `year` (its parent's year) as save() does."""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        fill_years(self.model, objs)
        return super().bulk_create(objs, *args, **kwargs)


def fill_years(model: Any, objs: Sequence[Any]) -> None:
    """Set `year` on OBJS that lack it, from MODEL.YEAR_FROM = (parent field, parent's date field)."""
    relation, date_field = model.YEAR_FROM
    field = model._meta.get_field(relation)
    missing = [o for o in objs if o.year is None]
    if not missing:
        return
    to_fetch = set()
    for o in missing:
        parent = field.get_cached_value(o, default=None)
        if parent is not None and getattr(parent, date_field, None) is not None:
            o.year = getattr(parent, date_field).year
        else:
            to_fetch.add(getattr(o, field.attname))
    if to_fetch:
        dates = dict(field.related_model._default_manager.filter(pk__in=to_fetch).values_list("pk", date_field))
        for o in missing:
            if o.year is None:
                day = dates.get(getattr(o, field.attname))
                o.year = day.year if day is not None else None


class YearFilled(models.Model):
    """An attendance row carrying its parent's year (`year`): the partition key of its table on
    PostgreSQL (see dangjian.core.partitioning). save() and bulk_create fill it; raw inserts name it."""

    YEAR_FROM: tuple[str, str]

    year = models.PositiveSmallIntegerField("年度", editable=False)

    objects = YearFilledQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.year is None:
            fill_years(type(self), [self])
        super().save(*args, **kwargs)
