using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Bench.Seeding;

/// <summary>Person and company names drawn the way they occur: a handful of surnames cover a third of
/// the population and given-name characters repeat a lot, so a two-character search such as 张伟
/// matches thousands of listings, as it does on the national site.</summary>
public static class ChineseNames
{
    // Share of the population in percent, most common first (approximately the 2020 census; 陈 and
    // 黄 weigh more in Guangdong, where the seeded courts sit).
    private const string SurnameShares = """
        王 6.8 李 6.8 陈 5.6 张 6.4 刘 5.2 杨 3.0 黄 3.0 赵 2.0 吴 2.0 周 1.8 徐 1.5 孙 1.4 林 1.4 马 1.3 朱 1.3
        胡 1.2 郭 1.2 何 1.2 梁 1.1 高 1.1 罗 1.1 郑 1.0 谢 0.8 宋 0.8 唐 0.8 许 0.7 韩 0.7 邓 0.8 冯 0.7 曹 0.7
        彭 0.6 曾 0.7 肖 0.6 田 0.5 董 0.5 潘 0.5 袁 0.5 蔡 0.5 蒋 0.5 余 0.5 于 0.5 杜 0.5 叶 0.5 程 0.4 魏 0.4
        苏 0.4 吕 0.4 丁 0.4 任 0.4 卢 0.4 姚 0.4 沈 0.4 钟 0.4 姜 0.4 崔 0.3 谭 0.3 陆 0.3 范 0.3 汪 0.3 廖 0.3
        石 0.3 金 0.3 韦 0.3 贾 0.3 夏 0.3 付 0.3 方 0.3 邹 0.2 熊 0.2 白 0.2 孟 0.2 秦 0.2 邱 0.2 侯 0.2 江 0.2
        尹 0.2 薛 0.2 闫 0.2 段 0.2 雷 0.2 龙 0.2 黎 0.2 史 0.2 陶 0.2 贺 0.2 毛 0.2 郝 0.2 顾 0.2 龚 0.2 邵 0.2
        万 0.15 覃 0.15 武 0.15 钱 0.15 戴 0.15 严 0.15 莫 0.15 孔 0.12 向 0.12 常 0.12 汤 0.12 温 0.12 康 0.12
        施 0.1 文 0.1 牛 0.1 樊 0.1 葛 0.1 邢 0.1 安 0.1 齐 0.1 易 0.1 乔 0.1 伍 0.1 庞 0.1 颜 0.1 倪 0.1 庄 0.1
        聂 0.1 章 0.1 鲁 0.1 岳 0.1 翟 0.1 殷 0.1 詹 0.1 申 0.1 欧 0.1 耿 0.1 关 0.1 兰 0.1 焦 0.1 俞 0.1 左 0.1
        柳 0.1 甘 0.1 祝 0.1 包 0.1 宁 0.1 尚 0.1 符 0.1 舒 0.1 阮 0.1 柯 0.1 纪 0.1 梅 0.1 童 0.1 凌 0.1 毕 0.1
        单 0.05 季 0.05 裴 0.05 霍 0.05 涂 0.05 成 0.05 苗 0.05 谷 0.05 盛 0.05 曲 0.05 翁 0.05 冉 0.05 骆 0.05
        蓝 0.05 路 0.05 游 0.05 辛 0.05 靳 0.05 管 0.05 柴 0.05 蒙 0.05 鲍 0.05 华 0.05 喻 0.05 祁 0.05 蒲 0.05
        房 0.05 滕 0.05 屈 0.05 饶 0.05 解 0.05 牟 0.05 艾 0.05 尤 0.05 阳 0.05 时 0.05 穆 0.05 农 0.05 卓 0.05
        古 0.05 吉 0.05 缪 0.05 简 0.05 车 0.05 项 0.05 连 0.05 麦 0.05 岑 0.05 邝 0.05 冼 0.05 区 0.03 巫 0.03
        欧阳 0.05 司马 0.01 诸葛 0.01 上官 0.01 司徒 0.02 东方 0.01 皇甫 0.01 令狐 0.005 慕容 0.005 夏侯 0.005
        """;

    // Given-name characters, most common first.
    private const string MaleCharacters =
        "伟强磊军勇杰涛明超刚平辉鹏华飞斌宇浩凯健俊帆帅旭宁龙林波海亮建国文志东峰永新成春晓金锋德兵良坤鑫晨博振宏彬昊然轩子泽豪嘉天航翔荣庆祥清发福生江山武贵云小立民家耀锦灿荣佳炜毅";
    private const string FemaleCharacters =
        "芳娜敏静丽艳娟秀英霞玲红燕梅琳婷倩颖洁萍兰雪慧玉凤珍莉琴丹佳欣怡婧露云月璐晶琼桂素淑美雅悦萱诗梦思彤小华晓春文金海燕妍蓉薇瑶琪婉嘉清凤翠爱荷丝媛惠莹";

    private const string BrandCharacters = "宏达恒通金鹏华美鑫源盛隆泰丰富祥瑞佳信诚德利创新汇博远腾嘉荣兴旺顺安康和正中天海广粤骏豪卓越合众力星辉锦程永昌";

    private static readonly string[] Industries =
    [
        "贸易", "科技", "建筑工程", "房地产开发", "餐饮管理", "物流", "装饰工程", "电子", "服装", "投资", "实业", "商贸",
        "信息技术", "食品", "五金", "家具", "汽车销售", "广告", "文化传播", "劳务派遣", "建材", "酒店管理", "医疗器械", "印刷",
    ];

    private static readonly Weighted<string> Surnames = new(SurnameShares
        .Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
        .Chunk(2)
        .Select(pair => (pair[0], double.Parse(pair[1], CultureInfo.InvariantCulture))));

    // An exponent of 0.6 puts the commonest character (伟, 芳) in about one given name in fifteen.
    private static readonly Weighted<char> Male = Weighted<char>.ByRank(MaleCharacters.Distinct(), 0.6);
    private static readonly Weighted<char> Female = Weighted<char>.ByRank(FemaleCharacters.Distinct(), 0.6);
    private static readonly Weighted<string> Places = new([("广州市", 55), ("广州", 25), ("广东", 8), ("深圳市", 5), ("佛山市", 4), ("东莞市", 3)]);
    private static readonly Weighted<string> Industry = Weighted<string>.ByRank(Industries, 0.7);
    private static readonly Weighted<string> CompanyForms = new([("有限公司", 85), ("有限责任公司", 8), ("股份有限公司", 3), ("商行", 2), ("经营部", 2)]);

    /// <summary>A person's name of 2–4 characters: one given character about a quarter of the time (张伟), two otherwise (张伟明).</summary>
    public static string Person(Random random, Sex sex)
    {
        var surname = Surnames.Next(random);
        var given = sex == Sex.Male ? Male : Female;
        var first = given.Next(random);
        if (random.NextDouble() < 0.25)
            return string.Concat(surname, first.ToString());
        char second;
        do
            second = given.Next(random);
        while (second == first && random.NextDouble() < 0.9);
        return string.Concat(surname, first.ToString(), second.ToString());
    }

    /// <summary>A company name such as 广州市宏达建筑工程有限公司.</summary>
    public static string Company(Random random)
    {
        var first = BrandCharacters[random.Next(BrandCharacters.Length)];
        char second;
        do
            second = BrandCharacters[random.Next(BrandCharacters.Length)];
        while (second == first);
        return string.Concat(Places.Next(random), first.ToString(), second.ToString(), Industry.Next(random), CompanyForms.Next(random));
    }

    /// <summary>The two-character trade name of a company name made by <see cref="Company"/> (宏达 in 广州市宏达贸易有限公司).</summary>
    public static string? TradeName(string companyName) =>
        Places.Items.OrderByDescending(p => p.Length).FirstOrDefault(p => companyName.StartsWith(p, StringComparison.Ordinal)) is { } place
        && companyName.Length >= place.Length + 2
            ? companyName.Substring(place.Length, 2)
            : null;
}
