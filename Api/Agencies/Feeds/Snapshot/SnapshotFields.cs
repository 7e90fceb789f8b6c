using System.Globalization;
using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>The fields an agency receives, asked once per snapshot instead of once per row.</summary>
public sealed class SnapshotFields(AgencyScope scope)
{
    private static readonly JsonEncodedText[] Kinds = InterceptionTriggerTable.For(triggers => JsonEncodedText.Encode(AgencyView.KindOf(triggers)));

    /// <summary>Bytes of a date as agencies receive it, <c>yyyy-MM-dd</c>.</summary>
    public const int DateLength = 10;

    public bool Name { get; } = scope.Receives(AgencyField.Name);
    public bool SexAndBirthDate { get; } = scope.Receives(AgencyField.SexAndBirthDate);
    public bool CourtAndCase { get; } = scope.Receives(AgencyField.CourtAndCase);
    public bool Period { get; } = scope.Receives(AgencyField.Period);
    public bool AmountOwed { get; } = scope.Receives(AgencyField.AmountOwed);
    public bool LegalRepresentative { get; } = scope.Receives(AgencyField.LegalRepresentative);

    /// <summary>The hold's kind as <see cref="AgencyView.KindOf"/> names it, encoded once.</summary>
    public static JsonEncodedText KindOf(InterceptionTriggers trigger) => Kinds[(int)(trigger & InterceptionTriggers.Any)];

    /// <summary>Writes <paramref name="date"/> as the serializer writes a <see cref="DateOnly"/> (<c>yyyy-MM-dd</c>); returns the bytes written.</summary>
    public static int Format(DateOnly date, Span<byte> utf8)
    {
        date.TryFormat(utf8, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return written;
    }
}
