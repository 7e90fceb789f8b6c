namespace Credit.ReadModels.Interceptions;

/// <summary>A court's permission for a restricted person's necessary travel under one measure, from <see cref="From"/>
/// through <see cref="Until"/> (consumption rules Art. 8), as agencies' checks and hit reports see it. The reason stays
/// with the court: it can be a matter of health.</summary>
public sealed record HoldPermission(Guid Id, string Measure, DateOnly From, DateOnly Until)
{
    public bool CoversDay(DateOnly day) => From <= day && day <= Until;
}
