using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>Writes a snapshot row as the agency's <see cref="AgencyEntry"/> JSON, straight from the stored bytes: the
/// same object, property for property, that <see cref="AgencyView.Of"/> makes and the serializer writes (a test holds
/// the two to the same bytes), without the objects in between.</summary>
/// <remarks>Only holds in force on <paramref name="day"/> are written, as <see cref="AgencyView.Of"/> decides.</remarks>
public sealed class NdjsonEntryWriter(AgencyScope scope, DateOnly day)
{
    /// <summary>How the lines are written: as the serializer writes the entry (<see cref="InterceptionJson.Options"/>).</summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = InterceptionJson.Options.Encoder };

    private readonly SnapshotFields fields = new(scope);
    private readonly JsonEncodedText[][] codes = EncodedCodes(scope);
    private readonly StoredHolds holds = new();

    /// <summary>Writes the entry and returns true, or returns false and writes nothing when none of the agency's measures applies.</summary>
    public bool Write(Utf8JsonWriter writer, SnapshotRow row)
    {
        holds.Read(row.Holds);
        var triggers = InterceptionTriggers.None;
        for (var i = 0; i < holds.Count; i++)
        {
            if (CodesFor(holds[i].Trigger).Length > 0 && holds.InForceOn(i, day))
                triggers |= holds[i].Trigger;
        }
        if (triggers == InterceptionTriggers.None)
            return false;

        writer.WriteStartObject();
        writer.WriteString("documentType"u8, row.DocumentType);
        writer.WriteString("idNumber"u8, row.IdNumber);
        writer.WriteBoolean("isEntity"u8, row.IsEntity);
        if (fields.Name)
            writer.WriteString("name"u8, row.Name);
        if (fields.SexAndBirthDate)
        {
            if (row.Sex is not null)
                writer.WriteString("sex"u8, row.Sex);
            if (row.BirthDate is { } birthDate)
                WriteDate(writer, "birthDate"u8, birthDate);
        }
        WriteCodes(writer, CodesFor(triggers));
        writer.WriteStartArray("holds"u8);
        for (var i = 0; i < holds.Count; i++)
        {
            var hold = holds[i];
            var applying = CodesFor(hold.Trigger);
            if (applying.Length > 0 && holds.InForceOn(i, day))
                WriteHold(writer, i, applying);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        return true;
    }

    private void WriteHold(Utf8JsonWriter writer, int index, JsonEncodedText[] applying)
    {
        var hold = holds[index];
        writer.WriteStartObject();
        writer.WriteString("kind"u8, SnapshotFields.KindOf(hold.Trigger));
        WriteCodes(writer, applying);
        if (fields.CourtAndCase)
        {
            WriteText(writer, "court"u8, hold.Court);
            WriteText(writer, "caseNumber"u8, hold.CaseNumber);
            WriteText(writer, "decisionNumber"u8, hold.DecisionNumber);
            WriteText(writer, "decisionDate"u8, hold.DecisionDate);
        }
        if (fields.Period)
        {
            WriteText(writer, "since"u8, hold.Since);
            WriteText(writer, "until"u8, hold.Until);
        }
        if (fields.AmountOwed && hold.AmountOwed.IsPresent)
        {
            writer.WritePropertyName("amountOwed"u8);
            writer.WriteRawValue(holds.Text(hold.AmountOwed), skipInputValidation: true);
        }
        if (fields.LegalRepresentative)
        {
            WriteText(writer, "legalRepresentative"u8, hold.LegalRepresentative);
            WriteText(writer, "representedEntity"u8, hold.RepresentedEntity);
        }
        WritePermissions(writer, index, applying);
        writer.WriteEndObject();
    }

    /// <summary>The permissions <see cref="AgencyView.PermissionsFor"/> gives the agency; nothing when there are none.</summary>
    private void WritePermissions(Utf8JsonWriter writer, int index, JsonEncodedText[] applying)
    {
        var started = false;
        foreach (var permission in holds.Permissions(index))
        {
            if (!holds.NotEndedOn(permission, day) || !Applies(holds.Text(permission.Measure), applying))
                continue;
            if (!started)
            {
                writer.WriteStartArray("permissions"u8);
                started = true;
            }
            writer.WriteStartObject();
            WriteText(writer, "id"u8, permission.Id);
            WriteText(writer, "measure"u8, permission.Measure);
            WriteText(writer, "from"u8, permission.From);
            WriteText(writer, "until"u8, permission.Until);
            writer.WriteEndObject();
        }
        if (started)
            writer.WriteEndArray();
    }

    private static bool Applies(ReadOnlySpan<byte> measure, JsonEncodedText[] applying)
    {
        foreach (var code in applying)
        {
            if (measure.SequenceEqual(code.EncodedUtf8Bytes))
                return true;
        }
        return false;
    }

    private void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> property, TextRange value)
    {
        if (value.IsPresent)
            writer.WriteString(property, holds.Text(value));
    }

    private static void WriteCodes(Utf8JsonWriter writer, JsonEncodedText[] measures)
    {
        writer.WriteStartArray("measures"u8);
        foreach (var code in measures)
            writer.WriteStringValue(code);
        writer.WriteEndArray();
    }

    private static void WriteDate(Utf8JsonWriter writer, ReadOnlySpan<byte> property, DateOnly date)
    {
        Span<byte> text = stackalloc byte[SnapshotFields.DateLength];
        writer.WriteString(property, text[..SnapshotFields.Format(date, text)]);
    }

    private JsonEncodedText[] CodesFor(InterceptionTriggers triggers) => codes[(int)(triggers & InterceptionTriggers.Any)];

    private static JsonEncodedText[][] EncodedCodes(AgencyScope scope) =>
        InterceptionTriggerTable.For(triggers => scope.MeasureCodesFor(triggers).Select(code => JsonEncodedText.Encode(code)).ToArray());
}
