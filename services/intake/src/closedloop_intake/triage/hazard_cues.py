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
    r"|(?:没|没有)\s?(?:power|electricity|water)|(?:power|electricity)\s?都?没了)"
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
        r"(?:人|老人|小孩|孩子|宝宝)|夹住(?:人|孩子|小孩|老人|手|腿)|夹着(?:人|孩子|小孩)|电梯.{0,3}关人|关人了"
    ),
    "flood": (
        r"水淹|淹了|被淹|淹水|淹到|淹没|水漫|漫出来|漫到|漫进|倒灌|爆管|管(?:道|子)?爆(?:了|裂)"
        r"|水管.{0,2}爆|爆裂|水流成河|到处都是水|满地都是水|一地的?水|往下(?:流|喷|灌)|哗哗(?!响)"
        r"|没过脚|水越来越深|水位|发大水|(?:车库|地下室|地库|大堂|电梯井|屋里|一楼|家里|房间|客厅)(?:进水|进了水)"
        r"|(?:往外|往里|往屋里|往家里|往下|往楼下)(?:喷|冒|涌|灌|哗哗)|水.{0,4}(?:喷|涌)出来"
        r"|(?:一直|还在|不停地?)往.{0,3}(?:流|灌|涌|冒|喷)|喷得到处|水.{0,6}到处都是"
        r"|水.{0,6}(?:流到|流进|漫到|灌进)(?:走廊|楼道|客厅|卧室|房间|电梯|楼下|家里)|(?:管|栓|阀|水箱).{0,2}爆了"
        r"|(?:漏|渗|流)(?:水)?(?:得)?(?:越来越(?:多|大|厉害)|很厉害|特别厉害|止不住|停不下来)|大量漏水|水止不住"
        r"|漏.{0,8}(?:越来越(?:多|大|厉害)|接不住|接不过来|止不住|停不下来|很大|好大|特别大|厉害)"
        r"|还在涨|越涨越|滴得(?:很|特别|好|非常)快|(?:喷|冒|涌)水?.{0,4}(?:停不下来|止不住|关不掉)"
        r"|满地(?:都是|全是)(?:水|污水)|全是水|都是水|水漫金山|flood.{0,2}了"
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
        r"|(?:窗户?|门|阳台).{0,8}有人(?:进来|爬进|钻进)|小偷.{0,6}(?:还在|还没走|就在|在楼|在我家)"
    ),
    "live_wire": (
        r"电线.{0,4}(?:裸露|外露|掉|垂|断|冒火|打火|火花|着火)|裸露.{0,2}电线|漏电(?!保护|开关)"
        r"|触电|火花|带电(?!梯)|噼里啪啦|(?:插座|开关|电箱|配电箱|电表箱|电线|线路).{0,4}(?:冒烟|打火|滋滋)"
    ),
    "collapse": r"塌了|坍塌|倒塌|塌下来|塌了一块",
    "injury": (
        r"打架.{0,8}(?:流血|受伤|动刀|拿刀)|流了好多血|血流不止|捅伤|砍人|晕倒|昏倒|昏迷|倒地不起"
        r"|起不来.{0,6}(?:流血|受伤)|流血了|大出血|头破血流|跳楼|要跳下|爬到窗户?外|站在窗台外"
    ),
    "falling": (
        r"(?:瓷砖|砖|玻璃|吊顶|天花板|树|树枝|广告牌|招牌|外机|窗户|窗框|石头|水泥块|墙砖|灯箱|空调)"
        r".{0,8}(?:往下掉|掉下来了|要掉|快掉|随时.{0,4}(?:掉|倒|塌)|要倒|快倒|正在倒|砸下来|摇摇欲坠|悬着|挂在半空)"
        r"|快倒了|要倒了|随时(?:会|要|可能)?倒|摇摇欲坠|压(?:住|着)了?人|人被压"
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
        r"|\balight\b|\bablaze\b|\bshouting\s\W?fire\b|\bset\s(?:\w+\s){0,2}alight\b"
    ),
    "gas": (
        r"\bgas\b(?:\s\w+){0,2}?\s(?:smell|leak|odou?r|stench|stink|whiff)\w*"
        r"|\b(?:smell|odou?r|stench|whiff|reek|stink)\w*(?:\s\w+){0,3}?\s(?:of\s)?gas\b"
        r"|\bleak\w*\s(?:\w+\s)?gas\b|\bgas\s(?:is\s)?hissing|\bhissing\b.{0,20}\bgas\b"
    ),
    "trapped": (
        r"\btrapped\b|\b(?:stuck|locked)\s(?:in|inside)\s(?:the\s|a\s|an\s)?(?:lift|elevator)s?\b"
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
        r"|\b(?:ankle|knee)[\s-]deep\b"
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
    "injury": r"\bbleeding\b|\bstabb\w*|\bknife\b|\bunconscious\b|\bpassed\sout\b|\bfainted\b",
    "falling": (
        r"\babout\sto\s(?:fall|collapse|come\sdown|drop|topple|give\sway|snap)\b"
        r"|\b(?:could|might|will|may)\s(?:fall|drop|come\sdown|collapse|snap)\s(?:\w+\s)?(?:at\s)?any\s"
        r"(?:second|moment|minute|time)\b|\b(?:falling|dropping)\s(?:off|from)\s(?:the\s)?(?:\w+\s)?"
        r"(?:facade|wall|building|roof|balcony|tower)\b"
        r"|\b(?:bits|pieces|chunks|tiles|glass|debris|concrete|bricks)\s(?:are\s|is\s|keep\s)?(?:falling|dropping"
        r"|coming)\s(?:off|down)|\bswaying\b|\bleaning\s(?:badly|dangerously|over)\b|\b(?:hanging|dangling)\s(?:over|above)\b"
    ),
}
# Only sequences with no everyday homophone: 敲门 and 撬门 are both `qiao men`, 保管 is `bao guan`.
PINYIN: dict[str, str] = {
    "fire": (
        r"zhao huo|shi huo|mao yan|huo zai|nong yan|ran shao|huo miao|qi huo|shao jiao"
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
        r"|dao guan|shui man|bao lie"
        r"|(?:di xia shi|che ku|di ku|da tang|yi lou|jia li) jin (?:le )?shui|shui yue lai yue shen"
        r"|wang (?:xia|wai) (?:liu|pen|mao|yong|guan)|dao chu dou shi shui|man di dou shi"
    ),
    "outage": (
        r"(?:zheng dong|zheng ge|quan lou|xiao qu|zheng lou|quan dong|quan bu|suo you|da mian ji"
        r"|hao ji dong)(?: \S+){0,5} "
        r"(?:ting dian|duan dian|mei dian|ting shui|duan shui|mei shui)"
    ),
    "sewage": r"wu shui (?:wai yi|yi chu|dao guan|man)|fen shui|fan shui|fan wu shui|mao wu shui",
    "break_in": (
        r"ru shi (?:dao qie|qiang jie)|qiao suo|chuang jin|po men"
        r"|qiao (?:wo|ge bi|lin ju)(?: jia)?(?: de)? "
        r"(?:men|suo|chuang)|jin zei|xiao tou (?:hai )?zai"
    ),
    "live_wire": r"lou dian|chu dian|huo hua|luo lu|dai dian(?! ti)",
    "collapse": r"tan ta|dao ta",
    "injury": r"da jia (?:\S+ ){0,4}liu xue|yun dao|hun dao|liu xue le",
    "falling": r"kuai dao le|yao dao le|yao diao xia lai|yao yao yu zhui",
}

# A space between Chinese characters is the unpunctuated writer's comma.
CLAUSE_END = re.compile(r"[，,。.！!？?；;\n]|(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
SENTENCE_END = re.compile(r"[。.！!？?；;\n]")
ZH_DENIED = re.compile(
    r"(?:没有|没|不|无|未|别|并非|不是|有没有|是不是|并没|闻不到|不再)[^，,。.！!？?；;]{0,2}$"
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
    r"经常|老是|总是|几起|多起|好几户|几户|好几家|好几次|多次|频发|每次|每逢|一下雨就|动不动|每天|天天|每晚|明天|下周|将于"
)
ZH_NOW = re.compile(
    r"(?<!到)现在|还在|仍然|仍在|正在|又|马上|赶紧|快来|快点|救命|到现在还没|至今还没|刚才|刚刚|此刻|一直|越来越|开始|"
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
    r"\b(?:last\s(?:week|month|year|time|night|night's)|yesterday|previously|a\swhile\sago|(?:weeks|months|years|days)"
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
)

# A smell of smoke is tobacco or cooking when the complaint says so.
EXCLUDED = {
    "fire": re.compile(
        r"抽烟|吸烟|烟头|香烟|油烟|二手烟|\bsmoking\s(?:in|on|at)\b|cigarette"
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
