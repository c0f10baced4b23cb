"""Re-encrypt every ID number and phone number (every `*_enc` field) under a new key.

    manage.py rotate_pii_key                 # generates the new key
    manage.py rotate_pii_key --new-key=KEY   # uses KEY (a Fernet key; write the "=": a key may start with "-")

The old keys are those of PII_KEYS. All values are decrypted and written back
under the new key, with their digests recomputed, in one transaction: a value
that does not decrypt leaves everything as it was. Afterwards only the new key
is needed: put it in PII_KEYS (the command prints the line) and restart the
application. Do it in a maintenance window: between the commit and the
restart, running processes cannot read the re-encrypted values.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dangjian.core import audit, crypto, pii_rotation
from dangjian.core.models import AuditEntry


class Command(BaseCommand):
    help = "用新密钥重新加密全部身份证号、手机号等加密字段（单一事务），并给出新的 PII_KEYS。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new-key", default="", help="新的 Fernet 密钥；不填则自动生成")

    def handle(self, *args: Any, **options: Any) -> None:
        new_key = (options["new_key"] or crypto.generate_key()).strip()
        old_keys = list(settings.PII_KEYS)
        if new_key in old_keys:
            raise CommandError("新密钥与现有密钥相同，请使用新的密钥。")
        try:
            with transaction.atomic():  # the rotation and its audit entry stand or fall together
                counts = pii_rotation.rotate(old_keys=old_keys, new_key=new_key)
                audit.record(
                    audit.Event.PII_KEY_ROTATED,
                    target=AuditEntry,
                    object_pk="",
                    object_repr="个人信息加密密钥轮换",
                    data={"fields": counts},  # never the keys
                )
        except pii_rotation.RotationError as e:
            raise CommandError(str(e)) from None
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count} 条已重新加密")
        self.stdout.write(self.style.SUCCESS("全部完成（单一事务）。"))
        self.stdout.write("请立即把环境变量（或 PII_KEYS_FILE 指向的文件）改为下面这一行，然后重启应用：")
        self.stdout.write(f"PII_KEYS={new_key}")
        self.stdout.write("旧密钥已不再需要；如需读取旧的数据库备份，请另行妥善保存旧密钥。")
