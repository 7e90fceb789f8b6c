using System.Buffers;
using System.Text;
using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>Writes a snapshot row as CSV, one line per hold behind the agency's measures, with only the columns the
/// agency receives; UTF-8 straight from the stored bytes, like <see cref="NdjsonEntryWriter"/>. Only holds in force on
/// the snapshot's day are written. An agency whose measures follow consumption restrictions also gets the court's
/// permissions for necessary travel (consumption rules Art. 8) in one column: <c>measure from/until id</c> each, joined by <c>;</c>.</summary>
public sealed class CsvEntryWriter
{
    private enum Column { DocumentType, IdNumber, Name, Sex, BirthDate, Kind, Measures, Court, CaseNumber, DecisionNumber, DecisionDate, Since, Until, AmountOwed, LegalRepresentative, RepresentedEntity, Permissions }

    private readonly Column[] columns;
    private readonly byte[][] joinedCodes;
    private readonly byte[][][] codes;
    private byte[] permissions = new byte[256];
    private readonly StoredHolds holds = new();
    private readonly byte[] date = new byte[SnapshotFields.DateLength];
    private readonly DateOnly day;

    public CsvEntryWriter(AgencyScope scope, DateOnly day)
    {
        this.day = day;
        var fields = new SnapshotFields(scope);
        List<Column> chosen = [Column.DocumentType, Column.IdNumber];
        if (fields.Name)
            chosen.Add(Column.Name);
        if (fields.SexAndBirthDate)
            chosen.AddRange([Column.Sex, Column.BirthDate]);
        chosen.AddRange([Column.Kind, Column.Measures]);
        if (fields.CourtAndCase)
            chosen.AddRange([Column.Court, Column.CaseNumber, Column.DecisionNumber, Column.DecisionDate]);
        if (fields.Period)
            chosen.AddRange([Column.Since, Column.Until]);
        if (fields.AmountOwed)
            chosen.Add(Column.AmountOwed);
        if (fields.LegalRepresentative)
            chosen.AddRange([Column.LegalRepresentative, Column.RepresentedEntity]);
        if (scope.MeasureCodesFor(InterceptionTriggers.ConsumptionRestriction).Count > 0)
            chosen.Add(Column.Permissions);
        columns = [.. chosen];
        joinedCodes = InterceptionTriggerTable.For(triggers => Encoding.UTF8.GetBytes(string.Join(';', scope.MeasureCodesFor(triggers))));
        codes = InterceptionTriggerTable.For(triggers => scope.MeasureCodesFor(triggers).Select(Encoding.UTF8.GetBytes).ToArray());
    }

    /// <summary>The header line.</summary>
    public int WriteHeader(IBufferWriter<byte> output)
    {
        var header = Encoding.UTF8.GetBytes(string.Join(',', columns.Select(HeaderOf)) + "\n");
        output.Write(header);
        return header.Length;
    }

    /// <summary>Writes the row's lines (none when none of the agency's measures applies); returns the bytes written.</summary>
    public int Write(IBufferWriter<byte> output, SnapshotRow row)
    {
        holds.Read(row.Holds);
        var written = 0;
        for (var h = 0; h < holds.Count; h++)
        {
            var hold = holds[h];
            if (joinedCodes[(int)hold.Trigger].Length == 0 || !holds.InForceOn(h, day))
                continue;
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                    written += Put(output, ","u8);
                written += PutField(output, columns[c] == Column.Permissions ? PermissionsOf(h) : Value(columns[c], row, hold));
            }
            written += Put(output, "\n"u8);
        }
        return written;
    }

    private ReadOnlySpan<byte> Value(Column column, SnapshotRow row, StoredHold hold) => column switch
    {
        Column.DocumentType => row.DocumentType,
        Column.IdNumber => row.IdNumber,
        Column.Name => row.Name,
        Column.Sex => row.Sex,
        Column.BirthDate => row.BirthDate is { } birthDate ? Formatted(birthDate) : default,
        Column.Kind => SnapshotFields.KindOf(hold.Trigger).EncodedUtf8Bytes,
        Column.Measures => joinedCodes[(int)hold.Trigger],
        Column.Court => Text(hold.Court),
        Column.CaseNumber => Text(hold.CaseNumber),
        Column.DecisionNumber => Text(hold.DecisionNumber),
        Column.DecisionDate => Text(hold.DecisionDate),
        Column.Since => Text(hold.Since),
        Column.Until => Text(hold.Until),
        Column.AmountOwed => Text(hold.AmountOwed),
        Column.LegalRepresentative => Text(hold.LegalRepresentative),
        Column.RepresentedEntity => Text(hold.RepresentedEntity),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>The permissions <see cref="AgencyView.PermissionsFor"/> gives the agency, as the column writes them.</summary>
    private ReadOnlySpan<byte> PermissionsOf(int index)
    {
        var length = 0;
        foreach (var permission in holds.Permissions(index))
        {
            var measure = holds.Text(permission.Measure);
            if (!holds.NotEndedOn(permission, day) || !Applies(measure, codes[(int)holds[index].Trigger]))
                continue;
            if (length > 0)
                Append(";"u8, ref length);
            Append(measure, ref length);
            Append(" "u8, ref length);
            Append(holds.Text(permission.From), ref length);
            Append("/"u8, ref length);
            Append(holds.Text(permission.Until), ref length);
            Append(" "u8, ref length);
            Append(holds.Text(permission.Id), ref length);
        }
        return permissions.AsSpan(0, length);
    }

    private void Append(ReadOnlySpan<byte> bytes, ref int length)
    {
        if (length + bytes.Length > permissions.Length)
            Array.Resize(ref permissions, Math.Max(permissions.Length * 2, length + bytes.Length));
        bytes.CopyTo(permissions.AsSpan(length));
        length += bytes.Length;
    }

    private static bool Applies(ReadOnlySpan<byte> measure, byte[][] applying)
    {
        foreach (var code in applying)
        {
            if (measure.SequenceEqual(code))
                return true;
        }
        return false;
    }

    private ReadOnlySpan<byte> Text(TextRange range) => range.IsPresent ? holds.Text(range) : default;

    private ReadOnlySpan<byte> Formatted(DateOnly day) => date.AsSpan(0, SnapshotFields.Format(day, date));

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static int PutField(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return 0;
        var formula = value[0] is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@';
        var prefix = formula ? "'"u8 : default;
        if (value.IndexOfAny(",\"\r\n"u8) < 0)
            return Put(output, prefix) + Put(output, value);
        var written = Put(output, "\""u8) + Put(output, prefix);
        int quote;
        while ((quote = value.IndexOf((byte)'"')) >= 0)
        {
            written += Put(output, value[..(quote + 1)]) + Put(output, "\""u8);
            value = value[(quote + 1)..];
        }
        return written + Put(output, value) + Put(output, "\""u8);
    }

    private static int Put(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        return bytes.Length;
    }

    /// <summary>Columns are named as the NDJSON properties are.</summary>
    private static string HeaderOf(Column column) => JsonNamingPolicy.CamelCase.ConvertName(column.ToString());
}
