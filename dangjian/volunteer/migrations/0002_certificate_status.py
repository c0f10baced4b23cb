"""Certificates get a status beside their timestamps (valid → revoked); voided ones keep theirs."""

from django.db import migrations, models


def status_from_revoked_at(apps, schema_editor):
    Certificate = apps.get_model("volunteer", "Certificate")
    Certificate.objects.filter(revoked_at__isnull=False).update(status="revoked")


class Migration(migrations.Migration):
    dependencies = [
        ("volunteer", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status",
            field=models.CharField(
                choices=[("valid", "有效"), ("revoked", "已作废")],
                db_index=True,
                default="valid",
                max_length=10,
                verbose_name="状态",
            ),
        ),
        migrations.RunPython(status_from_revoked_at, migrations.RunPython.noop),
    ]
