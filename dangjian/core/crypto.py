"""Encryption at rest for personal data (ID and phone numbers).

Values are encrypted with Fernet under settings.PII_KEYS: the first key
encrypts, every key decrypts, so a new key can be put in front and the data
re-encrypted (`rotate_pii_key`). Uniqueness and look-up by value use an HMAC
digest keyed from the first key; rotation recomputes it along with the
ciphertext.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from os import PathLike

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.strip().encode()) for k in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.PII_KEYS)


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet(_keys()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("无法解密：密钥不匹配") from None


def digest(value: str, key: str | None = None) -> str:
    """A keyed, deterministic digest of VALUE for unique indexes and look-ups."""
    key = key or _keys()[0]
    material = hashlib.sha256(b"dangjian-pii-digest:" + key.strip().encode()).digest()
    return hmac.new(material, value.encode(), hashlib.sha256).hexdigest()


def generate_key() -> str:
    return Fernet.generate_key().decode()


def file_sha256(path: str | PathLike[str]) -> str:
    """The SHA-256 of a file's bytes as hex, read a megabyte at a time (backups, staged imports)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
