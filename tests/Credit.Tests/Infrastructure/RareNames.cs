using System.Text;

namespace Credit.Tests.Infrastructure;

/// <summary>Names as they occur on Chinese ID cards and in courts' files: rare characters (生僻字) from every CJK block, most of
/// them outside the Basic Multilingual Plane (two UTF-16 units each), the middle dot of minority names, plain ASCII. Drawn
/// from a seeded <see cref="Random"/>, so a failing draw can be repeated from the seed in the test's output.</summary>
public static class RareNames
{
    public sealed record Block(string Name, int First, int Last);

    /// <summary>The CJK ideograph blocks beyond the common one; Extension A is in the BMP, all others outside it.</summary>
    public static readonly Block[] Blocks =
    [
        new("Extension A", 0x3400, 0x4DBF),
        new("Extension B", 0x20000, 0x2A6DF),
        new("Extension C", 0x2A700, 0x2B739),
        new("Extension D", 0x2B740, 0x2B81D),
        new("Extension E", 0x2B820, 0x2CEA1),
        new("Extension F", 0x2CEB0, 0x2EBE0),
        new("Extension G", 0x30000, 0x3134A),
        new("Extension H", 0x31350, 0x323AF),
        new("Extension I", 0x2EBF0, 0x2EE5D),
        new("Compatibility Ideographs Supplement", 0x2F800, 0x2FA1D),
    ];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private const string Common = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";

    /// <summary>The character that made the issue: 𠮷 (U+20BB7), in 王𠮷明.</summary>
    public const string Ji = "\U00020BB7";

    public static string Character(Random random, Block block) => char.ConvertFromUtf32(random.Next(block.First, block.Last + 1));

    /// <summary>A person's name of 2–4 characters with at least one from <paramref name="block"/>, at any place.</summary>
    public static string Person(Random random, Block block)
    {
        var name = new StringBuilder().Append(Surnames[random.Next(Surnames.Length)]);
        var length = random.Next(2, 5);
        var rare = random.Next(1, length);
        for (var i = 1; i < length; i++)
            name.Append(i == rare ? Character(random, block) : Common[random.Next(Common.Length)].ToString());
        return name.ToString();
    }

    /// <summary>A minority name with its middle dot, a rare character on each side of it.</summary>
    public static string WithMiddleDot(Random random) =>
        $"阿依{Character(random, Blocks[1])}丽·买{Character(random, Blocks[random.Next(Blocks.Length)])}提";

    /// <summary>A name in plain ASCII letters, as a foreigner's passport gives it.</summary>
    public static string Ascii(Random random) =>
        $"{(char)('A' + random.Next(26))}{new string([.. Enumerable.Range(0, 4).Select(_ => (char)('a' + random.Next(26)))])} Smith";

    /// <summary>One name of each kind: every block, the middle dot, ASCII.</summary>
    public static IReadOnlyList<(string Kind, string Name)> OneOfEach(Random random) =>
        [.. Blocks.Select(b => (b.Name, Person(random, b))), ("middle dot", WithMiddleDot(random)), ("ASCII", Ascii(random)), ("王𠮷明", $"王{Ji}明")];
}
