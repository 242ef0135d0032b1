"""Rule-based triage: category with DOMAIN.md's precedence, and the `urgent` flag.

Precedence when a complaint touches several categories: compensation, then billing, then
service_attitude, then the subject matter (the subject category with most keyword hits).
A complaint no keyword matches is `other` with low confidence, so it goes to front-desk review.
Chinese keywords match anywhere (Chinese has no word boundaries); English ones are regular
expressions matched as whole words, so `fee` is not found in `feel`.
"""

import re
from dataclasses import dataclass

from closedloop_shared.vocabulary import Category

_CHINESE: dict[Category, str] = {
    Category.COMPENSATION: "赔偿 赔钱 索赔 损失 起诉 律师 法院",
    Category.BILLING: "物业费 收费 费用 水费 电费 停车费 发票 押金 退款 账单 多收",
    Category.SERVICE_ATTITUDE: "态度 不理 没人接 不接电话 敷衍 骂 不耐烦 推诿 没有回复 没人管",
    Category.REPAIR: (
        "漏水 渗水 水管 电梯 停电 跳闸 灯 门禁 锁 墙 天花板 水压 暖气 对讲 坏了 维修 堵 爆管 "
        "停水 没水 故障 煤气 燃气"
    ),
    Category.SECURITY: "小偷 被盗 偷 陌生人 保安 门岗 消防 安全通道 监控 高空抛物",
    # 卫生间 is a bathroom, not sanitation: only phrases about cleanliness count.
    Category.SANITATION: "垃圾 清洁 打扫 卫生差 不卫生 环境卫生 蟑螂 老鼠 臭 狗屎 粪便 异味",
    Category.LANDSCAPING: "绿化 树 草坪 花草 修剪 浇水 打药",
    Category.NOISE: "噪音 吵 装修声 广场舞 施工 扰民",
    Category.PARKING: "车位 停车 占用 道闸 充电桩 挡路",
}

_ENGLISH: dict[Category, str] = {
    Category.COMPENSATION: r"compensat\w* | damages | reimburs\w* | lawyers? | sue | liab\w*",
    Category.BILLING: (
        r"fees? | (?<!in\s)charg(?:e|es|ed|ing) | bills? | billed | billing | invoices? "
        r"| deposits? | refunds? | overcharg\w*"
    ),
    Category.SERVICE_ATTITUDE: (
        r"rude\w* | attitude | unhelpful | ignored | impolite | no\sone\sanswer\w* "
        r"| nobody\sanswer\w* | never\scalled\sback"
    ),
    Category.REPAIR: (
        r"leak\w* | pipes? | lifts? | elevators? | power | lights? | doors? | locks? | walls? "
        r"| ceilings? | water\spressure | heating | intercom | broken | repair\w* | no\swater | gas"
    ),
    Category.SECURITY: (
        r"theft | stolen | strangers? | guards? | fire\sexits? | fire\shazards? | cameras? | cctv "
        r"| burglar\w* | break-in | thrown\sfrom"
    ),
    Category.SANITATION: (
        r"rubbish | garbage | trash | clean\w* | cockroach\w* | rats? | pests? "
        r"| (?<!gas\s)smell\w* | dog\spoo"
    ),
    Category.LANDSCAPING: (
        r"trees? | lawns? | grass | plants? | prun\w* | watering | spraying | hedges?"
    ),
    Category.NOISE: r"noise | noisy | loud | renovation\w* | square\sdanc\w* | construction",
    Category.PARKING: (
        r"parking | parked | car\sspaces? | barrier\sgates? | ev\scharg\w* | permits?"
    ),
}

_URGENT_CHINESE = (
    "着火 火灾 冒烟 煤气 燃气 困在电梯 被困 关在电梯 水淹 淹水 整栋停电 全楼停电 整栋停水 污水 "
    "倒灌 溢出 入室 撬门 漏电"
)
_URGENT_ENGLISH = (
    r"fire | smoke | gas\s(?:smell|leak)\w* | smell\w*\s(?:of\s)?gas | trapped | stuck\sin\sthe\s"
    r"(?:lift|elevator) | flood(?:ing|ed|s)? | sewage | break-in | broke\sin | burglary "
    r"| whole\sbuilding | sparking"
)

_PRECEDENCE = (Category.COMPENSATION, Category.BILLING, Category.SERVICE_ATTITUDE)


def _pattern(chinese: str, english: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in chinese.split()]
    words += [rf"\b(?:{fragment})\b" for fragment in english.split(" | ")]
    return re.compile("|".join(words))


_PATTERNS = {c: _pattern(_CHINESE.get(c, ""), _ENGLISH[c]) for c in _ENGLISH}
_URGENT = _pattern(_URGENT_CHINESE, _URGENT_ENGLISH)


@dataclass(frozen=True)
class Triage:
    """The classifier's verdict."""

    category: Category
    urgent: bool
    confidence: float


def _hits(text: str, pattern: re.Pattern[str]) -> int:
    return len(set(pattern.findall(text)))


def classify(text: str) -> Triage:
    """Category, urgency and confidence for a complaint's description."""
    lowered = text.lower()
    urgent = _hits(lowered, _URGENT) > 0
    for category in _PRECEDENCE:
        if _hits(lowered, _PATTERNS[category]):
            return Triage(category, urgent, 0.8)
    scores = {c: _hits(lowered, p) for c, p in _PATTERNS.items() if c not in _PRECEDENCE}
    best = max(scores, key=lambda c: scores[c])
    if scores[best] == 0:
        return Triage(Category.OTHER, urgent, 0.3)
    runner_up = max((v for c, v in scores.items() if c is not best), default=0)
    confidence = 0.9 if scores[best] > runner_up else 0.6
    return Triage(best, urgent, confidence)
