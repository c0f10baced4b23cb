"""What each app declares to the platform: one manifest per app (after Decidim's components).

Every app of the platform, kernel and domain alike, has a `manifest.py` with
one `manifest = AppManifest(...)`. It says, in one place, what the platform
collects from the app:

- `metrics`: the DOMAIN.md figures it computes for a subtree and a year (the
  statistics registry, `dangjian.core.registry`, reads them);
- `menu`: its entries in the top menu, each with the predicate that decides
  who sees it (the same check its view makes, so a menu never leads to a
  refusal), and `landings`: where the home page sends whom;
- `urls` and `api`: where its pages and its API router are mounted;
- `exports`: the Excel exports it offers (for the export overview and tests);
- `seeders` and `demo_accounts`: its demo data, as dotted paths so that
  nothing imports demo code until `seed_demo` runs;
- `permission_rows`: the module (under its tests) that lists what every named
  user gets from each of its routes;
- `settings`: its typed settings class (`dangjian.core.conf`).

Core builds the menu, the statistics, the URL tree, the demo data and the
permission matrix by reading the manifests of the installed apps; it never
imports an app by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps

if TYPE_CHECKING:
    from .conf import AppSettings
    from .registry import Metric

UserCheck = Callable[[Any], bool]


@dataclass(frozen=True)
class Section:
    """A top-menu heading: a dropdown when more than one of its entries is shown."""

    key: str
    label: str
    icon: str
    order: int


# The top menu's sections, in order. An app puts each entry in one of them.
SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("mine", "我的档案", "bi-person", 0),
        Section("dashboard", "数据看板", "bi-bar-chart", 10),
        Section("orgs", "组织与名册", "bi-diagram-3", 20),
        Section("study", "学习培训", "bi-book", 30),
        Section("volunteer", "志愿服务", "bi-heart", 40),
        Section("publicity", "宣传报送", "bi-megaphone", 50),
        Section("assessment", "组织建设", "bi-clipboard-data", 60),
        Section("brands", "党建品牌", "bi-award", 70),
        Section("membership", "党员发展", "bi-person-plus", 80),
        Section("report", "年度报告", "bi-file-earmark-text", 90),
        Section("admin", "系统管理", "bi-gear", 100),
    )
}


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    section: str  # a key of SECTIONS
    visible: UserCheck  # who sees the entry: exactly those the view lets in
    icon: str = ""
    order: int = 0
    # Active-state key: the `nav` a view passes to its template (the section by default).
    nav: str = ""
    url_args: tuple[Any, ...] = ()
    # For entries whose address depends on the user (their own record): a function of the user.
    url_for: Callable[[Any], str] | None = None

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise ValueError(f"menu entry {self.label}: unknown section {self.section!r}")


@dataclass(frozen=True)
class Landing:
    """Where the home page sends a user: the first landing (lowest ORDER) whose VISIBLE holds."""

    visible: UserCheck
    url_for: Callable[[Any], str]
    order: int = 50


@dataclass(frozen=True)
class Export:
    """An Excel export the app offers; `personal` ones name people and are audited."""

    label: str
    url_name: str
    personal: bool = True


@dataclass(frozen=True)
class Seeder:
    """Demo data of an app: FUNC ("module:function") takes a dangjian.core.seeding.SeedContext.

    Seeders run in ORDER (then by name) once per committee, after the kernel's
    organizations and people are written.
    """

    name: str
    func: str
    order: int = 50

    def load(self) -> Callable[..., None]:
        return load_object(self.func)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class DemoAccount:
    """A demo account an app's seeder creates; seed_demo prints it with the others."""

    label: str
    username: str


@dataclass(frozen=True)
class AppManifest:
    app: str  # the app label
    label: str  # its Chinese name
    metrics: Sequence[Metric] = ()
    menu: Sequence[MenuEntry] = ()
    landings: Sequence[Landing] = ()
    urls: Sequence[tuple[str, str]] = ()  # (prefix, urlconf module): ("study/", "dangjian.study.urls")
    api: Sequence[tuple[str, str]] = ()  # (prefix, "module:router"): ("/study", "dangjian.study.api:router")
    exports: Sequence[Export] = ()
    seeders: Sequence[Seeder] = ()
    demo_accounts: Sequence[DemoAccount] = ()
    permission_rows: str = ""  # dotted module path, under the app's tests
    settings: type[AppSettings] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def manifests() -> list[AppManifest]:
    """The manifests of the installed apps, in INSTALLED_APPS order (cached once the apps are ready)."""
    return [*_installed(), *_added]


def _installed() -> list[AppManifest]:
    global _cache
    if _cache is not None:
        return _cache
    found: list[AppManifest] = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.manifest")
        except ModuleNotFoundError as e:
            if e.name != f"{config.name}.manifest":
                raise
            continue
        manifest = getattr(module, "manifest", None)
        if not isinstance(manifest, AppManifest):
            raise TypeError(f"{config.name}.manifest must define `manifest = AppManifest(...)`")
        found.append(manifest)
    if apps.ready:
        _cache = found
    return found


_cache: list[AppManifest] | None = None
_added: list[AppManifest] = []


@contextmanager
def added(manifest: AppManifest) -> Iterator[AppManifest]:
    """MANIFEST counts as installed inside the block (tests: a metric or a menu entry of their own)."""
    _added.append(manifest)
    try:
        yield manifest
    finally:
        _added.remove(manifest)


def manifest_of(app: str) -> AppManifest | None:
    return next((m for m in manifests() if m.app == app), None)


def load_object(path: str) -> Any:
    """The object named by "package.module:attribute"."""
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)
