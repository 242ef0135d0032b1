"""Rule-based triage: category with DOMAIN.md's precedence, and the `urgent` flag.

Precedence when a complaint touches several categories: compensation, then billing, then
service_attitude, then the subject matter (the first subject category whose keywords match best).
A complaint no keyword matches is `other` with low confidence, so it goes to front-desk review.
"""

from dataclasses import dataclass

from closedloop_shared.vocabulary import Category

_KEYWORDS: dict[Category, tuple[str, ...]] = {
    Category.COMPENSATION: (
        "赔偿",
        "赔钱",
        "索赔",
        "损失",
        "起诉",
        "律师",
        "法院",
        "compensat",
        "damages",
        "reimburse",
        "lawyer",
        "sue ",
        "liable",
        "liability",
    ),
    Category.BILLING: (
        "物业费",
        "收费",
        "费用",
        "水费",
        "电费",
        "停车费",
        "发票",
        "押金",
        "退款",
        "账单",
        "多收",
        "fee",
        "charge",
        "bill",
        "invoice",
        "deposit",
        "refund",
        "overcharg",
    ),
    Category.SERVICE_ATTITUDE: (
        "态度",
        "不理",
        "没人接",
        "不接电话",
        "敷衍",
        "骂",
        "不耐烦",
        "推诿",
        "没有回复",
        "没人管",
        "rude",
        "attitude",
        "unhelpful",
        "ignored",
        "no one answer",
        "nobody answer",
        "never called back",
        "impolite",
    ),
    Category.REPAIR: (
        "漏水",
        "渗水",
        "水管",
        "电梯",
        "停电",
        "跳闸",
        "灯",
        "门禁",
        "锁",
        "墙",
        "天花板",
        "水压",
        "暖气",
        "对讲",
        "坏了",
        "维修",
        "堵塞",
        "爆管",
        "停水",
        "没水",
        "故障",
        "leak",
        "pipe",
        "lift",
        "elevator",
        "power",
        "light",
        "door",
        "lock",
        "wall",
        "ceiling",
        "water pressure",
        "heating",
        "intercom",
        "broken",
        "repair",
        "no water",
    ),
    Category.SECURITY: (
        "小偷",
        "被盗",
        "偷",
        "陌生人",
        "保安",
        "门岗",
        "消防",
        "安全通道",
        "监控",
        "高空抛物",
        "theft",
        "stolen",
        "stranger",
        "guard",
        "fire exit",
        "fire hazard",
        "camera",
        "cctv",
        "burglar",
        "break-in",
        "thrown from",
    ),
    Category.SANITATION: (
        "垃圾",
        "清洁",
        "打扫",
        "卫生",
        "蟑螂",
        "老鼠",
        "臭",
        "狗屎",
        "粪便",
        "异味",
        "rubbish",
        "garbage",
        "trash",
        "clean",
        "cockroach",
        "rat",
        "pest",
        "smell",
        "dog poo",
    ),
    Category.LANDSCAPING: (
        "绿化",
        "树",
        "草坪",
        "花草",
        "修剪",
        "浇水",
        "打药",
        "tree",
        "lawn",
        "grass",
        "plant",
        "prun",
        "watering",
        "spraying",
        "hedge",
    ),
    Category.NOISE: (
        "噪音",
        "吵",
        "装修声",
        "广场舞",
        "施工",
        "扰民",
        "noise",
        "noisy",
        "loud",
        "renovation",
        "square danc",
        "construction at night",
    ),
    Category.PARKING: (
        "车位",
        "停车",
        "占用",
        "道闸",
        "充电桩",
        "挡路",
        "parking",
        "parked",
        "car space",
        "barrier gate",
        "ev charg",
        "permit",
    ),
}

_PRECEDENCE = (Category.COMPENSATION, Category.BILLING, Category.SERVICE_ATTITUDE)

_URGENT = (
    "着火",
    "火灾",
    "冒烟",
    "煤气",
    "燃气",
    "困在电梯",
    "被困",
    "关在电梯",
    "水淹",
    "淹水",
    "整栋停电",
    "全楼停电",
    "整栋停水",
    "污水",
    "倒灌",
    "溢出",
    "入室",
    "撬门",
    "漏电",
    "fire",
    "smoke",
    "gas smell",
    "smell of gas",
    "gas leak",
    "trapped",
    "stuck in the lift",
    "stuck in the elevator",
    "flood",
    "sewage",
    "break-in",
    "broke in",
    "burglary",
    "whole building",
    "sparking",
)


@dataclass(frozen=True)
class Triage:
    """The classifier's verdict."""

    category: Category
    urgent: bool
    confidence: float


def _hits(text: str, words: tuple[str, ...]) -> int:
    return sum(1 for word in words if word in text)


def classify(text: str) -> Triage:
    """Category, urgency and confidence for a complaint's description."""
    lowered = text.lower()
    urgent = _hits(lowered, _URGENT) > 0
    for category in _PRECEDENCE:
        if _hits(lowered, _KEYWORDS[category]):
            return Triage(category, urgent, 0.8)
    scores = {
        category: _hits(lowered, words)
        for category, words in _KEYWORDS.items()
        if category not in _PRECEDENCE
    }
    best = max(scores, key=lambda c: scores[c])
    if scores[best] == 0:
        return Triage(Category.OTHER, urgent, 0.3)
    runner_up = max((v for c, v in scores.items() if c is not best), default=0)
    confidence = 0.9 if scores[best] > runner_up else 0.6
    return Triage(best, urgent, confidence)
