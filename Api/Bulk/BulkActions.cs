using System.Collections.Frozen;
using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Bulk;

/// <summary>The values of the <c>action</c> and <c>documentType</c> columns: the API's names, or the Chinese a court writes.</summary>
public static class BulkActions
{
    public static readonly IReadOnlyList<(BulkAction Action, string Name, string[] Chinese)> All =
    [
        (BulkAction.Listing, "listing", ["列入失信名单", "失信", "纳入失信名单"]),
        (BulkAction.Restriction, "restriction", ["限制消费", "限制高消费"]),
        (BulkAction.ExitBan, "exit-ban", ["限制出境"]),
        (BulkAction.Correction, "correction", ["更正", "更正失信信息"]),
        (BulkAction.Removal, "removal", ["删除", "删除失信信息", "屏蔽"]),
        (BulkAction.RestrictionLifting, "restriction-lifting", ["解除限制消费"]),
        (BulkAction.ExitBanLifting, "exit-ban-lifting", ["解除限制出境"]),
        (BulkAction.ExitBanCorrection, "exit-ban-correction", ["更正限制出境"]),
    ];

    private static readonly FrozenDictionary<string, BulkAction> ByName = All
        .SelectMany(a => a.Chinese.Prepend(a.Name).Select(name => (name, a.Action)))
        .ToFrozenDictionary(a => a.name, a => a.Action, StringComparer.OrdinalIgnoreCase);

    public static string Rule => $"must be one of {string.Join(", ", All.Select(a => $"{a.Name} ({a.Chinese[0]})"))}";

    public static bool TryParse(string? value, out BulkAction action) => ByName.TryGetValue(value?.Trim() ?? "", out action);

    public static string NameOf(BulkAction action) => All.First(a => a.Action == action).Name;

    private static readonly FrozenDictionary<string, string> DocumentTypeSlugs = new Dictionary<string, string>
    {
        ["居民身份证"] = DocumentType.ResidentId.Slug(),
        ["身份证"] = DocumentType.ResidentId.Slug(),
        ["统一社会信用代码"] = DocumentType.CreditCode.Slug(),
        ["护照"] = DocumentType.Passport.Slug(),
        ["港澳居民来往内地通行证"] = DocumentType.HongKongMacaoPermit.Slug(),
        ["台湾居民来往大陆通行证"] = DocumentType.TaiwanPermit.Slug(),
    }.ToFrozenDictionary();

    /// <summary>The API's slug for a document type written in Chinese; anything else as it was written.</summary>
    public static string DocumentTypeSlug(string? value) =>
        value is null ? "" : DocumentTypeSlugs.GetValueOrDefault(value.Trim(), value.Trim());
}
