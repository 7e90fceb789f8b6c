using System.Text.Json;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.ReadModels.Interceptions;

/// <summary>Where a value lies in <see cref="StoredHolds"/>' text; absent when the stored hold has none.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public static readonly TextRange Absent = new(0, -1);

    public bool IsPresent => Length >= 0;
}

/// <summary>One stored hold, its values left as UTF-8 text (strings unescaped, the amount as its JSON number).</summary>
public readonly record struct StoredHold(
    InterceptionTriggers Trigger,
    TextRange Court,
    TextRange CaseNumber,
    TextRange DecisionNumber,
    TextRange DecisionDate,
    TextRange Since,
    TextRange Until,
    TextRange AmountOwed,
    TextRange LegalRepresentative,
    TextRange RepresentedEntity,
    int FirstPermission,
    int PermissionCount);

/// <summary>One stored permission for necessary travel (<see cref="HoldPermission"/>), its values left as UTF-8 text.</summary>
public readonly record struct StoredPermission(TextRange Id, TextRange Measure, TextRange From, TextRange Until);

/// <summary>The holds of one subject, read from the JSON the projection stored, into buffers that the next subject
/// reuses. A snapshot passes a million subjects through here: materialising each hold as an object only to write
/// it out again cost most of the export's time, so the values stay bytes.</summary>
public sealed class StoredHolds
{
    private byte[] text = new byte[512];
    private int used;
    private StoredHold[] holds = new StoredHold[4];
    private StoredPermission[] permissions = new StoredPermission[4];
    private int permissionCount;

    public int Count { get; private set; }

    /// <summary>The triggers of all the holds together.</summary>
    public InterceptionTriggers Triggers { get; private set; }

    public StoredHold this[int index] => holds[index];

    /// <summary>The permissions of the hold at <paramref name="index"/>, in stored order.</summary>
    public ReadOnlySpan<StoredPermission> Permissions(int index) => permissions.AsSpan(holds[index].FirstPermission, holds[index].PermissionCount);

    /// <summary>Whether <paramref name="permission"/> still lets the subject through on <paramref name="day"/> or later.</summary>
    public bool NotEndedOn(StoredPermission permission, DateOnly day) => DateOf(permission.Until) >= day;

    public ReadOnlySpan<byte> Text(TextRange range) => text.AsSpan(range.Start, range.Length);

    /// <summary>Whether the hold at <paramref name="index"/> is in force on <paramref name="day"/> (<see cref="HoldPeriod"/>).</summary>
    public bool InForceOn(int index, DateOnly day)
    {
        var hold = holds[index];
        return HoldPeriod.InForceOn(DateOf(hold.Since), hold.Until.IsPresent ? DateOf(hold.Until) : null, day);
    }

    /// <summary>A stored date, <c>yyyy-MM-dd</c> as the serializer writes a <see cref="DateOnly"/>.</summary>
    private DateOnly DateOf(TextRange range)
    {
        var value = Text(range);
        if (value.Length != 10 || value[4] != '-' || value[7] != '-')
            throw new JsonException("stored holds: a date not written as yyyy-MM-dd");
        return new DateOnly(Digits(value[..4]), Digits(value.Slice(5, 2)), Digits(value.Slice(8, 2)));
    }

    private static int Digits(ReadOnlySpan<byte> ascii)
    {
        var number = 0;
        foreach (var digit in ascii)
        {
            if (digit is < (byte)'0' or > (byte)'9')
                throw new JsonException("stored holds: a date not written as yyyy-MM-dd");
            number = number * 10 + (digit - '0');
        }
        return number;
    }

    /// <summary>Reads the stored <c>InterceptionHold[]</c> JSON (as <see cref="InterceptionJson"/> writes it, keys in any order).</summary>
    public void Read(ReadOnlySpan<byte> json)
    {
        used = 0;
        Count = 0;
        permissionCount = 0;
        Triggers = InterceptionTriggers.None;
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            var hold = ReadHold(ref reader);
            if (Count == holds.Length)
                Array.Resize(ref holds, Count * 2);
            holds[Count++] = hold;
            Triggers |= hold.Trigger;
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new JsonException("stored holds: expected an object or the end of the array");
    }

    private StoredHold ReadHold(ref Utf8JsonReader reader)
    {
        var trigger = InterceptionTriggers.None;
        TextRange court = TextRange.Absent, caseNumber = TextRange.Absent, decisionNumber = TextRange.Absent, decisionDate = TextRange.Absent,
            since = TextRange.Absent, until = TextRange.Absent,
            amountOwed = TextRange.Absent, representative = TextRange.Absent, represented = TextRange.Absent;
        int firstPermission = permissionCount, permitted = 0;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("trigger"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                trigger = TriggerOf(ref reader);
            }
            else if (reader.ValueTextEquals("court"u8))
                court = Value(ref reader);
            else if (reader.ValueTextEquals("caseNumber"u8))
                caseNumber = Value(ref reader);
            else if (reader.ValueTextEquals("decisionNumber"u8))
                decisionNumber = Value(ref reader);
            else if (reader.ValueTextEquals("decisionDate"u8))
                decisionDate = Value(ref reader);
            else if (reader.ValueTextEquals("since"u8))
                since = Value(ref reader);
            else if (reader.ValueTextEquals("until"u8))
                until = Value(ref reader);
            else if (reader.ValueTextEquals("amountOwed"u8))
                amountOwed = Value(ref reader);
            else if (reader.ValueTextEquals("legalRepresentative"u8))
                representative = Value(ref reader);
            else if (reader.ValueTextEquals("representedEntity"u8))
                represented = Value(ref reader);
            else if (reader.ValueTextEquals("permissions"u8))
            {
                firstPermission = permissionCount;
                permitted = ReadPermissions(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || trigger == InterceptionTriggers.None)
            throw new JsonException("stored holds: a hold without its trigger");
        if (!since.IsPresent)
            throw new JsonException("stored holds: a hold without its first day");
        return new StoredHold(trigger, court, caseNumber, decisionNumber, decisionDate, since, until, amountOwed, representative, represented,
            firstPermission, permitted);
    }

    /// <summary>Reads a hold's list of permissions (or null, none) into <see cref="permissions"/>; returns how many it had.</summary>
    private int ReadPermissions(ref Utf8JsonReader reader)
    {
        var token = Next(ref reader);
        if (token == JsonTokenType.Null)
            return 0;
        if (token != JsonTokenType.StartArray)
            throw new JsonException($"stored holds: permissions as {token}");
        var count = 0;
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            TextRange id = TextRange.Absent, measure = TextRange.Absent, from = TextRange.Absent, until = TextRange.Absent;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                    id = Value(ref reader);
                else if (reader.ValueTextEquals("measure"u8))
                    measure = Value(ref reader);
                else if (reader.ValueTextEquals("from"u8))
                    from = Value(ref reader);
                else if (reader.ValueTextEquals("until"u8))
                    until = Value(ref reader);
                else
                {
                    Next(ref reader);
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || !id.IsPresent || !measure.IsPresent || !from.IsPresent || !until.IsPresent)
                throw new JsonException("stored holds: a permission without its id, measure or days");
            if (permissionCount == permissions.Length)
                Array.Resize(ref permissions, permissionCount * 2);
            permissions[permissionCount++] = new StoredPermission(id, measure, from, until);
            count++;
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new JsonException("stored holds: expected a permission or the end of the permissions");
        return count;
    }

    private static InterceptionTriggers TriggerOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("DishonestListing"u8))
            return InterceptionTriggers.DishonestListing;
        if (reader.ValueTextEquals("ConsumptionRestriction"u8))
            return InterceptionTriggers.ConsumptionRestriction;
        if (reader.ValueTextEquals("ExitBan"u8))
            return InterceptionTriggers.ExitBan;
        throw new JsonException($"stored holds: unknown trigger {reader.GetString()}");
    }

    /// <summary>The property's value copied into the text buffer: a string unescaped, a number as written, null as absent.</summary>
    private TextRange Value(ref Utf8JsonReader reader)
    {
        var token = Next(ref reader);
        if (token == JsonTokenType.Null)
            return TextRange.Absent;
        if (token is not (JsonTokenType.String or JsonTokenType.Number))
            throw new JsonException($"stored holds: unexpected {token}");
        var room = reader.ValueSpan.Length;
        if (used + room > text.Length)
            Array.Resize(ref text, Math.Max(text.Length * 2, used + room));
        var written = token == JsonTokenType.String && reader.ValueIsEscaped
            ? reader.CopyString(text.AsSpan(used))
            : Copy(reader.ValueSpan, text.AsSpan(used));
        var range = new TextRange(used, written);
        used += written;
        return range;
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("stored holds: the JSON ends early");

    /// <summary>Reads the next token, which must be <paramref name="token"/>.</summary>
    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (Next(ref reader) != token)
            throw new JsonException($"stored holds: expected {token}, found {reader.TokenType}");
    }
}
