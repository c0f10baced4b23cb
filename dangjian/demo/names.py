"""Chinese names, ethnicities and personal numbers for the demo roster.

Everything here draws from a `random.Random` handed in by the caller, so the
same seed always gives the same people.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from dangjian.core.idcard import check_digit

# fmt: off
# Common surnames with rough weights for a northern city (per mille of the
# population; 王/李/张/刘 lead, southern names such as 黄/林 are rarer here).
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 78), ("李", 75), ("张", 72), ("刘", 60), ("赵", 32), ("杨", 30), ("陈", 28), ("孙", 24),
    ("于", 20), ("高", 20), ("马", 18), ("徐", 16), ("吴", 15), ("周", 15), ("郭", 14), ("韩", 14),
    ("朱", 12), ("胡", 11), ("宋", 11), ("董", 10), ("田", 10), ("姜", 10), ("白", 10), ("杜", 9),
    ("曹", 9), ("吕", 9), ("袁", 8), ("许", 8), ("冯", 8), ("邢", 6), ("崔", 8), ("程", 7), ("魏", 7),
    ("梁", 7), ("何", 7), ("郑", 7), ("谢", 6), ("唐", 6), ("罗", 6), ("林", 5), ("黄", 6), ("范", 6),
    ("石", 6), ("贾", 6), ("丁", 6), ("付", 6), ("方", 5), ("孟", 6), ("邵", 5), ("侯", 5), ("闫", 6),
    ("薛", 5), ("尹", 5), ("段", 5), ("雷", 4), ("史", 5), ("陶", 4), ("贺", 4), ("毛", 4), ("郝", 5),
    ("常", 5), ("武", 5), ("乔", 4), ("康", 4), ("牛", 4), ("葛", 3), ("齐", 4), ("安", 4), ("庞", 3),
    ("鲁", 3), ("耿", 3), ("关", 4), ("焦", 3), ("祝", 2), ("包", 4), ("宁", 3), ("柴", 3), ("苗", 3),
    ("单", 2), ("秦", 4), ("金", 4), ("任", 5), ("沈", 3), ("蒋", 3), ("彭", 3), ("潘", 3), ("陆", 3),
    ("邓", 3), ("萧", 2), ("岳", 3), ("翟", 3), ("温", 3), ("苏", 4), ("卢", 4), ("霍", 3), ("阎", 2),
    ("尚", 3), ("房", 2), ("鞠", 2), ("栾", 2), ("隋", 2), ("佟", 2), ("那", 1), ("倪", 2), ("谷", 2),
)
# fmt: on

# Given names: a first and a second character, by gender; a share of people
# (more among the older) have a one-character given name.
MALE_FIRST = "建志国海晓文俊永立明宏伟德春振子浩宇嘉家天鹏新金庆世长树学光红继洪兴"
MALE_SECOND = (
    "伟强磊军勇杰涛明超鹏华斌刚波辉平健峰东龙飞鑫宇浩博亮彬林成武宁忠毅"
    "晨阳旭凯昊然轩泽睿哲瑞翔航铭松兵庆福生利胜光荣山祥栋喜民"
)
FEMALE_FIRST = "秀桂玉丽美淑春海晓雪红丹静慧佳欣雨思梦嘉紫文彩艳月凤英琳颖亚小晶"
FEMALE_SECOND = "英兰芳华梅霞燕玲娟敏静丽红萍琴云洁莉娜婷雪怡涵琪璐茜悦妍蕾颖倩欣宁月薇楠娇杰荣平"


def _weighted(rng: random.Random, items: Sequence[tuple[str, float]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def given_name(rng: random.Random, *, male: bool, born: int) -> str:
    first, second = (MALE_FIRST, MALE_SECOND) if male else (FEMALE_FIRST, FEMALE_SECOND)
    single_share = 0.35 if born < 1975 else 0.22
    if rng.random() < single_share:
        return rng.choice(second)
    a, b = rng.choice(first), rng.choice(second)
    while b == a:
        b = rng.choice(second)
    return a + b


def han_name(rng: random.Random, *, male: bool, born: int) -> str:
    return _weighted(rng, SURNAMES) + given_name(rng, male=male, born=born)


# Mongolian names, written in Chinese characters, often without a surname.
MONGOL_MALE = (
    "巴特尔",
    "苏和",
    "额尔敦",
    "那仁",
    "阿拉坦",
    "宝音",
    "孟和",
    "朝鲁",
    "巴图",
    "格日勒图",
    "毕力格",
    "乌力吉",
    "特木尔",
    "布和",
    "哈斯",
    "图门",
    "吉日嘎拉",
    "那木拉",
    "额尔德尼",
    "达赖",
    "满都拉",
    "巴雅尔",
    "宝力道",
    "斯琴巴特尔",
    "阿木尔",
    "德力格尔",
    "额日和",
    "恩和",
)
MONGOL_FEMALE = (
    "其其格",
    "乌云",
    "斯琴",
    "萨仁",
    "图雅",
    "敖登",
    "娜仁花",
    "乌日娜",
    "其木格",
    "高娃",
    "托娅",
    "塔娜",
    "阿荣",
    "萨如拉",
    "乌兰",
    "格日乐",
    "苏布达",
    "娜日苏",
    "斯日古楞",
    "额尔德木图",
    "琪琪格",
    "乌仁",
    "青格乐",
    "阿拉腾",
    "吉雅",
    "呼和",
    "苏雅拉图",
)
MONGOL_SURNAMES = ("包", "白", "韩", "吴", "宝", "敖", "云", "鲍", "陈", "金", "王")

# Surnames the smaller peoples of the region took in Chinese (from clan names:
# 郭布勒 → 郭, 敖拉 → 敖, 杜拉尔 → 杜, 莫拉呼尔 → 莫 …).
CLAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "达斡尔族": ("郭", "敖", "孟", "何", "苏", "鄂", "沃", "金", "吴", "德"),
    "鄂温克族": ("杜", "涂", "何", "卡", "那", "吴", "索", "胡"),
    "鄂伦春族": ("莫", "关", "孟", "吴", "葛", "魏", "白", "何"),
    "回族": ("马", "杨", "白", "丁", "海", "金", "哈", "纳", "沙", "穆"),
    "满族": ("关", "佟", "那", "富", "赵", "肇", "金", "罗", "索", "何", "吴", "傅", "洪"),
    "朝鲜族": ("金", "朴", "李", "崔", "郑", "姜", "俞"),
    "锡伯族": ("关", "何", "吴", "安", "佟"),
    "俄罗斯族": ("刘", "王", "张", "李", "魏"),
}

# Ethnic mix of a northern city (Hulunbuir-like), in per mille.
ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("汉族", 775),
    ("蒙古族", 105),
    ("满族", 45),
    ("达斡尔族", 30),
    ("鄂温克族", 14),
    ("回族", 12),
    ("鄂伦春族", 7),
    ("朝鲜族", 5),
    ("俄罗斯族", 3),
    ("锡伯族", 2),
    ("壮族", 1),
    ("土家族", 1),
)


def ethnicity_deck(rng: random.Random, size: int) -> list[str]:
    """SIZE ethnicities in the mix's proportions, every people present, shuffled.

    A deck rather than independent draws, so a small roster still shows the
    smaller peoples and a big one keeps the proportions exactly.
    """
    total = sum(w for _, w in ETHNICITIES)
    deck: list[str] = []
    for name, weight in ETHNICITIES[1:]:
        deck += [name] * max(1, round(size * weight / total))
    deck = deck[: max(0, size - 1)]
    deck += [ETHNICITIES[0][0]] * (size - len(deck))
    rng.shuffle(deck)
    return deck


def person_name(rng: random.Random, *, ethnicity: str, male: bool, born: int) -> str:
    if ethnicity == "蒙古族":
        pool = MONGOL_MALE if male else MONGOL_FEMALE
        if rng.random() < 0.5:
            return rng.choice(pool)  # a Mongolian name alone, as many go by
        return rng.choice(MONGOL_SURNAMES) + given_name(rng, male=male, born=born)
    if ethnicity in CLAN_SURNAMES:
        return rng.choice(CLAN_SURNAMES[ethnicity]) + given_name(rng, male=male, born=born)
    return han_name(rng, male=male, born=born)


# Where people were born: county codes of GB/T 2260. Mostly Hulunbuir (1507xx),
# then the rest of Inner Mongolia and the neighbouring provinces.
# fmt: off
HULUNBUIR = (
    ("150702", 40), ("150703", 5), ("150721", 6), ("150722", 6), ("150723", 4), ("150724", 4),
    ("150725", 3), ("150726", 2), ("150727", 2), ("150781", 6), ("150782", 8), ("150783", 7),
    ("150784", 3), ("150785", 3),
)
ELSEWHERE = (
    ("150102", 3), ("150203", 2), ("150402", 2), ("150502", 2), ("152201", 3), ("152502", 1),
    ("230102", 3), ("230103", 2), ("230604", 2), ("232301", 2), ("232700", 2), ("220102", 1),
    ("210102", 1), ("130102", 1), ("370102", 1), ("140105", 1),
)
# Peoples whose home banners have their own codes: 莫力达瓦达斡尔族自治旗,
# 鄂伦春自治旗, 鄂温克族自治旗.
# fmt: on
HOME_REGION = {"达斡尔族": "150722", "鄂伦春族": "150723", "鄂温克族": "150724"}


def region_code(rng: random.Random, ethnicity: str, home: str = "") -> str:
    """Where a person was born: their people's home banner, the committee's own county, or around."""
    banner = HOME_REGION.get(ethnicity)
    if banner and rng.random() < 0.6:
        return banner
    if home and rng.random() < 0.5:
        return home
    return _weighted(rng, HULUNBUIR if rng.random() < 0.78 else ELSEWHERE)


class IdNumbers:
    """Valid, unique GB 11643 numbers.

    Uniqueness is kept with a set per committee. When several committees are
    seeded (the province), PARTITION (0–99) fixes the first two digits of the
    sequence code, so numbers of different committees can never collide and no
    set has to span them all.
    """

    def __init__(self, rng: random.Random, partition: int | None = None) -> None:
        self.rng = rng
        self.partition = partition
        self.used: set[str] = set()

    def _sequence(self, male: bool) -> str:
        parity = 1 if male else 0
        if self.partition is None:
            return f"{self.rng.randrange(parity, 1000, 2):03d}"
        return f"{self.partition:02d}{self.rng.randrange(parity, 10, 2)}"

    def issue(self, *, region: str, born: dt.date, male: bool) -> tuple[str, dt.date]:
        """A new number and the birth date inside it (shifted a day when the date's numbers run out)."""
        for attempt in range(200):
            day = born + dt.timedelta(days=attempt // 10)
            first17 = f"{region}{day:%Y%m%d}{self._sequence(male)}"
            number = first17 + check_digit(first17)
            if number not in self.used:
                self.used.add(number)
                return number, day
        raise RuntimeError("身份证号分配失败")  # pragma: no cover  (a day has 500 numbers per sex)


# fmt: off
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "191", "198", "199",
)
# fmt: on


def phone_number(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


CHINESE_ORDINALS = "一二三四五六七八九十"


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十."""
    if n <= 10:
        return CHINESE_ORDINALS[n - 1]
    if n < 20:
        return "十" + CHINESE_ORDINALS[n - 11]
    tens, ones = divmod(n, 10)
    return CHINESE_ORDINALS[tens - 1] + "十" + (CHINESE_ORDINALS[ones - 1] if ones else "")
