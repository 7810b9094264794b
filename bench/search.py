#!/usr/bin/env python3
"""Benchmark of the offline search at 1k, 10k and 100k synthetic notices.

For each size: index size and file count, index build time against the whole build
(`gwsite build` of the notices written as YAML files: read, assemble, render, index,
write) and against its render + index + write part, and, in headless Chromium from file:// with the network off,
the bytes and files one query loads and its latency: cold (a fresh page, nothing of the
index loaded: from the script's start to the results shown; "page ms" counts from the start
of navigation, so it includes loading search.html itself) and warm (the same query again in
that page).  Prints figures; asserts
nothing.  Results are in bench/README.md, section "Search".

    python bench/search.py                      # 1k and 10k
    python bench/search.py --sizes 1000,10000,100000
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gwsite import pipeline, search  # noqa: E402
from gwsite.diagnostics import Location  # noqa: E402
from gwsite.domains import DomainTable  # noqa: E402
from gwsite.model import PUBLIC, Notice, Org, Site, SiteConfig  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update"]
# Typical queries: 2–4 characters, words and numbers; then a few longer and 1-character ones.
TYPICAL = ["低保", "救助", "公开", "标准", "补贴", "养老", "社会救助", "城乡低保", "政务公开", "就业创业",
           "620元", "2023", "特困人员", "临时救助", "发放", "公示"]
OTHER = ["低", "渝北府发〔2023〕", "关于调整城乡低保标准的通知", "低保 标准", "11500112MB0000012"]
# Queries in pinyin and initials (issue 21): they also load search/pinyin.js.
PINYIN = ["dibao", "shehui jiuzhu", "dbbz", "jyzx"]
# What is typed into a page's search box, one keystroke at a time (the list after each).
TYPED = ["shehui", "社会救助", "dbbz"]

# The 2,500 most frequent 2–4-character words of jieba's dictionary (MIT), in order: filler
# text with a realistic, Zipf-like spread of characters and pairs.
VOCABULARY = """
一个 中国 我们 他们 自己 没有 国家 可以 发展 工作 这个 什么 主要 问题 进行 地方 已经 这样 全国 经济 这些 不是 公司 人民 社会 知道 这种 起来 地区 如果 开始 技术
重要 美国 成为 因为 通过 研究 文化 企业 北京 历史 世界 其中 现在 天安门 不能 一些 时间 生产 情况 代表 决定 湖北 关系 领导 生活 时候 一种 可能 出来 学生 以及 石首
一般 同时 认为 由于 所以 不同 这里 学院 两个 作为 会议 但是 部分 活动 需要 怎么 管理 方面 市场 组织 工业 建设 形成 其他 出现 许多 日本 之间 一定 具有 城市 以上
政治 人们 委员会 发现 记者 国际 规定 机关 武汉 虽然 根据 法律 影响 发生 包括 使用 中心 教育 要求 政府 因此 人口 建立 参加 产品 武汉市 而且 一样 面积 各种 提出
我国 作用 皇帝 必须 行政 编辑 职业 制度 你们 以后 说道 世纪 为了 应该 之一 之后 主席 系统 有关 组成 民族 基本 增长 自然 大学 如何 政体 各级 人员 计划 不会 产生
时期 最后 一次 表示 机构 当时 大家 特别 改革 长江 那么 这么 东西 能力 湖北省 革命 一直 基础 还有 得到 进入 运动 目前 对于 过程 方法 举行 群众 第一 单位 如此 孩子
所有 资源 过去 不过 条件 学校 提高 工程 环境 提供 方式 百科 报告 或者 下来 军事 部门 分别 十分 上海 完成 一切 那些 最大 然后 农业 经过 专业 准备 增加 获得 旅游
一声 觉得 一起 理论 今天 非常 中央 比较 表现 价值 国务院 科技 完全 亿元 有些 存在 达到 内容 实行 思想 事情 实现 甚至 人民政府 任务 选举 形式 原来 有人 突然 不断
咱们 变化 直接 心中 战争 可是 不知 政策 不要 资本 继续 年代 期间 位于 任何 权力 那个 执行 先生 解决 建筑 能够 自治区 称为 结构 一点 成立 英国 社会主义 统一 先进
结果 投资 后来 一下 水平 保护 主任 关于 负责 制定 艺术 利用 于是 学习 合作 科学 看到 项目 不敢 襄阳 几个 那里 公里 服务 精神 人大 全省 当然 个人 超过 重点 很多
原因 及其 公民 希望 新闻 设计 相关 国内 分布 最高 部队 它们 集团 信息 重大 采用 回来 范围 引起 实际 其实 不仅 取得 丰富 农民 整个 为主 了解 价格 甚么 地位 这时
劳动 按照 控制 目标 基地 农村 传统 受到 全部 法国 比赛 军队 土地 规模 荆州 眼睛 左右 选择 批准 身上 专家 分析 统治 加强 不到 铁路 百度 每年 告诉 支持 交通 明白
处理 本级 作战 时代 皇上 实施 只要 成功 办法 随着 之中 进一步 心里 终于 大量 人物 共同 下去 多少 来说 严重 词条 接受 收入 以来 城邦 声音 意见 过来 保持 今日 一条
发言人 另外 坚持 工人 汽车 而是 敌人 商品 说话 改变 先后 力量 事业 看见 开发 战略 标准 是否 出去 今年 报道 程度 国民党 平均 消息 还是 安全 独立 注意 机会 韦小宝
父亲 这次 此外 经验 采取 喜欢 根本 领域 具体 联系 几乎 干部 印度 如今 大会 不可 兄弟 德国 阶段 感到 为什么 无法 宪法 似乎 原则 真正 法规 斗争 人类 目的 造成 一位
反对 相同 儿子 以前 著名 众人 建议 迅速 全面 正是 明显 就是 欧洲 首先 作品 集中 正式 朋友 第二 召开 材料 帮助 飞机 委员 行动 保证 现象 特点 现代 实际上 资料
毛泽东 同志 行为 结束 直辖市 介绍 只见 胜利 认识 人数 姑娘 积极 家庭 之前 更加 回答 那样 武器 应用 市长 来到 设立 产业 公路 人才 意义 台湾 容易 长期 一句 大道
扩大 官员 调整 考虑 联合 并且 自由 仍然 拥有 民主 专门 附近 一天 师父 结合 清楚 说明 稳定 古代 三个 此时 电话 物质 网络 利益 然而 很大 不少 中学 调查 开放 人家
重新 广泛 分为 知识 别人 综合 出口 动物 速度 总理 脸上 用于 设备 女人 股东 作出 措施 展开 通常 电子 方向 导弹 小时 平民 行业 货币 特色 完善 地理 功能 香港 巨大
发表 性质 母亲 质量 命令 和平 监督 一年 身体 面前 武功 位置 体系 越来越 逐渐 指出 安排 训练 权利 考试 指挥 却是 指导 除了 发布 从而 感觉 努力 机场 业务 植物 同样
状态 二人 银行 书记 治疗 一阵 所谓 这位 反应 语言 忽然 当年 以下 找到 青年 宣布 离开 恢复 困难 事件 哪里 实在 见到 装备 某些 其它 问道 万元 检察院 平原 经营 多年
苏联 往往 广场 解释 队伍 因素 教授 医院 怎样 男人 双方 减少 考生 当地 多种 经常 各地 生物 平方千米 海军 南京 外交部 真是 心想 外国 财产 全市 本来 两种 有效 尤其
一边 用户 方案 进攻 常委会 机械 参与 充分 从事 尽管 特殊 又称 一块 手段 生命 便是 体育 居民 生长 立即 内部 简单 一片 数量 有时 开展 文学 进来 决议 显示 属于 也许
气候 一只 来自 还要 相信 确定 投入 一面 普通 看着 公元 去年 文章 手中 心理 女儿 封建 图片 创造 总统 促进 大型 带来 教师 竟然 较大 看来 若干 每个 反映 每天 食品
坐在 文明 相当 资金 变成 放在 毫米 中间 夫人 相对 大陆 职权 西方 不再 第一次 导致 对方 应当 人民法院 讨论 即使 金融 爱国 证明 制造 构成 老师 担任 区域 一座 院长
计算机 家里 错误 曾经 保障 创作 强调 连续 运输 看看 分钟 主张 商业 高速 有限公司 真的 只能 贸易 天下 不得 境内 体制 因而 例如 财政 肯定 成绩 音乐 一件 建成 回去
难道 接着 正确 现代化 石首市 以为 处于 大臣 高度 复杂 社区 身子 回到 媒体 俄罗斯 地面 分子 意思 总是 东北 销售 弟子 未来 重视 等等 良好 压力 到底 各个 最终 战斗
航空 之下 一级 里面 数学 毕业 竞争 宗教 比例 适应 健康 她们 出版 故事 责任 面对 将军 粮食 政权 各国 类型 发挥 听说 遗址 南北 立刻 亚洲 正常 女子 培养 就业 大小
秘书长 明确 优势 好像 一场 至少 人士 晚上 确实 特征 贡献 实验 高级 想到 关键 一眼 难以 周围 样子 本报 帝国主义 自治州 一张 相互 是不是 部长 身边 广州 三年 之外
蒙古 发出 只有 比如 理解 刚才 不足 南部 程序 加上 西北 父母 一中 适当 留下 李自成 研制 省级 发达 全国人大 东部 品种 愿意 道路 类似 空军 行使 细胞 空间 形势 西部
小说 妇女 股份 维护 公布 名称 只好 检查 化学 矛盾 儿童 任期 本身 规划 状况 实践 一家 成长 需求 多次 分配 一致 西南 贵族 既然 一时 高兴 美元 全体 统计 事务 体现
名字 始终 产量 不了 长安 最近 英雄 同意 从此 一步 海拔 掌握 普遍 宜昌 攻击 招生 天然 不错 亲自 相应 一旦 观点 实力 中部 听到 再次 更是 突出 条例 全球 人大代表
公元前 经历 进步 上述 绝对 抗日 修改 优秀 至于 河流 发动 审议 计算 数据 关注 女性 职工 资本主义 必要 朝廷 表明 不肯 委员长 主持 常常 遇到 在于 消费 欢迎 想起 日子
条约 协议 公开 行政区划 限制 现实 武昌 强烈 早已 的话 衣服 河南 太阳 广大 正在 胖子 态度 很快 交流 不好 万吨 森林 前面 显然 有所 闯王 撤销 一部分 千米 破坏 双手
江南 阅读 工资 上面 纷纷 北部 种类 无论 深入 推进 石油 进去 地上 效果 团体 核心 年轻 倘若 电影 纺织 形象 果然 意识 常务 规律 显得 平等 山东 加工 只是 洪山区 两侧
列为 解放 大部分 加入 新华社 逐步 担心 表面 电视 下降 工具 第三 网站 制作 设施 天津 成果 各项 预算 寡头 紧张 手机 令狐冲 势力 一系列 记载 外交 搜狐 众多 一把 年底
文物 宣传 日常 检察长 一名 高中 令人 严格 不管 领导人 满足 推动 下午 地下 昨天 随后 认真 大声 生于 明代 成员 创新 遭到 不久 持续 培训 数字 游客 试验 阶级 似的
发射 文字 天门 来看 城楼 公园 空中 软件 事实 习惯 地球 一半 刚刚 手里 武装 不但 任免 张居正 不想 距离 意大利 永远 年间 互相 妻子 一段 妈妈 眼前 元年 对象 四个
听见 变得 彻底 毕竟 快速 朝鲜 失败 临时 一批 利润 多数 那时 路线 其余 划分 唯一 坦克 尚书 概念 来源 降低 充满 四大 慢慢 老人 符合 发布会 小姐 哲学 轻轻 北平 老板
这件 同学 校名 美军 山地 那种 率领 办公室 录取 矿产 当下 别的 小龙 咨询 几天 伸手 各自 五年 自身 判断 哥哥 失去 危机 后面 配合 大事 增强 金属 卫生 成本 文件 加以
丈夫 财富 必然 首都 此后 购买 公共 东南 素质 医生 改善 打击 生态 广东 人生 一带 改为 方针 红色 承认 英语 象征 少数 设置 爆发 飞行 具备 学者 否则 性命 对外 故道
随即 疾病 不禁 大明 百姓 缺乏 院校 功夫 成分 伟大 投票 闭会 完整 起义 机制 打开 国民经济 几年 村委会 考察 皇城 答应 相比 演出 最早 观念 营养 运用 行者 职务 面临
本人 第一个 吸收 流通 现场 协调 抓住 海洋 对手 承担 交易 邓小平 自治县 原料 是从 针对 外面 争取 桃花 发育 事物 风险 奴隶 少年 召集 叫做 推出 教学 作者 化工 论坛
出席 贷款 东方 再也 理想 游行 究竟 下面 危险 年均 平衡 上来 清代 大规模 非洲 寻找 和尚 兴趣 不必 温度 转移 团结 国民 省长 机器 患者 中共中央 病人 宝玉 威胁 而言
两次 奇怪 相反 厘米 估计 情绪 密切 出发 招聘 大学生 一道 传播 合理 民间 主人 点头 长江大桥 大约 放心 依据 江夏区 国外 厉害 北方 改造 明朝 固定 太监 停止 移动 强大
一支 秘密 前提 避免 休息 高校 街道 推荐 夏天 伊朗 产值 并非 模式 演习 性能 年龄 感情 审判 维持 费用 志愿 已有 尚未 客户 太庙 极大 适合 王朝 校长 一页 更新 一口
这儿 首次 宫廷 整体 自治 四川 区别 资产阶级 及时 地方性 门外 风格 左手 江陵 巴黎 早期 员工 上升 版本 成熟 几句 南方 涉及 空气 两年 旁边 国防 药物 操作 近年来
负责人 方便 全身 门口 候选人 有点 不在 银子 局面 突破 由此 建造 各类 士兵 一份 康熙 转化 两位 议会 开发区 心情 回头 帝国 十年 县级 独特 湖南 公斤 依然 微笑 标志
棉花 战士 十堰 大多数 规范 平台 成就 升级 新型 交换 拒绝 证券 大人 直播 合同 日期 战场 高考 统治者 崇祯 喝道 股权 渐渐 明清 军警 一番 废除 走向 从来 平时 反而
多个 举办 算是 装置 简称 公主 此次 沿海 痛苦 重庆 加速 主动 不行 转变 损失 市民 共产党 平方公里 之上 接近 发行 劳动力 重建 备案 医疗 一生 使得 湖泊 国有 加快 审查
评价 生存 规则 记录 工厂 脸色 累计 大大 祖国 阳光 右手 时刻 著作 客人 以外 给予 医学 学科 原始 典型 仪式 电脑 上去 满意 医药 到处 做法 立场 进口 害怕 补充 运行
北京市 地址 支付 资格 优良 日军 韩国 国家级 博士 传说 少数民族 居住 采访 食物 目光 动力 另一方面 占领 防止 太太 异常 土壤 依照 作家 行情 民族乡 某种 恐怕 人马 接触
总结 有着 种种 动作 背景 幸福 江苏 原种 死亡 部署 理由 集体 大概 同一 至今 毕业生 年纪 武当山 人体 年度 国王 观察 所说 吸引 做出 案件 手术 道理 初步 全年 解放军
最佳 小学 相似 总人口 大桥 极为 仅仅 可惜 总额 男子 签订 博物馆 此刻 不由得 很少 原理 点亮 高原 明天 引用 大门 关心 邀请 等于 转身 授予 陆军 两者 水产 一大 角度
允许 大多 早就 资产 上级 赶快 黄河 道德 眼见 剩下 改进 说法 春秋 电力 亿美元 值得 海上 职能 真实 改称 吩咐 学术 品牌 科研 交给 低声 季节 分类 一会儿 系列 上市
回家 日益 色彩 河北 房子 设有 微微 放弃 之所以 一会 冠军 居然 此事 选民 万亩 坚决 研究所 远远 打算 同年 登时 依靠 皇后 协会 这场 适用 谈判 消费者 云南 队员 中共
太子 通知 当即 个别 仿佛 命运 仙桃 小组 永乐 基金 到达 颜色 头发 不得不 投降 三峡 第四 陕西 分享 十堰市 表演 上午 黄金 访问 而已 地图 种植 建国 荆州市 吃饭 动手
一股 有利于 华北 走出 保存 罗马 消失 周恩来 网页 抗战 追求 再说 大哥 露出 卫星 熟悉 动态 取消 今后 人均 流行 合法 取出 趋势 地势 本次 用来 过渡 美丽 第二次 深刻
向前 繁殖 风味 浙江 奶奶 地质 每次 这般 小子 犯罪 老婆 午门 表达 通信 等待 家长 仔细 最初 遗产 老百姓 八年 头上 鱼类 要是 听取 一部 风景 将领 联合国 衙门 批评
侵略 人民币 结婚 正义 社稷 所在地 后者 门前 提名 前进 决策 爹爹 初期 顺利 官兵 一方面 最为 袁承志 公众 首页 高速公路 演员 包含 礼部 自动 秩序 根据地 雷达 称号 广告
编制 含量 客观 股票 贯彻 更为 秘书 合并 只得 一路 当选 游戏 前来 注重 两岸 议案 激烈 太后 一类 港口 主意 多么 文艺 模型 据说 埃及 西班牙 银鱼 药品 潜艇 主管 航线
或是 反复 大军 观众 荣誉 无人 一项 刺激 未必 黄冈 前后 申请 摇头 最新 宋江 宜昌市 大师 含有 笔架 本科 绿色 主体 哪些 忍不住 得名 一套 防御 气温 商人 不用 有限
流域 中原 红军 大清 热情 自我 将来 人工 蒋介石 山区 想着 味道 各部 杭州 制成 途径 立法 片刻 深圳 推广 所在 公安 好吃 诗人 省内 次数 积累 享受 科学家 流动 授权
战役 四周 没想到 一招 一根 其次 成都 一齐 预计 治理 地处 享有 课程 皮肤 暂时 经理 一层 发明 白色 战术 县长 事实上 执政 江湖 对付 君主 出于 走进 姐姐 万公顷 出身
内阁 排列 冲突 党中央 骑兵 战国 夫妇 军人 袁世凯 少女 显著 太平洋 全世界 报纸 投诉 之际 校园 婚姻 落后 人人 基本上 黄石 物理 长沙 就算 路上 商量 只怕 不许 激动
大街 山西 读者 政协 古老 企图 能量 污染 工艺 身份 声明 做到 协定 大典 纪念 这话 现有 总面积 养殖 主题 海外 新疆 简介 伊拉克 扩展 准确 汉白玉 到来 盆地 地震 正好
降水量 天气 联盟 四年 探索 一度 富有 不够 函数 主力 胡秉宸 图案 即将 面试 万岁 好好 中华民族 学会 保险 学位 指示 王国 信心 储量 要素 眼泪 调节 俄国 情形 感受 气氛
呼吸 李鸿章 半天 修建 挑战 供应 钢铁 建有 组合 气体 爱情 自主 赶紧 丝毫 提醒 抵触 地带 紧急 透露 参考 西藏 江西 佛教 洞庭湖 进程 测量 坐下 延伸 热带 发动机 十五
禁止 继承 有力 领袖 第二天 西安 资本家 循环 兴奋 武昌区 近代 沟通 事项 初中 表决 友好 可见 两只 足够 总数 希腊 做好 男性 常见 形态 想法 后期 无不 大叫 讲话 连接
收费 提到 差不多 症状 截止 吴三桂 记得 检察 东京 高新技术 颁布 几次 详细 返回 前往 司法 大力 战斗机 怀疑 开国 优质 酒店 与其 性格 影片 大批 不如 手指 快乐 司令
提升 总量 码头 构造 总体 场所 网上 朱元璋 看法 一回 房间 不让 说完 毫无 黑暗 顺治 职位 丘陵 随时 自从 之类 临床 正门 之内 政党 任职 留在 指标 董事会 更好 悠久
市区 县市 爸爸 辐射 总产值 兵力 杂志 确立 光绪 总督 中华 保留 测试 私人 相继 效率 局部 小心 变革 沉重 谈话 景点 木材 乾隆 所属 当前 最低 予以 当真 合适 此人 镇压
灵魂 扩张 选手 分裂 两天 生气 主义 江泽民 将士 结论 出售 密度 轨道 曹操 忘记 一对 无数 李高成 个体 姑姑 高手 决心 草原 出入 受伤 信号 无产阶级 品德 教主 一遍 伸出
老爷 共和国 上涨 迎接 像是 尊重 安装 腐败 引进 不论 把握 鼓励 随州 搜索 人群 专题 差别 外资 千万 有没有 依法 地点 简直 国家机关 命名 始建 慈禧 何况 有机 较为 被迫
读书 行政区 各省 领土 倾向 英文 有权 频率 战胜 病毒 布局 黑色 生成 传来 输出 言语 一处 军阀 荷兰 一下子 黄石市 怎么样 洛阳 想象 特产 就要 在内 二年 陛下 自行 周期
科学技术 军官 岗位 实验室 城乡 办事 退出 沉默 法院 宇宙 指数 当中 诏书 分离 单独 马上 消除 工作人员 如同 原子 剩余价值 照片 意味着 鄂西 接待 一顿 胸口 组成部分 竟是
选出 牺牲 民政 婆婆 流通股 文库 身后 布置 有利 一身 嘉靖 描述 他人 与此同时 混合 顿时 原有 感染 障碍 桌上 神色 一日 签署 收拾 基督教 大厅 占有 加大 故意 下岗 院子
唐代 亚热带 合成 脑袋 城里 代替 历代 五一 般的 两条 正阳门 常用 不见 询问 示威 目录 排名 伦敦 长老 同事 哪儿 住房 球队 分成 反抗 半个 转过 能源 旅行社 反动 批判
昨日 思维 得以 冷笑 好处 那天 落实 为何 思考 攻关 遭受 夫妻 教训 适宜 大夫 武林 展示 门户 投资者 三分 千步 愤怒 意外 差异 起身 深处 当局 城镇 沙漠 指着 郧阳 提前
青岛 紧紧 评论 见面 消灭 赋予 节目 效益 懂得 水中 物资 只不过 正当 宫女 内地 福建 尽量 转向 戏剧 一门 土司 孙中山 策略 中期 体内 以便 反正 急忙 彼此 普查 夺取
"""


SUBJECTS = ["城乡低保", "特困人员救助供养", "临时救助", "高龄津贴", "就业补贴", "公益性岗位", "保障性租赁住房",
            "义务教育招生", "部门预算", "养老机构", "残疾人两项补贴", "医疗救助", "耕地地力保护补贴", "农村危房改造",
            "重大建设项目", "公共资源交易", "食品安全抽检", "安全生产检查", "城市综合执法", "政务公开"]
TITLES = ["关于{y}年{s}资金发放情况的公示", "关于调整{s}标准的通知", "{y}年第{q}季度{s}对象名单公示",
          "关于印发《{s}实施办法》的通知", "《{s}实施办法》政策解读", "关于做好{y}年{s}工作的通知",
          "{place}{y}年{s}情况公告", "{y}年{s}信息公开"]
SENTENCES = [
    "根据《中华人民共和国政府信息公开条例》规定，现将有关情况公开如下。",
    "经研究，决定自{y}年{m}月1日起，将城乡低保标准提高到每人每月{amount}元。",
    "本次共发放{s}资金{money}万元，涉及{people}人。",
    "申请人可向户籍所在地镇人民政府（街道办事处）提出书面申请。",
    "公示期为7个工作日，如有异议，请拨打监督电话023-6781{tel}反映。",
    "现将《{s}实施办法》印发给你们，请认真贯彻执行。",
    "对符合条件的困难群众做到应保尽保、按标施保、动态管理。",
    "本办法自印发之日起施行，原{old}同时废止。",
    "{place}{name}，家庭人口{q}人，月保障金额{amount}元。",
    "资金由区财政统筹安排，实行社会化发放，直接打卡到户。",
    "联系人：{name}，联系电话：023-6782{tel}，地址：{place}{tel}号。",
]


def _filler(rng: random.Random, words: list[str], weights: list[float], size: int) -> str:
    picked = rng.choices(words, cum_weights=weights, k=size)
    out, run = [], 0
    for w in picked:
        out.append(w)
        run += 1
        if run >= rng.randint(4, 12):
            out.append(rng.choice("，，，。、；"))
            run = 0
    return "".join(out) + "。"


def synthetic_site(count: int, seed: int = 1) -> Site:
    """``count`` published notices of 40 publishers over eight years, ~1,100 characters each."""
    rng = random.Random(seed)
    words = VOCABULARY.split()
    weights, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 10)
        weights.append(total)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "明华丽强军平英芳敏静秀玉兰霞桂红春梅"
    orgs = [Org(f"org{i}", f"渝北区{w}{'局' if i < 25 else '街道办事处'}", "department" if i < 25 else "township",
                code=f"11500112MB{i:07d}X"[:18]) for i, w in enumerate(words[100:140])]
    domains = DomainTable()
    names = [d.name for d in domains.domains]
    first = date(2017, 1, 1)
    notices = []
    for i in range(count):
        org = orgs[rng.randrange(len(orgs))]
        day = first + timedelta(days=rng.randrange(8 * 365))
        vals = dict(y=day.year, s=rng.choice(SUBJECTS), q=rng.randint(1, 4), m=rng.randint(1, 12),
                    amount=rng.choice([580, 620, 650, 680, 700, 726]), tel=rng.randint(1000, 9999),
                    money=f"{rng.randint(10, 999)}.{rng.randint(0, 99):02d}", people=rng.randint(3, 900),
                    old=f"渝北府发〔{day.year - 2}〕{rng.randint(1, 300)}号",
                    place=rng.choice(words[300:700]) + rng.choice(["镇", "街道", "村", "社区"]),
                    name=rng.choice(surnames) + rng.choice(given) + rng.choice(given))
        paragraphs = []
        for _ in range(rng.randint(3, 9)):
            parts = [rng.choice(SENTENCES).format(**vals) for _ in range(rng.randint(1, 3))]
            parts.insert(rng.randrange(len(parts) + 1), _filler(rng, words, weights, rng.randint(20, 60)))
            paragraphs.append("".join(parts))
        notices.append(Notice(
            id=f"{org.id}/{day.year}/n{i:06d}", title=rng.choice(TITLES).format(**vals), publisher=org.id,
            published=day, disclosure=PUBLIC,
            doc_number=f"渝北府发〔{day.year}〕{rng.randint(1, 400)}号" if rng.random() < 0.5 else "",
            index_number=f"{org.code}/{day.year}-{i:05d}", domains=(rng.choice(names),),
            body="\n\n".join(paragraphs), location=Location(f"content/notices/n{i}.yaml", 1)))
    notices.sort(key=lambda n: (-n.published.toordinal(), n.id))
    config = SiteConfig(title="渝北区基层政务公开", region="重庆市渝北区", host="渝北区人民政府办公室",
                        orgs=tuple(orgs), domains=domains)
    return Site(config=config, catalogue=(), notices=tuple(notices), pages=())


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def write_site_root(site: Site, root: Path) -> None:
    """The synthetic site as a site root on disk, so that `gwsite build` reads it too."""
    dump = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    orgs = [{"id": o.id, "name": o.name, "kind": o.kind, "code": o.code} for o in site.config.orgs]
    (root / "catalogues").mkdir(parents=True)
    (root / "site.yaml").write_text(yaml.dump({"title": site.config.title, "region": site.config.region,
                                               "host": site.config.host, "orgs": orgs},
                                              Dumper=dump, allow_unicode=True), encoding="utf-8")
    for n in site.notices:
        data = {"title": n.title, "publisher": n.publisher, "published": n.published.isoformat(),
                "disclosure": n.disclosure, "index_number": n.index_number, "domain": list(n.domains),
                "body": n.body}
        if n.doc_number:
            data["doc_number"] = n.doc_number
        path = root / "content" / "notices" / f"{n.id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(data, Dumper=dump, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(count: int, work: Path, browser) -> dict:
    root, out = work / f"root-{count}", work / f"site-{count}"
    write_site_root(synthetic_site(count), root)
    started, cpu = time.perf_counter(), _cpu()
    result = pipeline.build(root, out)  # the whole `gwsite build`: read, assemble, render, index, write
    build_s, build_cpu = time.perf_counter() - started, _cpu() - cpu
    assert result.report.ok, [str(p) for p in result.report.problems[:5]]
    site = result.report.site
    started = time.perf_counter()
    pipeline.load(root)
    load_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), _cpu()
    index = search.index_files(site)
    index_s, index_cpu = time.perf_counter() - started, _cpu() - cpu
    chars = sum(len(n.body) for n in site.notices) / count
    size = sum(len(f.data) for f in index)
    kinds = {k: sum(1 for f in index if f.path.startswith(f"search/{k}/")) for k in "tdf"}
    print(f"\n{count:,} notices (body {chars:,.0f} characters on average)")
    print(f"  index: {_mb(size)} in {len(index):,} files ({kinds['t']:,} gram shards, {kinds['d']:,} document "
          f"shards, {kinds['f']} filter lists); {size / count / 1e3:.1f} KB per notice")
    print(f"  index build {index_s:.1f} s; gwsite build {build_s:.1f} s, of which reading and assembling "
          f"{load_s:.1f} s: the index is {100 * index_s / build_s:.0f} % of the whole build, "
          f"{100 * index_s / (build_s - load_s):.0f} % of render + index + write")
    print(f"  CPU: index {index_cpu:.1f} s of the build's {build_cpu:.1f} s (its workers included): "
          f"{100 * index_cpu / build_cpu:.0f} %")
    rows = []
    if browser is not None:
        for q in TYPICAL + OTHER + PINYIN:
            rows.append(_query(browser, out, q))
        print(f"  {'query':<16}{'hits':>8}{'files':>7}{'KB loaded':>11}{'cold ms':>9}{'page ms':>9}{'warm ms':>9}")
        for r in rows:
            print(f"  {r['q']:<16}{r['hits']:>8}{r['files']:>7}{r['bytes'] / 1e3:>11.0f}{r['cold']:>9.0f}"
                  f"{r['page']:>9.0f}{r['warm']:>9.1f}")
        typical = [r for r in rows if r["q"] in TYPICAL]
        for key, label in (("bytes", "KB loaded"), ("cold", "cold ms"), ("page", "page ms"), ("warm", "warm ms")):
            values = [r[key] / (1e3 if key == "bytes" else 1) for r in typical]
            print(f"  typical queries, {label}: median {statistics.median(values):.1f}, max {max(values):.1f}")
        print("  suggestions as one types, on the home page, Chromium's CPU throttled 4×"
              f" (search/pinyin.js {(out / search.PINYIN).stat().st_size / 1e3:.0f} KB,"
              f" search/lexicon.js {(out / search.LEXICON).stat().st_size / 1e3:.0f} KB):")
        for typed in TYPED:
            r = _typing(browser, out, typed)
            print(f"    {typed:<12} first keystroke {r['first']:.0f} ms (loads {r['files']} files, {r['bytes'] / 1e3:.0f} KB);"
                  f" later keystrokes median {r['median']:.1f} ms, max {r['max']:.1f} ms; {r['shown']} suggestions at the end")
    shutil.rmtree(out)
    shutil.rmtree(root)
    return {"count": count, "size": size, "index_s": index_s, "build_s": build_s, "index_cpu": index_cpu,
            "build_cpu": build_cpu, "rows": rows}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the build's workers)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _query(browser, out: Path, q: str) -> dict:
    runs = sorted((_cold(browser, out, q) for _ in range(3)), key=lambda r: r["cold"])
    return runs[1] | {"hits": search.query(out, q, limit=0).total}  # the median of three fresh pages


def _cold(browser, out: Path, q: str) -> dict:
    context = browser.new_context()
    context.set_offline(True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page = context.new_page()
    page.goto((out / "search.html").as_uri() + "?q=" + quote(q))
    page.wait_for_selector('#results[data-state="done"]', state="attached", timeout=120_000)
    cold, page_ms = page.evaluate("[window.gwsiteSearch.lastMs, window.gwsiteSearch.doneAt]")
    loaded = page.evaluate("window.gwsiteSearch.loaded.slice()")
    warm = page.evaluate("""async q => {
        const t = [];
        for (let i = 0; i < 5; i++) {
            const s = performance.now();
            await window.gwsiteSearch.search({q: q, page: 1});
            t.push(performance.now() - s);
        }
        t.sort((a, b) => a - b);
        return t[2];
    }""", q)
    context.close()
    loaded = ["search/meta.js", "search/lexicon.js", *loaded]  # these come with the page, by <script> tags
    return {"q": q, "files": len(loaded), "cold": cold, "page": page_ms, "warm": warm,
            "bytes": sum((out / p).stat().st_size for p in loaded)}


def _typing(browser, out: Path, typed: str) -> dict:
    """Type ``typed`` into the home page's search box one character at a time, with the CPU
    throttled 4×: each keystroke's time to its list shown (static/suggest.js), and what the
    first keystroke loaded."""
    context = browser.new_context()
    context.set_offline(True)
    page = context.new_page()
    page.goto((out / "index.html").as_uri())
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.focus("#site-q")
    times = []
    for i, char in enumerate(typed):
        page.evaluate("window.gwsiteSuggest.lastMs = null")
        page.keyboard.type(char)
        page.wait_for_function("window.gwsiteSuggest.lastMs !== null", timeout=60_000)
        times.append(page.evaluate("window.gwsiteSuggest.lastMs"))
    loaded = ["static/search.js", *page.evaluate("window.gwsiteSearch.loaded.slice()")]
    shown = page.locator("#site-q-list [role=option]").count()
    context.close()
    later = times[1:] or times
    return {"first": times[0], "median": statistics.median(later), "max": max(later), "files": len(loaded),
            "bytes": sum((out / p).stat().st_size for p in loaded), "shown": shown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated notice counts")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--out", help="instead, measure typing and pinyin queries on this built site (the demo's)")
    args = parser.parse_args()
    if args.out:
        from playwright.sync_api import sync_playwright
        out = Path(args.out)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            print(f"{out}: search/pinyin.js {(out / search.PINYIN).stat().st_size / 1e3:.0f} KB, "
                  f"search/lexicon.js {(out / search.LEXICON).stat().st_size / 1e3:.0f} KB")
            for typed in ["dibao", "最低生活保障", "gzf", "gongzufang"]:
                r = _typing(browser, out, typed)
                print(f"  typing {typed:<10} first keystroke {r['first']:.0f} ms (loads {r['files']} files, "
                      f"{r['bytes'] / 1e3:.0f} KB); later keystrokes median {r['median']:.1f} ms, max {r['max']:.1f} ms (CPU 4× slower)")
            for q in ["dibao", "dbbz", "青龙镇dibao", "低保"]:
                r = _query(browser, out, q)
                print(f"  query {q:<12} {r['hits']:>5} hits, {r['files']} files, {r['bytes'] / 1e3:.0f} KB loaded, cold {r['cold']:.0f} ms")
            browser.close()
        return
    work = Path(tempfile.mkdtemp(prefix="gwsite-search-bench-"))
    try:
        if args.no_browser or not Path(CHROMIUM).exists():
            for count in map(int, args.sizes.split(",")):
                measure(count, work, None)
            return
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for count in map(int, args.sizes.split(",")):
                measure(count, work, browser)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
