"""What every step of the brand seeder shares: the volumes, the calendar, names, logos and texts."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization

from ..models import Batch, Brand, BrandEvent


@dataclass(frozen=True)
class Volume:
    pilot: int
    pilot_recognized: int
    submitted: int
    recognized: int
    returned_once: int
    drafts: int
    reviewers: int


VOLUMES = {
    "demo": Volume(4, 3, 10, 5, 2, 2, 5),
    "city": Volume(12, 8, 63, 30, 10, 6, 7),
    "province": Volume(12, 8, 63, 30, 10, 6, 7),
}
WORDS_A = (
    "红色",
    "先锋",
    "初心",
    "连心",
    "暖心",
    "清风",
    "匠心",
    "阳光",
    "星火",
    "同心",
    "筑梦",
    "立信",
    "为民",
    "守正",
)
WORDS_B = ("驿站", "账本", "课堂", "工作室", "先锋岗", "服务队", "讲堂", "桥梁", "e家", "引擎", "港湾", "方舟", "灯塔")
COLORS = ((183, 28, 28), (198, 40, 40), (211, 47, 47), (245, 197, 24), (142, 18, 18), (230, 81, 0))


@dataclass(frozen=True)
class Batches:
    """The three batches of the plan and who scores them."""

    pilot: Batch  # last year's, recognized
    first: Batch  # this year's first, recognized: the seed report's year
    second: Batch  # this year's second, open
    reviewers: dict[int, list[Any]]  # batch pk -> its Reviewer rows
    staff: User  # the committee staff who returns, selects and decides


@dataclass
class Seed:
    """One committee's seeding: its context, the random source and the brands made so far.

    Every random draw comes from `rng`, in the order the steps run, so the data is the same each time.
    """

    ctx: SeedContext
    volume: Volume
    rng: random.Random
    names_used: set[str] = field(default_factory=set)
    brands: list[Brand] = field(default_factory=list)
    # Per submitted brand: {"brand", "versions": [submission times], "returned": when or None}.
    histories: list[dict[str, Any]] = field(default_factory=list)
    events: list[BrandEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.today = self.ctx.today
        self.year = self.today.year
        self.tz = timezone.get_current_timezone()
        self.year_start = dt.date(self.year, 1, 1)
        self.span = max(10, (self.today - self.year_start).days)
        self.logos = self.ctx.committee_index == 0  # files for one committee only (province scale stays light)

    def on(self, fraction: float) -> dt.date:
        """The day FRACTION of the way from January 1st to today (never after today)."""
        return min(self.today, self.year_start + dt.timedelta(days=int(self.span * fraction)))

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)), tzinfo=self.tz)

    def new_name(self) -> str:
        for _ in range(50):
            name = self.rng.choice(WORDS_A) + self.rng.choice(WORDS_B)
            if name not in self.names_used:
                self.names_used.add(name)
                return name
        return self.rng.choice(WORDS_A) + self.rng.choice(WORDS_B) + str(len(self.names_used))

    def make(self, org: Organization, batch: Batch, status: str, **fields: object) -> Brand:
        """A brand of ORG in BATCH (saved later, in bulk), with its texts and, for one committee, a logo."""
        brand = Brand(org=org, batch=batch, status=status, **texts(org, self.new_name()), **fields)  # type: ignore[arg-type]
        if self.logos:
            data = logo(self.rng)
            stem = f"demo-{self.ctx.committee_index}-{org.code}"
            brand.logo.name = default_storage.save(f"brands/logos/{batch.year}/{stem}.png", ContentFile(data))
            brand.logo_thumb.name = brand.logo.name
            brand.logo_type, brand.logo_width, brand.logo_height = "image/png", 240, 240
        self.brands.append(brand)
        return brand


def logo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    color = rng.choice(COLORS)
    draw.ellipse((20, 20, 220, 220), outline=color, width=14)
    cx = 120
    points = [
        (cx, 58),
        (138, 106),
        (188, 108),
        (148, 138),
        (162, 186),
        (cx, 158),
        (78, 186),
        (92, 138),
        (52, 108),
        (102, 106),
    ]
    draw.polygon(points, fill=(245, 197, 24) if color != (245, 197, 24) else (183, 28, 28))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def texts(org: Organization, name: str) -> dict[str, str]:
    unit = org.units.order_by("pk").first()
    base = unit.name if unit is not None else "本单位"
    return {
        "name": name,
        "slogan": f"{name}，服务在身边",
        "meaning": f"{org.name}立足{base}职能，以“{name}”为抓手，把党建工作融入业务工作全过程，做到党建业务两促进。",
        "vehicle": "每月开展一次主题党日，设立党员先锋岗和志愿服务队，建立“书记项目”清单，党员结对联系服务群众。",
        "impact": "品牌创建以来，党员参与率明显提高，服务群众事项按时办结，单位获评市直机关先进基层党组织。",
    }
