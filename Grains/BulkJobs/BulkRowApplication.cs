using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.BulkJobs;

/// <summary>Sends one checked row to its subject's grain: the same call, with the same command, that the single-change
/// endpoint makes, so the subject decides a bulk row exactly as it decides a court's single change.</summary>
public static class BulkRowApplication
{
    public static async Task<ChangeResult> ApplyAsync(ISubjectGrain subject, BulkCommand command, CommandContext context)
    {
        if (command.TargetCase is { } caseNumber)
        {
            var snapshot = await subject.GetSnapshot();
            if (Target(snapshot, command.Action, caseNumber) is not { } itemId)
                return ChangeResult.Refused(Refuse.NotFound("caseNumber", $"the subject has no {ItemName(command.Action)} in case {caseNumber}"));
            command = WithTarget(command, itemId);
        }
        return command.Action switch
        {
            BulkAction.Listing => await subject.CreateListing(command.CreateListing!, context),
            BulkAction.Restriction => await subject.ImposeRestriction(command.ImposeRestriction!, context),
            BulkAction.ExitBan => await subject.ImposeExitBan(command.ImposeExitBan!, context),
            BulkAction.Correction => await subject.CorrectListing(command.CorrectListing!, context),
            BulkAction.Removal => await subject.RemoveListing(command.RemoveListing!, context),
            BulkAction.RestrictionLifting => await subject.LiftRestriction(command.LiftRestriction!, context),
            BulkAction.ExitBanLifting => await subject.LiftExitBan(command.LiftExitBan!, context),
            _ => ChangeResult.Refused(Refuse.Invalid("action", $"is not an action of a bulk file: {command.Action}")),
        };
    }

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
            BulkAction.ExitBanLifting => subject.ExitBans
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
        _ => command,
    };

    private static string ItemName(BulkAction action) => action switch
    {
        BulkAction.RestrictionLifting => "consumption restriction of its own",
        BulkAction.ExitBanLifting => "exit ban",
        _ => "listing",
    };
}
