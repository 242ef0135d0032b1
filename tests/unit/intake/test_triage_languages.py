"""Triage across writing styles: Chinese with typos, English, mixed text and pinyin."""

import pytest

from closedloop_intake.classify import classify
from closedloop_intake.triage.hazard_cues import NEAR_MISS
from closedloop_shared.vocabulary import Category

# --- category in every style --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("dianti huai le", Category.REPAIR),
        ("diàn tī huài le", Category.REPAIR),
        ("dian4 ti1 huai4 le", Category.REPAIR),
        ("wuyefei shou duo le", Category.BILLING),
        ("wo de chewei bei bieren zhan le", Category.PARKING),
        ("loushang zhuangxiu zaoyin tai da le", Category.NOISE),
        ("baoan taidu hen cha, hai ma ren", Category.SERVICE_ATTITUDE),
        ("louxia loushui ba wo jia diban pao huai le, yaoqiu peichang", Category.COMPENSATION),
    ],
)
def test_pinyin_with_or_without_tones_and_spaces_is_understood(
    text: str, category: Category
) -> None:
    """Pinyin reads as the Chinese it spells, whatever the tones and spacing."""
    assert classify(text).category is category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("卫生间楼水了", Category.REPAIR),
        ("电题又坏了，爬楼梯好累", Category.REPAIR),
        ("物叶费收多了", Category.BILLING),
        ("楼上的躁音太大了", Category.NOISE),
        ("客服太度很差", Category.SERVICE_ATTITUDE),
        ("垃级好几天没人收", Category.SANITATION),
    ],
)
def test_homophone_typos_read_as_the_word_meant(text: str, category: Category) -> None:
    """楼水, 电题, 物叶费, 躁音: a typo that sounds right is read as the word it sounds like."""
    assert classify(text).category is category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("电梯又broken了", Category.REPAIR),
        ("management fee涨了20%，凭什么", Category.BILLING),
        ("楼上party开到凌晨三点", Category.NOISE),
        ("我的parking space又被人占了", Category.PARKING),
        ("my kitchen sink water not go down, please help fix", Category.REPAIR),
        ("someone steal my package in front of my door", Category.SECURITY),
        ("neighbour dog barking whole night, I cannot sleep", Category.NOISE),
        ("楼上装修噪音太大 周末早上七点就开始电钻 根本没法休息", Category.NOISE),
    ],
)
def test_mixed_non_native_and_unpunctuated_text_is_understood(
    text: str, category: Category
) -> None:
    """Code-switching, learner English and run-on Chinese still name the subject."""
    assert classify(text).category is category


# --- urgent, and the near misses ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "电梯坏了有人被困",
        "dianti huai le kun le ren",
        "you ren bei kun zai dianti li",
        "有人stuck在电梯里，快来",
        "the elevator stopped between floor 10 and 11, my son inside",
        "整栋楼停电了，电梯也停了",
        "zheng dong lou tingdian le",
        "楼里全部停店了",
        "有很浓的煤汽味",
        "loudao li you meiqi wei",
        "楼上水管爆了，水一直往下流",
        "Water is gushing from a broken pipe in the basement",
        "马桶往上冒污水，整个卫生间都是粪水",
        "有人正在我家门口撬锁",
        "Someone is trying to break into my flat right now",
        "楼道电线裸露还在打火花",
        "Exposed wires hanging in the corridor and sparking",
        "配电箱冒烟了",
        "没有任何通知整栋楼就停电了",
        "My son is in the lift and can't get out",
    ],
)
def test_danger_happening_now_is_urgent_in_every_style(text: str) -> None:
    """Trapped people, outages, gas, flooding, sewage, break-ins, live wires and smoke."""
    assert classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "The kitchen tap is dripping",
        "厨房水龙头有点滴水，不急",
        "No gas smell anymore, the gas company checked",
        "之前楼道有煤气味，燃气公司查过了，现在没有了",
        "上周电梯困人那次，维保公司到现在都没出报告",
        "Last month someone got trapped in the lift and we still have no report",
        "我家停电了，邻居家都有电",
        "楼道堆满杂物，有火灾隐患",
        "The fire exit is blocked with bikes",
        "The floodlight in the car park is broken",
        "有推销的人挨家挨户敲门",
        "我家入户门的猫眼掉了",
        "最近小区里发生了好几起入室盗窃，请加强巡逻",
        "每次下雨车库都会积水",
        "水管漏水已经修好了，谢谢",
        "People smoke in the stairwell and it stinks",
        "My car was flooded in the garage last week, I want the loss covered",
        "整个小区停水了，不过物业提前通知了，明天来水",
        "The lift is out of order and my father cannot get out of the flat",
    ],
)
def test_near_misses_are_not_urgent(text: str) -> None:
    """Denied, resolved, past, general, risk-only and sound-alike hazards are not emergencies."""
    assert not classify(text).urgent


def test_an_ongoing_hazard_in_a_compensation_claim_is_still_urgent() -> None:
    """A claim for damage done is not urgent unless the damage is still going on."""
    assert classify("楼上水管爆了，水还在往我家流，要求赔偿").urgent


# --- precedence across styles -------------------------------------------------------------------


def test_a_declined_compensation_demand_leaves_the_subject() -> None:
    """`not asking for compensation, just fix it` is about the leak."""
    assert classify("I'm not asking for compensation, just fix the leak").category is (
        Category.REPAIR
    )
    assert classify("不要求赔偿，只希望赶紧把漏水修好").category is Category.REPAIR


@pytest.mark.parametrize(
    "text",
    [
        "保安态度差，还把我的车划了，必须赔偿",
        "停车费多收了，物业还把我的车刮花了，要求赔偿",
        "tingchefei duo shou le, hai ba wo de che gua hua le, yaoqiu peichang",
    ],
)
def test_compensation_outranks_billing_and_conduct_in_any_style(text: str) -> None:
    """A compensation demand wins over a fee dispute and over rude staff."""
    assert classify(text).category is Category.COMPENSATION


def test_a_fee_mentioned_in_passing_is_not_a_billing_dispute() -> None:
    """Paying fees while the lift stays broken is a complaint about the lift."""
    assert classify("交了物业费，电梯还是三天两头坏").category is Category.REPAIR


def test_unrecognisable_text_is_other_and_goes_to_review() -> None:
    """Gibberish names no category and has low confidence."""
    triage = classify("asdf qwer zxcv")
    assert (triage.category, triage.confidence < 0.5) == (Category.OTHER, True)


@pytest.mark.parametrize(
    "text",
    [
        "楼上往下漏水 越来越多了",
        "楼道里好大的烟 看不清路",
        "有人被关在电梯里",
        "我们这栋楼没电了",
        "小偷在楼道里 还没走",
        "电题卡住了 里面有个老人",
        "整栋楼都停店了",
        "楼道有天然汽的味道",
        "下水道反水 满地都是",
        "楼下有人在喊着火了",
        "树快倒了 下面都是人",
        "shu yao dao le",
        "loudao li quan shi yan",
        "you ren bei guan zai dianti li",
        "Water is coming through the ceiling",
        "I smell smoke in the stairwell",
        "Someone is trying to force my front door open right now",
        "The tree outside is about to fall on the road",
        "Water is still pouring into my flat from the burst main, who is going to pay for this",
        "整栋楼blackout了",
        "水一直往下流 ceiling都湿透了",
    ],
)
def test_more_ways_of_saying_danger_now_are_urgent(text: str) -> None:
    """Ongoing danger in the many ways owners put it, in all four styles."""
    assert classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "楼道里有人抽烟 烟很大 呛死了",
        "Someone smokes in the stairwell every night",
        "My car was broken into yesterday",
        "The tree outside blocks all the light in my living room",
        "请问小区有没有电动车充电的地方",
        "外墙漆一块一块地往下掉",
        "上个月我家的水漫了 现在都好了 想问问保险怎么报",
        "Someone said there was a gas smell, but it turned out to be nothing and it's gone now",
        "厕所的水箱一直流水 关不住",
        "有推销的人挨家挨户敲门",
    ],
)
def test_more_near_misses_are_not_urgent(text: str) -> None:
    """Tobacco smoke, yesterday's theft, peeling paint, a running cistern: not emergencies."""
    assert not classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "垃圾房那边冒烟了 味道很冲",
        "电梯里困了三个人 已经二十分钟了",
        "我在电梯里 电梯不动了 门也开不了",
        "卫生间水管裂了 水一直冒 关不住",
        "楼上漏水跟泼的一样 我家客厅一片汪洋",
        "整栋楼 no power 了 电梯也不动",
        "有人拿东西在捅我家锁眼 我在屋里不敢出声",
        "商铺的广告牌被风吹得摇摇晃晃 要砸下来了",
        "草坪上全是打过的农药 小孩刚在那玩完就吐了",
        "救护车进不来 消防通道被车堵死了 我爸心脏病发作",
        "somebody try to open my door now, very scared, send security please",
        "pipe broken in bathroom, water coming out nonstop, cannot stop it",
        "I am in the lift and it is not moving and the door don't open",
        "Used syringes dumped in the sandpit where kids are playing now",
        "you ren zai pa wo jia yang tai",
    ],
)
def test_unseen_wordings_of_danger_now_are_urgent(text: str) -> None:
    """The wider net and the learned vote: present danger in wording no narrow rule expects."""
    assert classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "楼下烧烤的烟一直往上飘",
        "上个月水管爆了淹了我家地板 到现在还没赔",
        "树上有虫子掉下来",
        "洗菜池的下水管破了，水漏得满柜子都是",
        "The floodlight in the car park is broken",
        "the smoke detector keeps beeping, battery low",
        "The lift stops a few centimetres below the floor level",
        "窗户关不严 下雨就往里面飘雨",
    ],
)
def test_wider_net_keeps_the_near_misses_out(text: str) -> None:
    """Barbecue smoke, last month's flood claimed now, a drain pipe, an off-level lift."""
    assert not classify(text).urgent


def test_the_near_miss_veto_names_something() -> None:
    """An empty alternative would veto every learned vote: the pattern must need a real cue."""
    assert NEAR_MISS.search("有人打架 拿着棍子 就在楼下") is None
    assert NEAR_MISS.search("the tap is dripping")


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("隔壁楼的消防管爆裂 水冲到我们楼的配电房", True),
        ("楼道里的电线盒盖子掉了 里面线露出来一点 不急", False),
        ("楼上漏水还在往下灌 你们必须赔我的地板", True),
    ],
)
def test_claims_must_be_written_and_calm_owners_can_wait(text: str, urgent: bool) -> None:
    """配电 only sounds like 赔: no claim framing; an owner who says it can wait is not urgent."""
    assert classify(text).urgent is urgent
