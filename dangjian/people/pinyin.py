from __future__ import annotations


def initials(name: str) -> str:
    """Lower-case pinyin initials of a Chinese name: '张三丰' → 'zsf'."""
    # Imported on first use: pypinyin's phrase dictionary takes about 57 MB in every process that
    # imports it, and the pages only read the stored initials (only writes of names need it).
    from pypinyin import Style, lazy_pinyin

    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore") if p).lower()
