using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;

namespace Credit.Grains.BulkJobs;

/// <summary>Decides one checked row on its subject: the same decision of <see cref="Subject"/>, on the same command, that
/// the single-change endpoint's call reaches, so the subject decides a bulk row exactly as it decides a court's single change.</summary>
public static class BulkRowApplication
{
    public static Decision Decide(Subject subject, BulkCommand command, CommandContext context)
    {
        if (command.TargetCase is { } caseNumber)
        {
            // The item as the rows before this one left it.
            if (Target(subject.State.ToSnapshot(), command.Action, caseNumber) is not { } itemId)
                return Refuse.NotFound("caseNumber", $"the subject has no {ItemName(command.Action)} in case {caseNumber}");
            command = WithTarget(command, itemId);
        }
        return command.Action switch
        {
            BulkAction.Listing => subject.CreateListing(command.CreateListing!, context),
            BulkAction.Restriction => subject.ImposeRestriction(command.ImposeRestriction!, context),
            BulkAction.ExitBan => subject.ImposeExitBan(command.ImposeExitBan!, context),
            BulkAction.Correction => subject.CorrectListing(command.CorrectListing!, context),
            BulkAction.Removal => subject.RemoveListing(command.RemoveListing!, context),
            BulkAction.RestrictionLifting => subject.LiftRestriction(command.LiftRestriction!, context),
            BulkAction.ExitBanLifting => subject.LiftExitBan(command.LiftExitBan!, context),
            BulkAction.ExitBanCorrection => subject.CorrectExitBan(command.CorrectExitBan!, context),
            _ => Refuse.Invalid("action", $"is not an action of a bulk file: {command.Action}"),
        };
    }

    /// <summary>Whether a row whose key the subject remembers is that earlier change come again. A row that names its case
    /// means the case's item in force: when that is no longer the item the row acted on (the listing it removed was listed
    /// again since, under a new decision), the same removal sent months later is a new change, to be made, not answered as
    /// made.</summary>
    /// <param name="madeEarlierInCall">The items the rows before this one in the same call made or were answered as having
    /// made, by kind and case: a file sent again that lists a case and then removes it means, by its removal, the listing its
    /// own listing row made, not one listed since.</param>
    public static bool IsReplay(SubjectState subject, BulkCommand command, Decision earlier, IReadOnlyDictionary<(BulkAction, CaseNumber), Guid> madeEarlierInCall)
    {
        if (earlier.Refusal is not null || command.TargetCase is not { } caseNumber)
            return true;
        var meant = madeEarlierInCall.TryGetValue((MadeBy(command.Action), caseNumber), out var made) ? made
            : Target(subject.ToSnapshot(), command.Action, caseNumber);
        return meant is not { } item || item == earlier.ItemId;
    }

    /// <summary>The kind and case of the item a row that makes one (a listing, a restriction, an exit ban) made.</summary>
    public static (BulkAction Kind, CaseNumber Case)? Made(BulkCommand command) => command.Action switch
    {
        BulkAction.Listing => (BulkAction.Listing, command.CreateListing!.CaseNumber),
        BulkAction.Restriction => (BulkAction.Restriction, command.ImposeRestriction!.CaseNumber),
        BulkAction.ExitBan => (BulkAction.ExitBan, command.ImposeExitBan!.CaseNumber),
        _ => null,
    };

    /// <summary>The action that makes the kind of item a correction, removal or lifting acts on.</summary>
    private static BulkAction MadeBy(BulkAction action) => action switch
    {
        BulkAction.RestrictionLifting => BulkAction.Restriction,
        BulkAction.ExitBanLifting or BulkAction.ExitBanCorrection => BulkAction.ExitBan,
        _ => BulkAction.Listing,
    };

    /// <summary>The item of the case the row means: the one in force, or else the latest one, so that a row applied before a
    /// restart reaches its subject again under its key and is answered as applied rather than as not found.</summary>
    private static Guid? Target(SubjectSnapshot? subject, BulkAction action, CaseNumber caseNumber)
    {
        if (subject is null)
            return null;
        var items = action switch
        {
            BulkAction.Correction or BulkAction.Removal => subject.Listings
                .Where(l => l.CaseNumber == caseNumber)
                .Select(l => (l.Id, InForce: l.Status == Interfaces.Listings.ListingStatus.Active)),
            BulkAction.RestrictionLifting => subject.Restrictions
                .Where(r => r.CaseNumber == caseNumber && r.RepresentedEntity is null)
                .Select(r => (r.Id, InForce: r.Status == Interfaces.Restrictions.RestrictionStatus.Active)),
            BulkAction.ExitBanLifting or BulkAction.ExitBanCorrection => subject.ExitBans
                .Where(b => b.CaseNumber == caseNumber)
                .Select(b => (b.Id, InForce: b.Status == Interfaces.ExitBans.ExitBanStatus.Active)),
            _ => [],
        };
        var list = items.ToList();
        if (list.Count == 0)
            return null;
        var inForce = list.FindLast(i => i.InForce);
        return inForce.Id != Guid.Empty ? inForce.Id : list[^1].Id;
    }

    private static BulkCommand WithTarget(BulkCommand command, Guid itemId) => command.Action switch
    {
        BulkAction.Correction => command with { CorrectListing = command.CorrectListing! with { ListingId = itemId } },
        BulkAction.Removal => command with { RemoveListing = command.RemoveListing! with { ListingId = itemId } },
        BulkAction.RestrictionLifting => command with { LiftRestriction = command.LiftRestriction! with { RestrictionId = itemId } },
        BulkAction.ExitBanLifting => command with { LiftExitBan = command.LiftExitBan! with { ExitBanId = itemId } },
        BulkAction.ExitBanCorrection => command with { CorrectExitBan = command.CorrectExitBan! with { ExitBanId = itemId } },
        _ => command,
    };

    private static string ItemName(BulkAction action) => action switch
    {
        BulkAction.RestrictionLifting => "consumption restriction of its own",
        BulkAction.ExitBanLifting or BulkAction.ExitBanCorrection => "exit ban",
        _ => "listing",
    };
}
