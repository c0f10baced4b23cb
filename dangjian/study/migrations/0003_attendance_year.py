"""Each attendance row carries its parent's year (`year`): on PostgreSQL the three attendance tables
are then partitioned by it (see dangjian.core.partitioning); SQLite keeps plain tables."""

from django.db import migrations, models

TABLES = (
    # model, parent table, parent's date column, the row's column naming its parent
    ("meetingattendance", "study_meeting", "held_on", "meeting_id"),
    ("sessionattendance", "study_session", "held_on", "session_id"),
    ("dayattendance", "study_trainingday", "day", "day_id"),
)


def fill_years(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for model, parent, date_column, key in TABLES:
            table = f"study_{model}"
            if connection.vendor == "postgresql":
                year = f"CAST(EXTRACT(YEAR FROM p.{date_column}) AS smallint)"
            else:
                year = f"CAST(strftime('%Y', p.{date_column}) AS integer)"
            cursor.execute(
                f"UPDATE {table} SET year = (SELECT {year} FROM {parent} p WHERE p.id = {table}.{key})"
            )


def partition(apps, schema_editor):
    from dangjian.core import partitioning

    for model, *_ in TABLES:
        partitioning.partition_by_year(schema_editor.connection, f"study_{model}")


def unpartition(apps, schema_editor):
    from dangjian.core import partitioning

    for model, *_ in TABLES:
        partitioning.unpartition(schema_editor.connection, f"study_{model}")


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0002_training_class_status"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="year",
                field=models.PositiveSmallIntegerField(editable=False, null=True, verbose_name="年度"),
            )
            for model, *_ in TABLES
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop, elidable=False),
        *(
            migrations.AlterField(
                model_name=model,
                name="year",
                field=models.PositiveSmallIntegerField(editable=False, verbose_name="年度"),
            )
            for model, *_ in TABLES
        ),
        migrations.RunPython(partition, unpartition, elidable=False),
    ]
