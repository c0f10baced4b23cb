from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "dangjian.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from . import audit_guard, dbstats, registry

        # The audit trail's SQL functions on every SQLite connection (its hash chain's SHA-256).
        connection_created.connect(audit_guard.register_sqlite_functions, dispatch_uid="dangjian_audit_sqlite")
        post_migrate.connect(_guard_audit_trail, sender=self)
        # The planner's statistics: after every migrate, and now and then while serving (SQLite).
        post_migrate.connect(dbstats.after_migrate, sender=self, dispatch_uid="dangjian_dbstats_migrate")
        request_finished.connect(dbstats.optimize_now_and_then, dispatch_uid="dangjian_dbstats_optimize")
        # A write to the rows behind the statistics makes their cached figures stale.
        registry.watch_models()
        post_migrate.connect(_figures_changed, sender=self, dispatch_uid="dangjian_figures_migrate")
        checks.register(_check_app_settings)


def _check_app_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every app's section of settings.DANGJIAN names known settings with values of the right type."""
    from .conf import check_all
    from .manifests import manifests

    classes = [m.settings for m in manifests() if m.settings is not None]
    return [checks.Error(problem, id="dangjian.E001") for problem in check_all(classes)]


def _figures_changed(sender, using="default", **kwargs) -> None:
    """After migrate and flush (which emits post_migrate) no cached figure is current."""
    from . import registry

    registry.figures_changed(using=using)


def _guard_audit_trail(sender, using="default", **kwargs) -> None:
    """Re-assert the append-only triggers after every migrate (idempotent), in case a guarded
    table appeared after migration core.0002 ran; on PostgreSQL make this year's and the next
    two years' partitions of the trail and of the tables partitioned by year."""
    from django.db import connections

    from . import audit_guard, partitioning

    connection = connections[using]
    if "core_auditentry" in connection.introspection.table_names():
        audit_guard.install(connection)
        audit_guard.partitions.ensure_ahead(connection)
    partitioning.ensure_ahead(connection)
