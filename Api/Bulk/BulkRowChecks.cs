using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credit.Api.ExitBans;
using Credit.Api.Listings;
using Credit.Api.Problems;
using Credit.Api.Restrictions;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.BulkJobs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using C = Credit.Api.Bulk.BulkColumns;

namespace Credit.Api.Bulk;

/// <summary>Checks one row as the single-change endpoint of its action checks a request: the same request record, the same
/// <c>ToCommand</c> and <see cref="SubjectRoute.Resolve"/>, in the same order, so a row is refused on intake exactly when, and
/// for exactly what, the endpoint would answer 400; the rest (the law, the court's own cases) the subject decides when the
/// job applies the row, as it decides a single change.</summary>
public sealed class BulkRowChecks(IOptions<JsonOptions> json)
{
    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    public NewBulkRow Check(RawBulkRow row)
    {
        var actionText = row[C.Action]?.Trim() ?? "";
        var documentType = BulkActions.DocumentTypeSlug(row[C.DocumentType]);
        var number = row[C.Number]?.Trim() ?? "";
        if (row.Unreadable is { } unreadable)
            return Refused(row, actionText, documentType, number, [unreadable]);
        if (!BulkActions.TryParse(actionText, out var action))
            return Refused(row, actionText, documentType, number, [Invalid(C.Action, actionText.Length == 0 ? "is required" : BulkActions.Rule)]);

        actionText = BulkActions.NameOf(action);
        if (row.Request is not null && row.Cells.Keys.FirstOrDefault(c => !MayStandBesideRequest(action, c)) is { } beside)
            return Refused(row, actionText, documentType, number, [Invalid(beside, BesideRequestRule(beside, actionText))]);
        var errors = new RequestErrors();
        var cells = new Cells(row);
        SubjectId subject;
        BulkCommand? command;
        object? request;
        switch (action)
        {
            case BulkAction.Listing:
            {
                var body = Read(row, cells, FlatRequests.Listing, out var unread);
                if (body is null)
                    return Refused(row, actionText, documentType, number, unread);
                subject = SubjectRoute.Resolve(documentType, number, errors, body.Subject?.ConfirmCreditCodeCheckOverride == true);
                command = new BulkCommand(action, "", CreateListing: body.ToCommand(errors));
                request = body;
                break;
            }
            case BulkAction.Restriction:
            {
                var body = Read(row, cells, FlatRequests.Restriction, out var unread);
                if (body is null)
                    return Refused(row, actionText, documentType, number, unread);
                subject = SubjectRoute.Resolve(documentType, number, errors, body.Subject?.ConfirmCreditCodeCheckOverride == true);
                command = new BulkCommand(action, "", ImposeRestriction: body.ToCommand(errors));
                request = body;
                break;
            }
            case BulkAction.ExitBan:
            {
                var body = Read(row, cells, FlatRequests.ExitBan, out var unread);
                if (body is null)
                    return Refused(row, actionText, documentType, number, unread);
                subject = SubjectRoute.Resolve(documentType, number, errors);
                command = new BulkCommand(action, "", ImposeExitBan: body.ToCommand(errors));
                request = body;
                break;
            }
            default:
            {
                subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
                var (itemId, targetCase) = Target(cells, errors);
                (command, request) = ToExisting(row, cells, action, itemId ?? Guid.Empty, errors, out var unread);
                if (command is null)
                    return Refused(row, actionText, documentType, number, unread);
                command = command with { TargetCase = targetCase };
                break;
            }
        }

        if (row.Request is null)
            foreach (var column in cells.FilledButNotRead().Where(column => column is not (C.Action or C.DocumentType or C.Number)))
                errors.Add(column, column == C.CaseNumber && command.TargetCase is null && cells.Has(C.ItemId)
                    ? "names the item a second way beside itemId, which it is not checked against: give the itemId or the caseNumber, not both"
                    : $"is not taken by a row of action {actionText}: leave it empty (the change it names needs a row of its own action, or a single request)");
        // A file renames no one: a correction of a recorded name is a court's single, explained decision (Art. 9).
        if ((command.CreateListing?.Subject ?? command.ImposeRestriction?.Subject ?? command.ImposeExitBan?.Subject)?.NameCorrection is not null)
            errors.Add("subject.nameCorrection", "is not taken in a bulk file; correct a recorded name with a single request");
        var problems = cells.Problems.Select(p => Invalid(p.Field, p.Rule))
            .Concat(errors.ToDictionary().Where(e => !cells.WasUnreadable(e.Key)).SelectMany(e => e.Value.Select(rule => Invalid(e.Key, rule))))
            .ToList();
        if (problems.Count > 0)
            return Refused(row, actionText, documentType, number, problems);
        var fingerprint = Fingerprint(action, subject, command.TargetCase, row[C.ItemId], request!);
        return new NewBulkRow(row.Line, BulkActions.NameOf(action), documentType, number, subject.Key, command with { Fingerprint = fingerprint }, []);
    }

    private (BulkCommand? Command, object? Request) ToExisting(RawBulkRow row, Cells cells, BulkAction action, Guid itemId, RequestErrors errors,
        out List<BulkRowProblem> unread)
    {
        switch (action)
        {
            case BulkAction.Correction:
                return Read(row, cells, FlatRequests.Correction, out unread) is { } correction
                    ? (new BulkCommand(action, "", CorrectListing: correction.ToCommand(itemId, errors)), correction) : (null, null);
            case BulkAction.Removal:
                return Read(row, cells, FlatRequests.Removal, out unread) is { } removal
                    ? (new BulkCommand(action, "", RemoveListing: removal.ToCommand(itemId, errors)), removal) : (null, null);
            case BulkAction.RestrictionLifting:
                return Read(row, cells, FlatRequests.RestrictionLifting, out unread) is { } lifting
                    ? (new BulkCommand(action, "", LiftRestriction: lifting.ToCommand(itemId, errors)), lifting) : (null, null);
            case BulkAction.ExitBanLifting:
                return Read(row, cells, FlatRequests.ExitBanLifting, out unread) is { } banLifting
                    ? (new BulkCommand(action, "", LiftExitBan: banLifting.ToCommand(itemId, errors)), banLifting) : (null, null);
            case BulkAction.ExitBanCorrection:
                return Read(row, cells, FlatRequests.ExitBanCorrection, out unread) is { } banCorrection
                    ? (new BulkCommand(action, "", CorrectExitBan: banCorrection.ToCommand(itemId, errors)), banCorrection) : (null, null);
            default:
                unread = [];
                return (null, null);
        }
    }

    /// <summary>The listing, restriction or ban a correction, removal or lifting means: by its id, as the single-change path
    /// names it, or by the case it was made in.</summary>
    private static (Guid? ItemId, CaseNumber? Case) Target(Cells cells, RequestErrors errors)
    {
        var itemId = cells.Id(C.ItemId, C.ItemId);
        if (itemId is not null || cells.WasUnreadable(C.ItemId))
            return (itemId, null);
        if (cells.Text(C.CaseNumber) is { } caseNumber)
        {
            var parsed = errors.CaseNumber(caseNumber.Trim());
            return (null, errors.Any ? null : parsed);
        }
        errors.Add(C.ItemId, "or caseNumber is required: the id the court was given for the listing, restriction or ban, or the case it was made in");
        return (null, null);
    }

    /// <summary>The row's request: an NDJSON row's <c>request</c> read as the endpoint reads its body (the same JSON options and
    /// the same answer when a member cannot be read), or the flat row's cells.</summary>
    private T? Read<T>(RawBulkRow row, Cells cells, Func<Cells, T> flat, out List<BulkRowProblem> unread) where T : class
    {
        unread = [];
        if (row.Request is not { } body)
            return flat(cells);
        try
        {
            if (body.Deserialize<T>(Json) is { } request)
                return request;
            unread.Add(Invalid("request", "is required"));
        }
        catch (JsonException error)
        {
            var path = error.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "request";
            unread.Add(Invalid(path, BadRequestExceptionHandler.RuleOf(error, BindingTarget.OfField(typeof(T), Json, path))));
        }
        return null;
    }

    /// <summary>Identifies the row's request, and with it the row's idempotency key: 128 bits of its SHA-256, in hex.</summary>
    private string Fingerprint(BulkAction action, SubjectId subject, CaseNumber? target, string? itemId, object request)
    {
        var text = $"{action}\n{subject.Key}\n{target}\n{itemId}\n{JsonSerializer.Serialize(request, request.GetType(), Json)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    /// <summary>Beside a request only what names the row's subject, and for a correction, removal or lifting its target, may
    /// stand: a name or an amount there would be read by nobody, and the court would believe it applied.</summary>
    private static bool MayStandBesideRequest(BulkAction action, string column) =>
        column is C.Action or C.DocumentType or C.Number
        || (column is C.ItemId or C.CaseNumber && action is not (BulkAction.Listing or BulkAction.Restriction or BulkAction.ExitBan));

    private static string BesideRequestRule(string column, string actionText) =>
        column is C.ItemId or C.CaseNumber
            ? $"must not be given beside request for a new {actionText}: its case goes in request.caseNumber"
            : "must not be given beside request: put it in request, or send the row flat without request";

    private static BulkRowProblem Invalid(string field, string rule) => new(nameof(RefusalKind.Invalid), field, rule);

    private static NewBulkRow Refused(RawBulkRow row, string action, string documentType, string number, IReadOnlyList<BulkRowProblem> problems) =>
        new(row.Line, ShownText.Of(action), ShownText.Of(documentType), ShownText.Of(number), null, null, problems);
}
