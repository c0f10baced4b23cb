"""How personal data is shown to people who may not see it whole."""

from __future__ import annotations


def mask_id_number(value: str) -> str:
    """`150102199001011234` → `1501**********1234`."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """`13912345678` → `139****5678`."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_value(value: str) -> str:
    """Mask callable for auditlog: keep the head and the tail, hide the middle."""
    value = str(value)
    if len(value) >= 15:
        return mask_id_number(value)
    return mask_phone(value)
