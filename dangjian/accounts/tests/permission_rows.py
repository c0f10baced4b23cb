from typing import cast

from dangjian.accounts.member_accounts import member_accounts_create
from dangjian.accounts.models import CredentialIssue, Role, RoleAssignment
from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, page, row
from dangjian.core.testing import MemberFactory, make_user
from dangjian.people.models import Member

# permissions.GRANTS: the system administrator grants nothing (三员分立); granters answer 200.


def prepare(case) -> dict[str, int | str]:
    # An account of A01 that the write routes act on, so that no named user is changed.
    person = cast(Member, MemberFactory(name="周晓燕", org=case.w.branch_a1))
    account = make_user("matrix_account", person=person)
    editor = RoleAssignment.objects.create(user=account, role=Role.EDITOR, org=case.w.branch_a1)

    def restore_editor() -> None:
        RoleAssignment.objects.get_or_create(
            pk=editor.pk, defaults={"user": account, "role": Role.EDITOR, "org": case.w.branch_a1}
        )

    # A reset waiting for A01's owners: confirmed by those over A01 who may grant the editor role there.
    issue = CredentialIssue.objects.create(account=account, kind=CredentialIssue.Kind.RESET)

    def reopen_issue() -> None:
        CredentialIssue.objects.filter(pk=issue.pk).update(status=CredentialIssue.Status.PENDING)

    # A batch of member accounts made by A's administrator for someone of A01.
    newcomer = cast(Member, MemberFactory(name="陈立新", org=case.w.branch_a1))
    batch, _ = member_accounts_create(by=case.w.admin_a, org=case.w.branch_a1, people=[newcomer])

    case.before_each["accounts:role_revoke"] = restore_editor
    case.before_each["accounts:credential_confirm"] = reopen_issue
    return {"account": account.pk, "editor_role": editor.pk, "issue": issue.pk, "batch": batch}


ROWS = {
    # Everyone logged in keeps their own password and second factor.
    "accounts:password_change": page("/accounts/password/", others=200),
    "accounts:otp_enrol": page("/accounts/otp/", others=200),
    # Nobody has a device yet: the check page sends them to enrolment.
    "accounts:otp_verify": page("/accounts/otp/verify/", others=302),
    # The system administrator: accounts tied to the roster.
    "accounts:users": page("/accounts/users/", sysadmin=200),
    "accounts:user_new": page("/accounts/users/new/", sysadmin=200),
    "accounts:user_detail": page("/accounts/users/{account}/", sysadmin=200),
    "accounts:user_password_reset": page("/accounts/users/{account}/password-reset/", method="POST", sysadmin=200),
    "accounts:user_set_active": page("/accounts/users/{account}/active/", method="POST", sysadmin=302),
    # Roles: granters see who holds what in their subtrees; the empty POST gets the form's errors back.
    "accounts:roles": page("/accounts/roles/", staff=200, admin_a=200, admin_b=200),
    "accounts:role_grant_accounts": page("/accounts/roles/accounts/?q=zh", **STAFF_AND_ADMINS),
    "accounts:role_grant": page("/accounts/roles/grant/", method="POST", staff=200, admin_a=200, admin_b=200),
    # An editor at A01: revoked by those above it, not by B's administrator.
    "accounts:role_revoke": page("/accounts/roles/{editor_role}/revoke/", method="POST", staff=302, admin_a=302),
    # The owner organization confirms new accounts and resets; never one of the three administrators.
    "accounts:credentials": page("/accounts/credentials/", staff=200, admin_a=200, admin_b=200),
    "accounts:credential_confirm": page(
        "/accounts/credentials/{issue}/confirm/", method="POST", staff=200, admin_a=200
    ),
    # Organization administrators and committee staff: accounts for their subtree's members (never 三员).
    "accounts:member_accounts": page("/accounts/members/", **STAFF_AND_ADMINS),
    "accounts:member_accounts_create": page("/accounts/members/create/", method="POST", **STAFF_AND_ADMINS),
    "accounts:member_account_slips": page("/accounts/members/batches/{batch}/", **IN_A),
    "accounts:member_account_slips_export": page("/accounts/members/batches/{batch}/export.xlsx", **IN_A),
    # A member activates before they can log in; anyone may open the form.
    "accounts:activate": row("/accounts/activate/", others=200),
    # The security administrator.
    "accounts:security": page("/accounts/security/", secadmin=200),
    "accounts:lockouts": page("/accounts/security/lockouts/", secadmin=200),
    "accounts:unlock": page("/accounts/security/unlock/", method="POST", secadmin=302),
    "accounts:otp_reset": page("/accounts/security/otp-reset/", method="POST", secadmin=302),
}
