"""How a volunteer's name shows on the public verification page."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张建国 → 张*国, 李娜 → 李*, 欧阳修文 → 欧**文: the first and (from three characters) last stay."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
