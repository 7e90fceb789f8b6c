using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Tests.Infrastructure;

/// <summary>Fresh, valid identifiers for each test, so tests never share a subject.</summary>
public static class Identities
{
    private static int sequence = Random.Shared.Next(0, 500);

    /// <summary>A valid resident ID (Guangzhou Liwan region 440103) for someone born on <paramref name="birth"/>.</summary>
    public static string ResidentId(DateOnly birth, bool male = true)
    {
        var serial = Interlocked.Increment(ref sequence) % 500 * 2 + (male ? 1 : 0);
        var first17 = $"440103{birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}{serial:000}";
        var region = (Interlocked.Increment(ref sequence) % 90 + 10).ToString(CultureInfo.InvariantCulture);
        first17 = string.Concat("4401", region, first17.AsSpan(6));
        return first17 + Grains.Interfaces.Identifiers.ResidentId.CheckCharacterFor(first17);
    }

    /// <summary>A valid resident ID of an adult, never one handed out before in this test run. The birth date is random and the
    /// serial and region cycle, so two calls some thousands apart could give the same number: the bulk crash test's 3,000 rows
    /// once listed one person twice and read it as a row applied twice.</summary>
    public static string AdultResidentId()
    {
        while (true)
        {
            var id = ResidentId(new DateOnly(1980, 1, 1).AddDays(Random.Shared.Next(0, 7000)));
            lock (IssuedAdults)
            {
                if (IssuedAdults.Add(id))
                    return id;
            }
        }
    }

    private static readonly HashSet<string> IssuedAdults = new(StringComparer.Ordinal);

    /// <summary>A valid resident ID of an adult whose number was issued in <paramref name="region"/> (six digits).</summary>
    public static string AdultResidentIdIn(string region)
    {
        var id = AdultResidentId();
        var first17 = region + id[6..17];
        return first17 + Grains.Interfaces.Identifiers.ResidentId.CheckCharacterFor(first17);
    }

    /// <summary>A valid credit code of an enterprise registered in <paramref name="region"/> (six digits).</summary>
    public static string CreditCodeIn(string region)
    {
        var code = CreditCode();
        var first17 = "91" + region + code[8..17];
        return first17 + Grains.Interfaces.Identifiers.CreditCode.CheckCharacterFor(first17);
    }

    /// <summary>A passport number no other test uses.</summary>
    public static string PassportNumber() => $"E{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    /// <summary>A valid unified social credit code (registration authority 9, enterprise 1, Guangzhou).</summary>
    public static string CreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var organisation = string.Concat(Enumerable.Range(0, 8).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)])) + "0";
        var first17 = "91440101" + organisation;
        return first17 + Grains.Interfaces.Identifiers.CreditCode.CheckCharacterFor(first17);
    }

    public static int NextCaseSequence() => Interlocked.Increment(ref sequence) * 7 % 999_999 + 1;
}
