"""Re-encrypting personal data under a new key (`manage.py rotate_pii_key`).

Which columns hold encrypted data is found by convention, so a domain app that
encrypts a field the way people.Member does is rotated without being named
here: a text field `<name>_enc` holds `crypto.encrypt(value)`, and a field
`<name>_digest` beside it, when there is one, holds `crypto.digest(value)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.db import models, transaction

from . import crypto

BATCH = 1000


@dataclass(frozen=True)
class EncryptedField:
    model: type[models.Model]
    enc: str
    digest: str | None

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.enc}"


def encrypted_fields() -> list[EncryptedField]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("dangjian."):
            continue
        names = {f.name for f in model._meta.concrete_fields}
        for name in sorted(names):
            if name.endswith("_enc"):
                digest = name[: -len("_enc")] + "_digest"
                found.append(EncryptedField(model, name, digest if digest in names else None))
    return found


class RotationError(Exception):
    pass


def rotate(*, old_keys: list[str], new_key: str) -> dict[str, int]:
    """Decrypt every encrypted value with OLD_KEYS and write it back under NEW_KEY alone, in one transaction.

    Digests are recomputed with NEW_KEY. Any value that does not decrypt aborts the
    whole rotation: nothing is written then. Returns the count of values per field.
    """
    try:
        new = Fernet(new_key.strip().encode())
    except (ValueError, TypeError):
        raise RotationError("新密钥格式不正确：须为 32 字节的 urlsafe base64 编码（Fernet 密钥）。") from None
    old = MultiFernet([Fernet(k.strip().encode()) for k in old_keys])
    counts: dict[str, int] = {}
    with transaction.atomic():
        for field in encrypted_fields():
            counts[field.label] = _rotate_field(field, old, new, new_key)
    return counts


def _rotate_field(field: EncryptedField, old: MultiFernet, new: Fernet, new_key: str) -> int:
    model = field.model
    columns = [field.enc] + ([field.digest] if field.digest else [])
    rows = model._default_manager.exclude(**{field.enc: ""}).order_by("pk").values_list("pk", field.enc)
    count = 0
    last_pk = None
    while True:
        batch_qs = rows if last_pk is None else rows.filter(pk__gt=last_pk)
        batch = list(batch_qs[:BATCH])
        if not batch:
            break
        updated = []
        for pk, token in batch:
            try:
                plain = old.decrypt(token.encode()).decode()
            except InvalidToken:
                raise RotationError(f"{field.label} 第 {pk} 条无法用现有密钥解密，已全部回滚，未做任何修改。") from None
            obj = model(pk=pk)
            setattr(obj, field.enc, new.encrypt(plain.encode()).decode())
            if field.digest:
                setattr(obj, field.digest, crypto.digest(plain, key=new_key))
            updated.append(obj)
        model._default_manager.bulk_update(updated, columns, batch_size=BATCH)
        count += len(batch)
        last_pk = batch[-1][0]
    return count
