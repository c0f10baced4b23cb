"""What the brand tests share: a plan with a batch in the named world, logos, a brand at each step."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from dangjian.accounts.models import Role
from dangjian.brands import services
from dangjian.brands.models import Batch, Brand, Plan, Stage
from dangjian.core.testing import BaseTestCase, MemberFactory, make_user
from dangjian.orgs.models import Organization

TEXTS = {
    "name": "红色账本",
    "slogan": "管好每一分钱",
    "meaning": "以“账”为媒，把党的要求落实到每一笔财政资金的管理中。",
    "vehicle": "每月一次“账本讲堂”，党员先锋岗，财政政策进社区。",
    "impact": "连续三年获评先进党支部，群众满意度 98%。",
}


def png(width: int = 32, height: int = 32) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (24, 24), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (40.0, 50.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def pdf_upload(name: str = "材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf")


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


class BrandsTestCase(BaseTestCase):
    """The named world with a plan (2019–2021 style, around today), a stage and an open batch."""

    def setUp(self) -> None:
        self._media = tempfile.mkdtemp(prefix="dangjian-brands-")
        self._override = override_settings(MEDIA_ROOT=self._media)
        self._override.enable()
        self.addCleanup(shutil.rmtree, self._media, True)
        self.addCleanup(self._override.disable)
        super().setUp()
        today = timezone.localdate()
        self.plan = Plan.objects.create(
            committee=self.w.committee,
            name="“一支部一品牌”三年行动计划",
            starts_on=dt.date(today.year - 1, 1, 1),
            ends_on=dt.date(today.year + 1, 12, 31),
        )
        self.stage = Stage.objects.create(
            plan=self.plan, kind="recognize", name="认定阶段", starts_on=self.plan.starts_on, ends_on=self.plan.ends_on
        )
        self.batch = services.batch_create(
            stage=self.stage, name="第一批", year=today.year, submit_by=days(30), by=self.w.staff
        )

    def draft(self, org: Organization | None = None, batch: Batch | None = None, **texts: str) -> Brand:
        return services.brand_create(
            org=org or self.w.branch_a1,
            batch=batch or self.batch,
            texts={**TEXTS, **texts},
            logo=png(),
            by=self.w.staff,
        )

    def submitted(self, org: Organization | None = None, **texts: str) -> Brand:
        brand = self.draft(org, None, **texts)  # type: ignore[arg-type]
        services.brand_submit(brand=brand, by=self.w.staff)
        brand.refresh_from_db()
        return brand

    def reviewer(self, username: str, unit: Any = None) -> Any:
        person = MemberFactory.create(org=self.w.committee, unit=unit) if unit is not None else None
        user = make_user(username, person=person, roles=((Role.COMMITTEE_STAFF, self.w.committee),))
        services.reviewer_add(batch=self.batch, user=user, by=self.w.staff)
        return user

    def parts(self, total_each: int | None = None, **overrides: Any) -> dict[str, Any]:
        values = {k: m for k, _, m in self.batch.rubric_items()}
        if total_each is not None:
            values = {k: min(m, total_each) for k, m in values.items()}
        values.update(overrides)
        return values

    def to_review(self) -> None:
        services.batch_start_review(batch=self.batch, by=self.w.staff)
        self.batch.refresh_from_db()
