"""What danger sounds like: hazard patterns, and the words that set a hazard aside.

Hazards per script (Chinese, English, pinyin syllables), then the cue words `urgent` checks
around each hazard: denial, risk, resolution, past, general recurrence, and happening now.
"""

import re
from dataclasses import dataclass

ZH_SCOPE = (
    r"(?:整栋|整幢|整个|整楼|全楼|全栋|全小区|小区|好几栋|几栋|整片|大面积|全部|所有|各栋|"
    r"全单元|全体|一片|这栋|我们楼|楼里都|家家户户|楼上楼下都|\d+栋)"
)
ZH_LOSS = (
    r"(?:停电|断电|(?:没|没有)电(?![梯动瓶车脑视话池源线器])|停水|断水|没水|没有水|黑了|来不了电|来不了水|power\s?(?:cut|out|off)|blackout"
    r"|(?:没|没有|no)\s?(?:power|electricity|water)|(?:power|electricity)\s?都?没了)"
)
EN_SCOPE = (
    r"(?:whole|entire|all(?:\sof)?(?:\sthe)?|every|any\sof\sthe|across(?:\sthe)?(?:\sall)?)"
    r"\s(?:\w+\s){0,2}?(?:buildings?|blocks?|estate|complex|towers?|compound|floors|flats|units"
    r"|residents|households|community|neighbou?rhood)"
)
EN_LOSS = (
    r"(?:power|electricity|water|blackout|dark|outage|no\s(?:power|electricity|water|lights?))"
)

ZH: dict[str, str] = {
    "fire": (
        r"着火|起火|失火|火灾(?!隐患|风险|隐忧|报警|演习|演练)|烧起来|烧着了|冒烟|浓烟|火苗|火光"
        r"|明火|火势|自燃|爆炸|冒火|(?:烟|烟雾)(?:很大|弥漫|特别大|好大|滚滚|呛人)|黑烟|全是烟|都是烟"
        r"|烧焦|焦糊|焦味|糊味|(?<![抽吸香油二])烟味"
        r"|(?:冒|窜|冲)出.{0,2}烟|喊.{0,3}着火|着伙|越烧越(?:大|旺)|火越来越大"
        r"|(?:好大|很大|很浓|好浓|好多|一股)的?(?:黑)?烟(?!味|头)|烟(?:好|很|特别|超|太)(?:大|浓|多|呛)"
        r"|烧(?!烤)[^ ，,。]{0,3}的?(?:味道|味)|电线烧|(?:那边|这边|里面|里|楼下|楼上)有火"
        r"|有火(?:了|苗|光)"
        r"|(?:车|电动车|电瓶车|摩托车?|房子|柜子|沙发|被子|窗帘)着了"
        r"|(?<![抽吸香油二])(?:有|冒|出|进|全是|都是|一股|好多|很多)(?:黑|白|浓|青|灰)?烟(?!味|头|花|囱|感|酒|草)"
        r"|(?<![抽吸香油二香])烟.{0,3}(?:冒出|出来|进来|窜|飘进|往上|呛)|点着|火烧|烧到|烧着|在烧(?!烤|水|饭|菜|香|纸)|烧了起来|着起来"
        r"|(?:电动车|电瓶车|电车|车棚|充电).{0,6}(?:烧|燃|炸|爆)"
    ),
    "gas": (
        r"(?:煤气|燃气|天然气|液化气|瓦斯)(?:的)?(?:味|泄漏|泄露|漏了|漏气|外泄|气味)"
        r"|闻到.{0,4}(?:煤气|燃气|天然气|gas)|gas.{0,3}(?:味|泄漏|泄露)"
        r"|(?:煤气|燃气|天然气|液化气).{0,6}(?:嘶嘶|有味|有股味)"
        r"|(?:燃气|煤气|天然气)(?:管道?|表|阀门?|罐|灶|管子)?.{0,3}(?:漏气|泄漏|泄露)"
    ),
    "trapped": (
        r"被困|困在|困人|困住|(?:关|卡|锁)在.{0,3}(?:电梯|轿厢)"
        r"|电梯.{0,10}(?:出不来|关着(?:人|一个|个|老人|孩子|小孩)"
        r"|卡住.{0,6}(?:里面|有人|孩子|老人|小孩))|stuck.{0,4}电梯|电梯.{0,6}stuck"
        r"|电梯.{0,24}(?:人|妈|爸|孩子|小孩|老人|儿子|女儿|老婆|老公|奶奶|爷爷|外婆|姥姥|邻居|宝宝|老仁)"
        r"(?:还|都)?(?:在|关在|困在)(?:里面|里头|里边)|trapped.{0,4}电梯|电梯.{0,6}trapped"
        r"|电梯.{0,20}(?:停|卡|坏|冲顶|蹲底|不动|开不了|打不开|掉|坠|溜).{0,12}里面(?:还)?有人"
        r"|电梯.{0,20}(?:停|卡|坏|冲顶|蹲底|不动|开不了|打不开|掉|坠|溜).{0,12}里面(?:还)?有(?:个|一个|两个|几个)"
        r"(?:人|老人|小孩|孩子|宝宝)|电梯.{0,6}困|困.{0,4}电梯|在电梯里.{0,20}(?:不动|开不了|打不开|出不去|出不来|停了|卡)"
        r"|电梯.{0,24}(?:开不了门|门打不开|门开不了|出不去|出不来).{0,12}(?:里面|里头|有人)|夹住(?:人|孩子|小孩|老人|手|腿)|夹着(?:人|孩子|小孩)|电梯.{0,3}关人|关人了"
    ),
    "flood": (
        r"水淹|淹了|被淹|淹水|淹到|淹没|水漫|漫出来|漫到|漫进|倒灌|爆管|管(?:道|子)?爆(?:了|裂)"
        r"|水管.{0,2}爆|爆裂|水流成河|到处都是水|满地都是水|一地的?水|往下(?:流|喷|灌)|哗哗(?!响|的?(?:洗衣机|声|冲))"
        r"|没过脚|水越来越深|水位|发大水|(?:车库|地下室|地库|大堂|电梯井|屋里|一楼|家里|房间|客厅)(?:进水|进了水)"
        r"|(?:往外|往里|往屋里|往家里|往下|往楼下)(?:喷|冒|涌|灌|哗哗)|水.{0,4}(?:喷|涌)出来"
        r"|(?:一直|还在|不停地?)往.{0,3}(?:流|灌|涌|冒|喷)|喷得到处|水.{0,6}到处都是"
        r"|水.{0,6}(?:流到|流进|漫到|灌进)(?:走廊|楼道|客厅|卧室|房间|电梯|楼下|家里)|(?:管|栓|阀|水箱).{0,2}爆了"
        r"|(?:漏|渗|流)(?:水)?(?:得)?(?:越来越(?:多|大|厉害)|很厉害|特别厉害|止不住|停不下来)|大量漏水|水止不住"
        r"|漏.{0,8}(?:越来越(?:多|大|厉害)|接不住|接不过来|止不住|停不下来|很大|好大|特别大|厉害)"
        r"|还在涨|越涨越|滴得(?:很|特别|好|非常)快|(?:喷|冒|涌)水?.{0,4}(?:停不下来|止不住|关不掉)"
        r"|满地(?:都是|全是)(?:水|污水)|全是水|都是水|水漫金山|flood.{0,2}了"
        r"|水.{0,4}(?:一直|不停地?|还在|止不住地?)(?:冒|喷|涌|往|灌)|(?:阀门?|总阀|水管|管子).{0,4}关不(?:住|上|掉)|水.{0,10}越来越(?:多|大|深)"
        r"|往(?:我家|家里|楼下|下面|房间|卧室|客厅).{0,2}(?:流|灌|淌|涌|冒|渗水)|水从.{0,10}(?:流|漏|淌|冒|喷|涌)(?:下来|出来|进来)"
        r"|漏.{0,4}(?:到|进)(?:了)?(?:电箱|电表|插座|配电|电梯|开关|灯)|(?:电箱|电表箱|配电箱|插座|开关|电梯井|灯).{0,4}(?:进水|在滴水|淋水|在流水)"
        r"|(?<!下)水管.{0,4}(?:裂了|破了|断了|打穿|打破|爆)|楼上.{0,16}(?:还在|一直在|还一直在|不停地?)漏|地板都泡|泡在水里|水(?:淹|漫)到"
    ),
    "outage": rf"{ZH_SCOPE}.{{0,8}}{ZH_LOSS}|{ZH_LOSS}.{{0,6}}{ZH_SCOPE}",
    "sewage": (
        r"污水.{0,2}(?:外溢|溢出|倒灌|冒出|漫|横流|往外冒|流了一地|到处)|粪水|化粪池.{0,6}(?:满|溢|冒|漫)"
        r"|(?:下水道|地漏|马桶|下水|污水井|窨井|排污井|井盖).{0,6}(?:(?:反|返)(?:污|脏|臭)?水|(?:反|返|冒|溢|涌|漫|倒灌)(?:出|上)?(?:来)?"
        r"(?:污水|粪水|脏水|臭水))|(?:马桶|污水井).{0,4}(?:冒出来|溢出)"
        r"|屎尿|(?:下水道|地漏|马桶|化粪池|污水井|窨井).{0,4}冒出来|污水.{0,8}冒出来|(?:脏水|污水|粪水).{0,3}往上(?:涌|冒|翻|返)|(?:下水道|地漏|马桶|下水|污水井|井盖).{0,8}往上(?:涌|冒|翻|返|溢)|sewage.{0,6}(?:冒|溢|漫|倒灌)"
    ),
    "break_in": (
        r"入室|撬门|撬锁|撬窗|被撬|在撬|撬开|闯入|闯进|破门|翻窗进|翻墙进|家里被盗|家被偷|进了小偷"
        r"|小偷进|抢劫|(?:在|正在)(?:砸|撬|开|拧|试|拽|拉|踹|撞|推)(?:我家|我的|邻居家)?的?(?:门|窗|车窗|锁|门把手)|进贼|有贼"
        r"|(?:拿着?|持)刀|有人(?:在)?砸(?:车窗|窗户|门)"
        r"|(?:在|正在)[^ ，,。]{0,8}(?:砸|撬)(?:车窗|车门|门|窗|锁)"
        r"|试.{0,6}门把手|拧.{0,6}门把手|翻阳台进"
        r"|(?:在|正在)(?:翻|爬)(?:我家|进|我们家|邻居家)?(?:的)?(?:阳台|窗|墙|门)|有人(?:在)?(?:撬|砸|踹|撞)|砸车窗|撬车"
        r"|(?:窗户?|门|阳台).{0,8}有人(?:进来|爬进|钻进)|小偷.{0,6}(?:还在|还没走|就在|在楼|在我家)"
    ),
    "live_wire": (
        r"电线.{0,4}(?:裸露|外露|掉|垂|断|冒火|打火|火花|着火)|裸露.{0,2}电线|漏电(?!保护|开关)"
        r"|触电|火花|带电(?!梯)|噼里啪啦|(?:插座|开关|电箱|配电箱|电表箱|电线|线路).{0,4}(?:冒烟|打火|滋滋)"
    ),
    "collapse": r"塌了|坍塌|倒塌|塌下来|塌了一块",
    "injury": (
        r"打架.{0,8}(?:流血|受伤|动刀|拿刀)|流了好多血|血流不止|捅伤|砍人|晕倒|昏倒|昏迷|倒地不起"
        r"|(?:滑倒|摔倒|跌倒|摔了|倒在地上|摔下来).{0,10}(?:起不来|流血|受伤|骨折|不动|昏)|起不来了|流血"
        r"|(?:化学品|化学|农药|毒|气体|药水|油漆|味道).{0,12}(?:头晕|呕吐|晕倒|中毒|不舒服|喘不上气)|中毒|针头|针管|注射器"
        r"|(?:救护车|120|急救车|消防车).{0,12}(?:进不来|进不去|开不进|过不去|被堵|堵|挡|打不开|进不了)"
        r"|(?:堵|挡)(?:住|着|死)?.{0,12}(?:救护车|急救车|消防车)|心脏病|犯病|发病|抽搐|不省人事|呼吸困难|起不来.{0,6}(?:流血|受伤)|流血了|大出血|头破血流|跳楼|要跳下|爬到窗户?外|站在窗台外"
    ),
    "falling": (
        r"(?:瓷砖|砖|玻璃|吊顶|天花板|树|树枝|广告牌|招牌|外机|窗户|窗框|石头|水泥块|墙砖|灯箱|空调)"
        r".{0,8}(?:往下掉|掉下来了|要掉|快掉|随时.{0,4}(?:掉|倒|塌)|要倒|快倒|正在倒|砸下来|摇摇欲坠|悬着|挂在半空)"
        r"|快倒了|要倒了|随时(?:会|要|可能)?倒|摇摇欲坠|压(?:住|着)了?人|人被压"
        r"|(?:要|快|会|随时)(?:砸|掉|塌|倒|坠)(?:下来|下去)|摇摇晃晃|晃来晃去|(?:松动|松了|裂了).{0,8}(?:掉|砸|坠)"
        r"|(?:正在|一直在|不停地?)(?:往下)?掉(?:瓷砖|砖|玻璃|水泥|石头|东西)"
    ),
}
EN: dict[str, str] = {
    "fire": (
        r"\bon\sfire\b|\bcaught\sfire\b|\bcatch(?:ing)?\sfire\b|\bburning\b|\bflames?\b|\bblaze\b"
        r"|\bexplo(?:sion|ded)\b|\bfires?\b(?!\s(?:exits?|escapes?|doors?|extinguishers?|hydrants?"
        r"|lanes?|safety|hazards?|risks?|drills?|alarms?|equipment|inspections?|hoses?|codes?"
        r"|regulations?|access|routes?|stairs?|fighting|proof|rated|resistant|brigade\sinspect\w*|engines?"
        r"|trucks?|brigade|services?|department|station|officers?|marshal|certificate))"
        r"|(?<!people\s)(?<!they\s)(?<!who\s)(?<!to\s)(?<!residents\s)(?<!neighbours\s)"
        r"(?<!neighbors\s)(?<!workers\s)(?<!i\s)(?<!we\s)(?<!you\s)(?<!guys\s)(?<!men\s)"
        r"\bsmoke\b(?!\s(?:alarms?|detectors?|sensors?|free|break))|\bsmoky\b"
        r"|\b(?:sockets?|plugs?|box|panel|wires?|wiring|cables?|meters?|motor|transformer|outlets?"
        r"|heater|machine|cabinet|cupboard|room)\s(?:is\s|are\s|was\s|started\s)?smoking\b|\bsmell\w*\s(?:of\s)?burning\b"
        r"|\b(?:smoke|smoking)\s(?:is\s|was\s)?(?:coming|pouring|billowing|everywhere|from|in\sthe)\b|\bfull\sof\ssmoke\b|\bburn(?:t|ed|s)?\b"
        r"|\balight\b|\bablaze\b|\bshouting\s\W?fire\b|\bset\s(?:\w+\s){0,2}alight\b"
    ),
    "gas": (
        r"\bgas\b(?:\s\w+){0,2}?\s(?:smell|leak|odou?r|stench|stink|whiff)\w*"
        r"|\b(?:smell|odou?r|stench|whiff|reek|stink)\w*(?:\s\w+){0,3}?\s(?:of\s)?gas\b"
        r"|\bleak\w*\s(?:\w+\s)?gas\b|\bgas\s(?:is\s)?hissing|\bhissing\b.{0,20}\bgas\b"
    ),
    "trapped": (
        r"\b(?:lift|elevator)\b.{0,40}\b(?:stuck|stopp?ed|broke\sdown|not\smoving)\b.{0,40}"
        r"\b(?:inside|in\sit|in\sthere|cannot\scome\sout|can'?t\scome\sout|can'?t\sget\sout)"
        r"|\b(?:stuck|trapped)\b.{0,40}\b(?:lift|elevator)\b|\btrapped\b|\b(?:stuck|locked)\s(?:in|inside)\s(?:the\s|a\s|an\s)?(?:lift|elevator)s?\b"
        r"|\b(?:lift|elevator)\b.{0,60}\b(?:inside|stuck\sin|(?:can'?t|cannot)\sget\sout\b"
        r"(?!\sof\s(?:the\s|his\s|her\s|my\s|our\s|their\s)?(?:flat|house|home|apartment|building)))"
    ),
    "flood": (
        r"\bflood(?:ing|ed|s)?\b|\bburst\s(?:pipe|main|water)|\bpipe\s(?:has\s)?burst\b"
        r"|\bwater\s(?:is\s|keeps\s|still\s|has\s|been\s|now\s)*(?:pouring|gushing|spraying|rising|everywhere"
        r"|coming\s(?:through|in|into|down)|coming\s(?:out\sof|from)\s(?:the\s)?(?:ceiling|wall|light|roof|floor"
        r"|socket|lift|upstairs|above)|streaming|cascading|flowing\s(?:in|into|down|out)"
        r"|running\sdown|spreading)|\bunder\swater\b|\bsubmerged\b"
        r"|\bunder\s(?:\w+\s){0,3}of\swater|\b(?:inches|feet|foot|cm)\sof\swater|\bdripping\s(?:very\s|really\s)?"
        r"(?:fast|heavily)|\bpuddle\s(?:is\s)?(?:growing|getting\sbigger)|\bgushing\b|\bwater\severywhere\b|\bleak\w*\s(?:really\s|very\s|so\s)?(?:badly|heavily|fast)\b"
        r"|\b(?:ankle|knee)[\s-]deep\b|\bleak\w*\s(?:very\s|so\s|really\s|too\s)?(?:much|a\slot)\b"
        r"|\bwater\b.{0,40}\b(?:nonstop|non-stop|won'?t\sstop|can'?t\sstop|cannot\sstop|not\sstop\w*|keeps?\scoming)"
        r"|\bwater\s(?:\w+\s)?(?:pouring|gushing|spraying|pours|gushes|sprays|everywhere|rising)"
        r"|\b(?:pouring|gushing|spraying|streaming)\s(?:\w+\s)?(?:water|from|through|into|out|down)"
        r"|\bpipe\s(?:is\s|has\s)?(?:broken|burst|bursted|cracked|split)|\b(?:broken|cracked|split)\spipe"
        r"|\bwater\b.{0,30}\b(?:onto|into|on)\s(?:the\s)?(?:sockets?|electrics|fuse|wiring|switch|meter|lift)"
    ),
    "outage": (
        rf"\b{EN_SCOPE}\b.{{0,40}}\b{EN_LOSS}\b|\b{EN_LOSS}\b.{{0,40}}\b{EN_SCOPE}\b"
        r"|\bblackout\b"
    ),
    "sewage": (
        r"\bsewage\b(?:\W+\w+){0,4}?\W+(?:overflow|back|coming|everywhere|flow|flood|leak|pour"
        r"|spill|pool|bubbl|gush|ris|spread|run)\w*"
        r"|\b(?:overflow\w*|backing\sup|backed\sup|flood\w*)(?:\W+\w+){0,4}?\W+sewage\b"
        r"|\braw\ssewage\b"
    ),
    "break_in": (
        r"\bbreak[\s-]?in\b|\bbroke\sin(?:to)?\b|\bbroken\sinto\b|\bburglar(?:s|y|ized|ised)?\b"
        r"|\b(?:trying|tried|tries)\sto\s(?:break|get|force)\s(?:in|into|open)\b"
        r"|\bforc(?:e|ed|ing)\s(?:the\s|my\s|our\s|a\s)?(?:\w+\s)?(?:door|window|lock|gate)|\bprying\b"
        r"|\bintruders?\b|\btrying\sto\s(?:open|get\sinto|pick|jimmy)\s(?:\w+\s){0,2}(?:door|window|lock|flat)"
        r"|\b(?:climb\w*|crawl\w*|sneak\w*)\s(?:in|into|through)\s(?:\w+\s){0,2}(?:window|balcony|flat|house)"
        r"|\btr(?:y|ying|ies|ied)\s(?:to\s)?(?:open|break|get\sin|force|pick|enter|climb)\b"
        r"|\b(?:breaking|smashing|smash|break)\s(?:\w+\s){0,2}(?:doors?|windows?|locks?)\b|\bthie(?:f|ves)\s(?:is\s|are\s)?(?:inside|in\s)"
        r"|\bpicking\s(?:my|the|our)\slock|\b(?:someone|people|a\sman|men|thie(?:f|ves))\s(?:is\s|are\s)?"
        r"breaking\sinto\b|\bdoor\s(?:has\sbeen|was|is)\sforced\b|\bwith\sa\sknife\b|\bbreak(?:ing)?\s(?:my|the|our|his|her)\s(?:door|window|lock)"
    ),
    "live_wire": (
        r"\b(?:exposed|live|bare|dangling|hanging|loose|fallen|frayed)\s(?:electrical\s|electric\s"
        r"|power\s)?(?:wires?|cables?|wiring)\b|\bspark(?:s|ing|ed)?\b|\belectric\sshock"
        r"|\b(?:power|electric\w*)\s(?:line|cable)s?\s(?:is\s|are\s)?(?:down|hanging|fallen|snapped)|\belectrified\b"
        r"|\bgot\s(?:a\s|an\s)?(?:electric\s)?shock|\belectrocut\w*|\bstill\slive\b|\bis\slive\b|\bcrackling\b|\barcing\b"
    ),
    "collapse": r"\bcollaps\w*|\bcaved?\sin\b",
    "injury": r"\b(?:syringes?|hypodermic|used\sneedles?)\b"
    r"|\bambulance\b.{0,40}\b(?:can'?t|cannot|couldn'?t|unable|blocked|stuck)"
    r"|\bblock\w*\b.{0,30}\bambulance|\bheart\sattack|\bnot\sbreathing|\bseizure|\bpoison\w*|\bdizzy|\bbleeding\b|\bstabb\w*|\bknife\b|\bunconscious\b|\bpassed\sout\b|\bfainted\b",
    "falling": (
        r"\babout\sto\s(?:fall|collapse|come\sdown|drop|topple|give\sway|snap)\b"
        r"|\b(?:could|might|will|may)\s(?:fall|drop|come\sdown|collapse|snap)\s(?:\w+\s)?(?:at\s)?any\s"
        r"(?:second|moment|minute|time)\b|\b(?:falling|dropping)\s(?:off|from)\s(?:the\s)?(?:\w+\s)?"
        r"(?:facade|wall|building|roof|balcony|tower)\b"
        r"|\b(?:bits|pieces|chunks|tiles|glass|debris|concrete|bricks)\s(?:are\s|is\s|keep\s)?(?:falling|dropping"
        r"|coming)\s(?:off|down)|\bswaying\b|\bleaning\s(?:badly|dangerously|over)\b|\b(?:hanging|dangling)\s(?:over|above)\b"
        r"|\b(?:going\sto|gonna|will|about\sto)\s(?:fall|drop|come\sdown|collapse)|\bswinging\b|\bfalling\s(?:down|off|on)\b"
    ),
}
# A wider net: everyday ways of saying the same dangers (a panicking owner, a voice-to-text
# message, a call-centre note). Each still goes through the same denial, risk, past and over checks.
BROAD_ZH: dict[str, str] = {
    "fire": (
        r"(?<![发退])烧(?!烤|水|饭|菜|香|纸|钱|开水|退|伤疤|坏|穿|了?\d+度|了?(?:个|一个)?洞)|燃(?![气起料油])|点燃|引着|火(?:窜|冒|着|烧|星子?(?!儿)|很大|好大|太大|挺大)"
        r"|(?<![消防])火(?:警|情)|(?:有|冒|起|着)(?:了)?火(?!车|锅|腿|气|灾隐患)|黑乎乎|烟(?:雾|气)?(?:好|很|太|特别|超)(?:大|浓|多|呛)"
        r"|火(?:就|一下子?)?(?:起来|上来|蹿)|咳得|呛得|熏得|睁不开|塑料.{0,4}(?:味|糊)"
        r"|(?:电动车|电瓶车|电车|摩托|汽车|车子|电池|充电).{0,10}着了|(?:车|电瓶|电池|锂电|充电|煤气罐|液化气罐|气罐|电视|变压器|电箱|电表|插座).{0,4}(?:炸了|爆了|爆炸)"
    ),
    "gas": (
        r"(?:煤气|燃气|天然气|液化气|燃起|天燃气|然气|煤汽).{0,10}(?:味|漏|泄|破|嘶|臭|闻)"
        r"|臭鸡蛋味|(?:味|闻).{0,8}(?:煤气|燃气|天然气|液化气|天燃气)"
    ),
    "trapped": (
        r"电(?:梯|题|体|提|踢).{0,30}(?:里面|里头|里边|在里|人在|关着|有人|孕妇|老人|小孩|孩子|婴儿|宝宝)"
        r"(?!.{0,6}(?:抽烟|吸烟|乱扔|吐|撒尿|尿|小便|拉|丢|扔|放|养|遛|狗|贴|广告|打架|吵|骂))"
        r"|(?:进|在|坐|乘)电梯.{0,6}(?:就|突然|又)?(?:停|卡|不动|掉|坠|黑)"
        r"|(?:关|锁|困|卡)(?:在|着).{0,4}(?:里面|里头|电梯)|(?:被)?(?:关|锁|困)住了|出不来了?|(?:关|困)在里"
    ),
    "flood": (
        r"水.{0,6}(?:淌|灌|呲|滋|飙|涌|喷|冲出|哗|往下流|往外流|往外跑|往里|成河|瀑布|下雨一样)"
        r"|(?:水箱|水池|水塔|水)[^ ，,。]{0,4}溢出|一层层(?:往下)?流|water.{0,4}到处|burst"
        r"|水.{0,4}(?:到|没过|淹到|齐|过)了?(?:膝盖|腰|小腿|脚踝|大腿|脚面|轮胎|车轮)"
        r"|(?:漏|流|渗|灌|冒)得?(?:跟|像)(?:下雨|瀑布|喷泉|河|泼)|(?:跟|像)泼的?一样|汪洋|水帘洞|灌满|漂起来|漂着|(?:流|漫|淌|渗)(?:到|进)(?:了)?(?:电梯|楼道|走廊|电箱|配电|楼下|隔壁)|下雨一样|瀑布|成河|泡水|泡了|湿透|积水.{0,4}(?:很深|好深|越来越)"
        r"|(?<!下)(?:管子|水管|管道|主管|总管|阀门|水表).{0,4}(?:崩|断|破|爆|裂|脱|掉|炸)|淹(?!死人的)|漏下来|往下漏|往下滴.{0,4}(?:很快|好快)"
        r"|(?:进水|泡水).{0,10}(?:配电|电箱|电梯|车库|地下室)|(?:配电|电箱|电梯|车库|地库|地下室).{0,10}(?:进水|泡水|全是水)"
    ),
    "outage": (
        r"(?:一栋|这栋|那栋|整栋|全栋|全都|整片|一片|整个|全部).{0,4}(?:没电|停电|停点|停店|断电|没水|停水|断水|黑了|黑漆漆|全灭)"
        r"|(?:没电|停电|停点|断电|没水|停水|断水).{0,4}(?:全小区|整个小区|整栋|全楼|几栋|所有)"
    ),
    "sewage": (
        r"(?:屎|粪|尿|脏|臭|污)水|(?:下水|地漏|马桶|厕所|下水道|化粪池|污水井|井盖).{0,6}(?:往上|冒|溢|翻|返|反|涌|满出)(?!味|臭|气|异味)"
        r"|满地.{0,4}(?:脏东西|屎|粪)"
    ),
    "break_in": (
        r"(?:偷|盗).{0,12}(?:现在|还在|正在)|小偷.{0,4}在"
        r"|有人(?:在|正在)?(?:弄|鼓捣|捅|拧|撬|砸|踹|拽|扭|掰)(?:我家|我们家|隔壁|邻居家|别人家)?的?(?:门|锁|窗)"
        r"|(?:在|正在|一直)(?:捅|撬|鼓捣|弄|拧|掰)(?:我家|我们家|隔壁|邻居家|别人家)?的?(?:锁|门锁|锁眼|防盗门|窗)|(?:现在|还在|正在).{0,6}(?:偷|盗)"
        r"|翻箱倒柜|爬(?:上来|进来|进|过来)|从.{0,6}(?:阳台|窗户?)(?:爬|翻|钻|进)|(?:拧|转|扭|掰|拽).{0,4}把手|爬进|溜进|翻进|翻墙|翻窗|拉车门|拽车门|试车门|(?:敲|砸|踹|拍)门不走|不肯走"
        r"|门口.{0,6}(?:鬼鬼祟祟|转悠|徘徊|蹲着)|(?:抢|砸)(?:东西|车|店)|有(?:人|个人|个男的).{0,6}(?:在我家|在门口).{0,6}(?:撬|砸|踹|弄锁|开锁)"
    ),
    "live_wire": (
        r"一碰就麻|(?:摸|碰|碰到|摸到).{0,4}(?:麻|电)|火星|冒火|打火(?!机|打不)|滋滋|啪啪|被电(?:了|到|一下)|电到|电了一下|麻手|电线.{0,6}(?:地上|水里|垂|挂|掉|断)"
    ),
    "collapse": r"塌|陷下去|裂开.{0,4}(?:大口子|越来越大)",
    "injury": (
        r"流.{0,3}血|出血|血流|受伤了|骨折|摔(?:下来|倒)了|晕(?:了|倒|过去)|昏|呕吐|中毒|喘不(?:过|上)气|没(?:了)?呼吸"
        r"|(?:农药|化学|药水|毒|消毒水|油漆).{0,16}(?:吐|晕|不舒服|起疹|过敏|咳)|急救|送医院|抢救|犯病"
        r"|误食|(?:药|毒).{0,10}(?:吃了|吞了|舔了)|吃了.{0,6}(?:药|毒)|在吐|一直吐"
        r"|(?:小孩|孩子|小朋友|儿童).{0,6}(?:在)?(?:楼顶|天台|窗台|窗外|护栏外|阳台外)|发病|倒地|(?:针头|针管|注射)"
    ),
    "falling": (
        r"(?:砖|玻璃|石|树|枝|牌|外机|窗|墙|块|顶|灯|架|板|招牌|盆|栏杆|护栏|雨棚|铁皮|瓦|空调)(?:(?!虫|叶|毛|灰|絮|鸟|果|水).){0,10}(?:掉|砸|坠|落)(?:下来|下去)|(?:晃|摇|摆)(?:悠|来晃去|摇晃晃|动)|随时.{0,4}(?:下来|掉|砸|倒|塌|断)"
        r"|(?:断|裂|倒)了?一半|(?:快|要)(?:断|塌)了|挂(?:着|在).{0,6}晃|锈断|(?:倒|断).{0,6}压(?:在|着|到)|挂在.{0,6}(?:电线|半空|上面|树上|外面)|(?:松|松动|松了).{0,8}(?:掉|砸|坠|下来)"
    ),
}
BROAD_EN: dict[str, str] = {
    "fire": (
        r"\bsmoke\b(?!\s(?:alarms?|detectors?|sensors?|free|break))|\bsmoking\b(?=.{0,30}\b(?:socket|plug|wire|box|panel|room|cable|meter|car|bike|bin))"
        r"|\bfire\b(?!\s(?:exits?|escapes?|doors?|extinguishers?|hydrants?|drills?|alarms?|safety|hazards?|risks?|lanes?"
        r"|engines?|trucks?|brigade|station|inspections?|equipment|codes?|routes?|stairs?|access|services?|department))"
        r"|\b(?:explod\w*|burn\w*|scorch\w*|charred|melting|melted)\b|\bsmell\w*\s(?:\w+\s){0,3}(?:burn\w*|plastic|electrical)"
    ),
    "gas": (
        r"\bgas\b.{0,30}\b(?:smell|leak|odou?r|hiss|stink|sick|dizzy)"
        r"|\b(?:smell|odou?r|stink)\w*\b.{0,30}\bgas\b|rotten\segg"
    ),
    "trapped": (
        r"\b(?:lift|elevator)s?\b.{0,50}\b(?:inside|in\sit|with\s(?:my|a|an|the|two|three|\d+)|people|person|passengers?"
        r"|kid|child|baby|mum|mom|dad|grandma|grandpa|wife|husband|son|daughter)\b"
        r"(?=.{0,50}\b(?:stuck|stopp?ed|dropped|fell|broke|won'?t|can'?t|cannot|not\smoving|between|jammed|doors?))"
        r"|\b(?:lift|elevator)\b.{0,60}\bstill\s(?:in\sthere|inside|in\sit)\b"
        r"|\b(?:lift|elevator)\b.{0,30}\bbetween\s(?:the\s)?(?:\w+\s)?(?:floors?|levels?|\d)"
        r"|\bin\s(?:the\s|a\s)?(?:lift|elevator)\b.{0,40}\b(?:not\smoving|stuck|stopp?ed|won'?t\sopen"
        r"|don'?t\sopen|doesn'?t\sopen|not\sopen)|\b(?:stuck|jammed|stopp?ed|dropped|broke\sdown)\b.{0,40}\b(?:inside|in\sit|people|person|baby|child|kid|mum)\b"
        r""
    ),
    "flood": (
        r"\bwater\b.{0,40}\b(?:pour\w*|gush\w*|spray\w*|stream\w*|cascad\w*|waterfall|river|rising|deep|everywhere"
        r"|coming\s(?:down|through|in|out|into|from)|running\sdown|flowing|soak\w*|under\swater)"
        r"|\b(?:pipe|main|valve|hose|tank)s?\b.{0,20}\b(?:burst|broke\w*|crack\w*|split|blew|exploded|snapp\w*|came\soff)"
        r"|\bunder\swater\b|\bsoaked\b|\bwaterfall\b|\bburst\b"
        r"|\bwater\b.{0,30}\blike\s(?:a\s)?(?:shower|rain|river|waterfall|fountain|tap)|\blike\s(?:rain|a\sriver)\b|\bflood(?:s|ed|ing)?\b"
    ),
    "outage": (
        r"\b(?:whole|entire|all)\s(?:\w+\s){0,2}(?:tower|building|block|estate|floors?|compound)\b.{0,40}"
        r"\b(?:dark|blackout|no\s(?:power|electricity|water|lights?)|without\s(?:power|electricity|water))"
        r"|\bno\s(?:power|electricity|water)\b.{0,30}\b(?:whole|entire|all|every|any)\b"
    ),
    "sewage": (
        r"\bsewage\b|\b(?:drains?|toilets?|sewers?)\b.{0,30}\b(?:back\w*\sup|overflow\w*|bubbl\w*|coming\sup|spill\w*)"
        r"|\bdirty\swater\b.{0,30}\b(?:coming|floor|up|everywhere)"
    ),
    "break_in": (
        r"\b(?:steal\w*|stolen|thie(?:f|ves)|burglar\w*|robb\w*|break\w*\sin\w*|broke\sin\w*)\b(?=.{0,40}\b(?:right\snow|now|still|inside|currently|at\sthe\smoment))"
        r"|\b(?:right\snow|now|still|currently)\b.{0,40}\b(?:steal\w*|thie(?:f|ves)|burglar\w*|break\w*\sin\w*)"
        r"|\btrying\sto\s(?:get|break|climb|come)\s(?:in|into)"
        r"|\b(?:someone|somebody|a\sman|a\sperson|strangers?|people)\s(?:is\s|are\s)?(?:inside|in)\s"
        r"(?:my|our|the|his|her|their|a)\s(?:[\w']+\s){0,2}(?:flat|home|house|apartment|unit)|\bat\smy\s(?:door|window)\b.{0,30}\b(?:trying|won'?t\sleave|banging)"
        r"|\b(?:pulling|trying)\s(?:\w+\s){0,2}car\sdoors"
    ),
    "live_wire": (
        r"\bspark\w*|\bshock\w*|\belectrocut\w*|\b(?:cable|wire|line)s?\b.{0,30}\b(?:lying|on\sthe\s(?:ground|path|floor)|in\sthe\swater|hanging|broken|cut|snapped|down)\b"
    ),
    "collapse": r"\bcollaps\w*|\bcav\w*\sin\b|\bsinkhole\b",
    "injury": (
        r"\bblood\w*|\bbleed\w*|\binjur\w*|\bhurt\b|\bfaint\w*|\bunconscious|\bcan'?t\sbreathe"
        r"|\bsyringes?\b|\bneedles?\b|\bpoison\w*|\bfeel\w*\s(?:sick|dizzy|ill)\b"
    ),
    "falling": (
        r"\b(?:falling|fall|dropping|drop)\s(?:\w+\s)?(?:off|down|from|onto|on)\b|\b(?:loose|cracked|broken)\b.{0,40}\b(?:hanging|swinging|sway\w*|wobbl\w*|above|over)\b"
        r"|\bhanging\s(?:above|over|from|off|by)\b"
        r"|\b(?:bits|pieces|chunks|tiles|glass|debris|concrete|bricks|plaster|stones?|rocks?)\b.{0,20}"
        r"\b(?:falling|dropping|coming\sdown|fell)\b|\bswing\w*\b|\bsway\w*\b|\bwobbl\w*|\babout\sto\s(?:fall|drop|break|snap|give)"
    ),
}
ZH = {name: f"{pattern}|{BROAD_ZH[name]}" for name, pattern in ZH.items()}
EN = {name: f"{pattern}|{BROAD_EN[name]}" for name, pattern in EN.items()}

# Only sequences with no everyday homophone: 敲门 and 撬门 are both `qiao men`, 保管 is `bao guan`.
PINYIN: dict[str, str] = {
    "fire": (
        r"quan shi yan|shao qi lai|zhao huo|shi huo|mao yan|huo zai|nong yan|ran shao|huo miao"
        r"|qi huo|shao jiao"
        r"|jiao (?:hu )?wei|hei yan|quan shi yan"
    ),
    "gas": r"(?:mei|ran) qi (?:wei|xie lou|xie lu|lou)|tian ran qi wei",
    "trapped": (
        r"bei kun|kun ren|kun zai|kun le ren|kun zhu|(?:guan|ka) zai dian ti"
        r"|dian ti (?:\S+ ){0,8}?(?:ting|ka|huai|bu dong)(?: \S+){0,12}? (?:li mian|li) you "
        r"(?:ren|xiao hai|lao ren|hai zi)|bei guan zai|(?:guan|kun) zhe ren"
        r"|(?:wo|ren|ma|ba|hai zi|xiao hai|lao ren|er zi|nv er) zai li mian"
    ),
    "flood": (
        r"lou (?:shui )?(?:de )?(?:hen|te bie|tai) (?:li hai|da)|jie bu zhu|hua hua"
        r"|shui guan (?:\S+ )?bao|shui guan po le(?! \S)|shui pen chu lai|shui yan|bei yan|yan le"
        r"|dao guan|shui man (?:chu|dao|jin|le)|bao lie"
        r"|(?:di xia shi|che ku|di ku|da tang|yi lou|jia li) jin (?:le )?shui|shui yue lai yue shen"
        r"|wang (?:wo jia|jia li|lou xia) (?:\S+ )?(?:liu|lou|guan|shen|mao)"
        r"|yi zhi (?:mao|pen) shui"
        r"|wang (?:xia|wai) (?:liu|pen|mao|yong|guan)|dao chu dou shi shui|man di dou shi"
    ),
    "outage": (
        r"(?:zheng dong|zheng ge|quan lou|xiao qu|zheng lou|quan dong|quan bu|suo you|da mian ji"
        r"|hao ji dong)(?: \S+){0,5} "
        r"(?:ting dian|duan dian|mei dian|ting shui|duan shui|mei shui)"
    ),
    "sewage": r"wu shui (?:wai yi|yi chu|dao guan|man)|fen shui|fan shui|fan wu shui|mao wu shui",
    "break_in": (
        r"(?:pa|fan) (?:jin )?(?:wo jia|lin ju jia|ge bi|bie ren jia) (?:de )?(?:yang tai|chuang)"
        r"|you ren zai (?:za|pa|fan) |ru shi (?:dao qie|qiang jie)|qiao suo|chuang jin|po men"
        r"|qiao (?:wo|ge bi|lin ju)(?: jia)?(?: de)? "
        r"(?:men|suo|chuang)|jin zei|xiao tou (?:hai )?zai"
    ),
    "live_wire": r"mao huo hua|lou dian|chu dian|huo hua|luo lu|dai dian(?! ti)",
    "collapse": r"tan ta|dao ta",
    "injury": r"da jia (?:\S+ ){0,4}liu xue|yun dao|hun dao|liu xue le",
    "falling": r"kuai dao le|yao dao le|yao diao xia lai|yao yao yu zhui",
}

# A space between Chinese characters is the unpunctuated writer's comma.
CLAUSE_END = re.compile(r"[，,。.！!？?；;\n]|(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
SENTENCE_END = re.compile(r"[。.！!？?；;\n]")
ZH_DENIED = re.compile(
    r"(?:没有|没|不(?!停|断|住|少|行|得了)|无|未|别|并非|不是|有没有|是不是|并没|闻不到|不再)[^，,。.！!？?；;]{0,2}$"
)
ZH_RISK = re.compile(
    r"万一|如果|要是|担心|怕|会不会|容易|可能会|以防|防止|预防|避免|演习|演练|假如|一旦|隐患|防范"
    r"|提前通知|按计划|计划|预计"
)
ZH_OVER = re.compile(
    r"(?<![没未不])(?:修好|恢复|灭了|扑灭|散了|救出|排除|解决了|处理好|没事了|都好了|已经好了|明天.{0,2}来(?:水|电)|通知上|(?<![水电])没有了|(?<![水电])没了|消失|"
    r"来电了|来水了|不漏了|停了下来|被救|提前通知|已经通知|通知过|计划内|按计划)"
)
ZH_PAST = re.compile(
    r"上次|上个月|上周|去年|之前|以前|前段时间|前阵子|上回|那次|昨天|昨晚|前天|前几天"
)
ZH_GENERAL = re.compile(
    r"经常|老是|总是|几起|多起|(?:好几|几)(?:户|家)(?:都)?被|好几次|多次|频发|每次|每逢|一下雨就|动不动|每天|天天|每晚|明天|下周|将于"
)
ZH_NOW = re.compile(
    r"(?<!到)现在|还在|这会|仍然|仍在|正在|又|马上|赶紧|快来|快点|救命|(?:到现在|至今)还没(?!赔|给|处理|回复|解决|人管|人理|答复|说法)|刚才|刚刚|此刻|一直|越来越|开始|"
    r"还没(?:恢复|来|修好|通)|快派|快叫|快报警|119|110"
)

EN_DENIED = re.compile(
    r"\b(?:no|not|never|without|nothing|none|n't|no\slonger|isn't|wasn't|aren't|don't|doesn't|"
    r"didn't|hasn't|haven't)\b(?:\W+\w+){0,2}?\W*$"
)
EN_RISK = re.compile(
    r"\b(?:if|in\scase|risks?|could|might|would|worried|afraid|prevent\w*|avoid\w*|drills?|test"
    r"|potential\w*|hazards?|what\sif|danger\sof|chance\sof|planned|scheduled)\b"
)
EN_OVER = re.compile(
    r"(?<!not\s)(?<!n't\s)(?<!never\s)(?<!yet\s)\b(?:fixed|resolved|restored|back\son|gone|put\sout"
    r"|rescued|got\sout|stopped(?!\s(?:between|at|on|in|mid|halfway|working))|(?:is|was|are|were)\sover|anymore|any\smore|no\slonger|under\scontrol|cleared|sorted|fine\snow"
    r"|turned\sout|(?<!no\s)(?:planned|scheduled|announced|notified|notice))\b"
)
EN_PAST = re.compile(
    r"\b(?:last\s(?:week|month|year|time|night|night's|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|previously|a\swhile\sago|(?:weeks|months|years|days)"
    r"\sago|earlier\sthis\s(?:year|month)|once\sbefore|in\sthe\spast)\b"
)
EN_GENERAL = re.compile(
    r"\b(?:often|frequently|regularly|every\stime|whenever|every\s(?:day|night|morning)|tomorrow|next\sweek)\b"
)
PY_DENIED = re.compile(r"(?<![a-z])(?:mei|bu)(?: [a-z]+)? $")
EN_NOW = re.compile(
    r"\b(?:right\snow|just\snow|currently|at\sthe\smoment|help|hurry|immediately|asap|urgent\w*|since"
    r"|still\s(?:\w+\s)?(?:trapped|stuck|inside|burning|flooding|leaking|pouring|coming|rising"
    r"|spreading|dark|going|no\s(?:power|water|electricity|lights?)))\b"
)


# Hazard words whose homophone typos (停店, 煤汽, 电题, 着伙) are read as the word: a run of
# characters sounding like the word and sharing at least one character with it.
SOUND_ALIKE = (
    *("电梯", "停电", "断电", "停水", "断水", "煤气", "燃气", "天然气", "液化气", "着火", "起火"),
    *("失火", "火灾", "冒烟", "漏水", "漏电", "被困", "困在", "污水", "粪水", "反水", "倒灌"),
    *("爆管", "火花", "浓烟", "水管", "燃烧", "冒火", "烟雾", "关在"),
    *("漏气", "泄漏", "泄露", "小偷", "撬锁", "火苗", "困住", "卡住", "进水", "溢出", "黑烟"),
)

# A smell of smoke is tobacco or cooking when the complaint says so.
EXCLUDED = {
    "fire": re.compile(
        r"抽烟|吸烟|烟头|香烟|油烟|二手烟|烧纸|烧香|烧烤|烤肉|烤串|炒菜|做饭|\bbbq\b|barbecue|\bsmoking\s(?:in|on|at)\b|cigarette"
        r"|\b(?:people|they|someone|somebody|residents|neighbou?rs?|who|guys?|men|workers)\s(?:\w+\s)?smoke\b"
    )
}

# A hazard heard in Chinese script must keep one of its own characters: 停店 is 停电 mistyped,
# but 猫眼 (a door viewer) only sounds like 冒烟.
KEY_CHARACTERS = {
    "fire": "火烟烧燃焰焦伙",
    "gas": "煤燃气味泄漏",
    "trapped": "困电梯关卡里",
    "flood": "淹水管爆灌漫深流喷冒",
    "outage": "停断电水",
    "sewage": "污粪水反返",
    "break_in": "撬闯盗抢入贼",
    "live_wire": "电线漏触火花",
    "collapse": "塌",
    "injury": "架血晕昏",
    "falling": "倒掉坠砸",
}


@dataclass(frozen=True)
class Cues:
    """The words that set a hazard aside, and the words that say it is happening now."""

    denied: re.Pattern[str]  # just before the hazard, in its clause
    risk: re.Pattern[str]  # before the hazard in its clause, or right after it
    over: re.Pattern[str]  # after the hazard, in its sentence
    past: re.Pattern[str]  # anywhere before the hazard's end
    general: re.Pattern[str]  # anywhere
    now: re.Pattern[str]  # anywhere: overrides past and general


CHINESE = Cues(ZH_DENIED, ZH_RISK, ZH_OVER, ZH_PAST, ZH_GENERAL, ZH_NOW)
ENGLISH = Cues(EN_DENIED, EN_RISK, EN_OVER, EN_PAST, EN_GENERAL, EN_NOW)


# The guideline's near misses, and everyday things that only sound alarming: when one of these
# is there, only a hazard rule (not the learned vote) makes a complaint urgent.
NEAR_MISS = re.compile(
    r"滴(?:水|答)|下雨就|一下雨|水龙头|龙头|(?:盆|桶|碗|拖把).{0,2}接|接着|水(?:印|渍|迹)|发霉|霉|渗|潮|起皮|掉皮|脱皮|掉漆|漆"
    r"|电梯.{0,8}(?:慢|晃|抖|响|不平|高一|低一|差一|停运|停用|维保|保养|没修)|(?:高|低|差)(?:一点|一截|一些)"
    r"|灯.{0,4}(?:不亮|坏|灭|闪)|(?:只有|就|仅)(?:我家|我们家|一户)|我家一户|跳闸|(?:抽|吸)烟|烟头|烧烤|烧纸|油烟"
    r"|偷了|被偷|丢了|不见了|堵|堆|占|灭火器|过期|计划|通知|预计|明天|下周|周[一二三四五六日天]|恢复|来了|好了|修好"
    r"|担心|害怕.{0,4}(?:会|万一)|万一|如果|会不会|隐患|建议|能不能|可不可以|有没有|是否|为什么|怎么|多少"
    r"|下水(?:道|管)|水箱(?!.{0,4}溢)|镜子|积水|地漏|臭味|扔|丢|卷闸|卷帘|道闸|闸门|裂缝|充电|滑"
    r"|没人(?:接|理|回|管)|不回|态度|投诉|收费|费|赔|尿|屎|虫|蟑螂|蚊|老鼠|蜂|猫|狗|树.{0,6}(?:倒|断)"
    r"|\b(?:beep\w*|batter(?:y|ies)|drip\w*|taps?|stain\w*|damp|patch|seep\w*|mou?ld\w*|bowl|bucket|slow|level|lamps?|lights?"
    r"|bulbs?|only\s(?:my|our|one)|(?:my|our)\s(?:flat|apartment|unit)\sonly|breakers?|trip\w*|stolen"
    r"|yesterday|last\s\w+|ago|blocked|propped|extinguisher\w*|expired|planned|scheduled|notice|tomorrow"
    r"|next\s\w+|fine\snow|back\snow|now\sfine|came\sback|restored|stopped|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|since|worried|if|could|might|why|how|when|what|suggest\w*"
    r"|smok\w*\s(?:on|in|at)|sinks?|throw\w*|thrown|cracks?|died|smells?\slike|slippery|fuse\w*|xiashuidao|reng|diu|cisterns?|smokes|weed|mirrors?"
    r"|cockroach\w*|wasps?|rats?|mice|pests?|out\sof\s(?:service|order)|rude"
    r"|compensat\w*|refund|fee|charge\w*|bill)\b"
)
