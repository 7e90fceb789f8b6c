using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Text;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Identifiers;

/// <summary>Art. 6 (DOMAIN §5.1/5.5): a full resident ID is never published, however a clerk writes it into free text. Each
/// form is refused at intake and masked on publication; ordinary text with numbers in it is neither.</summary>
public sealed class ResidentIdsInTextTests
{
    /// <summary>The ways of writing an ID into text that a reader still turns back into digits.</summary>
    public static TheoryData<string> Forms() =>
    [
        "chinese", "chinese-with-ling", "formal", "traditional-formal", "no-break-space", "thin-space", "narrow-no-break-space",
        "zero-width-space", "ideographic-space", "dotted", "full-width-dotted", "chinese-spaced", "arabic-indic", "yao-for-one",
    ];

    private static string Written(string id, string form)
    {
        const string plain = "〇一二三四五六七八九";
        var groups = new[] { id[..6], id[6..14], id[14..] };
        return form switch
        {
            "chinese" => Each(id, d => plain[d]),
            "chinese-with-ling" => Each(id, d => "零一二三四五六七八九"[d]),
            "formal" => Each(id, d => "零壹贰叁肆伍陆柒捌玖"[d]),
            "traditional-formal" => Each(id, d => "零壹貳參肆伍陸柒捌玖"[d]),
            "no-break-space" => string.Join('\u00A0', id[..9], id[9..]),
            "thin-space" => string.Join('\u2009', groups),
            "narrow-no-break-space" => string.Join('\u202F', groups),
            "zero-width-space" => string.Join('\u200B', groups),
            "ideographic-space" => string.Join('\u3000', groups),
            "dotted" => string.Join('.', id.ToCharArray()),
            "full-width-dotted" => string.Join('．', id.ToCharArray()),
            "chinese-spaced" => string.Join(' ', groups.Select(g => Each(g, d => plain[d]))),
            "arabic-indic" => Each(id, d => (char)('\u0660' + d)),
            "yao-for-one" => Each(id, d => "〇幺二三四五六七八九"[d]),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
    }

    // The check character X stays as it is: it is no digit.
    private static string Each(string digits, Func<int, char> numeral) =>
        string.Concat(digits.Select(c => char.IsAsciiDigit(c) ? numeral(c - '0') : c));

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_full_id_written_in_any_form_is_refused_in_published_text(string form)
    {
        var written = Written(Identities.AdultResidentId(), form);

        var refusal = TextRules.Paragraph($"拒不履行，身份证{written}，另有财产", "grounds[0].behaviour", 1000);

        Assert.NotNull(refusal);
        Assert.Equal("grounds[0].behaviour", refusal.Field);
        Assert.DoesNotContain(written, refusal.Rule, StringComparison.Ordinal);
        // Invisible characters are refused before the text is read for IDs; the number is found in the published text all the same.
        if (form != "zero-width-space")
            Assert.Contains("must not contain a full resident ID number", refusal.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三{0}")]
    [InlineData("李四{0}一直未履行")]
    [InlineData("决定书之一{0}")]
    [InlineData("第一{0}号")]
    public void An_id_in_chinese_numerals_running_into_the_numerals_of_the_words_around_it_is_found(string template)
    {
        var written = Written(Identities.AdultResidentId(), "chinese");
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, written);

        Assert.NotNull(TextRules.Paragraph(text, "grounds[0].behaviour", 1000));
        var published = PublishedText.Of(text);
        Assert.Equal(4, published.Count(c => c == '*'));
        Assert.DoesNotContain(written, published, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三{0}")]
    [InlineData("李四五{0}六")]
    [InlineData("第一{0}号")]
    public void An_id_in_digits_right_beside_a_numeral_of_a_word_is_found(string template)
    {
        var id = Identities.AdultResidentId();
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id);

        Assert.NotNull(TextRules.Line(text, "subject.name", 100));
        Assert.Equal(4, PublishedText.Of(text).Count(c => c == '*'));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_full_id_written_in_any_form_is_published_with_its_birth_month_and_day_hidden(string form)
    {
        var id = Identities.AdultResidentId();
        var written = Written(id, form);
        var text = $"拒不履行，身份证{written}，另有财产";

        var published = PublishedText.Of(text);

        Assert.DoesNotContain(written, published, StringComparison.Ordinal);
        Assert.Equal(4, published.Count(c => c == '*'));
        Assert.Equal(text.Length, published.Length);
    }

    [Theory]
    [InlineData("执行标的1,234,567.89元，已履行70000.00元，利息按年利率3.85%计至2026.12.03")]
    [InlineData("(2026)粤0103执12345号，〔2025〕粤01民终6789号")]
    [InlineData("于二〇二六年十二月三日立案，二〇二五年一月一日起计算")]
    [InlineData("一二三四五六七八九〇一二三四五六七八九〇")]
    [InlineData("电话138\u00A00013\u00A08000，座机020-8888-8888，+86 20 8888 8888")]
    [InlineData("时间2026-12-03 10:20:30.123，地址192.168.100.200，版本1.2.3.4.5.6.7.8")]
    [InlineData("银行账户6222\u00A00212\u00A03456\u00A07890\u00A0123")]
    [InlineData("身份证号4401031990****1234，护照E12345678")]
    [InlineData("三三两两，一五一十，七七八八，九九归一，十全十美")]
    public void Ordinary_text_with_numbers_is_neither_refused_nor_masked(string text)
    {
        Assert.Null(TextRules.Paragraph(text, "obligation", 2000));
        Assert.Equal(text, PublishedText.Of(text));
    }
    [Theory]
    // A mobile number and an amount side by side: 15 digits that meet in the middle of a part (11 + 4), not an ID's layout.
    [InlineData("被执行人电话13912341012 2000元未付")]
    [InlineData("联系电话13512340111 3000元")]
    // An account's 18 digits with a region and a date in place but not an ID's check character, named an account's.
    [InlineData("转入账号622202192005121234")]
    [InlineData("被执行人银行账户：622202192005121234，户名张三")]
    [InlineData("卡号 6222 0219 2005 1212 34")]
    public void Numbers_that_merely_look_like_an_id_are_neither_refused_nor_masked(string text)
    {
        Assert.Null(TextRules.Paragraph(text, "grounds[0].behaviour", 1000));
        Assert.Equal(text, PublishedText.Of(text));
    }

    /// <summary>The near misses of the rules above: each is an ID a reader turns back into a person's number.</summary>
    public static TheoryData<string> NearMisses()
    {
        var id = Identities.AdultResidentId();
        var mistyped = Mistyped(Identities.AdultResidentId());
        return
        [
            $"转入账号{id}",                                         // named an account's, yet it passes the check: an ID
            $"身份证号及银行账号：{mistyped}",                        // a mistyped ID where an ID is named too
            $"身份证号{mistyped}",                                   // mistyped, named an ID
            $"账号已冻结，另有{mistyped}",                            // the account's word belongs to another clause
            $"身份证 {id[..6]} {id[6..14]} {id[14..17]} {id[17]}",   // 6-8-3 and the check character on its own
            $"身份证 {id[..2]} {id[2..4]} {id[4..6]} {id[6..10]} {id[10..12]} {id[12..14]} {id[14..]}", // every part apart
            $"身份证{id[..10]}-{id[10..]}",                          // year, then the rest
            $"号码{id[..4]} {id[4..8]} {id[8..12]} {id[12..16]} {id[16..]}", // fours, as a card's number is grouped
            "旧身份证139123 410122 000",                             // the 15-digit layout (6-6-3), whatever digits fill it
            $"电话{id[..7]} {id[7..]}",                              // split off the layout, yet its check character proves it whole
            $"被执行人{id[..6]}\t{id[6..14]}\t{id[14..]}",            // a tab between the parts, copied from a spreadsheet's cells
            $"被执行人{id[..6]}\r\n{id[6..14]}\n{id[14..]}",          // line breaks
            $"被执行人{id[..6]},{id[6..14]},{id[14..]}",               // commas
            $"被执行人{id[..6]}，{id[6..14]}、{id[14..]}",              // a full-width comma, the enumeration comma
            $"被执行人{id[..6]}/{id[6..14]}_{id[14..]}",               // a slash, an underscore
            $"被执行人{id[..6]}·{id[6..14]}・{id[14..]}",              // middle dots
            $"身份证号{id}1次也未履行",                                 // a digit of the next words stuck to it
            $"账号{id[..6]} {id[6..14]} {Mistyped(id)[14..]}",        // an ID's parts, mistyped, after 账号: an ID, not an account
            $"被执行人{Circled(id)}",                                 // circled digits
            $"被执行人{Superscript(id)}",                             // superscript digits
            $"被执行人{MathematicalBold(id)}",                        // mathematical bold digits, outside the basic plane
            $"被执行人{id[..8]}\u0301{id[8..]}",                     // a combining mark on a digit
            $"{id[..11]} {id[11..]}",                               // split off the layout at another place
        ];
    }

    private static string Mistyped(string id) => id[..17] + (id[17] == '0' ? '1' : '0');

    private static string Circled(string id) => string.Concat(id.Select(c => c switch { '0' => "⓪", >= '1' and <= '9' => ((char)('①' + c - '1')).ToString(), _ => c.ToString() }));

    private static string Superscript(string id) => string.Concat(id.Select(c => c switch
    {
        '1' => "¹", '2' => "²", '3' => "³", >= '0' and <= '9' => ((char)('⁰' + c - '0')).ToString(), _ => c.ToString(),
    }));

    private static string MathematicalBold(string id) => string.Concat(id.Select(c => c is >= '0' and <= '9' ? char.ConvertFromUtf32(0x1D7CE + c - '0') : c.ToString()));

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Near_misses_of_the_layout_and_account_rules_are_still_refused_and_masked(string text)
    {
        Assert.Contains("must not contain a full resident ID number", TextRules.Paragraph(text, "grounds[0].behaviour", 1000)!.Rule, StringComparison.Ordinal);
        Assert.Equal(4, PublishedText.Of(text).Count(c => c == '*'));
    }

    [Fact]
    public void An_id_in_chinese_numerals_that_ends_in_the_check_character_X_is_found_beside_a_word_numeral()
    {
        var first17 = Enumerable.Range(0, 1000).Select(n => $"44010319850312{n:000}").First(f => ResidentId.CheckCharacterFor(f) == 'X');
        var written = Written(first17 + "X", "chinese");
        var text = $"被执行人张三{written}拒不履行";

        Assert.NotNull(TextRules.Paragraph(text, "grounds[0].behaviour", 1000));
        Assert.Equal(4, PublishedText.Of(text).Count(c => c == '*'));
    }
}
