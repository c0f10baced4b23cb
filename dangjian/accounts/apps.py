from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangjian.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from dangjian.core import audit_guard

        from . import lockout, signals  # noqa: F401  (audit receivers of logins and locks)

        # The audit trail's SQL functions on every SQLite connection (its hash chain's SHA-256).
        # Here because this change may not touch core/apps.py; it belongs there.
        connection_created.connect(audit_guard.register_sqlite_functions, dispatch_uid="dangjian_audit_sqlite")
