"""PostgreSQL: the audit trail partitioned by year (see dangjian.core.audit_guard.partitions).
SQLite: nothing; Django's state is unchanged on both."""

from django.db import migrations


def partition(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from dangjian.core import audit_guard
    from dangjian.core.audit_guard import partitions

    if partitions.convert(connection):
        audit_guard.install(connection)


def unpartition(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from dangjian.core import audit_guard
    from dangjian.core.audit_guard import partitions

    if partitions.unconvert(connection):
        audit_guard.install(connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_importjob_labels"),
    ]

    operations = [
        migrations.RunPython(partition, unpartition, elidable=False),
    ]
