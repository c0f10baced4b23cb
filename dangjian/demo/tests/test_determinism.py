from __future__ import annotations

import datetime as dt

from django.test import SimpleTestCase

from dangjian.demo.plan import SCALES, plan_committee

from .helpers import TODAY


def fingerprint(seed: int, scale: str = "demo") -> list[tuple]:
    plan = plan_committee(scale=SCALES[scale], seed=seed, today=TODAY)
    people = [(p.name, p.id_number, p.phone, p.org.code, p.status) for p in plan.people]
    orgs = [(o.code, o.name, o.kind, o.path, o.founded_on) for o in plan.orgs]
    posts = [(p.person.id_number, p.org.code, p.title, p.started_on) for p in plan.posts]
    return people + orgs + posts


class DeterminismTests(SimpleTestCase):
    def test_it_gives_the_same_data_for_the_same_seed(self) -> None:
        self.assertEqual(fingerprint(7), fingerprint(7))

    def test_it_gives_the_same_people_on_another_day(self) -> None:
        # Only dated records (terms, posts, probation) follow the day of seeding.
        first = plan_committee(scale=SCALES["demo"], seed=3, today=TODAY)
        later = plan_committee(scale=SCALES["demo"], seed=3, today=TODAY + dt.timedelta(days=400))
        self.assertEqual(
            [(p.name, p.id_number, p.org.code) for p in first.people],
            [(p.name, p.id_number, p.org.code) for p in later.people],
        )
        self.assertNotEqual(
            [o.elections[-1].held_on for o in first.orgs if o.elections],
            [o.elections[-1].held_on for o in later.orgs if o.elections],
        )

    def test_it_gives_other_people_for_another_seed(self) -> None:
        first = plan_committee(scale=SCALES["demo"], seed=1, today=TODAY)
        second = plan_committee(scale=SCALES["demo"], seed=2, today=TODAY)
        self.assertNotEqual([p.name for p in first.people], [p.name for p in second.people])
        self.assertFalse({p.id_number for p in first.people} & {p.id_number for p in second.people})

    def test_it_keeps_the_catalog_codes_whatever_the_seed(self) -> None:
        # Bureaus keep their codes, so a roster exported from one seed imports into another.
        first = plan_committee(scale=SCALES["demo"], seed=1, today=TODAY)
        second = plan_committee(scale=SCALES["demo"], seed=2, today=TODAY)
        self.assertEqual(
            [(o.code, o.name) for o in first.root.children], [(o.code, o.name) for o in second.root.children]
        )
