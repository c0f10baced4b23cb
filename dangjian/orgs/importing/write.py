"""Writing a checked organization import through the organization services.

The tree is small (hundreds of rows), so each organization goes through
`org_create` / `org_update` / `election_record`, and auditlog records every
change itself. Rows come parents first.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from dangjian.core.importing import ImportAborted, ImportResult

from ..models import Organization
from ..services import election_record, org_create, org_update
from .cells import OrgRow


def write_rows(rows: list[OrgRow], result: ImportResult) -> None:
    """Write ROWS in order; a service refusing one (the database changed since the check) aborts all."""
    for r in rows:
        try:
            _write(r)
        except ValidationError as e:
            result.error(r.number, "", "；".join(e.messages) + "（未导入任何数据）")
            raise ImportAborted from e


def _write(r: OrgRow) -> None:
    values = r.values
    if r.existing is None:
        parent = Organization.objects.get(code=r.parent_code) if r.parent_code else None
        org = org_create(
            code=r.code,
            name=values["name"],
            kind=values["kind"],
            parent=parent,
            founded_on=values.get("founded_on"),
            unit_names=r.units or (),
            has_branch_committee=values.get("has_branch_committee", False),
            approval_doc=values.get("approval_doc", ""),
            term_years=values.get("term_years"),
        )
    else:
        org = org_update(
            org=r.existing,
            changes={name: values[name] for name in r.changed},
            unit_names=(r.units or ()) if r.units_changed else None,
        )
    if r.election_action == "create":
        assert r.elected_on is not None
        election_record(org=org, held_on=r.elected_on, term_years=values.get("term_years"))
    elif r.election_action == "update" and r.election is not None:
        r.election.term_years = values.get("term_years")
        r.election.save(update_fields=["term_years"])
