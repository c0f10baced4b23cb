"""The plan of a committee's demo data: plain objects, built by `plan` and written by `builder`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Deliberate breaches of the setup rules, shaped into a branch's size and make-up.
TOO_FEW = "BRANCH_TOO_FEW_MEMBERS"
NEEDS_COMMITTEE = "BRANCH_NEEDS_COMMITTEE"
TOO_LARGE = "BRANCH_TOO_LARGE"
NEEDS_GROUPS = "BRANCH_NEEDS_GROUPS"
GROUP_TOO_SMALL = "GROUP_TOO_SMALL"
BRANCH_ANOMALIES = (TOO_FEW, NEEDS_COMMITTEE, TOO_LARGE, NEEDS_GROUPS, GROUP_TOO_SMALL)


@dataclass(eq=False)
class PersonPlan:
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    id_number: str
    phone: str
    education: str
    unit: str
    job_title: str
    cadre_rank: str
    status: str
    joined_party_on: dt.date | None
    org: OrgPlan


@dataclass(eq=False)
class PostPlan:
    person: PersonPlan
    org: OrgPlan
    title: str
    started_on: dt.date
    ended_on: dt.date | None = None


@dataclass(eq=False)
class ElectionPlan:
    held_on: dt.date
    seats: int
    candidates: int
    adjustment: str = ""
    approval_doc: str = ""


@dataclass(eq=False)
class ExtensionPlan:
    extended_to: dt.date
    approved_on: dt.date
    doc_number: str
    reason: str


@dataclass(eq=False)
class ChangePlan:
    from_parent: OrgPlan | None
    from_parent_name: str
    changed_on: dt.date
    reason: str
    doc_number: str


@dataclass(eq=False)
class OrgPlan:
    code: str
    name: str
    kind: str
    parent: OrgPlan | None
    units: list[str] = field(default_factory=list)
    children: list[OrgPlan] = field(default_factory=list)
    size: int = 0  # headcount of a branch, groups included
    anomaly: str = ""  # the compliance code this organization is planned to produce, if any
    regular: bool = False  # a branch that may be shaped into a breach
    attached_unit: str = ""  # set on the organization of a bureau's attached unit
    founded_on: dt.date | None = None
    has_branch_committee: bool = False
    approval_doc: str = ""
    people: list[PersonPlan] = field(default_factory=list)
    elections: list[ElectionPlan] = field(default_factory=list)  # oldest first
    extension: ExtensionPlan | None = None
    change: ChangePlan | None = None
    path: str = ""
    next_child: int = 1

    def child(self, name: str, kind: str, units: list[str], *, code: str = "") -> OrgPlan:
        if not code:
            code = f"{self.code}{self.next_child:02d}"
            self.next_child += 1
        org = OrgPlan(code=code, name=name, kind=kind, parent=self, units=units)
        self.children.append(org)
        return org

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def subtree_people(self) -> list[PersonPlan]:
        return [p for o in self.walk() for p in o.people]


@dataclass(eq=False)
class CommitteePlan:
    root: OrgPlan
    units: list[str]
    posts: list[PostPlan]
    place: str
    # Anchors of the demo accounts.
    finance: OrgPlan
    education: OrgPlan
    member: PersonPlan | None

    @property
    def orgs(self) -> list[OrgPlan]:
        return list(self.root.walk())

    @property
    def people(self) -> list[PersonPlan]:
        return self.root.subtree_people()
