from dangjian.core.models import ImportJob
from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page
from dangjian.people.models import Post, PostTitle


def prepare(case) -> dict[str, int]:
    post = Post.objects.create(
        member=case.w.person_a, org=case.w.branch_a1, title=PostTitle.COMMITTEE_MEMBER, started_on="2024-01-01"
    )
    # post_end ends the post: each visitor gets it open again.
    case.before_each["people:post_end"] = lambda: Post.objects.filter(pk=post.pk).update(ended_on=None)
    # A finished background import of staff's: only its uploader sees it (a confirmation is refused: 302).
    job = ImportJob.objects.create(
        kind="members", importer="x", user=case.w.staff, file_name="名册.xlsx", stored_as="gone.xlsx", sha256="",
        status=ImportJob.Status.FAILED,
    )  # fmt: skip
    return {"person_a": case.w.person_a.pk, "post_a": post.pk, "members_job": str(job.pk)}


ROWS = {
    "people:list": page("/members/", **STAFF_AND_ADMINS),
    "people:export": page("/members/export.xlsx", **STAFF_AND_ADMINS),
    "people:new": page("/members/new/", **STAFF_AND_ADMINS),
    "people:full_time_deputies": page("/members/full-time-deputies/", **STAFF_AND_ADMINS),
    # The member opens their own record and reveals their own ID number, but does not edit it.
    "people:detail": page("/members/{person_a}/", member=200, **IN_A),
    "people:reveal": page("/members/{person_a}/reveal/", method="POST", member=200, **IN_A),
    "people:edit": page("/members/{person_a}/edit/", **IN_A),
    "people:transfer": page("/members/{person_a}/transfer/", **IN_A),
    "people:leave": page("/members/{person_a}/leave/", **IN_A),
    "people:post_new": page("/members/{person_a}/posts/new/", **IN_A),
    "people:post_end": page("/members/{person_a}/posts/{post_a}/end/", method="POST", staff=302, admin_a=302),
    "people:import": page("/members/import/", **STAFF_AND_ADMINS),
    "people:import_confirm": page("/members/import/confirm/", method="POST", staff=302, admin_a=302, admin_b=302),
    "people:import_template": page("/members/import/template.xlsx", **STAFF_AND_ADMINS),
    "people:import_job": page("/members/import/jobs/{members_job}/", staff=200),
    "people:import_job_status": page("/members/import/jobs/{members_job}/status/", staff=200),
    "people:import_job_confirm": page("/members/import/jobs/{members_job}/confirm/", method="POST", staff=302),
    "people:import_job_errors": page("/members/import/jobs/{members_job}/errors.xlsx", staff=200),
    "api-v1:list_members": api("/api/v1/members", **STAFF_AND_ADMINS),
    "api-v1:get_member": api("/api/v1/members/{person_a}", member=200, **IN_A),
}
