using System.Globalization;
using System.Text;
using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Bench.Bulk;

/// <summary>Writes the bench's bulk file: one listing a row for a new subject, in the Liwan court's own cases, under the
/// Chinese header a court's system exports. Returns the ID number of each row, in file order.</summary>
public static class ListingFile
{
    private const string Header = "操作,证件类型,证件号码,姓名,案号,执行依据单位,执行依据文号,生效法律文书确定的义务,欠款金额,履行情况,失信情形,失信行为情形,立案日期,发布日期,决定书文号,决定日期,启动方式";

    public static async Task<List<string>> WriteAsync(string path, int rows, int seed, DateOnly today, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var identities = new SyntheticIdentities(random, today);
        var ids = new List<string>(rows);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var year = today.Year;
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        await file.WriteLineAsync(Header);
        for (var i = 0; i < rows; i++)
        {
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            var id = identities.ResidentId(sex).Value;
            ids.Add(id);
            var caseNumber = $"({year})粤0103执{i + 1}号";
            var amount = (random.Next(1_000, 5_000_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            await file.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"列入失信名单,居民身份证,{id},{ChineseNames.Person(random, sex)},{caseNumber},广州市荔湾区人民法院,({year - 1})粤0103民初{i + 1}号,支付货款{amount}元及利息,{amount},NotPerformed,RefusesDespiteAbility,有履行能力而拒不履行生效法律文书确定义务,{year}-01-02,{day},{caseNumber}之一,{day},CreditorApplication"));
            if (i % 10_000 == 0)
                cancellationToken.ThrowIfCancellationRequested();
        }
        return ids;
    }
}
