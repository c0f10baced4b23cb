"""The top menu and the home page's choice of landing, built from the apps' manifests.

An entry is shown to exactly the users its predicate lets in, the same check
its view makes, so nothing in the menu leads to a refusal. Entries are grouped
by section: a section with one visible entry is a plain link, with more a
dropdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from .manifests import SECTIONS, MenuEntry, Section, manifests


@dataclass
class MenuLink:
    label: str
    url: str
    icon: str
    nav: str


@dataclass
class MenuSection:
    section: Section
    links: list[MenuLink] = field(default_factory=list)

    @property
    def navs(self) -> set[str]:
        return {link.nav for link in self.links}

    @property
    def single(self) -> MenuLink | None:
        return self.links[0] if len(self.links) == 1 else None


def _url(entry: MenuEntry, user: Any) -> str:
    if entry.url_for is not None:
        return entry.url_for(user)
    return reverse(entry.url_name, args=entry.url_args)


def entries_for(user: Any) -> list[MenuEntry]:
    """The menu entries USER sees, in menu order."""
    if not getattr(user, "is_authenticated", False):
        return []
    shown = [e for m in manifests() for e in m.menu if e.visible(user)]
    return sorted(shown, key=lambda e: (SECTIONS[e.section].order, e.order))


def menu_for(user: Any) -> list[MenuSection]:
    sections: dict[str, MenuSection] = {}
    for entry in entries_for(user):
        section = sections.setdefault(entry.section, MenuSection(SECTIONS[entry.section]))
        section.links.append(MenuLink(entry.label, _url(entry, user), entry.icon, entry.nav or entry.section))
    return list(sections.values())


def landing_for(user: Any) -> str | None:
    """The address the home page sends USER to (None: they have no role anywhere)."""
    landings = sorted((x for m in manifests() for x in m.landings), key=lambda x: x.order)
    for landing in landings:
        if landing.visible(user):
            return landing.url_for(user)
    return None
