from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "dangjian.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        post_migrate.connect(_guard_audit_trail, sender=self)


def _guard_audit_trail(sender, using="default", **kwargs) -> None:
    """Re-assert the append-only triggers after every migrate (idempotent), in case a guarded
    table appeared after migration core.0002 ran."""
    from django.db import connections

    from . import audit_guard

    connection = connections[using]
    if "core_auditentry" in connection.introspection.table_names():
        audit_guard.install(connection)
