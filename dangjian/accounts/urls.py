from django.contrib.auth import views as auth_views
from django.urls import path

from .views import auth, members, roles, security, users

app_name = "accounts"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Each user's own security steps.
    path("password/", auth.password_change, name="password_change"),
    path("otp/", auth.otp_enrol, name="otp_enrol"),
    path("otp/verify/", auth.otp_verify, name="otp_verify"),
    # The system administrator: accounts.
    path("users/", users.users, name="users"),
    path("users/new/", users.user_new, name="user_new"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/password-reset/", users.user_password_reset, name="user_password_reset"),
    path("users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    # The owner organization confirms new accounts and resets (the password is shown to them once).
    path("credentials/", users.credentials, name="credentials"),
    path("credentials/<int:pk>/confirm/", users.credential_confirm, name="credential_confirm"),
    # Organization administrators: accounts for the members of their subtree, and the member's activation.
    path("members/", members.member_accounts_page, name="member_accounts"),
    path("members/create/", members.member_accounts_create, name="member_accounts_create"),
    path("members/batches/<str:batch>/", members.member_account_slips, name="member_account_slips"),
    path(
        "members/batches/<str:batch>/export.xlsx",
        members.member_account_slips_export,
        name="member_account_slips_export",
    ),
    path("activate/", members.activate, name="activate"),
    # Granters (permissions.GRANTS): roles.
    path("roles/", roles.roles, name="roles"),
    path("roles/grant/", roles.role_grant, name="role_grant"),
    path("roles/accounts/", roles.role_grant_accounts, name="role_grant_accounts"),
    path("roles/<int:pk>/revoke/", roles.role_revoke, name="role_revoke"),
    # The security administrator.
    path("security/", security.security_policy, name="security"),
    path("security/lockouts/", security.lockouts, name="lockouts"),
    path("security/unlock/", security.unlock, name="unlock"),
    path("security/otp-reset/", security.otp_reset, name="otp_reset"),
]
