using System.Text;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>The one rule for text a request brings in: any Unicode scalar value, nothing that is not text, lengths in the
/// characters a person sees, and no full resident ID in what is published.</summary>
public sealed class TextRulesTests
{
    [Fact]
    public void Every_character_of_every_CJK_block_is_a_letter_to_the_platform()
    {
        foreach (var block in RareNames.Blocks)
        {
            for (var code = block.First; code <= block.Last; code++)
                Assert.True(Rune.IsLetter(new Rune(code)), $"U+{code:X} of {block.Name}");
        }
    }

    [Fact]
    public void Names_with_rare_characters_the_middle_dot_ascii_or_emoji_are_accepted_and_counted_as_seen()
    {
        var random = new Random(20250616);
        foreach (var (kind, name) in RareNames.OneOfEach(random))
            Assert.True(TextRules.Line(name, "subject.name", 100) is null, $"{kind}: {name}");
        Assert.Null(TextRules.Line("👨‍👩‍👧 王𠮷明", "subject.name", 100));
        // The zero-width joiner stays welcome inside emoji sequences, with skin tones and presentation selectors.
        foreach (var emoji in new[] { "👩\u200D❤\uFE0F\u200D👨", "👨\U0001F3FD\u200D💻", "🏳\uFE0F\u200D🌈" })
            Assert.Null(TextRules.Line($"王{emoji}明", "subject.name", 100));

        Assert.Equal(3, TextRules.Length($"王{RareNames.Ji}明"));
        Assert.Equal(8, TextRules.Length("阿依古丽·买买提"));
        Assert.Equal(1, TextRules.Length("👨‍👩‍👧"));
        Assert.Equal(2, TextRules.Length("e\u0308x"));
        // 100 characters outside the BMP are 200 UTF-16 units, and within a limit of 100.
        var hundred = string.Concat(Enumerable.Repeat(RareNames.Ji, 100));
        Assert.Null(TextRules.Line(hundred, "subject.name", 100));
        Assert.Contains("at most 100 characters (it has 101)", TextRules.Line(hundred + RareNames.Ji, "subject.name", 100)!.Rule);
    }

    [Theory]
    // A lone surrogate is given as its code unit: test data holding one would not survive the test framework's serialisation.
    [InlineData("王", 0xD842, "明", "lone surrogate (U+D842) at character 2")]
    [InlineData("王", 0xDFB7, "", "lone surrogate (U+DFB7) at character 2")]
    [InlineData("王明", 0xD842, "", "lone surrogate (U+D842) at character 3")]
    [InlineData("王", 0x0000, "明", "NUL")]
    [InlineData("王", 0x0007, "明", "control characters (U+0007)")]
    [InlineData("王", 0x000A, "明", "single line")]
    [InlineData("王", 0x2028, "明", "single line (U+2028")]
    [InlineData("张", 0x200B, "三", "invisible formatting characters (U+200B at character 2)")]
    [InlineData("张", 0x200D, "三", "invisible formatting characters (U+200D")]
    [InlineData("张", 0x202E, "三", "invisible formatting characters (U+202E")]
    [InlineData("", 0xFEFF, "张三", "invisible formatting characters (U+FEFF at character 1)")]
    [InlineData("张", 0xFDD0, "三", "noncharacters (U+FDD0)")]
    [InlineData("张", 0xFFFF, "三", "noncharacters (U+FFFF)")]
    public void Text_that_is_not_text_is_refused_naming_the_field(string before, int unit, string after, string rule)
    {
        var refusal = TextRules.Line(before + (char)unit + after, "subject.name", 100);

        Assert.Equal((RefusalKind.Invalid, "subject.name"), (refusal!.Kind, refusal.Field));
        Assert.Contains(rule, refusal.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_takes_line_breaks_and_tabs_but_no_other_control_characters()
    {
        Assert.Null(TextRules.Paragraph("第一行\r\n第二行\t𠮷", "obligation", 2000));
        Assert.Contains("line breaks and tabs", TextRules.Paragraph("第一行\u001B", "obligation", 2000)!.Rule);
        Assert.Contains("NUL", TextRules.Paragraph("第一行\0", "obligation", 2000)!.Rule);
    }

    [Theory]
    [InlineData("被执行人王𠮷明（身份证号440103199001011234）拒不履行")]
    [InlineData("身份证号４４０１０３１９９００１０１１２３Ｘ")]
    [InlineData("身份证号44010319900101123x，住址")]
    [InlineData("mistyped 440103199001011235 still names a person")]
    [InlineData("一代身份证号440103900101123")]
    [InlineData("身份证号 440103 19900101 1234")]
    public void A_full_resident_id_in_published_text_is_refused_with_the_number_masked(string text)
    {
        var refusal = TextRules.Paragraph(text, "grounds[0].behaviour", 1000);

        Assert.Equal("grounds[0].behaviour", refusal!.Field);
        Assert.Contains("must not contain a full resident ID number", refusal.Rule, StringComparison.Ordinal);
        Assert.Contains("****", refusal.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("0101", refusal.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("０１０１", refusal.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("身份证号4401031990****1234")]
    [InlineData("转入账户6222021234567890123")]
    [InlineData("支付货款100000元及利息，自2024年1月1日起计")]
    [InlineData("(2023)粤0103民初567号")]
    public void Masked_ids_accounts_amounts_and_document_numbers_are_not_ids(string text) =>
        Assert.Null(TextRules.Paragraph(text, "obligation", 2000));

    [Fact]
    public void Text_that_is_never_published_may_name_an_id()
    {
        Assert.Null(TextRules.Line("BI-440103199001011234-1", "reportId", 64, published: false));
        Assert.NotNull(TextRules.Line("BI-440103199001011234-1", "reportId", 64));
    }

    [Fact]
    public void A_listing_whose_behaviour_names_the_full_id_is_refused_and_nothing_changes()
    {
        var subject = SubjectOf(Person());
        var id = subject.Id.Number;

        var decision = subject.CreateListing(ListingRequest(grounds: [new GroundFinding(DishonestGround.RefusesDespiteAbility, $"{id}有能力而拒不履行")]), By(Liwan));

        Refused(decision, RefusalKind.Invalid, "grounds[0].behaviour");
        Assert.Empty(subject.State.Listings);
        Assert.Empty(subject.State.History);
    }

    [Fact]
    public void A_correction_to_a_name_with_an_emoji_or_a_rare_character_is_accepted()
    {
        var subject = SubjectOf(Person());
        var listing = Accepted(subject.CreateListing(ListingRequest(subject: Named($"王{RareNames.Ji}明")), By(Liwan)));

        Accepted(subject.CorrectListing(new CorrectListing(listing, "姓名录入有误", "王\U0002A6D6明😀", null, null, null, null, null, null, null, null), By(Liwan)));

        Assert.Equal("王\U0002A6D6明😀", subject.State.Profile!.Name);
    }

    [Theory]
    [InlineData("··")]
    [InlineData("()")]
    [InlineData("-")]
    [InlineData("12345")]
    [InlineData("😀")]
    public void A_name_without_a_letter_names_nobody_and_is_refused_on_every_path(string name)
    {
        Assert.Equal("subject.name", TextRules.Name(name, "subject.name", 100)!.Field);
        var subject = SubjectOf(Person());
        Refused(subject.CreateListing(ListingRequest(subject: Named(name)), By(Liwan)), RefusalKind.Invalid, "subject.name");
        var listed = SubjectOf(Person(new DateOnly(1985, 1, 1)));
        Accepted(listed.CreateListing(ListingRequest(), By(Liwan)));
        Refused(listed.CorrectName(new CorrectSubjectName(name, "姓名录入错误"), By(Liwan)), RefusalKind.Invalid, "name");
    }

    [Theory]
    [InlineData("王𠮷明")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("Jean-Pierre Dupont")]
    [InlineData("广州1号商行")]
    [InlineData("محمد")]
    public void A_name_with_letters_of_any_script_is_a_name(string name) =>
        Assert.Null(TextRules.Name(name, "subject.name", 100));
}
