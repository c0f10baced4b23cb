"""Database triggers that make the audit trail append-only (see dangjian.core.audit_guard)."""

from django.db import migrations


def install(apps, schema_editor):
    from dangjian.core import audit_guard

    audit_guard.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from dangjian.core import audit_guard

    audit_guard.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
