namespace Credit.ReadModels.Interceptions;

/// <summary>A subject's row in <c>intercepted_subjects</c> as reconciliation reads it. <see cref="Row"/> is null
/// when its holds are not a list of holds at all (a tampered row).</summary>
public sealed record StoredInterception(InterceptionRow? Row, InterceptionTriggers Triggers);

/// <summary>Whether the interception read model says of a subject what its stored state does.</summary>
public static class InterceptionAgreement
{
    /// <remarks>Holds are compared as their stored JSON: a hold's permissions are a list, which a record compares by reference.</remarks>
    /// <param name="expected">What the subject's state makes of it (<c>InterceptionProfile.Of</c>); null when it has no state.</param>
    /// <param name="stored">Its row in the read model; null when it has none.</param>
    public static bool Agrees(InterceptionProfile? expected, StoredInterception? stored)
    {
        if (expected is null || expected.Holds.Count == 0)
            return stored is null;
        return stored is { Row: { } row }
            && row.DocumentType == expected.DocumentType.ToString() && row.IdNumber == expected.IdNumber
            && row.Name == expected.Name && row.Sex == expected.Sex?.ToString() && row.BirthDate == expected.BirthDate
            && stored.Triggers == expected.Triggers && InterceptionJson.Write(row.Holds) == InterceptionJson.Write(expected.Holds);
    }
}
