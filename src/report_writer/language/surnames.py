"""Chinese surnames: the commonest few hundred single-character ones (as the public-security population
statistics rank them) and the compound ones still met — leaving out those that are also common words on their
own (和, 时, 国, 全; 高 stays: it is among the commonest), where a doubled character after them is more often
a slip than a given name. A facts table: the doubled-character check reads a doubled character right after a
surname as a given name (张婷婷, 欧阳娜娜), the names rules a surname-led word before 委员 or 同志 as a
person."""

from __future__ import annotations

SURNAMES = frozenset(
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕裴霍涂"
    "苗翁冉骆蓝路辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆卓缪芦麦褚娄窦戚岑景宫晏卫米柏宗瞿桂佟臧闵苟邬卞姬"
    "仇栾隋刁巫寇桑郎甄丛虞敖巩佘苑迟邝匡鞠荆冀郁胥班储栗鄢谌奚粟冼蔺楼仝郜阚屠朴禹狄扈晁芮阙邸雍辜裘亓邰"
    "杭逯茹嵇湛戎茅檀昝"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "端木",
    "公孙",
    "西门",
    "南宫",
)
