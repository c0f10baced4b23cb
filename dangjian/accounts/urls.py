from django.contrib.auth import views as auth_views
from django.urls import path

from . import views_auth, views_members, views_roles, views_security, views_users

app_name = "accounts"

urlpatterns = [
    path("login/", views_auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Each user's own security steps.
    path("password/", views_auth.password_change, name="password_change"),
    path("otp/", views_auth.otp_enrol, name="otp_enrol"),
    path("otp/verify/", views_auth.otp_verify, name="otp_verify"),
    # The system administrator: accounts.
    path("users/", views_users.users, name="users"),
    path("users/new/", views_users.user_new, name="user_new"),
    path("users/<int:pk>/", views_users.user_detail, name="user_detail"),
    path("users/<int:pk>/password-reset/", views_users.user_password_reset, name="user_password_reset"),
    path("users/<int:pk>/active/", views_users.user_set_active, name="user_set_active"),
    # The owner organization confirms new accounts and resets (the password is shown to them once).
    path("credentials/", views_users.credentials, name="credentials"),
    path("credentials/<int:pk>/confirm/", views_users.credential_confirm, name="credential_confirm"),
    # Organization administrators: accounts for the members of their subtree, and the member's activation.
    path("members/", views_members.member_accounts_page, name="member_accounts"),
    path("members/create/", views_members.member_accounts_create, name="member_accounts_create"),
    path("members/batches/<str:batch>/", views_members.member_account_slips, name="member_account_slips"),
    path(
        "members/batches/<str:batch>/export.xlsx",
        views_members.member_account_slips_export,
        name="member_account_slips_export",
    ),
    path("activate/", views_members.activate, name="activate"),
    # Granters (permissions.GRANTS): roles.
    path("roles/", views_roles.roles, name="roles"),
    path("roles/grant/", views_roles.role_grant, name="role_grant"),
    path("roles/accounts/", views_roles.role_grant_accounts, name="role_grant_accounts"),
    path("roles/<int:pk>/revoke/", views_roles.role_revoke, name="role_revoke"),
    # The security administrator.
    path("security/", views_security.security_policy, name="security"),
    path("security/lockouts/", views_security.lockouts, name="lockouts"),
    path("security/unlock/", views_security.unlock, name="unlock"),
    path("security/otp-reset/", views_security.otp_reset, name="otp_reset"),
]
