"""The stricter guard (no REPLACE, no guard table on SQLite, no session setting on PostgreSQL,
a separate owner role where possible) and the hash chain over entries (see dangjian.core.audit_guard)."""

from django.db import migrations


def install(apps, schema_editor):
    from dangjian.core import audit_guard

    audit_guard.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from dangjian.core import audit_guard

    audit_guard.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
