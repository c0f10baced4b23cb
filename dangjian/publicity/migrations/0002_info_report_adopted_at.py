"""InfoReport.adopted_at: when the adoption was recorded (the lifecycle's timestamp of 'adopted').

Reports already adopted take the time of their first 'adopted' step; one without
a step (none should exist) takes noon of its adoption date.
"""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    InfoReport = apps.get_model("publicity", "InfoReport")
    Step = apps.get_model("publicity", "Step")
    first: dict[int, dt.datetime] = {}
    for subject_id, at in (
        Step.objects.filter(subject="info_report", action="adopted").order_by("at").values_list("subject_id", "at")
    ):
        first.setdefault(subject_id, at)
    changed = []
    for report in InfoReport.objects.filter(status="adopted", adopted_at__isnull=True).only("pk", "adopted_on"):
        at = first.get(report.pk)
        if at is None and report.adopted_on is not None:
            at = timezone.make_aware(dt.datetime.combine(report.adopted_on, dt.time(12)))
        if at is not None:
            report.adopted_at = at
            changed.append(report)
    InfoReport.objects.bulk_update(changed, ["adopted_at"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="inforeport",
            name="adopted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="登记采用时间"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
