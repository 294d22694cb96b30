import type { MessageType } from "../domain/case-model";
import type { CategoryCode } from "./demo-city";

/** Message templates per category; `{place}` is filled with a real Pingliang place name. */
export const TEMPLATES: Record<CategoryCode, { type: MessageType; title: string; body: string }[]> = {
  urban_rural: [
    {
      type: "complaint",
      title: "{place}小区路灯不亮",
      body: "{place}小区内的路灯已经坏了两个多月，晚上老人孩子出门很不安全，多次向物业反映没有结果，希望有关部门督促维修。",
    },
    {
      type: "help",
      title: "{place}老旧小区屋顶漏水",
      body: "我们是{place}老旧小区的住户，楼顶防水层老化，下雨天顶楼住户家里漏水严重，墙皮大面积脱落，请求纳入老旧小区改造。",
    },
    {
      type: "consult",
      title: "{place}棚户区改造安置房何时交付",
      body: "请问{place}棚户区改造项目的安置房原定今年交付，现在工地停工，何时能交房？办理产权证需要哪些材料？",
    },
    {
      type: "suggest",
      title: "建议在{place}增设停车位",
      body: "{place}周边车辆越来越多，乱停乱放导致道路拥堵，建议利用附近空地规划建设公共停车场。",
    },
  ],
  labor_social: [
    {
      type: "help",
      title: "{place}工地拖欠农民工工资",
      body: "我在{place}的建筑工地干了八个月，包工头至今拖欠工资三万余元，年底了家里等着用钱，恳请帮助讨薪。联系电话 13912345678。",
    },
    {
      type: "consult",
      title: "灵活就业人员养老保险如何缴纳",
      body: "本人在{place}个体经营，想咨询灵活就业人员养老保险的缴费档次、缴费方式，以及中断后能否补缴。",
    },
    {
      type: "complaint",
      title: "{place}某公司不签劳动合同",
      body: "{place}一家公司招用我们十几名员工，工作一年多不签劳动合同、不缴社保，请劳动监察部门调查处理。",
    },
  ],
  education_culture: [
    {
      type: "complaint",
      title: "{place}学校违规收取资料费",
      body: "{place}某中学要求每名学生缴纳两百元资料费，没有票据，家长意见很大，请教育部门核查。",
    },
    {
      type: "consult",
      title: "随迁子女在{place}入学需要什么手续",
      body: "我们是外地来平凉务工人员，孩子今年上小学，想在{place}就近入学，需要准备哪些证明材料？",
    },
    {
      type: "suggest",
      title: "建议{place}文化广场延长开放时间",
      body: "{place}文化广场晚上九点就关灯，夏天群众锻炼跳舞的人很多，建议延长到十点。",
    },
  ],
  commerce_tourism: [
    {
      type: "complaint",
      title: "崆峒山景区停车收费不合理",
      body: "国庆期间去崆峒山游玩，景区停车场收费标准不公示，保安随意收费，希望规范管理。",
    },
    {
      type: "suggest",
      title: "建议{place}夜市规范经营",
      body: "{place}夜市油烟噪音扰民，摊位占道经营，建议划定经营区域并规定收摊时间。",
    },
    {
      type: "report",
      title: "{place}超市销售过期食品",
      body: "在{place}一家超市买的牛奶已经过期一周，店员拒绝退换，请市场监管部门查处。",
    },
  ],
  environment: [
    {
      type: "complaint",
      title: "{place}企业夜间排放黑烟",
      body: "{place}附近一家企业每天夜里排放黑烟，气味刺鼻，周边居民不敢开窗，请环保部门夜间检查。",
    },
    {
      type: "report",
      title: "{place}河道有人倾倒建筑垃圾",
      body: "最近经常有车辆在{place}河道边倾倒建筑垃圾，已经堆成小山，影响河水流通，请及时清理并查处。",
    },
    {
      type: "suggest",
      title: "建议{place}增设垃圾分类投放点",
      body: "{place}小区只有一个垃圾投放点，经常满溢，建议增设分类投放点并定时清运。",
    },
  ],
  health: [
    {
      type: "consult",
      title: "城乡居民医保异地就医如何备案",
      body: "家中老人在{place}参保，长期在外地子女家居住，异地就医如何备案？报销比例是多少？",
    },
    {
      type: "complaint",
      title: "{place}卫生院看病排队时间过长",
      body: "{place}卫生院只有一个挂号窗口，早上排队要两个小时，建议增加自助挂号机和窗口。",
    },
    {
      type: "thanks",
      title: "感谢{place}医院医护人员",
      body: "家父在{place}医院住院期间，医护人员耐心细致、尽职尽责，特此表示衷心感谢！",
    },
  ],
  transport: [
    {
      type: "suggest",
      title: "建议增开到{place}的公交线路",
      body: "{place}新建小区入住率已经很高，但没有公交车经过，居民出行只能打车，建议增开或调整公交线路。",
    },
    {
      type: "complaint",
      title: "{place}路段坑洼不平",
      body: "{place}路段路面坑洼多处，雨天积水严重，已经发生多起电动车摔倒事故，请尽快修补。",
    },
    {
      type: "help",
      title: "{place}乡村道路冬季积雪无人清扫",
      body: "{place}通村道路积雪结冰，学生上学和村民出行非常危险，请求协调清扫和撒盐。",
    },
  ],
};

/** Place names per region code, for the `{place}` slot. */
export const PLACES: Record<string, string[]> = {
  "620800": ["西大街", "东关", "柳湖"],
  "620802": ["崆峒镇", "柳湖街道", "四十里铺"],
  "620821": ["城关镇", "王村镇", "泾明乡"],
  "620822": ["中台镇", "邵寨镇", "什字镇"],
  "620823": ["锦屏镇", "新窑镇", "柏树乡"],
  "620825": ["水洛镇", "南湖镇", "朱店镇"],
  "620826": ["城关镇", "威戎镇", "界石铺镇"],
  "620881": ["东华镇", "安口镇", "西华镇"],
};
