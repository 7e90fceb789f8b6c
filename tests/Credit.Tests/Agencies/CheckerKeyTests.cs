using Credit.Grains.Interfaces.Identifiers;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Agencies;

/// <summary>How an agency's ID is read: a mistyped resident ID must be answered Invalid, never Clear.</summary>
public class CheckerKeyTests
{
    [Fact]
    public void A_mistyped_resident_id_that_passes_as_an_all_digit_credit_code_is_still_invalid()
    {
        var lookalike = MistypedResidentIdThatIsACreditCode();

        Assert.False(ResidentId.TryParse(lookalike, out _, out _));
        Assert.True(CreditCode.TryParse(lookalike, out _, out _));
        Assert.False(SubjectId.TryParseFromAgency(lookalike, Today, out _, out var reason));
        Assert.Contains("check character", reason, StringComparison.Ordinal);
        Assert.Contains($"e:{lookalike}", reason, StringComparison.Ordinal);
        // The entity such a code names is still reachable, by its subject key.
        Assert.True(SubjectId.TryParseFromAgency($"e:{lookalike}", Today, out var key, out _));
        Assert.Equal($"e:{lookalike}", key.Key);
    }

    [Fact]
    public void Resident_ids_and_credit_codes_read_as_their_own_subjects()
    {
        var resident = Identities.AdultResidentId();
        var code = Identities.CreditCode();

        Assert.True(SubjectId.TryParseFromAgency(resident.ToLowerInvariant(), Today, out var residentKey, out _));
        Assert.True(SubjectId.TryParseFromAgency($" {code} ", Today, out var codeKey, out _));

        Assert.Equal($"p:{resident}", residentKey.Key);
        Assert.Equal($"e:{code}", codeKey.Key);
    }

    [Fact]
    public void A_resident_id_born_after_today_is_invalid_as_a_number_and_as_a_subject_key()
    {
        var tomorrow = Identities.ResidentId(Today.AddDays(1));
        var bornToday = Identities.ResidentId(Today);

        Assert.False(SubjectId.TryParseFromAgency(tomorrow, Today, out _, out var reason));
        Assert.Contains("in the future", reason, StringComparison.Ordinal);
        Assert.False(SubjectId.TryParseFromAgency($"p:{tomorrow}", Today, out _, out var keyReason));
        Assert.Contains("in the future", keyReason, StringComparison.Ordinal);
        Assert.True(SubjectId.TryParseFromAgency(bornToday, Today, out var key, out _));
        Assert.Equal($"p:{bornToday}", key.Key);
    }

    [Fact]
    public void A_resident_id_typed_in_full_width_digits_or_grouped_reads_as_the_same_subject_and_a_mistyped_one_stays_invalid()
    {
        var resident = Identities.AdultResidentId();
        var wide = string.Concat(resident.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c == 'X' ? 'Ｘ' : c));
        var grouped = $"{resident[..6]} {resident[6..14]} {resident[14..]}";
        var hyphened = $"{resident[..6]}-{resident[6..14]}-{resident[14..]}";

        foreach (var typed in new[] { wide, grouped, hyphened, $"\u3000{wide}\u3000" })
        {
            Assert.True(SubjectId.TryParseFromAgency(typed, Today, out var key, out var reason), $"{typed}: {reason}");
            Assert.Equal($"p:{resident}", key.Key);
        }
        var wrongCheck = resident[..17] + (resident[17] == '0' ? '１' : '０');
        Assert.False(SubjectId.TryParseFromAgency(string.Concat(wrongCheck.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c)), Today, out _, out var refused));
        Assert.Contains("check character", refused, StringComparison.Ordinal);
        // A passport number keeps its own form.
        Assert.True(SubjectId.TryParseFromAgency("pp:E12345678", Today, out var passport, out _));
        Assert.Equal("pp:E12345678", passport.Key);
    }

    private static readonly DateOnly Today = new(2026, 3, 1);

    /// <summary>A resident ID's shape (digits, a real birth date) with a wrong check character that the credit-code
    /// checks accept, which about one number in 300 does.</summary>
    private static string MistypedResidentIdThatIsACreditCode()
    {
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var valid = Identities.AdultResidentId();
            foreach (var last in "0123456789X")
            {
                var candidate = valid[..17] + last;
                if (candidate != valid && CreditCode.TryParse(candidate, out _, out _))
                    return candidate;
            }
        }
        throw new InvalidOperationException("no all-digit credit code shaped like a resident ID in 100,000 tries");
    }
}
