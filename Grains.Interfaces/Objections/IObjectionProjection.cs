namespace Credit.Grains.Interfaces.Objections;

/// <summary>Writes an objection into the courts' queue and the receipt lookup (read model <c>objections</c>); an older
/// version never overwrites a newer one.</summary>
public interface IObjectionProjection
{
    Task ProjectAsync(ObjectionView objection, CancellationToken cancellationToken = default);
}
