#!/usr/bin/env python3
"""A deterministic corpus of N notices, written three ways: gwsite, Hugo and Pelican.

The corpus is one fictional district (云岭市青溪区): 40 departments and 20 townships, all
26 pilot domains with a small standard catalogue each (6 items, State Council template),
and N notices spread over 2019–2026, each with one domain, a catalogue ``item`` on most,
a 发文字号 on many and a Markdown body of 1–5 KB (UTF-8): headings, bullet and numbered
lists, a GFM pipe table in about a third, amounts, dates and the agencies' own landlines.
Every notice is 主动公开, and no body holds a valid ID-card, mobile or bank-card number
(names in lists are 张** as real portals publish them), so gwsite has nothing to mask.

The same N and seed give byte-identical files, and notice i does not depend on N: the
1,000-notice corpus is the first 1,000 notices of the 10,000 one.

    OUT/gwsite/   a site root (contract §1): site.yaml, catalogues/*.xlsx, content/notices/**.yaml|.md
    OUT/hugo/     hugo.toml, content/notices/**.md, layouts/ (baseof, home, page, section, taxonomy, term)
    OUT/pelican/  pelicanconf.py, content/notices/**.md, theme/templates/
    OUT/corpus.json  what was written, and the notice that the rebuild benchmark edits

Each generator gets the same pages from it: one page per notice with the metadata block
(索引号, 发文字号 …), lists of every notice, per domain and per publisher, paginated by 20
(gwsite's default ``page_size``), and a home page.

    python bench/corpus.py 1000 /tmp/corpus-1k
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gwsite.domains import PILOT_DOMAINS  # noqa: E402
from gwsite.privacy import USCC_ALPHABET, uscc_check_char  # noqa: E402

SEED = 20191101
PAGE_SIZE = 20  # gwsite's default page_size: every tool paginates its lists by this
FEED_LENGTH = 20  # gwsite's feeds hold the newest 20; Hugo and Pelican are told the same
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 21), dt.date(2026, 11, 20)  # gwsite's calendar covers 2019–2026
FIXED_TIME = dt.datetime(2026, 11, 20, 9, 0, 0)  # stamped into every xlsx: byte-identical reruns

REGION = "云岭市青溪区"
TITLE = "青溪区基层政务公开"
HOST = "云岭市青溪区人民政府办公室"
SITE_CODE = "5310020001"
BASE_URL = "https://www.qingxi.gov.cn.example/jcgk/"
AREA = "0878"  # fictional area code of the agencies' landlines
REGION_CODE = "531002"  # fictional 行政区划代码

# ---------------------------------------------------------------------------
# Organisations: 40 departments and 20 townships
# ---------------------------------------------------------------------------
# (id, name after 区, 机关代字)
DEPARTMENTS = [
    ("zfb", "人民政府办公室", "青府办发"), ("fgw", "发展和改革委员会", "青发改发"), ("jw", "教育委员会", "青教发"),
    ("kjj", "科学技术局", "青科发"), ("jxw", "经济和信息化委员会", "青经信发"), ("gaj", "公安分局", "青公发"),
    ("mzj", "民政局", "青民发"), ("sfj", "司法局", "青司发"), ("czj", "财政局", "青财发"),
    ("rsj", "人力资源和社会保障局", "青人社发"), ("ghzy", "规划和自然资源局", "青规资发"), ("sthj", "生态环境局", "青环发"),
    ("zjw", "住房和城乡建设委员会", "青建发"), ("cgj", "城市管理局", "青城管发"), ("jtj", "交通运输局", "青交发"),
    ("slj", "水利局", "青水发"), ("nyw", "农业农村委员会", "青农发"), ("swu", "商务委员会", "青商务发"),
    ("wlw", "文化和旅游发展委员会", "青文旅发"), ("wjw", "卫生健康委员会", "青卫健发"), ("tyjr", "退役军人事务局", "青退役发"),
    ("yjj", "应急管理局", "青应急发"), ("sjj", "审计局", "青审发"), ("scjg", "市场监督管理局", "青市监发"),
    ("tyj", "体育局", "青体发"), ("tjj", "统计局", "青统发"), ("ybj", "医疗保障局", "青医保发"),
    ("xfb", "信访办公室", "青信访发"), ("xczx", "乡村振兴局", "青乡振发"), ("ggzy", "公共资源交易中心", "青交易发"),
    ("sw", "税务局", "青税发"), ("lyj", "林业局", "青林发"), ("mzw", "民族宗教事务委员会", "青民宗发"),
    ("jgsw", "机关事务管理局", "青机管发"), ("dsj", "大数据发展局", "青数发"), ("zwb", "政务服务管理办公室", "青政务发"),
    ("rfb", "人民防空办公室", "青人防发"), ("gxs", "供销合作社", "青供销发"), ("cl", "残疾人联合会", "青残联发"),
    ("fwzs", "房屋征收与补偿中心", "青征收发"),
]
# (id, name, kind word)
TOWNSHIPS = [
    ("qingxi", "青溪", "街道"), ("fengming", "凤鸣", "街道"), ("baisha", "白沙", "街道"), ("chengnan", "城南", "街道"),
    ("jinqiao", "金桥", "街道"), ("wenchang", "文昌", "街道"), ("binjiang", "滨江", "街道"), ("liuan", "柳岸", "街道"),
    ("xinqiao", "新桥", "街道"), ("shuangui", "双桂", "街道"), ("longmen", "龙门", "镇"), ("shimen", "石门", "镇"),
    ("liuxi", "柳溪", "镇"), ("songlin", "松林", "镇"), ("taoyuan", "桃源", "镇"), ("huangjue", "黄桷", "镇"),
    ("shuanghe", "双河", "镇"), ("jinzhu", "金竹", "镇"), ("xinchang", "新场", "镇"), ("gaofeng", "高峰", "镇"),
]
VILLAGES = ["高峰村", "石桥村", "大坪村", "青杠村", "银杏村", "双龙村", "马鞍村", "黄泥村", "三合村", "桃花村",
            "清泉村", "杨柳村", "观音村", "红岩村", "岩口村", "水井村", "庙坝村", "竹林村", "新田村", "白果村",
            "滨江社区", "文昌社区", "人民路社区", "柳岸社区", "新桥社区", "凤鸣社区", "锦华社区", "南苑社区"]


@dataclass(frozen=True)
class Org:
    id: str
    name: str  # full official name
    short: str  # how catalogues name it: 区民政局 / 龙门镇
    kind: str  # department / township
    prefix: str  # 机关代字 of its 发文字号
    code: str  # 统一社会信用代码, or "" (then gwsite uses the id in 索引号)
    phone: str


def make_orgs() -> list[Org]:
    rng = random.Random(f"{SEED}-orgs")
    orgs = []
    for n, (oid, name, prefix) in enumerate(DEPARTMENTS):
        full = "云岭市公安局青溪区分局" if oid == "gaj" else (
            "国家税务总局云岭市青溪区税务局" if oid == "sw" else f"{REGION}{name}")
        short = "区公安分局" if oid == "gaj" else f"区{name}"
        orgs.append(Org(oid, full, short, "department", prefix, _uscc(rng) if n % 3 else "",
                        f"{AREA}-61{n:02d}{rng.randrange(1000, 9999)}"))
    for n, (oid, name, word) in enumerate(TOWNSHIPS):
        full = f"{REGION}{name}{'街道办事处' if word == '街道' else '镇人民政府'}"
        prefix = f"青{name}{'街发' if word == '街道' else '府发'}"
        orgs.append(Org(oid, full, f"{name}{word}", "township", prefix, _uscc(rng) if n % 3 else "",
                        f"{AREA}-62{n:02d}{rng.randrange(1000, 9999)}"))
    return orgs


def _uscc(rng: random.Random) -> str:
    """A government organ's 统一社会信用代码 with a valid check character; 'MB' in it keeps it
    from ever reading as an 18-digit 居民身份证号."""
    body = "MB" + "".join(rng.choice("0123456789ABCDEFGH") for _ in range(7))
    first17 = "11" + REGION_CODE + body
    assert all(c in USCC_ALPHABET for c in first17)
    return first17 + uscc_check_char(first17)


# ---------------------------------------------------------------------------
# Domains: lead department, two subjects (一级事项), topic, whether townships publish
# ---------------------------------------------------------------------------
DOMAIN_PLAN = {
    "重大建设项目": ("fgw", ["项目审批", "项目实施"], "国民经济管理、国有资产监管\\固定资产投资", False),
    "公共资源交易": ("ggzy", ["工程建设项目招标投标", "政府采购"], "综合政务\\公共资源交易", False),
    "义务教育": ("jw", ["招生入学", "学生资助"], "科技、教育\\教育", False),
    "户籍管理": ("gaj", ["户口迁移", "居民身份证办理"], "公安、安全、司法\\公安", True),
    "社会救助": ("mzj", ["最低生活保障", "临时救助"], "民政、扶贫、救灾\\社会救助", True),
    "养老服务": ("mzj", ["高龄津贴", "养老机构"], "民政、扶贫、救灾\\社会福利", True),
    "公共法律服务": ("sfj", ["法律援助", "人民调解"], "公安、安全、司法\\司法", True),
    "财政预决算": ("czj", ["政府预决算", "部门预决算"], "财政、金融、审计\\财政", True),
    "就业创业": ("rsj", ["就业补贴", "公益性岗位"], "劳动、人事、监察\\劳动就业", True),
    "社会保险": ("rsj", ["城乡居民养老保险", "工伤保险"], "劳动、人事、监察\\社会保障", True),
    "国土空间规划": ("ghzy", ["国土空间总体规划", "建设用地规划许可"], "城乡建设、环境保护\\城市规划", False),
    "征地补偿": ("ghzy", ["征地告知", "征地补偿安置"], "国土资源、能源\\土地", True),
    "环境保护": ("sthj", ["环境影响评价", "环境监管执法"], "城乡建设、环境保护\\环境监测、保护与治理", False),
    "国有土地上房屋征收": ("fwzs", ["征收决定", "补偿方案"], "城乡建设、环境保护\\城乡建设（含住房）", False),
    "保障性住房": ("zjw", ["公共租赁住房", "保障性租赁住房"], "城乡建设、环境保护\\城乡建设（含住房）", False),
    "农村危房改造": ("zjw", ["危房改造对象", "改造补助资金"], "城乡建设、环境保护\\城乡建设（含住房）", True),
    "城市综合执法": ("cgj", ["行政处罚", "行政检查"], "城乡建设、环境保护\\市政公用事业", True),
    "市政服务": ("cgj", ["供水供气", "市政设施维护"], "城乡建设、环境保护\\市政公用事业", False),
    "涉农补贴": ("nyw", ["耕地地力保护补贴", "农机购置补贴"], "农业、林业、水利\\农业、畜牧业、渔业", True),
    "公共文化服务": ("wlw", ["公共文化设施", "文化惠民活动"], "文化、广电、新闻出版\\文化", True),
    "医疗卫生": ("wjw", ["基本公共卫生服务", "医疗机构监管"], "卫生、体育\\卫生", True),
    "安全生产": ("yjj", ["安全生产检查", "事故调查处理"], "市场监管、安全生产监管\\安全生产监管", True),
    "救灾": ("yjj", ["灾情信息", "救灾资金物资"], "民政、扶贫、救灾\\减灾救灾", True),
    "食品药品监管": ("scjg", ["食品安全抽检", "药品监督检查"], "市场监管、安全生产监管\\食品药品监管", False),
    "扶贫": ("xczx", ["衔接推进乡村振兴补助资金", "防止返贫监测"], "民政、扶贫、救灾\\扶贫", True),
    "税收管理": ("sw", ["税收政策", "纳税信用"], "财政、金融、审计\\税务", False),
}
assert set(DOMAIN_PLAN) == {d.name for d in PILOT_DOMAINS}

# 二级事项 under each subject: (name, kind of notice it gets, 公开时限)
SUB_ITEMS = [("政策标准", "policy", "信息形成或者变更之日起20个工作日内"),
             ("办理结果", "list", "信息形成或者变更之日起20个工作日内")]
GENERAL_ITEMS = [("政策文件", "policy", "制定或获取信息之日起10个工作日内"),
                 ("办事指南", "guide", "信息形成或者变更之日起20个工作日内")]
CHANNELS = ["政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点", "政务服务中心",
            "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他"]


@dataclass(frozen=True)
class Item:
    domain: str
    level1: str
    level2: str
    kind: str  # policy / list / guide: the shape of the notices that fulfil it
    deadline: str
    township: bool  # also 乡级

    @property
    def key(self) -> str:
        return f"{self.level1}/{self.level2}"


def make_catalogue() -> dict[str, list[Item]]:
    """Six items per domain: two subjects × (政策标准, 办理结果), then 政策文件 and 办事指南."""
    catalogue = {}
    for domain, (_, subjects, _, township) in DOMAIN_PLAN.items():
        items = [Item(domain, s, name, kind, deadline, township and kind == "list")
                 for s in subjects for name, kind, deadline in SUB_ITEMS]
        items += [Item(domain, name, f"{domain}{name}", kind, deadline, False) for name, kind, deadline in GENERAL_ITEMS]
        catalogue[domain] = items
    return catalogue


# ---------------------------------------------------------------------------
# Notice text
# ---------------------------------------------------------------------------
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
CN_NUM = "一二三四五六七八九十"
GENRES = {"policy": ["通知", "意见", "决定"], "list": ["公告", "公示", "通报"], "guide": ["其他", "通知"]}
INTROS = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》和《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》"
    "（国办发〔2019〕54号）精神，进一步做好{subject}工作，现将有关事项{verb}如下。",
    "根据《{law}》和市、区有关文件规定，经{org}研究决定，现就{year}年{subject}有关工作{verb}如下。",
    "为切实保障困难群众基本生活，规范{subject}管理，提高资金使用效益，结合我区实际，现将有关情况{verb}如下。",
    "按照区委、区政府工作部署和《{law}》要求，{org}对{year}年度{subject}情况进行了全面梳理，现予{verb2}。",
]
LAWS = ["中华人民共和国政府信息公开条例", "社会救助暂行办法", "中华人民共和国预算法", "中华人民共和国就业促进法",
        "中华人民共和国土地管理法", "国有土地上房屋征收与补偿条例", "中华人民共和国安全生产法", "中华人民共和国食品安全法",
        "中华人民共和国行政处罚法", "中华人民共和国义务教育法", "中华人民共和国社会保险法", "中华人民共和国环境保护法"]
SENTENCES = [
    "各镇人民政府、街道办事处要高度重视，明确分管领导和具体经办人员，确保各项工作按时保质完成。",
    "{year}年全区共落实{subject}资金{money}万元，惠及群众{people}人，资金全部通过“一卡通”直接发放到户。",
    "自{date}起，{subject}标准由每人每月{amount}元提高到每人每月{amount2}元，所需资金由区级财政统筹安排。",
    "申请人应当向户籍所在地镇人民政府（街道办事处）提出书面申请，如实提供家庭收入、财产等证明材料。",
    "对符合条件的对象做到应保尽保、应补尽补，对不再符合条件的及时退出，实行动态管理。",
    "区{dept}将会同区财政局、区审计局等部门开展专项检查，对虚报冒领、挤占挪用资金的，依法依规严肃处理。",
    "各单位要严格落实“三审三校”制度，公开前做好个人信息去标识化处理，不得公开身份证号码、银行账号等个人隐私。",
    "本次共受理申请{people}件，经入户调查、民主评议、审核确认，符合条件{people2}件，不符合条件的已书面告知申请人并说明理由。",
    "截至{date}，全区累计完成{subject}{people}户，完成年度目标任务的{pct}%，工作进度位居全市前列。",
    "资金使用情况接受社会监督，公示期内对公示内容有异议的，可向{org}反映，联系电话{phone}。",
    "有关工作纳入年度目标管理考核，考核结果作为评先评优和资金分配的重要依据。",
    "区级部门和镇街要加强政策宣传解读，通过政府网站、“青溪发布”微信公众号、村（社区）公示栏等渠道广泛宣传。",
    "对群众反映的问题，要做到件件有回音、事事有着落，办理结果在{days}个工作日内反馈当事人。",
    "项目总投资{money}万元，其中中央和市级补助资金{money2}万元，区级配套资金按比例足额落实。",
    "本{genre}自印发之日起施行，有效期{years}年。原《{old}》（{olddoc}）同时废止。",
]
BULLETS = [
    "具有本区户籍，在本区实际居住满{years}年以上",
    "家庭人均月收入低于当年城乡最低生活保障标准（{amount}元）",
    "家庭财产状况符合规定条件，无机动车辆（残疾人功能性补偿代步机动车辆除外）",
    "申请书、户口簿复印件、家庭收入情况声明",
    "经营主体营业执照或有关证明材料",
    "镇人民政府（街道办事处）自受理申请之日起{days}个工作日内完成审核",
    "区{dept}自收到审核材料之日起{days}个工作日内作出审批决定",
    "补助资金实行专账核算、专款专用，严禁截留、挤占、挪用",
    "对经办人员实行责任追究，因工作失职造成资金损失的依法追究责任",
    "项目实施情况在村（社区）公示栏公示不少于{days}个工作日",
    "办理地点：区政务服务中心{floor}楼{window}号窗口（青溪区滨江大道200号）",
    "办理时间：法定工作日上午9:00—12:00，下午14:30—18:00",
    "咨询电话：{phone}；监督电话：{phone2}",
    "收费标准：不收费",
]
HEADINGS = {
    "policy": ["总体要求", "补助对象和标准", "申请和审核程序", "资金管理", "工作要求", "监督检查", "其他事项"],
    "list": ["基本情况", "名单公示", "资金发放情况", "公示期限", "监督方式"],
    "guide": ["事项名称", "设定依据", "申请条件", "申请材料", "办理流程", "办理时限", "办理地点和时间", "咨询及监督电话"],
}
TITLES = {
    "policy": ["关于印发《青溪区{subject}实施办法》的通知", "关于调整{year}年{subject}标准的通知",
               "关于做好{year}年{subject}工作的通知", "关于进一步加强{subject}管理工作的意见",
               "关于{year}年{subject}政策的解读"],
    "list": ["{year}年第{q}季度{subject}{result}公示", "关于{year}年{subject}{result}的公告",
             "{town}{year}年{month}月{subject}{result}公示", "{year}年度{subject}资金分配情况公示"],
    "guide": ["{subject}办事指南", "{subject}办事指南（{year}年修订）", "关于{subject}办理有关事项的公告"],
}
RESULTS = ["审核确认结果", "发放名单", "拟补助对象", "审批结果", "检查结果"]


def _safe_amount(rng: random.Random) -> int:
    return rng.choice([580, 620, 650, 680, 700, 726, 760, 790, 820, 850])


class Writer:
    """Markdown body of one notice, grown section by section up to a size in bytes."""

    def __init__(self, rng: random.Random, vals: dict):
        self.rng, self.vals = rng, vals

    def fill(self, template: str) -> str:
        rng, v = self.rng, self.vals
        people, amount = rng.randint(3, 2000), _safe_amount(rng)
        extra = dict(money=f"{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}", money2=f"{rng.randint(5, 900)}.{rng.randint(0, 9)}",
                     people=people, people2=rng.randint(1, people), pct=rng.randint(60, 120),
                     amount=amount, amount2=amount + rng.choice([20, 30, 40, 50]), days=rng.choice([5, 7, 10, 15, 20]),
                     years=rng.choice([1, 2, 3, 5]), floor=rng.randint(1, 5), window=rng.randint(1, 40),
                     date=_cn_date(v["published"] - dt.timedelta(days=rng.randint(0, 90))))
        return template.format(**v, **extra)

    def paragraph(self, k: int) -> str:
        return "".join(self.fill(s) for s in self.rng.sample(SENTENCES, k))

    def bullets(self, numbered: bool) -> str:
        picked = self.rng.sample(BULLETS, self.rng.randint(3, 6))
        return "\n".join(f"{f'{i}.' if numbered else '-'} {self.fill(b)}；" for i, b in enumerate(picked, start=1))

    def table(self) -> str:
        rng = self.rng
        rows = ["| 序号 | 姓名 | 所在村（社区） | 保障人数 | 月保障金额（元） |", "|---:|---|---|---:|---:|"]
        for i in range(1, rng.randint(6, 16)):
            rows.append(f"| {i} | {rng.choice(SURNAMES)}** | {rng.choice(VILLAGES)} | {rng.randint(1, 5)} | "
                        f"{_safe_amount(rng) * rng.randint(1, 4)} |")
        return "\n".join(rows)


def notice_body(rng: random.Random, kind: str, vals: dict, target: int) -> str:
    w = Writer(rng, vals)
    verb = {"policy": "通知", "list": "公示", "guide": "公布"}[kind]
    parts = [w.fill(rng.choice(INTROS).replace("{verb}", verb).replace("{verb2}", verb))]
    signoff = f"{vals['org']}\n\n{_cn_date(vals['published'])}"
    size = len(signoff.encode()) + len(parts[0].encode())
    headings = HEADINGS[kind]
    for n, head in enumerate(headings):
        if kind == "list" and head == "名单公示":
            block = w.table()
        elif kind == "guide" or rng.random() < 0.35:
            block = w.bullets(numbered=kind == "guide" or rng.random() < 0.5)
        else:
            block = w.paragraph(rng.randint(1, 3))
        if rng.random() < 0.3:
            block = w.paragraph(1) + "\n\n" + block
        section = f"## {CN_NUM[n]}、{head}\n\n{block}"
        grown = size + len(section.encode()) + 2
        if grown > target and n >= 2:
            break
        parts.append(section)
        size = grown
    while size < target:  # short of the target: one more sentence at a time
        extra = w.paragraph(1)
        parts.append(extra)
        size += len(extra.encode()) + 2
    parts.append(signoff)
    return "\n\n".join(parts) + "\n"


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------
# Notices
# ---------------------------------------------------------------------------
@dataclass
class Notice:
    id: str
    title: str
    publisher: Org
    published: dt.date
    written: dt.date
    doc_number: str
    domain: str
    item: str
    topic: str
    genre: str
    body: str
    fmt: str  # yaml / md: how gwsite's copy is written
    index_number: str = ""  # what gwsite generates; written into the Hugo and Pelican copies


def make_notice(i: int, orgs: list[Org], catalogue: dict[str, list[Item]]) -> Notice:
    rng = random.Random(f"{SEED}-notice-{i}")
    by_id = {o.id: o for o in orgs}
    domain = rng.choice(list(DOMAIN_PLAN))
    lead, subjects, topic, township = DOMAIN_PLAN[domain]
    item = rng.choice(catalogue[domain])
    roll = rng.random()
    if item.township and roll < 0.45:
        publisher = rng.choice([o for o in orgs if o.kind == "township"])
    elif roll < 0.8 or domain != "财政预决算":
        publisher = by_id[lead] if roll < 0.85 else rng.choice([o for o in orgs if o.kind == "department"])
    else:
        publisher = rng.choice(orgs)  # every department and township publishes its own 预决算
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    while published.weekday() >= 5:
        published -= dt.timedelta(days=1)
    written = published - dt.timedelta(days=rng.randint(1, 12))
    subject = item.level1 if item.level1 in subjects else rng.choice(subjects)
    town = rng.choice(TOWNSHIPS)
    vals = dict(subject=subject, year=published.year, q=rng.randint(1, 4), month=rng.randint(1, 12),
                result=rng.choice(RESULTS), town=town[1] + town[2], org=publisher.name, published=published,
                law=rng.choice(LAWS), dept=DEPARTMENTS[rng.randrange(len(DEPARTMENTS))][1], phone=publisher.phone,
                phone2=f"{AREA}-6110{rng.randrange(1000, 9999)}", genre="办法",
                old=f"青溪区{subject}管理暂行办法", olddoc=f"{publisher.prefix}〔{published.year - 3}〕{rng.randint(1, 60)}号")
    title = rng.choice(TITLES[item.kind]).format(**vals)
    target = int(1000 + 3800 * rng.random() ** 1.3)  # 1–5 KB, more short notices than long ones
    body = notice_body(rng, item.kind, vals, target)
    doc_number = f"{publisher.prefix}〔{published.year}〕{rng.randint(1, 180)}号" if item.kind == "policy" or rng.random() < 0.3 else ""
    return Notice(
        id=f"{publisher.id}/{published.year}/n{i:06d}", title=title, publisher=publisher, published=published,
        written=written, doc_number=doc_number, domain=domain,
        item=item.key if rng.random() < 0.85 else "", topic=topic, genre=rng.choice(GENRES[item.kind]),
        body=body, fmt="md" if rng.random() < 0.25 else "yaml")


def make_notices(count: int, orgs: list[Org], catalogue: dict[str, list[Item]]) -> list[Notice]:
    notices = [make_notice(i, orgs, catalogue) for i in range(count)]
    # 索引号 as gwsite generates it: {code or ID}/{year}-{serial}, serials in publication order
    serial: dict[str, int] = {}
    for n in sorted(notices, key=lambda n: (n.published, n.id)):
        prefix = f"{n.publisher.code or n.publisher.id.upper()}/{n.published.year}"
        serial[prefix] = serial.get(prefix, 0) + 1
        n.index_number = f"{prefix}-{serial[prefix]:05d}"
    return notices


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def ys(value) -> str:
    """A YAML scalar as a person would type it: plain when that reads back the same."""
    s = str(value)
    plain = (s and s[0] not in "!&*[]{}|>'\"%@`#,?:-" and s[-1] not in ": " and ": " not in s
             and " #" not in s and "\n" not in s and not re.fullmatch(r"[-+.\d:eE_ ]+|true|false|yes|no|null|~", s, re.I))
    return s if plain else "'" + s.replace("'", "''") + "'"


def workbook_bytes(wb: Workbook) -> bytes:
    """The xlsx with fixed document properties and zip timestamps (as tools/make_demo.py)."""
    wb.properties.creator = HOST
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
                data = re.sub(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data)
    return out.getvalue()


def write_catalogue(path: Path, domain: str, items: list[Item], orgs_by_id: dict[str, Org]) -> None:
    """One domain's workbook in the State Council template: merged title, two header rows,
    一级事项 merged down over its 二级事项, ticks, ■/□ channels."""
    wb = Workbook()
    ws = wb.active
    ws.title = domain
    ws.cell(1, 1, f"{REGION}{domain}领域基层政务公开标准目录")
    ws.merge_cells("A1:N1")
    top = ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
           "公开对象", None, "公开方式", None, "公开层级", None]
    sub = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
    for col, (a, b) in enumerate(zip(top, sub), start=1):
        if a:
            ws.cell(2, col, a)
        if b:
            ws.cell(3, col, b)
    for col in (1, 4, 5, 6, 7, 8):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    for col in (2, 9, 11, 13):
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
    lead = orgs_by_id[DOMAIN_PLAN[domain][0]]
    row = 4
    for n, item in enumerate(items, start=1):
        subject = lead.short + ("、各镇人民政府（街道办事处）" if item.township else "")
        channels = " ".join(("■" if k % 3 != 1 else "□") + c for k, c in enumerate(CHANNELS))
        values = [str(n), item.level1, item.level2, f"{item.level2}的依据、条件、程序和结果",
                  f"《中华人民共和国政府信息公开条例》《{LAWS[n % len(LAWS)]}》", item.deadline, subject, channels,
                  "√" if item.kind != "list" else None, "√" if item.kind == "list" else None, "√", None,
                  "√", "√" if item.township else None]
        for col, v in enumerate(values, start=1):
            if v is not None and not (col == 2 and n > 1 and items[n - 2].level1 == item.level1):
                ws.cell(row, col, v)
        if n > 1 and items[n - 2].level1 == item.level1:
            ws.merge_cells(start_row=row - 1, start_column=2, end_row=row, end_column=2)
        row += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(wb))


def write_gwsite(root: Path, orgs: list[Org], catalogue: dict[str, list[Item]], notices: list[Notice]) -> None:
    lines = [f"title: {TITLE}", f"region: {REGION}", f"host: {HOST}", f"site_code: '{SITE_CODE}'",
             f"base_url: {BASE_URL}", f"page_size: {PAGE_SIZE}", "orgs:"]
    for o in orgs:
        lines += [f"  - id: {o.id}", f"    name: {o.name}", f"    kind: {o.kind}", f"    aliases: [{o.short}]"]
        if o.code:
            lines.append(f"    code: {o.code}")
    write_text(root / "site.yaml", "\n".join(lines) + "\n")
    by_id = {o.id: o for o in orgs}
    for k, (domain, items) in enumerate(catalogue.items(), start=1):
        write_catalogue(root / "catalogues" / f"{k:02d}-{REGION}{domain}领域基层政务公开标准目录.xlsx", domain, items, by_id)
    for n in notices:
        head = [f"title: {ys(n.title)}", f"publisher: {n.publisher.id}", f"published: {n.published.isoformat()}",
                "disclosure: 主动公开", f"written: {n.written.isoformat()}"]
        if n.doc_number:
            head.append(f"doc_number: {ys(n.doc_number)}")
        head.append(f"domain: {n.domain}")
        if n.item:
            head.append(f"item: {ys(n.item)}")
        head += [f"topic: {ys(n.topic)}", f"genre: {n.genre}"]
        base = root / "content" / "notices" / n.id
        if n.fmt == "md":
            write_text(base.with_suffix(".md"), "---\n" + "\n".join(head) + "\n---\n\n" + n.body)
        else:
            body = "\n".join(("  " + line) if line.strip() else "" for line in n.body.rstrip("\n").split("\n"))
            write_text(base.with_suffix(".yaml"), "\n".join(head) + "\nbody: |\n" + body + "\n")


def _meta(n: Notice) -> dict[str, str]:
    """The metadata block's fields, as Hugo and Pelican get them."""
    return {"index_number": n.index_number, "doc_number": n.doc_number, "written": n.written.isoformat(),
            "topic": n.topic, "genre": n.genre, "disclosure": "主动公开", "item": n.item}


def write_hugo(root: Path, orgs: list[Org], notices: list[Notice]) -> None:
    write_text(root / "hugo.toml", HUGO_CONFIG)
    orgs_yaml = ["departments:"] + [f"  - {o.name}" for o in orgs if o.kind == "department"]
    orgs_yaml += ["townships:"] + [f"  - {o.name}" for o in orgs if o.kind == "township"]
    write_text(root / "data" / "orgs.yaml", "\n".join(orgs_yaml) + "\n")
    for name, text in HUGO_LAYOUTS.items():
        write_text(root / "layouts" / name, text)
    write_text(root / "content" / "notices" / "_index.md", "---\ntitle: 最新公开\n---\n")
    for n in notices:
        head = [f"title: {ys(n.title)}", f"date: {n.published.isoformat()}", f"domains: [{n.domain}]",
                f"publishers: [{n.publisher.name}]"]
        head += [f"{k}: {ys(v)}" for k, v in _meta(n).items() if v]
        write_text(root / "content" / "notices" / f"{n.id}.md", "---\n" + "\n".join(head) + "\n---\n\n" + n.body)


def write_pelican(root: Path, orgs: list[Org], notices: list[Notice]) -> None:
    write_text(root / "pelicanconf.py", PELICAN_CONFIG.format(
        title=TITLE, host=HOST, site_code=SITE_CODE, base_url=BASE_URL.rstrip("/"), page_size=PAGE_SIZE,
        feed_length=FEED_LENGTH, departments=[o.name for o in orgs if o.kind == "department"],
        townships=[o.name for o in orgs if o.kind == "township"]))
    for name, text in PELICAN_TEMPLATES.items():
        write_text(root / "theme" / "templates" / name, text)
    for n in notices:
        head = [f"Title: {n.title}", f"Date: {n.published.isoformat()}", f"Author: {n.publisher.name}",
                f"Category: {n.domain}", f"Slug: {n.id.replace('/', '-')}"]
        head += [f"{k}: {v}" for k, v in _meta(n).items() if v]
        write_text(root / "content" / "notices" / f"{n.id}.md", "\n".join(head) + "\n\n" + n.body)


def write_corpus(count: int, out: Path) -> dict:
    """Write the three trees for ``count`` notices into ``out`` (emptied first)."""
    if out.exists():
        shutil.rmtree(out)
    orgs = make_orgs()
    catalogue = make_catalogue()
    notices = make_notices(count, orgs, catalogue)
    write_gwsite(out / "gwsite", orgs, catalogue, notices)
    write_hugo(out / "hugo", orgs, notices)
    write_pelican(out / "pelican", orgs, notices)
    probe = notices[len(notices) // 2]  # the notice the rebuild benchmark edits
    sizes = sorted(len(n.body.encode()) for n in notices)
    info = {
        "notices": count, "seed": SEED, "templates": templates_digest(), "orgs": len(orgs), "domains": len(catalogue),
        "catalogue_items": sum(len(v) for v in catalogue.values()),
        "body_bytes": {"min": sizes[0], "median": sizes[len(sizes) // 2], "max": sizes[-1],
                       "mean": round(sum(sizes) / len(sizes))},
        "with_table": sum("|---" in n.body for n in notices),
        "probe": {"id": probe.id, "title": probe.title,
                  "gwsite": f"content/notices/{probe.id}.{probe.fmt}",
                  "hugo": f"content/notices/{probe.id}.md", "hugo_url": f"/notices/{probe.id}/",
                  "pelican": f"content/notices/{probe.id}.md"},
    }
    write_text(out / "corpus.json", json.dumps(info, ensure_ascii=False, indent=1) + "\n")
    return info


def templates_digest() -> str:
    """Of the Hugo and Pelican templates: a kept corpus written with others is written again."""
    parts = [*HUGO_LAYOUTS.items(), PELICAN_CONFIG, *PELICAN_TEMPLATES.items()]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


REVISION = "本通知已按区政府常务会议意见修订，修订内容自发布之日起执行。"


def revise_notice(path: Path, title: str, mark: str) -> str:
    """Change one notice's title and body in place (any of the three formats); the new title."""
    text = path.read_text(encoding="utf-8")
    new_title = f"{title}（修订{mark}）"
    assert title in text, path
    text = text.replace(title, new_title, 1)
    indent = "  " if path.suffix == ".yaml" else ""  # a YAML body is a block literal: keep it indented
    text = text.rstrip("\n") + f"\n\n{indent}{REVISION}\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    return new_title


# ---------------------------------------------------------------------------
# The equivalent Hugo site
# ---------------------------------------------------------------------------
HUGO_CONFIG = f"""\
baseURL = "{BASE_URL}"
locale = "zh-CN"
title = "{TITLE}"
hasCJKLanguage = true
disableKinds = ["robotsTXT"]

[taxonomies]
  domain = "domains"
  publisher = "publishers"

[pagination]
  pagerSize = {PAGE_SIZE}

[services.rss]
  limit = {FEED_LENGTH}

[params]
  host = "{HOST}"
  site_code = "{SITE_CODE}"
"""

# A notice page marks its article data-pagefind-body: Pagefind (compare.py --pagefind) then
# indexes the notices alone, as gwsite's search does, not every list page and menu.
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<meta name="SiteName" content="{{ site.Title }}">
<meta name="SiteIDCode" content="{{ site.Params.site_code }}">
{{ block "meta" . }}{{ end }}
</head>
<body>
<header><p><a href="{{ "" | relURL }}">{{ site.Title }}</a></p>
<nav><ul><li><a href="{{ "" | relURL }}">首页</a></li><li><a href="{{ "notices/" | relURL }}">最新公开</a></li>
<li><a href="{{ "domains/" | relURL }}">试点领域</a></li><li><a href="{{ "publishers/" | relURL }}">发布机构</a></li></ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>主办单位：{{ site.Params.host }}</p><p>网站标识码：{{ site.Params.site_code }}</p></footer>
</body>
</html>
""",
    "home.html": """\
{{ define "title" }}{{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<section><h2>试点领域</h2><ul>
{{ range site.Taxonomies.domains.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }} 条信息</li>
{{ end }}</ul></section>
<section><h2>最新公开</h2><ul>
{{ range first 10 (where site.RegularPages "Section" "notices") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ index .Params.publishers 0 }} <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul></section>
<section><h2>区级部门</h2><ul>
{{ range hugo.Data.orgs.departments }}<li><a href="{{ printf "publishers/%s/" (urlize .) | relURL }}">{{ . }}</a></li>
{{ end }}</ul></section>
<section><h2>镇街</h2><ul>
{{ range hugo.Data.orgs.townships }}<li><a href="{{ printf "publishers/%s/" (urlize .) | relURL }}">{{ . }}</a></li>
{{ end }}</ul></section>
{{ end }}
""",
    "page.html": """\
{{ define "meta" }}<meta name="ArticleTitle" content="{{ .Title }}">
<meta name="PubDate" content="{{ .Date.Format "2006-01-02" }} 00:00">
<meta name="ContentSource" content="{{ index .Params.publishers 0 }}">{{ end }}
{{ define "main" }}
<article data-pagefind-body>
<table class="notice-meta"><tbody>
<tr><th>索引号</th><td>{{ .Params.index_number }}</td><th>主题分类</th><td>{{ .Params.topic }}</td></tr>
<tr><th>发布机构</th><td>{{ range .GetTerms "publishers" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</td>
<th>成文日期</th><td>{{ with .Params.written }}{{ (time .).Format "2006年1月2日" }}{{ end }}</td></tr>
<tr><th>发文字号</th><td>{{ .Params.doc_number }}</td><th>发布日期</th><td><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></td></tr>
<tr><th>体裁分类</th><td>{{ .Params.genre }}</td><th>有效性</th><td>{{ .Params.validity }}</td></tr>
<tr><th>公开方式</th><td>{{ .Params.disclosure }}</td><th>所属领域</th><td>{{ range .GetTerms "domains" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</td></tr>
{{ with .Params.item }}<tr><th>目录事项</th><td colspan="3">{{ . }}</td></tr>{{ end }}
</tbody></table>
<h1>{{ .Title }}</h1>
<div class="notice-body">{{ .Content }}</div>
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ index .Params.publishers 0 }} <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }} 条</li>
{{ end }}</ul>
{{ end }}
""",
    "_partials/pager.html": """\
{{ if gt .TotalPages 1 }}
<nav class="pagination"><ul>
{{ if .HasPrev }}<li><a href="{{ .First.URL }}">首页</a></li><li><a href="{{ .Prev.URL }}" rel="prev">上一页</a></li>{{ end }}
{{ $current := .PageNumber }}
{{ range .Pagers }}{{ if and (ge .PageNumber (sub $current 3)) (le .PageNumber (add $current 3)) }}
{{ if eq .PageNumber $current }}<li><span aria-current="page">{{ .PageNumber }}</span></li>{{ else }}<li><a href="{{ .URL }}">{{ .PageNumber }}</a></li>{{ end }}
{{ end }}{{ end }}
{{ if .HasNext }}<li><a href="{{ .Next.URL }}" rel="next">下一页</a></li><li><a href="{{ .Last.URL }}">末页</a></li>{{ end }}
</ul><p>第 {{ .PageNumber }} 页，共 {{ .TotalPages }} 页</p></nav>
{{ end }}
""",
}

# ---------------------------------------------------------------------------
# The equivalent Pelican site
# ---------------------------------------------------------------------------
PELICAN_CONFIG = '''\
# Written by bench/corpus.py: the Pelican copy of the benchmark corpus.
SITENAME = "{title}"
SITEURL = "{base_url}"
RELATIVE_URLS = True
PATH = "content"
ARTICLE_PATHS = ["notices"]
PAGE_PATHS = []
STATIC_PATHS = []
THEME = "theme"
READERS = {{"rst": None}}  # Markdown only (and no docutils warning about 'zh')
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
DEFAULT_PAGINATION = {page_size}
PAGINATION_PATTERNS = ((1, "{{url}}", "{{save_as}}"), (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"))
ARTICLE_URL = ARTICLE_SAVE_AS = "notices/{{slug}}.html"
CATEGORY_URL = "domains/{{slug}}/"
CATEGORY_SAVE_AS = "domains/{{slug}}/index.html"
AUTHOR_URL = "publishers/{{slug}}/"
AUTHOR_SAVE_AS = "publishers/{{slug}}/index.html"
CATEGORIES_SAVE_AS = "domains/index.html"
AUTHORS_SAVE_AS = "publishers/index.html"
DIRECT_TEMPLATES = ["index", "categories", "authors"]
TAG_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/domains/{{slug}}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/publishers/{{slug}}.atom.xml"
AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = {feed_length}
HOST = "{host}"
SITE_CODE = "{site_code}"
DEPARTMENTS = {departments!r}
TOWNSHIPS = {townships!r}
'''

PELICAN_TEMPLATES = {
    "base.html": """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ SITENAME }}{% endblock %}</title>
<meta name="SiteName" content="{{ SITENAME }}">
<meta name="SiteIDCode" content="{{ SITE_CODE }}">
{% block meta %}{% endblock %}
</head>
<body>
<header><p><a href="{{ SITEURL }}/">{{ SITENAME }}</a></p>
<nav><ul><li><a href="{{ SITEURL }}/">首页</a></li><li><a href="{{ SITEURL }}/domains/">试点领域</a></li>
<li><a href="{{ SITEURL }}/publishers/">发布机构</a></li></ul></nav></header>
<main>{% block main %}{% endblock %}</main>
<footer><p>主办单位：{{ HOST }}</p><p>网站标识码：{{ SITE_CODE }}</p></footer>
</body>
</html>
""",
    "article.html": """\
{% extends "base.html" %}
{% block title %}{{ article.title }} - {{ SITENAME }}{% endblock %}
{% block meta %}<meta name="ArticleTitle" content="{{ article.title }}">
<meta name="PubDate" content="{{ article.date.strftime('%Y-%m-%d') }} 00:00">
<meta name="ContentSource" content="{{ article.author }}">{% endblock %}
{% block main %}
<article>
<table class="notice-meta"><tbody>
<tr><th>索引号</th><td>{{ article.index_number }}</td><th>主题分类</th><td>{{ article.topic }}</td></tr>
<tr><th>发布机构</th><td><a href="{{ SITEURL }}/{{ article.author.url }}">{{ article.author }}</a></td>
<th>成文日期</th><td>{{ article.written }}</td></tr>
<tr><th>发文字号</th><td>{{ article.doc_number }}</td><th>发布日期</th><td><time datetime="{{ article.date.strftime('%Y-%m-%d') }}">{{ article.date.year }}年{{ article.date.month }}月{{ article.date.day }}日</time></td></tr>
<tr><th>体裁分类</th><td>{{ article.genre }}</td><th>有效性</th><td>{{ article.validity }}</td></tr>
<tr><th>公开方式</th><td>{{ article.disclosure }}</td><th>所属领域</th><td><a href="{{ SITEURL }}/{{ article.category.url }}">{{ article.category }}</a></td></tr>
{% if article.item %}<tr><th>目录事项</th><td colspan="3">{{ article.item }}</td></tr>{% endif %}
</tbody></table>
<h1>{{ article.title }}</h1>
<div class="notice-body">{{ article.content }}</div>
</article>
{% endblock %}
""",
    "index.html": """\
{% extends "base.html" %}
{% block main %}
<h1>{{ SITENAME }}</h1>
{% if articles_page.number == 1 %}
<section><h2>试点领域</h2><ul>
{% for category, articles in categories %}<li><a href="{{ SITEURL }}/{{ category.url }}">{{ category }}</a> {{ articles | count }} 条信息</li>
{% endfor %}</ul></section>
<section><h2>区级部门</h2><ul>{% for name in DEPARTMENTS %}<li>{{ name }}</li>{% endfor %}</ul></section>
<section><h2>镇街</h2><ul>{% for name in TOWNSHIPS %}<li>{{ name }}</li>{% endfor %}</ul></section>
{% endif %}
<h2>最新公开</h2>
{% include "list.html" %}
{% endblock %}
""",
    "category.html": """\
{% extends "base.html" %}
{% block title %}{{ category }} - {{ SITENAME }}{% endblock %}
{% block main %}<h1>{{ category }}</h1>{% include "list.html" %}{% endblock %}
""",
    "author.html": """\
{% extends "base.html" %}
{% block title %}{{ author }} - {{ SITENAME }}{% endblock %}
{% block main %}<h1>{{ author }}</h1>{% include "list.html" %}{% endblock %}
""",
    "categories.html": """\
{% extends "base.html" %}
{% block main %}<h1>试点领域</h1><ul>
{% for category, articles in categories %}<li><a href="{{ SITEURL }}/{{ category.url }}">{{ category }}</a> {{ articles | count }} 条</li>
{% endfor %}</ul>{% endblock %}
""",
    "authors.html": """\
{% extends "base.html" %}
{% block main %}<h1>发布机构</h1><ul>
{% for author, articles in authors %}<li><a href="{{ SITEURL }}/{{ author.url }}">{{ author }}</a> {{ articles | count }} 条</li>
{% endfor %}</ul>{% endblock %}
""",
    "list.html": """\
<ul>
{% for article in articles_page.object_list %}<li><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a> {{ article.author }} <time>{{ article.date.strftime('%Y-%m-%d') }}</time></li>
{% endfor %}</ul>
{% if articles_paginator.num_pages > 1 %}
<nav class="pagination"><ul>
{% if articles_page.has_previous() %}<li><a href="{{ SITEURL }}/{{ articles_paginator.page(1).url }}">首页</a></li><li><a href="{{ SITEURL }}/{{ articles_previous_page.url }}" rel="prev">上一页</a></li>{% endif %}
{% for n in range([1, articles_page.number - 3] | max, [articles_paginator.num_pages, articles_page.number + 3] | min + 1) %}
{% if n == articles_page.number %}<li><span aria-current="page">{{ n }}</span></li>{% else %}<li><a href="{{ SITEURL }}/{{ articles_paginator.page(n).url }}">{{ n }}</a></li>{% endif %}
{% endfor %}
{% if articles_page.has_next() %}<li><a href="{{ SITEURL }}/{{ articles_next_page.url }}" rel="next">下一页</a></li><li><a href="{{ SITEURL }}/{{ articles_paginator.page(articles_paginator.num_pages).url }}">末页</a></li>{% endif %}
</ul><p>第 {{ articles_page.number }} 页，共 {{ articles_paginator.num_pages }} 页</p></nav>
{% endif %}
""",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of notices")
    parser.add_argument("out", type=Path, help="output folder (emptied first)")
    args = parser.parse_args()
    info = write_corpus(args.count, args.out)
    print(json.dumps(info, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
