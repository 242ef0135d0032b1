"""`classify`: DOMAIN.md's category precedence, the urgent flag, and honest confidence."""

import pytest

from closedloop_intake.classify import classify
from closedloop_shared.vocabulary import Category

# --- precedence: compensation > billing > service_attitude > subject ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Water leak from upstairs damaged my furniture, I demand compensation",
        "楼上漏水把我家家具泡坏了，要求赔偿",
        "The guard was rude and my car was scratched, I will get a lawyer",
        "物业费多收了还损坏了我的门，要求赔偿损失",
    ],
)
def test_a_demand_for_compensation_beats_every_other_category(text: str) -> None:
    """Damage plus a compensation demand is a compensation dispute, whatever else it mentions."""
    assert classify(text).category is Category.COMPENSATION


@pytest.mark.parametrize(
    "text",
    [
        "Fee dispute: they charged us twice for the lift repair",
        "电梯维修费用分摊不合理",
        "The staff were rude about my overcharged parking fee",
        "物业费账单有问题，客服态度也很差",
    ],
)
def test_a_dispute_about_money_charged_beats_conduct_and_subject(text: str) -> None:
    """A fee dispute about a repair (or with rude staff) is billing."""
    assert classify(text).category is Category.BILLING


@pytest.mark.parametrize(
    "text",
    [
        "The guard at the gate was rude to me",
        "保安态度很差，还骂人",
        "Reported the broken lift three times and nobody answered the phone, ignored again",
        "前台敷衍，说好修电梯一直没人管",
    ],
)
def test_staff_conduct_beats_the_subject_matter(text: str) -> None:
    """A rude guard is a service-attitude complaint, not a security one."""
    assert classify(text).category is Category.SERVICE_ATTITUDE


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("卫生间水管漏水", Category.REPAIR),
        ("The lift is broken on floor 12", Category.REPAIR),
        ("有陌生人尾随进小区，门岗没拦", Category.SECURITY),
        ("Bike stolen from the shed, camera was off", Category.SECURITY),
        ("垃圾三天没人清运，很臭", Category.SANITATION),
        ("Cockroaches and rubbish in the bin room", Category.SANITATION),
        ("楼下的树好久没修剪了", Category.LANDSCAPING),
        ("The lawn needs watering and the hedge pruning", Category.LANDSCAPING),
        ("楼上装修噪音太大", Category.NOISE),
        ("Square dancing music too loud every evening", Category.NOISE),
        ("我的车位被别人占用了", Category.PARKING),
        ("Someone parked across my parking space again", Category.PARKING),
    ],
)
def test_subject_matter_decides_when_no_precedence_category_applies(
    text: str, category: Category
) -> None:
    """Without money or conduct, the subject's keywords name the category."""
    assert classify(text).category is category


@pytest.mark.parametrize("text", ["建议在小区里多放几张长椅", "What are the opening hours?", "ok"])
def test_text_matching_no_category_is_other_with_low_confidence(text: str) -> None:
    """Suggestions and enquiries are `other`, flagged by a low confidence for review."""
    triage = classify(text)
    assert triage.category is Category.OTHER
    assert triage.confidence < 0.5


# --- confidence ---------------------------------------------------------------------------------


def test_a_clear_subject_is_high_confidence() -> None:
    """One subject category clearly ahead gives high confidence."""
    assert classify("楼上装修噪音太吵").confidence >= 0.85


def test_a_tie_between_subjects_is_lower_confidence() -> None:
    """Two subjects matched equally leave the verdict uncertain: reviewed at a strict site (0.7)."""
    tied = classify("垃圾堆在电梯口").confidence
    assert 0.5 <= tied < 0.7
    assert tied < classify("楼上装修噪音太吵").confidence


def test_precedence_categories_are_confident() -> None:
    """Compensation, billing and conduct keywords are explicit."""
    assert classify("要求赔偿").confidence >= 0.8


def test_classification_ignores_case() -> None:
    """English keywords match whatever the capitalisation."""
    assert classify("BROKEN LIFT").category is Category.REPAIR


# --- urgent -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "There is a strong gas smell in the stairwell",
        "楼道里有很重的煤气味",
        "My mother is trapped in the lift between floors",
        "有人被困在电梯里了",
        "Fire in the bin room, smoke everywhere",
        "地下室着火了",
        "The basement car park is flooding",
        "车库水淹了",
        "整栋停电了",
        "Sewage is coming up through the floor drain",
        "Someone broke in to the flat next door",
    ],
)
def test_danger_to_people_or_property_is_urgent(text: str) -> None:
    """Gas, people trapped, fire, flooding, building-wide outages, sewage and break-ins."""
    assert classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "The hedge outside block 3 needs trimming",
        "楼上装修噪音太大",
        "物业费发票还没开",
        "The guard was rude",
        "The corridor light on floor 5 is out",
    ],
)
def test_everyday_complaints_are_not_urgent(text: str) -> None:
    """Nothing dangerous, nothing urgent."""
    assert not classify(text).urgent


def test_urgency_is_independent_of_category() -> None:
    """An urgent complaint keeps its category: a trapped owner in a lift is an urgent repair."""
    triage = classify("Trapped in the lift, it is broken")
    assert (triage.category, triage.urgent) == (Category.REPAIR, True)


# --- known defects ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The lift is broken again and I feel unsafe", Category.REPAIR),
        ("The manager in charge never called back", Category.SERVICE_ATTITUDE),
        ("No feedback yet on the leaking pipe", Category.REPAIR),
    ],
)
def test_billing_keywords_match_whole_words_only(text: str, category: Category) -> None:
    """`feel`, `feedback` and `in charge` are not about money."""
    assert classify(text).category is category


def test_subject_keywords_match_whole_words_only() -> None:
    """A noisy generator is a noise complaint, not a pest problem."""
    assert classify("The generator is very noisy at night").category is Category.NOISE


def test_bathroom_is_not_sanitation() -> None:
    """卫生间下水道堵了 is a blocked drain: a repair."""
    assert classify("卫生间下水道堵了").category is Category.REPAIR


@pytest.mark.parametrize("text", ["I smell gas in the kitchen", "The stairwell smells of gas"])
def test_every_phrasing_of_a_gas_smell_is_urgent(text: str) -> None:
    """DOMAIN.md: a gas smell is a danger to people, however it is worded."""
    assert classify(text).urgent


def test_a_broken_floodlight_is_not_urgent() -> None:
    """A lamp called floodlight is not a flood."""
    assert not classify("The floodlight in the car park is broken").urgent


# --- the triage guideline (docs/triage-guidelines.md) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "category", "urgent"),
    [
        ("楼下电动车着火了 烟冲到楼上", Category.SECURITY, True),
        ("Smoke is pouring out of the flat across the corridor", Category.SECURITY, True),
        ("配电箱冒火花 滋滋响", Category.REPAIR, True),
        ("Cars are always parked in the fire lane behind block 5", Category.SECURITY, False),
        ("消防通道上停满了车", Category.SECURITY, False),
        ("A van is blocking my garage door", Category.PARKING, False),
        ("地漏往上反污水 满地都是", Category.REPAIR, True),
        ("道闸坏了 抬杆抬不起来", Category.PARKING, False),
        ("The EV chargers in the basement haven't worked for weeks", Category.PARKING, False),
        ("车库的监控坏了好久了", Category.SECURITY, False),
        ("Anyone can walk in, the guard just waves people through", Category.SECURITY, False),
        ("家里蟑螂太多了 楼里该消杀了", Category.SANITATION, False),
        ("Aphids all over the roses in the central garden", Category.LANDSCAPING, False),
        ("楼下的水泵房嗡嗡响 二十四小时不停", Category.NOISE, False),
        ("The lift makes a grinding noise, please inspect it", Category.REPAIR, False),
        ("门口那棵大树歪得厉害 根都翘起来了 随时要倒 下面都是人", Category.LANDSCAPING, True),
        ("请问物业费发票怎么开", Category.OTHER, False),
    ],
)
def test_the_guideline_decides_confusable_subjects(
    text: str, category: Category, urgent: bool
) -> None:
    """Fire is security, fire lanes security, gates and chargers parking, pests sanitation."""
    triage = classify(text)
    assert (triage.category, triage.urgent) == (category, urgent)


@pytest.mark.parametrize(
    "text",
    [
        "My neighbour is trapped in the lift and the emergency line just rings out, nobody answers",
        "电梯卡在两层中间 我妈在里面 打了好几个电话都没人接",
    ],
)
def test_an_emergency_nobody_answers_is_urgent_service_attitude(text: str) -> None:
    """The guideline: an entrapment in progress that nobody answers."""
    triage = classify(text)
    assert (triage.category, triage.urgent) == (Category.SERVICE_ATTITUDE, True)
