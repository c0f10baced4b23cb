from dangjian.core.models import ImportJob
from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page, row


def prepare(case) -> dict[str, str]:
    # A finished background import of staff's: only its uploader sees it (a confirmation is refused: 302).
    job = ImportJob.objects.create(
        kind="orgs", importer="x", user=case.w.staff, file_name="党组织.xlsx", stored_as="gone.xlsx", sha256="",
        status=ImportJob.Status.FAILED,
    )  # fmt: skip
    return {"orgs_job": str(job.pk)}


ROWS = {
    "orgs:tree": page("/orgs/", **STAFF_AND_ADMINS),
    "orgs:compliance": page("/orgs/compliance/", **STAFF_AND_ADMINS),
    "orgs:compliance_export": page("/orgs/compliance/export.xlsx", **STAFF_AND_ADMINS),
    "orgs:export": page("/orgs/export.xlsx", **STAFF_AND_ADMINS),
    "orgs:affiliation_changes": page("/orgs/records/affiliation-changes/", **STAFF_AND_ADMINS),
    "orgs:elections": page("/orgs/records/elections/", **STAFF_AND_ADMINS),
    "orgs:overdue": page("/orgs/records/overdue/", **STAFF_AND_ADMINS),
    # Only committee staff import organizations.
    "orgs:import": page("/orgs/import/", staff=200),
    "orgs:import_confirm": page("/orgs/import/confirm/", method="POST", staff=302),
    "orgs:import_template": page("/orgs/import/template.xlsx", staff=200),
    "orgs:import_job": page("/orgs/import/jobs/{orgs_job}/", staff=200),
    "orgs:import_job_status": page("/orgs/import/jobs/{orgs_job}/status/", staff=200),
    "orgs:import_job_confirm": page("/orgs/import/jobs/{orgs_job}/confirm/", method="POST", staff=302),
    "orgs:import_job_errors": page("/orgs/import/jobs/{orgs_job}/errors.xlsx", staff=200),
    # The picker's search: anyone logged in, each finding only the organizations they see.
    "orgs:pick": row("/orgs/pick/?q=A0", anonymous=302, others=200),
    "orgs:detail": page("/orgs/A01/", **IN_A),
    "orgs:children": page("/orgs/A01/children/", **IN_A),
    # Write routes get an empty POST: those allowed see the form's errors.
    "orgs:move": page("/orgs/A01/move/", method="POST", **IN_A),
    "orgs:election_record": page("/orgs/A01/elections/", method="POST", **IN_A),
    "orgs:term_extend": page("/orgs/A01/extensions/", method="POST", **IN_A),
    "api-v1:list_orgs": api("/api/v1/orgs", **STAFF_AND_ADMINS),
    "api-v1:compliance_list": api("/api/v1/orgs/compliance", **STAFF_AND_ADMINS),
    "api-v1:get_org": api("/api/v1/orgs/A01", **IN_A),
    "api-v1:org_findings": api("/api/v1/orgs/A01/findings", **IN_A),
}
