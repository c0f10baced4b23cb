"""The domain apps' demo data, found through their manifests (dangjian.core.manifests).

An app lists its seeders and the demo accounts they create in its manifest;
nothing in production code imports this app. `seed_demo` runs the seeders in
their declared order, once per committee (see dangjian.core.seeding).
"""

from __future__ import annotations

from collections.abc import Callable

from dangjian.core.manifests import DemoAccount, manifests
from dangjian.core.seeding import SeedContext

Seeder = Callable[[SeedContext], None]


def seeders() -> list[tuple[str, Seeder]]:
    declared = sorted((s for m in manifests() for s in m.seeders), key=lambda s: (s.order, s.name))
    names = [s.name for s in declared]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ValueError(f"seeders declared twice: {sorted(duplicated)}")
    return [(s.name, s.load()) for s in declared]


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts the apps' seeders create (beyond the kernel's own, in accounts.py)."""
    return [a for m in manifests() for a in m.demo_accounts]
