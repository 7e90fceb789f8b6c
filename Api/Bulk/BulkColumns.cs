using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Credit.Api.Bulk;

/// <summary>The column set of a bulk file (CSV header, or the keys of a flat NDJSON line): each column's name and the Chinese
/// headers a court's own systems export, which mean the same. A column names the single-change API's field it fills.</summary>
public static partial class BulkColumns
{
    public const string Action = "action";
    public const string DocumentType = "documentType";
    public const string Number = "number";
    public const string ItemId = "itemId";
    public const string Name = "name";
    public const string Sex = "sex";
    public const string BirthDate = "birthDate";
    public const string ConfirmCreditCodeCheckOverride = "confirmCreditCodeCheckOverride";
    public const string CaseNumber = "caseNumber";
    public const string EnforcementBasisIssuer = "enforcementBasisIssuer";
    public const string EnforcementBasisNumber = "enforcementBasisNumber";
    public const string Obligation = "obligation";
    public const string AmountOwed = "amountOwed";
    public const string Performance = "performance";
    public const string AmountPerformed = "amountPerformed";
    public const string FilingDate = "filingDate";
    public const string PublicationDate = "publicationDate";
    public const string DecisionNumber = "decisionNumber";
    public const string DecisionDate = "decisionDate";
    public const string Initiative = "initiative";
    public const string LegalRepresentative = "legalRepresentative";
    public const string LegalRepresentativeDocumentType = "legalRepresentativeDocumentType";
    public const string LegalRepresentativeNumber = "legalRepresentativeNumber";
    public const string EffectiveFrom = "effectiveFrom";
    public const string OrderNumber = "orderNumber";
    public const string OrderDate = "orderDate";
    public const string StartDate = "startDate";
    public const string EndDate = "endDate";
    public const string EntityCreditCode = "entityCreditCode";
    public const string EntityName = "entityName";
    public const string EntityRole = "entityRole";
    public const string Reason = "reason";
    public const string Explanation = "explanation";
    public const string KeepConsumptionRestriction = "keepConsumptionRestriction";
    public const string EventDate = "eventDate";

    /// <summary>The six grounds of Art. 1 a listing may rest on: <c>ground</c>/<c>behaviour</c>, then <c>ground2</c>/<c>behaviour2</c>
    /// up to <c>ground6</c>/<c>behaviour6</c>.</summary>
    public static string Ground(int index) => index == 0 ? "ground" : $"ground{index + 1}";

    /// <inheritdoc cref="Ground"/>
    public static string Behaviour(int index) => index == 0 ? "behaviour" : $"behaviour{index + 1}";

    /// <summary>Every column with its Chinese headers, in the order the README documents them.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Chinese)> All =
    [
        (Action, ["操作", "操作类型"]),
        (DocumentType, ["证件类型"]),
        (Number, ["证件号码", "身份证号码", "统一社会信用代码"]),
        (ItemId, ["编号", "名单编号"]),
        (Name, ["姓名", "名称", "被执行人姓名", "被执行人名称", "被执行人姓名/名称"]),
        (Sex, ["性别"]),
        (BirthDate, ["出生日期"]),
        (ConfirmCreditCodeCheckOverride, ["确认信用代码"]),
        (CaseNumber, ["案号"]),
        (EnforcementBasisIssuer, ["作出执行依据单位", "执行依据单位"]),
        (EnforcementBasisNumber, ["执行依据文号"]),
        (Obligation, ["生效法律文书确定的义务", "义务"]),
        (AmountOwed, ["欠款金额", "执行标的金额"]),
        (Performance, ["履行情况"]),
        (AmountPerformed, ["已履行金额"]),
        (Ground(0), ["失信情形"]), (Behaviour(0), ["失信行为情形", "失信行为"]),
        (Ground(1), ["失信情形2"]), (Behaviour(1), ["失信行为情形2", "失信行为2"]),
        (Ground(2), ["失信情形3"]), (Behaviour(2), ["失信行为情形3", "失信行为3"]),
        (Ground(3), ["失信情形4"]), (Behaviour(3), ["失信行为情形4", "失信行为4"]),
        (Ground(4), ["失信情形5"]), (Behaviour(4), ["失信行为情形5", "失信行为5"]),
        (Ground(5), ["失信情形6"]), (Behaviour(5), ["失信行为情形6", "失信行为6"]),
        (FilingDate, ["立案日期"]),
        (PublicationDate, ["发布日期"]),
        (DecisionNumber, ["决定书文号"]),
        (DecisionDate, ["决定日期"]),
        (Initiative, ["启动方式"]),
        (LegalRepresentative, ["法定代表人", "法定代表人或负责人"]),
        (LegalRepresentativeDocumentType, ["法定代表人证件类型"]),
        (LegalRepresentativeNumber, ["法定代表人证件号码"]),
        (EffectiveFrom, ["生效日期"]),
        (OrderNumber, ["限制消费令文号"]),
        (OrderDate, ["限制消费令日期"]),
        (StartDate, ["开始日期", "限制出境开始日期"]),
        (EndDate, ["结束日期", "限制出境结束日期"]),
        (EntityCreditCode, ["单位统一社会信用代码"]),
        (EntityName, ["单位名称"]),
        (EntityRole, ["单位职务", "在单位的身份"]),
        (Reason, ["原因", "删除原因", "解除原因"]),
        (Explanation, ["说明"]),
        (KeepConsumptionRestriction, ["保留限制消费"]),
        (EventDate, ["事件日期", "事由发生日期"]),
    ];

    private static readonly FrozenDictionary<string, string> ByHeader = All
        .SelectMany(c => c.Chinese.Prepend(c.Name).Select(header => (header, c.Name)))
        .ToFrozenDictionary(h => h.header, h => h.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column a header names (its name in any case, or one of its Chinese headers), or null.</summary>
    public static string? Find(string header) => ByHeader.GetValueOrDefault(header.Trim());

    /// <summary>The columns every row needs.</summary>
    public static readonly IReadOnlyList<string> Required = [Action, DocumentType, Number];

    /// <summary>The file's column a refusal's field (the single-change API's name for it) comes from, or null when none
    /// does: a clerk reads a refusal of <c>enforcementBasis.issuer</c> as one of the column 作出执行依据单位.</summary>
    public static string? OfField(string field)
    {
        if (GroundField().Match(field) is { Success: true } ground && int.Parse(ground.Groups["index"].Value, CultureInfo.InvariantCulture) is var index and < 6)
            return ground.Groups["member"].Value == "ground" ? Ground(index) : Behaviour(index);
        return field switch
        {
            "listingId" or "restrictionId" or "exitBanId" => ItemId,
            "subject.name" or "subjectName" => Name,
            "subject.number" => Number,
            "subject.sex" => Sex,
            "subject.birthDate" => BirthDate,
            "subject.confirmCreditCodeCheckOverride" => ConfirmCreditCodeCheckOverride,
            "enforcementBasis" or "enforcementBasis.issuer" => EnforcementBasisIssuer,
            "enforcementBasis.documentNumber" => EnforcementBasisNumber,
            "performance" or "performance.status" => Performance,
            "performance.amountPerformed" => AmountPerformed,
            "grounds" => Ground(0),
            "responsiblePersons" or "responsiblePersons[0]" or "responsiblePersons[0].name" => LegalRepresentative,
            "responsiblePersons[0].documentType" => LegalRepresentativeDocumentType,
            "responsiblePersons[0].number" => LegalRepresentativeNumber,
            "forEntity" or "forEntity.creditCode" => EntityCreditCode,
            "forEntity.name" => EntityName,
            "forEntity.role" => EntityRole,
            _ => Find(field),
        };
    }

    [GeneratedRegex(@"^grounds\[(?<index>\d{1,2})\]\.(?<member>ground|behaviour)$")]
    private static partial Regex GroundField();

    public static string Describe(string column) =>
        All.FirstOrDefault(c => c.Name == column) is { Chinese.Length: > 0 } known ? $"{column} ({known.Chinese[0]})" : column;
}
