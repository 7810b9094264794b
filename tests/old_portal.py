"""Saved copies of an old portal, written the way vendor CMSs write their pages and the way
``wget --mirror --convert-links --adjust-extension`` leaves them on disk (a folder named
after the host, relative links, .shtml pages given an added .html).

Each template is one vendor's layout of the 政府信息公开 metadata block and article page:
TRS WCM (a ``xxgk_table`` of label and value cells, the text in ``TRS_Editor`` under
``#zoom``), 大汉 (a ``<ul>`` of ``[ 索引号 ]`` items, saved in GB2312), 南威 / 开普云
(label and value ``div``s, the text in ``#UCAP-CONTENT``), and a page whose title, date and
source are only ``<meta>`` tags with a line of ``标签：值`` pairs; with the noise around
them (navigation, breadcrumbs, 字号【大 中 小】, 打印本页, 关闭窗口, 上一篇/下一篇, share
buttons, the footer).
"""
from __future__ import annotations

from pathlib import Path

HOST = "www.qingxi.gov.cn"
BASE = f"http://{HOST}/"

HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{title}_云岭市青溪区人民政府</title>
<meta name="SiteName" content="云岭市青溪区人民政府">
<meta name="SiteDomain" content="www.qingxi.gov.cn">
<meta name="SiteIDCode" content="5001160001">
<meta name="ColumnName" content="政府信息公开">
<meta name="ColumnType" content="信息公开">
{metas}
<link href="{up}css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="{up}js/jquery-1.8.3.min.js"></script>
<script type="text/javascript">var _hmt = _hmt || []; document.write('<script src="//hm.example.com/hm.js"></' + 'script>');</script>
</head>
"""

SITE_TOP = """<body>
<div class="top"><div class="w1200"><span>今天是：<script>document.write(new Date().toLocaleDateString())</script></span>
<a href="javascript:void(0)" onclick="addFavorite()">加入收藏</a> | <a href="{up}wza/index.html">无障碍</a></div></div>
<div class="header"><div class="logo"><a href="{up}index.html"><img src="{up}images/logo.png" alt="云岭市青溪区人民政府"></a></div>
<div class="search"><form action="{up}search.html"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<div class="nav"><ul><li><a href="{up}index.html">首页</a></li><li><a href="{up}zwgk/index.html">政务公开</a></li>
<li><a href="{up}bsfw/index.html">办事服务</a></li><li><a href="{up}hdjl/index.html">互动交流</a></li><li><a href="{up}zjqx/index.html">走进青溪</a></li></ul></div>
"""

SITE_BOTTOM = """<div class="footer"><div class="w1200">
<p><a href="{up}wzdt/index.html">网站地图</a> | <a href="{up}lxwm/index.html">联系我们</a></p>
<p>主办单位：云岭市青溪区人民政府办公室　承办单位：青溪区大数据发展局　联系电话：023-12345678</p>
<p>网站标识码：5001160001　<a href="https://beian.miit.gov.cn/">渝ICP备12345678号-1</a>　渝公网安备 50011602000001号</p>
<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script>
</div></div>
</body>
</html>
"""


def trs_page(*, title, index_number, publisher="青溪区民政局", topic="民政、扶贫、救灾\\社会救助", genre="通知",
             doc_number="青溪民发〔2024〕12号", written="2024年03月10日", published="2024年03月12日",
             body="", up="../../../", canonical="", meta_title=None, h1=None, validity="有效") -> str:
    """TRS WCM: the block as a table of label and value cells, the text under #zoom."""
    metas = [f'<meta name="ArticleTitle" content="{meta_title if meta_title is not None else title}">',
             f'<meta name="PubDate" content="{published.replace("年", "-").replace("月", "-").replace("日", "")} 10:30">',
             f'<meta name="ContentSource" content="{publisher}">']
    if canonical:
        metas.append(f'<link rel="canonical" href="{canonical}">')
    return (HEAD.format(charset="utf-8", title=title, metas="\n".join(metas), up=up) + SITE_TOP.format(up=up) + f"""
<div class="main w1200">
  <div class="position">当前位置：<a href="{up}index.html">首页</a> &gt; <a href="{up}zwgk/index.html">政务公开</a> &gt; <a href="../index.html">通知公告</a></div>
  <div class="xxgk_box">
    <table class="xxgk_table" width="100%" border="0" cellspacing="0" cellpadding="0">
      <tr><td class="t1" width="12%">索&nbsp;&nbsp;引&nbsp;&nbsp;号：</td><td class="t2" width="38%">{index_number}</td>
          <td class="t1" width="12%">主题分类：</td><td class="t2">{topic}</td></tr>
      <tr><td class="t1">发布机构：</td><td class="t2">{publisher}</td><td class="t1">成文日期：</td><td class="t2">{written}</td></tr>
      <tr><td class="t1">名&nbsp;&nbsp;&nbsp;&nbsp;称：</td><td class="t2" colspan="3">{title}</td></tr>
      <tr><td class="t1">文&nbsp;&nbsp;&nbsp;&nbsp;号：</td><td class="t2">{doc_number}</td><td class="t1">发布日期：</td><td class="t2">{published}</td></tr>
      <tr><td class="t1">体裁分类：</td><td class="t2">{genre}</td><td class="t1">有&nbsp;效&nbsp;性：</td><td class="t2">{validity}</td></tr>
    </table>
  </div>
  <div class="article">
    <h1 class="article-title">{h1 if h1 is not None else title}</h1>
    <div class="article-info"><span>发布时间：{published}</span><span>来源：{publisher}</span><span>浏览次数：<script>getCount(12)</script>1024</span>
      <span class="fontsize">字号：【<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
    <div id="zoom"><div class="TRS_Editor">
{body}
    </div></div>
    <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="bdsharebuttonbox"><span>分享到：</span><a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信"></a><a href="#" class="bds_tsina" data-cmd="tsina" title="分享到新浪微博"></a></div>
    <div class="prev-next"><p>上一篇：<a href="t20240301_5.html">关于开展2024年春季农村危房排查的通知</a></p><p>下一篇：<a href="t20240315_20.html">青溪区2024年第一批临时救助名单公示</a></p></div>
  </div>
</div>
""" + SITE_BOTTOM.format(up=up))


def dahan_page(*, title, index_number, publisher="区民政局", published="2024/4/3", written="2024-04-01",
               doc_number="无", body="", up="../../../../") -> str:
    """大汉: the block as a list of [ 索引号 ] items; the title in div.bt; the text in
    div.article-content; saved in GB2312 as the portal served it."""
    return (HEAD.format(charset="gb2312", title=title, metas="", up=up) + SITE_TOP.format(up=up) + f"""
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>
<div class="dqwz">您现在的位置：<a href="{up}index.html">首页</a> &gt;&gt; <a href="#">信息公开目录</a> &gt;&gt; 公示公告</div>
<div class="xxgk_info">
<ul>
<li><b>[ 索引号 ]</b>{index_number}</li>
<li><b>[ 主题分类 ]</b>综合政务\\政务公开</li>
<li><b>[ 发文机关 ]</b>{publisher}</li>
<li><b>[ 体裁分类 ]</b>公告公示</li>
<li><b>[ 生成日期 ]</b>{written}</li>
<li><b>[ 公开日期 ]</b>{published}</li>
<li><b>[ 文号 ]</b>{doc_number}</li>
<li><b>[ 公开方式 ]</b>主动公开</li>
</ul>
</div>
<div class="bt">{title}</div>
<div class="article-content" id="zoom">
{body}
</div>
<div class="dy"><a href="javascript:window.print()">打印本页</a>　<a href="javascript:window.opener=null;window.close()">关闭窗口</a></div>
</td></tr></table>
""" + SITE_BOTTOM.format(up=up))


def nanwei_page(*, title, index_number, publisher="龙门镇", published="2024-05-06", body="", up="../../") -> str:
    """南威 / 开普云: label and value divs, the title in h2 under div.detail-title, the text
    in #UCAP-CONTENT; a 'saved from url' comment as a browser's save-as leaves it."""
    return (f"<!-- saved from url=(0055){BASE}lmz/zfxxgk/fdzdgknr/202405/t20240506_88.shtml -->\n"
            + HEAD.format(charset="utf-8", title=title, metas="", up=up) + SITE_TOP.format(up=up) + f"""
<div class="container">
 <div class="crumbs">首页 » 龙门镇 » 法定主动公开内容</div>
 <div class="detail">
  <div class="detail-meta">
   <div class="meta-row"><div class="meta-label">信息索引号：</div><div class="meta-value">{index_number}</div></div>
   <div class="meta-row"><div class="meta-label">发布机构：</div><div class="meta-value">{publisher}</div></div>
   <div class="meta-row"><div class="meta-label">生成日期：</div><div class="meta-value">2024-05-01</div></div>
   <div class="meta-row"><div class="meta-label">公开日期：</div><div class="meta-value">{published}</div></div>
   <div class="meta-row"><div class="meta-label">主题分类：</div><div class="meta-value">城乡建设、环境保护\\城乡建设</div></div>
   <div class="meta-row"><div class="meta-label">文号：</div><div class="meta-value">龙门府发〔2024〕8号</div></div>
  </div>
  <div class="detail-title"><h2>{title}</h2></div>
  <div class="detail-content" id="UCAP-CONTENT">
{body}
  </div>
  <div class="detail-share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
 </div>
</div>
""" + SITE_BOTTOM.format(up=up))


def meta_page(*, title, index_number, source="青溪街道", pubdate="2024-06-18 09:00", body="", up="../../") -> str:
    """Title, date and source in <meta> tags alone; the numbers on one line of 标签：值 pairs."""
    metas = (f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{pubdate}">\n'
             f'<meta name="ContentSource" content="{source}">')
    return (HEAD.format(charset="utf-8", title=title, metas=metas, up=up) + SITE_TOP.format(up=up) + f"""
<div class="wrap">
  <div class="location">您的位置：<a href="{up}index.html">首页</a> &gt; 青溪街道</div>
  <div class="xl_box">
    <p class="syh">索引号：{index_number}　　发文字号：青溪街道发〔2024〕3号　　体裁分类：通知</p>
    <div class="xl_con">
{body}
    </div>
  </div>
</div>
""" + SITE_BOTTOM.format(up=up))


def home_page(up="") -> str:
    """The portal's home: lists of links, no block."""
    items = "".join(f'<li><a href="zwgk/tzgg/202403/t2024031{i}_{i}.html">关于青溪区2024年第{i}批项目的公示</a><span>2024-03-1{i}</span></li>'
                    for i in range(1, 8))
    return (HEAD.format(charset="utf-8", title="首页", metas="", up=up) + SITE_TOP.format(up=up)
            + f'<div class="main"><div class="news"><h3>通知公告</h3><ul>{items}</ul></div>'
              '<div class="zwgk"><h3>政府信息公开</h3><p><a href="zwgk/xxgkml/index.html">信息公开目录</a></p></div></div>'
            + SITE_BOTTOM.format(up=up))


def column_page(rows: list[tuple[str, str, str]], up="../../") -> str:
    """A 信息公开目录 column: a table of 索引号 | 名称 | 生成日期 rows."""
    trs = "".join(f'<tr><td>{n}</td><td><a href="{href}">{t}</a></td><td>2024-03-12</td></tr>' for n, t, href in rows)
    return (HEAD.format(charset="utf-8", title="信息公开目录", metas="", up=up) + SITE_TOP.format(up=up)
            + '<div class="main"><div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 信息公开目录</div>'
              '<table class="xxgk_list"><tr><th>索引号</th><th>名称</th><th>生成日期</th></tr>'
            + trs + '</table><div class="page">共3条 首页 上一页 1 下一页 尾页</div></div>' + SITE_BOTTOM.format(up=up))


def guide_page(up="../../") -> str:
    """A 政府信息公开指南 without the block."""
    return (HEAD.format(charset="utf-8", title="青溪区民政局政府信息公开指南", metas="", up=up) + SITE_TOP.format(up=up)
            + '<div class="main"><h1>青溪区民政局政府信息公开指南</h1><div class="con">'
              '<p>一、主动公开</p><p>（一）公开的主体和范围。本机关负责主动公开本机关制作的政府信息。</p>'
              '<p>二、依申请公开</p><p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。</p>'
              '<p>办公地址：青溪区民政局一楼，办公时间：工作日上午9:00—12:00，下午13:30—17:30。</p></div></div>'
            + SITE_BOTTOM.format(up=up))


DIBAO_BODY = """<p>各镇人民政府、街道办事处，区级有关部门：</p>
<p>　　经区政府同意，现将2024年城乡最低生活保障标准调整如下：</p>
<p style="text-indent:2em">一、城市低保标准由每人每月600元提高到620元。</p>
<p>　　二、农村低保标准由每人每月460元提高到480元。</p>
<table border="1" cellspacing="0" cellpadding="0" width="90%" align="center">
<tr><td><p align="center"><strong>类别</strong></p></td><td><p align="center"><strong>调整前（元/月）</strong></p></td><td><p align="center"><strong>调整后（元/月）</strong></p></td></tr>
<tr><td>城市</td><td>600</td><td>620</td></tr>
<tr><td>农村</td><td>460</td><td>480</td></tr>
</table>
<p>　　三、新标准自2024年4月1日起执行。</p>
<script type="text/javascript">alert('stolen cookie ' + document.cookie)</script>
<p onclick="steal()">　　附件：<a href="P020240312593184637021.xls" target="_blank">2024年城乡低保标准调整表.xls</a></p>
<p><img src="W020240312593184871283.png" alt="2024年低保标准示意图" onerror="alert(1)" /></p>
<p align="right">青溪区民政局</p>
<p align="right">2024年3月10日</p>
"""


def write_saved(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a saved copy: path under ``root`` -> page text (UTF-8 unless bytes) or bytes."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root
