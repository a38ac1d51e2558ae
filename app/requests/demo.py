"""演示数据 for the request register: realistic requests over several years, taken through the real services (so the
history, the clock, the audit trail and the numbering are what real use would leave), in every state and outcome."""
from __future__ import annotations

import datetime as dt
import random
import zlib

from app import clock, numbering, settings
from app.actor import Actor
from app.errors import ServiceError
from app.requests import (catalog, consultation, decision, fees_service, handling, records, register, step_notices,
                          workflow)
from app.validators import id_card_check_char, uscc_check_char
from db.connection import write_transaction
from db.models import Request

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田萧潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强晓东海燕玉兰红梅春梅文斌丽萍德明永红"
TOWNS = ["城关镇", "河口镇", "龙潭乡", "石桥镇", "新街乡", "白水镇", "青山乡", "大坪镇"]
VILLAGES = ["东风村", "红星村", "永安村", "团结村", "向阳村", "和平村", "新民村", "长寿村"]
SUBJECTS = [
    "{y}年{town}农村危房改造补助资金发放名单", "{town}{village}土地征收补偿安置方案", "{y}年度{town}城乡居民最低生活保障对象名单",
    "{town}{village}集体土地征收的批准文件", "{y}年县级财政预算执行情况和其他财政收支情况的报告", "{town}农贸市场改造项目的立项批复",
    "{y}年{town}高标准农田建设项目招标文件及中标结果", "{town}{village}房屋拆迁评估报告", "{y}年度涉农补贴资金分配方案",
    "县人民医院新建住院楼项目环境影响评价报告", "{town}{village}饮水安全工程竣工验收报告", "{y}年{town}道路硬化工程的资金使用明细",
    "{y}年度县政府重大行政决策事项目录", "{town}中心学校食堂承包合同", "{y}年{town}退耕还林补助资金发放情况",
    "{town}{village}村民委员会换届选举的有关文件", "{y}年度行政事业性收费项目清单", "{town}污水处理厂建设项目的规划许可证",
    "县城{village}片区棚户区改造项目征收决定", "{y}年{town}乡村振兴衔接资金项目库",
]
COMPANY_WORDS = ["宏达", "鑫源", "恒泰", "华盛", "金穗", "瑞丰", "永盛", "德诚", "佳禾", "云岭"]
ORG_NAMES = {
    "commercial": "{w}建设工程有限公司", "research": "{w}农业科学研究所", "public_interest": "{w}公益基金会",
    "legal_service": "{w}律师事务所", "other_org": "某某县{w}个体劳动者协会",
}
PASSWORD = "Demo-2026-zwgk"
STAFF = [("zhangming", "张明", ["clerk"]), ("liuyang", "刘洋", ["clerk"]), ("lihua", "李华", ["section_head"]),
         ("wangqiang", "王强", ["leader"]), ("chenjing", "陈静", ["principal"]), ("zhaomin", "赵敏", ["supervisor"]),
         ("sunli", "孙丽", ["secrecy_reviewer"])]

WEIGHTS = {"disclose": 34, "disclose_proactive": 8, "partial": 9, "unable_not_exist": 10, "unable_not_ours": 6,
           "unable_2": 2, "unable_3": 1, "reject_1": 3, "reject_2": 2, "reject_3": 1, "reject_4": 1, "reject_5": 1,
           "other_1": 3, "other_2": 1, "other_3": 3, "special_registry": 1,
           **{f"refuse_{i}": w for i, w in zip(range(1, 9), (1, 1, 1, 4, 2, 3, 2, 1))}}


# What the clerk writes for each outcome's reason, and what an applicant would have asked for to get it.
REASONS = {
    "refuse_1": "经保密审查，属于依法确定的国家秘密", "refuse_2": "属于法律、行政法规禁止公开的信息",
    "refuse_3": "公开后可能危及社会稳定", "refuse_4": "涉及第三方个人隐私，第三方不同意公开",
    "refuse_5": "属于本机关内部人事管理信息", "refuse_6": "属于讨论记录、过程稿等过程性信息",
    "refuse_7": "属于行政执法案卷信息", "refuse_8": "本人社会保险缴费记录应通过县社会保险服务中心的查询渠道办理",
    "unable_not_exist": "经检索档案室和相关科室，未发现该信息", "unable_2": "所需信息需对多年统计数据重新汇总分析",
    "unable_3": "补正后仍未写明所需信息的名称、年度或涉及的村（社区）",
    "reject_1": "申请内容为要求查处违法占地的投诉事项", "reject_3": "所申请的是公开发行的统计年鉴",
    "reject_4": "同一月内就同类事项提出三十余件申请，经要求仍未说明理由",
    "reject_5": "要求确认已获取的名单复印件与原件一致", "other_3": "申请人书面撤回申请",
}
OUTCOME_SUBJECTS = {
    "refuse_8": "本人{y}年社会保险缴费记录", "special_registry": "{town}{village}一宗宅基地的不动产登记资料",
    "unable_2": "{y}年以来全县各乡镇危房改造资金使用情况的汇总分析", "reject_1": "要求查处{town}{village}违法占地问题",
    "reject_3": "{y}年某某县统计年鉴", "reject_5": "确认本人已获取的{y}年{town}补助资金发放名单的真实性",
}


class Demo:
    def __init__(self, rng: random.Random, clerks: list[Actor], head: Actor):
        self.rng, self.clerks, self.head = rng, clerks, head
        self.today = clock.today()
        self.decided: list[tuple[str, dict]] = []  # (number, registration data) of the requests answered so far
        self.pending_outcomes = list(catalog.OUTCOMES)  # every outcome at least once
        self.rng.shuffle(self.pending_outcomes)
        # one outcome of each reply notice comes first (the list is taken from its end), so that a small demo has
        # every kind of notice to print too
        first = list({catalog.OUTCOMES[o].notice: o for o in reversed(self.pending_outcomes)}.values())
        self.pending_outcomes = [o for o in self.pending_outcomes if o not in first] + first[::-1]
        self.public_interest_made = False  # one third party overruled for the public interest (条例第三十二条)

    # ---- people and content ------------------------------------------------------------------------------------
    def id_number(self, born: dt.date) -> str:
        body = f"5323{self.rng.randint(21, 31):02d}{born:%Y%m%d}{self.rng.randint(0, 999):03d}"
        return body + id_card_check_char(body)

    def uscc(self) -> str:
        chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = "91532300" + "".join(self.rng.choice(chars) for _ in range(9))
        return body + uscc_check_char(body)

    def applicant(self, received: dt.date, natural: bool = False) -> dict:
        r = self.rng
        kind = r.choices(list(catalog.APPLICANT_TYPES), weights=(62, 16, 4, 5, 9, 4))[0]
        kind = "natural" if natural else kind
        address = f"某某县{r.choice(TOWNS)}{r.choice(VILLAGES)}{r.randint(1, 99)}号"
        phone = f"1{r.choice('3456789')}{r.randint(0, 999999999):09d}"
        if kind == "natural":
            born = dt.date(r.randint(1950, 2002), r.randint(1, 12), r.randint(1, 28))
            name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))
            return {"applicant_type": kind, "applicant_name": name, "id_type": "resident_id",
                    "id_number": self.id_number(born), "phone": phone, "address": address}
        return {"applicant_type": kind, "applicant_name": ORG_NAMES[kind].format(w=r.choice(COMPANY_WORDS)),
                "uscc": self.uscc(), "legal_rep": r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN),
                "contact_person": r.choice(SURNAMES) + r.choice(GIVEN), "phone": phone, "address": address,
                "email": f"office{r.randint(100, 999)}@example.com"}

    def description(self, received: dt.date, outcome: str = "") -> str:
        r = self.rng
        subject = OUTCOME_SUBJECTS.get(outcome, r.choice(SUBJECTS))
        return subject.format(y=received.year - r.choice((0, 1, 1, 2)), town=r.choice(TOWNS), village=r.choice(VILLAGES))

    def outcome(self) -> str:
        if self.pending_outcomes:
            return self.pending_outcomes.pop()
        return self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]

    def detail(self, outcome: str) -> dict | None:
        r = self.rng
        if outcome == "disclose":
            return {"provided": r.choice(["相关文件复印件，共{}页，随本告知书邮寄".format(r.randint(2, 30)),
                                          "电子文档，通过电子邮件发送"])}
        if outcome == "disclose_proactive":
            return {"provided": r.choice(["县人民政府门户网站“政府信息公开”专栏",
                                          "县政务服务中心政府信息公开查阅点"])}
        if outcome == "partial":
            return {"provided": "项目名称、资金总额和分配方案", "withheld": "涉及个人的身份证号码、银行账号",
                    "grounds": ["refuse_4"], "reason": "公开会损害第三方合法权益"}
        if outcome == "unable_not_ours":
            return {"agency": "某某县住房和城乡建设局", "agency_contact": "0878-3100000", "reason": "该信息由县住建局制作和保存"}
        if outcome == "reject_2":
            return None  # made by ``repeat`` from the applicant's own earlier request
        if outcome == "special_registry":
            return {"guidance": "持身份证明到县不动产登记中心申请查询"}
        return {"reason": REASONS[outcome]}

    # ---- one request's life ---------------------------------------------------------------------------------------
    def tracking_number(self) -> str:
        return f"XA{self.rng.randint(10**8, 10**9 - 1)}CN"

    def later(self, day: dt.date, low: int, high: int) -> dt.date | None:
        nxt = day + dt.timedelta(days=self.rng.randint(low, high))
        return nxt if nxt <= self.today else None

    def notices(self, clerk: Actor, rid: int) -> None:
        """The notices the step just taken owes: printed for recent requests (the ones a tester opens); for older ones
        only their 文号 is recorded, as for notices issued outside the program, which keeps the demo quick."""
        req = Request.get_by_id(rid)
        if (self.today - req.received_date).days <= RECENT_DAYS:
            step_notices.issue_owed(clerk, rid)
            return
        for o in step_notices.outstanding(req):
            step_notices.record_external(clerk, rid, o.kind, numbering.issue("notice", o.dated.year), o.dated,
                                         o.consultation_id)

    def stopped(self, rid: int) -> bool:
        """A recent request is left in the state it was meant to show."""
        return self.stop_at is not None and Request.get_by_id(rid).state == self.stop_at

    def repeat(self, received: dt.date) -> tuple[dict, str] | None:
        """A 重复申请 (条例第三十六条第（六）项): the same applicant asks again for what an earlier, answered request of
        theirs asked for. None when no earlier request was answered yet."""
        earlier = [(n, d) for n, d in self.decided if d["received_date"] < received]
        if not earlier:
            return None
        number, data = self.rng.choice(earlier)
        return {**data, "received_date": received}, number

    def make(self, received: dt.date, stop_at: str | None = None) -> None:
        self.stop_at = stop_at
        r, clerk = self.rng, self.rng.choice(self.clerks)
        outcome = {"awaiting_correction": "unable_3", "consulting": "partial", "awaiting_fee": "other_2",
                   "withdrawn": "other_3"}.get(stop_at) or self.outcome()
        repeat = self.repeat(received) if outcome == "reject_2" else None
        if repeat is not None:
            data, earlier_number = repeat
        else:
            if outcome == "reject_2":  # nothing answered yet to repeat: made later
                self.pending_outcomes.insert(0, outcome)
                outcome = "disclose"
            # a 行政查询事项 here is a person's own record (社会保险缴费记录)
            data = {**self.applicant(received, natural=outcome == "refuse_8"), "channel": r.choice(list(catalog.CHANNELS)[:6]),
                    "received_date": received, "description": self.description(received, outcome),
                    "purpose": r.choice(["", "了解政策落实情况", "维护自身合法权益", "科研需要"]),
                    "form_wanted": r.choice(["paper", "electronic", "paper"]), "delivery_wanted": "post"}
        data["officer_id"] = clerk.user_id
        # 承办科室: spread over the office's units without drawing from the generator (the rest stays as it was)
        units = settings.units()
        data["unit"] = units[zlib.crc32(data["description"].encode("utf-8")) % len(units)]
        rid = register.register(clerk, data, source="demo")["id"]
        self.registered = data
        if stop_at == "voided":
            handling.void(self.head, rid, "与同一申请人同日的另一件申请重复登记", received)
            return
        day = self.later(received, 0, 2)
        if day is None or self.stopped(rid):
            return
        handling.start(clerk, rid)
        if self.stopped(rid):
            return
        if outcome in ("other_1", "unable_3") or r.random() < 0.05:
            req = Request.get_by_id(rid)
            sent = max(req.received_date, min(req.correction_due, received + dt.timedelta(days=r.randint(1, 4))))
            if sent > self.today:
                return
            period_end = handling.request_correction(clerk, rid, "请写明所需信息的具体名称、年度和涉及的村（社区）", sent)[
                "period_end"]
            self.notices(clerk, rid)
            if self.stopped(rid):
                return
            if outcome == "other_1":
                lapse = period_end + dt.timedelta(days=r.randint(1, 5))
                if lapse <= self.today:
                    handling.correction_lapsed(clerk, rid, lapse, "申请人无正当理由逾期未补正")
                    self.notices(clerk, rid)
                    self._finish(clerk, rid, lapse, "other_1")
                return
            got = self.later(sent, 2, 8)
            if got is None:
                return
            handling.correction_received(clerk, rid, got, "申请人补正了申请内容")
        overruled = outcome == "disclose" and not self.public_interest_made
        if outcome.startswith("refuse_4") or outcome == "partial" or overruled or r.random() < 0.05:
            sent = self.later(Request.get_by_id(rid).clock_start, 1, 4)
            if sent is None:
                return
            kind = "third_party" if r.random() < 0.8 or overruled else "agency"
            party, content = (r.choice(["某某建设工程有限公司", "陈某"]), "拟公开信息中涉及贵方的名称、合同金额等内容") \
                if kind == "third_party" else ("某某县财政局", "本机关与贵机关联合印发的补助资金分配方案")
            c = consultation.consult(clerk, rid, kind, party, content, sent)
            self.notices(clerk, rid)
            got = self.later(sent, 1, 4)  # the letter reaches the party: its 15 working days start
            if got is not None:
                consultation.record_delivery(clerk, c["id"], "post", got, self.tracking_number())
            answer = None if got is None else self.later(got, 2, 12)
            if self.stopped(rid):
                return
            if answer is None:
                return
            disagree = outcome in ("refuse_4", "partial") or overruled
            consultation.record_reply(clerk, c["id"], "disagree" if disagree else "agree", answer,
                                      reason="涉及商业秘密" if disagree else "",
                                      decision="public_interest" if overruled else "withhold" if disagree
                                      else "disclose",
                                      decision_note="涉及公共资金使用，不公开可能对公共利益造成重大影响" if overruled else "")
            if overruled:
                self.public_interest_made = True
                self.notices(clerk, rid)  # the 第三方公开决定告知书
        if outcome == "other_2" or r.random() < 0.02:
            notice = self.later(Request.get_by_id(rid).clock_start, 1, 5)
            if notice is None:
                return
            fees_service.fee_notice(clerk, rid, "per_volume", r.randint(40, 160), notice)
            self.notices(clerk, rid)
            got = self.later(notice, 0, 3)  # the applicant receives the notice: 20 working days from the next day
            fee = None if got is None else fees_service.record_delivery(clerk, rid, "post", got,
                                                                        self.tracking_number(), data["applicant_name"])
            if fee is None or self.stopped(rid):
                return
            if outcome == "other_2":
                lapse = fee["pay_by"] + dt.timedelta(days=r.randint(1, 4))
                if lapse <= self.today:
                    fees_service.fee_lapsed(clerk, rid, lapse)
                    self.notices(clerk, rid)
                    self._finish(clerk, rid, lapse, "other_2")
                return
            paid = self.later(got, 1, 12)
            if paid is None or paid > fee["pay_by"]:
                return
            fees_service.fee_paid(clerk, rid, paid, f"非税收入缴款书 {r.randint(100000, 999999)}")
        req = Request.get_by_id(rid)
        if req.due_date and r.random() < 0.08:
            approved = req.due_date - dt.timedelta(days=r.randint(1, 6))
            if req.clock_start <= approved <= self.today:
                handling.extend(clerk, rid, r.choice((10, 15, 20)), "李华", approved, "需要调取历年档案并征求相关科室意见")
                self.notices(clerk, rid)
                req = Request.get_by_id(rid)
        if outcome == "other_3" and r.random() < 0.7:
            when = self.later(records.fact_floor(req, workflow.ALL)[0], 2, 12)
            if when is not None:
                handling.withdraw(clerk, rid, when, "申请人书面撤回申请")
                arch = None if self.stopped(rid) else self.later(when, 1, 10)
                if arch is not None:
                    handling.archive(clerk, rid, arch)
            return
        detail = {"duplicate_of": earlier_number} if repeat is not None else self.detail(outcome)
        start = records.fact_floor(req, workflow.ALL)[0]  # a reply comes after every earlier step
        if req.due_date is None:
            return
        span = max(0, (req.due_date - start).days)
        decided = start + dt.timedelta(days=r.randint(1, max(1, span)) if r.random() < 0.96
                                       else span + r.randint(1, 5))
        if decided > self.today:
            return
        decision.decide(self.head if r.random() < 0.3 else clerk, rid, outcome, decided, detail)
        self.notices(clerk, rid)
        if not self.stopped(rid):
            self._finish(clerk, rid, decided, outcome)

    def _finish(self, clerk: Actor, rid: int, decided: dt.date, outcome: str) -> None:
        req = Request.get_by_id(rid)
        self.decided.append((req.number, self.registered))
        if outcome in catalog.NO_DELIVERY_NEEDED:
            arch = self.later(decided, 1, 20)
            if arch is not None and (self.today - arch).days > 10:
                handling.archive(clerk, rid, arch)
            return
        delivered = self.later(decided, 0, 3)
        if delivered is None:
            return
        method = self.rng.choice(["post", "post", "in_person", "email"])
        handling.deliver(clerk, rid, method, delivered,
                         tracking_number=self.tracking_number() if method == "post" else "", recipient=req.applicant_name)
        arch = None if self.stopped(rid) else self.later(delivered, 2, 20)
        if arch is not None and (self.today - arch).days > 10:
            handling.archive(clerk, rid, arch)


def make_requests(clerks: list[Actor], head: Actor, count: int, seed: int, years: float = 3.5) -> int:
    """``count`` requests received over the last ``years`` years; returns how many were made."""
    rng = random.Random(seed)
    today = clock.today()
    first = today - dt.timedelta(days=int(365 * years))
    recent = min(count, max(len(SHOWN_STATES), count // 8))  # received in the last weeks, left in every open state
    days = sorted(first + dt.timedelta(days=rng.randint(0, (today - first).days - 45)) for _ in range(count - recent))
    plan = [(d, None) for d in days]
    plan += [(today - dt.timedelta(days=rng.randint(2, 25)), SHOWN_STATES[i % len(SHOWN_STATES)])
             for i in range(recent)]
    demo = Demo(rng, clerks, head)
    made = 0
    for i in range(0, len(plan), 50):
        with write_transaction():
            for received, state in plan[i:i + 50]:
                try:
                    demo.make(received, state)
                except ServiceError as err:  # the generator broke a rule: a bug in the demo, not in the data
                    raise RuntimeError(f"demo data refused on {received}: {err}") from err
                made += 1
    return made


# The states the recent requests are left in, so that the register shows each of them.
SHOWN_STATES = ["registered", "processing", "awaiting_correction", "consulting", "awaiting_fee", "replied",
                "delivered", "withdrawn", "processing", "registered", "voided"]
# Requests received this many days ago or later get their notices printed.
RECENT_DAYS = 45


def configure_office(actor: Actor) -> None:
    """Fill the settings a notice needs, where the office has not set them yet."""
    wanted = {"remedy.review_body": "某某县人民政府", "remedy.court": "某某县人民法院", "office.abbreviation": "某"}
    missing = {k: v for k, v in wanted.items() if not settings.get(k)}
    if missing:
        settings.set_many(actor, missing)

