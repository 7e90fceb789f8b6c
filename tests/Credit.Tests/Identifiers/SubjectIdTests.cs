using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Tests.Identifiers;

public sealed class SubjectIdTests
{
    [Fact]
    public void Resident_is_keyed_p_colon_number()
    {
        var id = SubjectId.For(ResidentId.Parse("11010519491231002X"));

        Assert.Equal("p:11010519491231002X", id.Key);
        Assert.Equal(id.Key, id.ToString());
        Assert.False(id.IsEntity);
        Assert.Equal(ResidentId.Parse("11010519491231002X"), id.ResidentId);
    }

    [Fact]
    public void Entity_is_keyed_e_colon_credit_code()
    {
        var id = SubjectId.For(CreditCode.Parse("91350100M000100Y43"));

        Assert.Equal("e:91350100M000100Y43", id.Key);
        Assert.True(id.IsEntity);
        Assert.Null(id.ResidentId);
    }

    [Theory]
    [InlineData("p:11010519491231002X", DocumentType.ResidentId)]
    [InlineData("e:91350100M000100Y43", DocumentType.CreditCode)]
    [InlineData("pp:E12345678", DocumentType.Passport)]
    [InlineData("hm:H1234567801", DocumentType.HongKongMacaoPermit)]
    [InlineData("tw:T12345678", DocumentType.TaiwanPermit)]
    public void Key_parses_back_to_the_same_subject(string key, DocumentType type)
    {
        var id = SubjectId.Parse(key);

        Assert.Equal(type, id.Type);
        Assert.Equal(key, id.Key);
        Assert.Equal(id, SubjectId.Parse(id.Key));
    }

    [Theory]
    [InlineData(DocumentType.ResidentId, " 11010519491231002x ", "p:11010519491231002X")]
    [InlineData(DocumentType.CreditCode, "91350100m000100y43", "e:91350100M000100Y43")]
    [InlineData(DocumentType.Passport, " e12345678 ", "pp:E12345678")]
    public void Numbers_are_normalised_when_created(DocumentType type, string number, string key)
    {
        Assert.True(SubjectId.TryCreate(type, number, out var id, out var error), error);

        Assert.Equal(key, id.Key);
    }

    [Theory]
    [InlineData("E1234")]
    [InlineData("G12345678")]
    [InlineData("A1234567890123456789")]
    public void Passport_number_is_5_to_20_letters_and_digits(string number)
    {
        Assert.True(SubjectId.TryCreate(DocumentType.Passport, number, out var id, out var error), error);

        Assert.Equal(number, id.Number);
        Assert.False(id.IsEntity);
        Assert.Null(id.ResidentId);
    }

    [Theory]
    [InlineData("E123")]
    [InlineData("A12345678901234567890")]
    [InlineData("E-1234567")]
    [InlineData("护照1234567")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_passport_number_is_refused(string? number)
    {
        Assert.False(SubjectId.TryCreate(DocumentType.Passport, number, out _, out var error));

        Assert.Contains("5–20", error);
    }

    [Fact]
    public void Resident_and_credit_code_numbers_are_checked_when_created()
    {
        Assert.False(SubjectId.TryCreate(DocumentType.ResidentId, "110105194912310021", out _, out var residentError));
        Assert.False(SubjectId.TryCreate(DocumentType.CreditCode, "91350100M000100Y44", out _, out var codeError));

        Assert.Contains("check character", residentError);
        Assert.Contains("check character", codeError);
        Assert.True(SubjectId.TryCreate(DocumentType.CreditCode, "91350100M000100Y44", out _, out _, allowCreditCodeCheckMismatch: true));
    }

    [Fact]
    public void Stored_key_of_a_court_confirmed_credit_code_parses()
    {
        Assert.True(SubjectId.TryParse("e:91350100M000100Y44", null, out var id));

        Assert.Equal(DocumentType.CreditCode, id.Type);
    }

    [Theory]
    [InlineData("11010519491231002X")] // no prefix
    [InlineData("x:11010519491231002X")] // unknown prefix
    [InlineData("P:11010519491231002X")] // prefixes are lower case
    [InlineData("p:110105194912310021")] // wrong check character
    [InlineData("e:9135010OM000100Y43")] // O is not in the credit-code alphabet
    [InlineData("pp:E12")]
    [InlineData(":")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_key_is_refused(string? key)
    {
        Assert.False(SubjectId.TryParse(key, null, out _));
    }

    [Fact]
    public void Document_type_slugs_read_back()
    {
        foreach (var type in DocumentTypes.All)
        {
            Assert.True(DocumentTypes.TryParseSlug(type.Slug(), out var fromSlug));
            Assert.True(DocumentTypes.TryParsePrefix(type.Prefix(), out var fromPrefix));
            Assert.Equal(type, fromSlug);
            Assert.Equal(type, fromPrefix);
        }
        Assert.True(DocumentType.CreditCode.IsEntity());
        Assert.False(DocumentType.Passport.IsEntity());
    }
}
