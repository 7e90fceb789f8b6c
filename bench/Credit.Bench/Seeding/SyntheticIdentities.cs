using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Bench.Seeding;

/// <summary>Valid identifiers that no other call of the same instance hands out again: resident IDs of
/// adults with real county codes (GB 11643) and company credit codes (GB 32100). Shares the caller's
/// <see cref="Random"/>, so the same seed gives the same data.</summary>
public sealed class SyntheticIdentities(Random random, DateOnly today)
{
    // County codes of resident IDs: mostly Guangdong (Guangzhou first), some from where migrants come from.
    public static readonly Weighted<string> Regions = new([
        ("440103", 5), ("440104", 5), ("440105", 6), ("440106", 8), ("440111", 8), ("440112", 4), ("440113", 6), ("440114", 4),
        ("440115", 2), ("440117", 2), ("440118", 3), ("440303", 3), ("440304", 3), ("440306", 3), ("440402", 2), ("440604", 3),
        ("441900", 3), ("442000", 2), ("445102", 2), ("440802", 2), ("441302", 2), ("441402", 2), ("430102", 2), ("430302", 1),
        ("450103", 2), ("360102", 1), ("350102", 1), ("420106", 2), ("510107", 2), ("110105", 1), ("310115", 1), ("320102", 1),
        ("431002", 1), ("412702", 1), ("522601", 1),
    ]);

    private const int GuangzhouCounties = 11; // the first entries of Regions

    // Organisation codes use the credit code's alphabet, which leaves out I, O, S, V and Z.
    private const string OrganisationAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private readonly HashSet<string> issued = [];

    /// <summary>GB 11643: county, birth date, sequence (odd for men), check character. Born so that the
    /// person was an adult five years ago, hence on every publication date (Art. 4).</summary>
    public ResidentId ResidentId(Sex sex)
    {
        while (true)
        {
            var age = 19 + (int)((random.NextDouble() + random.NextDouble() + random.NextDouble()) * 17); // 19–69, mostly 35–55
            var birth = today.AddYears(-5 - age).AddDays(-random.Next(0, 365));
            var sequence = random.Next(0, 100) * 10 + random.Next(0, 5) * 2 + (sex == Sex.Male ? 1 : 0);
            var first17 = string.Concat(Regions.Next(random), birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                sequence.ToString("000", CultureInfo.InvariantCulture));
            var number = first17 + Grains.Interfaces.Identifiers.ResidentId.CheckCharacterFor(first17);
            if (issued.Add(number))
                return Grains.Interfaces.Identifiers.ResidentId.Parse(number);
        }
    }

    /// <summary>GB 32100: 9 (registered with market regulation), 1 (company), county, the GB 11714
    /// organisation code with its own check character, then the overall check character.</summary>
    public CreditCode CreditCode()
    {
        while (true)
        {
            var county = random.NextDouble() < 0.85 ? Regions.Items[random.Next(GuangzhouCounties)] : Regions.Next(random);
            var body = random.NextDouble() < 0.6
                ? "MA" + RandomText(OrganisationAlphabet, 6)
                : RandomText("0123456789", 8);
            var first17 = string.Concat("91", county, body, OrganisationCheck(body).ToString());
            var code = first17 + Grains.Interfaces.Identifiers.CreditCode.CheckCharacterFor(first17);
            if (issued.Add(code))
                return Grains.Interfaces.Identifiers.CreditCode.Parse(code);
        }
    }

    /// <summary>A version-4 GUID from the seeded generator, so listings and holds keep their IDs from run to run.</summary>
    public Guid Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4, like Guid.NewGuid()
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }

    /// <summary>GB 11714: weights 3 7 9 10 5 8 4 2 over values 0–35 (A = 10); 10 is written X, 11 as 0.</summary>
    private static char OrganisationCheck(string body)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (char.IsAsciiDigit(body[i]) ? body[i] - '0' : body[i] - 'A' + 10) * weights[i];
        return (11 - sum % 11) switch { 10 => 'X', 11 => '0', var c => (char)('0' + c) };
    }

    private string RandomText(string alphabet, int length) =>
        string.Create(length, (alphabet, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
        });
}
