using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Feeds;
using Credit.Api.Agencies.Feeds.Snapshot;
using Credit.ReadModels.Interceptions;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Agencies;

/// <summary>The snapshot writes its lines straight from the stored bytes. Every agency of the shipped catalogue must get
/// exactly what the object path gives it (<see cref="AgencyView.Of"/>, then the serializer, as the change feed does):
/// the same JSON, byte for byte, and CSV lines with the same values, with the same holds in force on the day.</summary>
public class SnapshotWriterTests
{
    private static readonly IReadOnlyList<AgencyScope> Scopes = AllScopes();
    private static readonly DateOnly Day = new(2026, 12, 1);

    public static TheoryData<string> Agencies() => [.. Scopes.Select(s => s.Agency.Code)];

    [Theory]
    [MemberData(nameof(Agencies))]
    public void Ndjson_lines_equal_what_the_agency_view_serialises(string agency)
    {
        var scope = Scopes.Single(s => s.Agency.Code == agency);
        var writer = new NdjsonEntryWriter(scope, Day);
        var written = 0;
        foreach (var (row, holds) in Rows())
        {
            foreach (var stored in StoredForms(holds))
            {
                var expected = AgencyView.Of(ObjectRow(row, holds), scope, Day);
                var actual = Ndjson(writer, row with { Holds = Encoding.UTF8.GetBytes(stored) });
                Assert.Equal(expected is null ? null : JsonSerializer.Serialize(expected, InterceptionJson.Options), actual);
                written += actual is null ? 0 : 1;
            }
        }
        Assert.True(written > 0, "every agency intercepts some of these rows");
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public void Csv_lines_hold_the_agency_view_values_one_line_per_hold(string agency)
    {
        var scope = Scopes.Single(s => s.Agency.Code == agency);
        var writer = new CsvEntryWriter(scope, Day);
        var header = Csv(output => writer.WriteHeader(output));
        var columns = header.TrimEnd('\n').Split(',');
        foreach (var (row, holds) in Rows())
        {
            foreach (var stored in StoredForms(holds))
            {
                var entry = AgencyView.Of(ObjectRow(row, holds), scope, Day);
                var expected = entry is null ? "" : string.Concat(entry.Holds.Select(h => string.Join(',', columns.Select(c => Field(ValueOf(c, entry, h)))) + "\n"));
                Assert.Equal(expected, Csv(output => writer.Write(output, row with { Holds = Encoding.UTF8.GetBytes(stored) })));
            }
        }
    }

    [Fact]
    public void Csv_quotes_commas_and_quotes_and_defuses_formulas()
    {
        var scope = Scopes.Single(s => s.Agency.Code == "railway");
        var writer = new CsvEntryWriter(scope, Day);
        var holds = new[] { Hold(InterceptionTriggers.ConsumptionRestriction) };
        var row = Row("=HYPERLINK(\"x\"),王", holds);

        var line = Csv(output => writer.Write(output, row));

        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\"),王\",", line, StringComparison.Ordinal);
    }

    private static string? Ndjson(NdjsonEntryWriter writer, SnapshotRow row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, NdjsonEntryWriter.WriterOptions);
        if (!writer.Write(json, row))
        {
            json.Flush();
            Assert.Equal(0, buffer.WrittenCount);
            return null;
        }
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Csv(Func<IBufferWriter<byte>, int> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var count = write(buffer);
        Assert.Equal(buffer.WrittenCount, count);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? ValueOf(string column, AgencyEntry entry, AgencyHold hold) => column switch
    {
        "documentType" => entry.DocumentType,
        "idNumber" => entry.IdNumber,
        "name" => entry.Name,
        "sex" => entry.Sex,
        "birthDate" => entry.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "kind" => hold.Kind,
        "measures" => string.Join(';', hold.Measures),
        "court" => hold.Court,
        "caseNumber" => hold.CaseNumber,
        "decisionNumber" => hold.DecisionNumber,
        "decisionDate" => hold.DecisionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "since" => hold.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "until" => hold.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "amountOwed" => hold.AmountOwed?.ToString(CultureInfo.InvariantCulture),
        "legalRepresentative" => hold.LegalRepresentative,
        "representedEntity" => hold.RepresentedEntity,
        "permissions" => hold.Permissions is null ? null : string.Join(';', hold.Permissions.Select(p =>
            FormattableString.Invariant($"{p.Measure} {p.From:yyyy-MM-dd}/{p.Until:yyyy-MM-dd} {p.Id}"))),
        _ => throw new ArgumentException($"unexpected column {column}"),
    };

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        var text = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The holds as the projection writes them, and as PostgreSQL's jsonb gives them back (keys reordered, spaces).</summary>
    private static IEnumerable<string> StoredForms(IReadOnlyList<InterceptionHold> holds)
    {
        var written = InterceptionJson.Write(holds);
        yield return written;
        var reordered = new JsonArray([.. JsonNode.Parse(written)!.AsArray().Select(hold =>
            (JsonNode)new JsonObject(hold!.AsObject().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))))]);
        yield return reordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static IEnumerable<(SnapshotRow Row, InterceptionHold[] Holds)> Rows()
    {
        yield return (Row("王小明"), [Hold(InterceptionTriggers.DishonestListing), Hold(InterceptionTriggers.ConsumptionRestriction)]);
        yield return (Row("李\"引号\",逗号"), [Hold(InterceptionTriggers.ConsumptionRestriction) with { Until = new DateOnly(2027, 3, 1), AmountOwed = 1234.50m }]);
        yield return (Row("+张三\n换行"), [Hold(InterceptionTriggers.ExitBan) with { Until = new DateOnly(2026, 12, 31), AmountOwed = null }]);
        yield return (Row("陈大文"), [Hold(InterceptionTriggers.DishonestListing), Hold(InterceptionTriggers.ExitBan)]);
        // Decisions (list rules Art. 5) and a permission for necessary travel (consumption rules Art. 8) that ended long ago.
        yield return (Row("周\"决定\""), [Hold(InterceptionTriggers.DishonestListing) with { DecisionNumber = "(2024)粤0103执1234号之一", DecisionDate = new DateOnly(2024, 5, 30) },
            Hold(InterceptionTriggers.ConsumptionRestriction) with
            {
                DecisionNumber = "=(2024)粤0103执1234号限制消费令", DecisionDate = new DateOnly(2024, 5, 31),
                Permissions = [new HoldPermission(Guid.NewGuid(), "C01", new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 3))],
            },
            Hold(InterceptionTriggers.ExitBan) with { DecisionNumber = "(2024)粤0103执1234号之二", Until = new DateOnly(2024, 12, 1) }]);
        // Permissions for necessary travel (consumption rules Art. 8): each agency gets those of its measures that have not ended.
        yield return (Row("郑\"出行\""), [Hold(InterceptionTriggers.DishonestListing), Hold(InterceptionTriggers.ConsumptionRestriction) with
        {
            Permissions =
            [
                new HoldPermission(Guid.NewGuid(), "C01", Day.AddDays(-1), Day),
                new HoldPermission(Guid.NewGuid(), "C02", Day.AddDays(2), Day.AddDays(5)),
                new HoldPermission(Guid.NewGuid(), "C01", Day.AddDays(-5), Day.AddDays(-1)),
                new HoldPermission(Guid.NewGuid(), "C03", Day.AddDays(-3), Day.AddDays(3)),
            ],
        }]);
        yield return (Row("赵六") with { Sex = null, BirthDate = null },
            [Hold(InterceptionTriggers.ConsumptionRestriction) with { RepresentedEntity = "广州市宏达建筑工程有限公司", AmountOwed = 0.01m }]);
        var entity = new SnapshotRow(Encoding.UTF8.GetBytes("CreditCode"), Encoding.UTF8.GetBytes(Identities.CreditCode()),
            Encoding.UTF8.GetBytes("广州市\"宏达\"建筑工程有限公司"), null, null, []);
        yield return (entity, [Hold(InterceptionTriggers.DishonestListing) with { LegalRepresentative = "@钱七", AmountOwed = 98765432.10m },
            Hold(InterceptionTriggers.ConsumptionRestriction) with { LegalRepresentative = "@钱七" }]);
        // Holds not in force on the day: a ban that starts tomorrow, one whose last day was yesterday, beside one in force.
        yield return (Row("孙未起"), [Hold(InterceptionTriggers.ExitBan) with { Since = Day.AddDays(1), Until = Day.AddMonths(3), AmountOwed = null }]);
        yield return (Row("周已满"), [Hold(InterceptionTriggers.ExitBan) with { Since = Day.AddMonths(-3), Until = Day.AddDays(-1), AmountOwed = null },
            Hold(InterceptionTriggers.ConsumptionRestriction)]);
        yield return (Row("吴今起"), [Hold(InterceptionTriggers.ExitBan) with { Since = Day, Until = Day.AddMonths(6), AmountOwed = null },
            Hold(InterceptionTriggers.DishonestListing) with { Since = Day.AddYears(-2), Until = Day }]);
    }

    private static SnapshotRow Row(string name, InterceptionHold[]? holds = null) => new(
        Encoding.UTF8.GetBytes("ResidentId"), Encoding.UTF8.GetBytes(Identities.AdultResidentId()), Encoding.UTF8.GetBytes(name),
        Encoding.UTF8.GetBytes("Male"), new DateOnly(1980, 5, 17), holds is null ? [] : Encoding.UTF8.GetBytes(InterceptionJson.Write(holds)));

    private static InterceptionHold Hold(InterceptionTriggers trigger) =>
        new(trigger, Guid.NewGuid(), "粤0103", "(2024)粤0103执1234号", new DateOnly(2024, 6, 1), null, 50000m, null, null);

    private static InterceptionRow ObjectRow(SnapshotRow row, IReadOnlyList<InterceptionHold> holds) => new(
        Encoding.UTF8.GetString(row.DocumentType), Encoding.UTF8.GetString(row.IdNumber), Encoding.UTF8.GetString(row.Name),
        row.Sex is null ? null : Encoding.UTF8.GetString(row.Sex), row.BirthDate, holds);

    private static List<AgencyScope> AllScopes()
    {
        var catalogue = CatalogueFiles.Shipped();
        return [.. catalogue.Agencies.Values.Select(a => new AgencyScope(a, catalogue.MeasuresOf(a), catalogue.TriggersOf(a)))];
    }
}
