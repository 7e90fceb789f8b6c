using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>The courts on the platform (table <c>courts</c>): Art. 12 sends a rejected objection to the next-higher court, and
/// only a court on the platform can take it up.</summary>
public interface IPlatformCourts
{
    Task<bool> IsOnPlatformAsync(CourtCode court, CancellationToken cancellationToken = default);
}
