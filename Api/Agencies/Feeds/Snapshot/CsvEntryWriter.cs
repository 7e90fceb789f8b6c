using System.Buffers;
using System.Text;
using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>Writes a snapshot row as CSV, one line per hold behind the agency's measures, with only the columns the
/// agency receives; UTF-8 straight from the stored bytes, like <see cref="NdjsonEntryWriter"/>. Only holds in force on
/// the snapshot's day are written.</summary>
public sealed class CsvEntryWriter
{
    private enum Column { DocumentType, IdNumber, Name, Sex, BirthDate, Kind, Measures, Court, CaseNumber, DecisionNumber, DecisionDate, Since, Until, AmountOwed, LegalRepresentative, RepresentedEntity }

    private readonly Column[] columns;
    private readonly byte[][] joinedCodes;
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
        columns = [.. chosen];
        joinedCodes = InterceptionTriggerTable.For(triggers => Encoding.UTF8.GetBytes(string.Join(';', scope.MeasureCodesFor(triggers))));
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
                written += PutField(output, Value(columns[c], row, hold));
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
