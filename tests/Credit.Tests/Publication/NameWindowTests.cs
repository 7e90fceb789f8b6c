using System.Text;
using Credit.ReadModels.PublicListings;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Publication;

/// <summary>The two-character windows of names that partial name search runs on: cut by character, never inside one, and the
/// same in C# (<see cref="NameBigrams"/>) as in PostgreSQL (<c>name_inner_bigrams</c>), for names from every CJK block, with the
/// middle dot, combining sequences and emoji.</summary>
public sealed class NameWindowTests(TestPostgres postgres)
{
    private static IEnumerable<string> Names()
    {
        var random = new Random(4242);
        for (var round = 0; round < 5; round++)
        {
            foreach (var (_, name) in RareNames.OneOfEach(random))
                yield return name;
        }
        yield return "买买提·艾力";
        yield return "Zoe\u0308 Smith";         // e + combining diaeresis
        yield return "王👨‍👩‍👧明";               // a family emoji: five code points joined
        yield return "𠮷";
        yield return "王𠮷";
        yield return string.Concat(RareNames.Blocks.Select(b => char.ConvertFromUtf32(b.Last)));
    }

    [Fact]
    public void A_window_is_two_characters_and_never_cuts_a_character_in_two()
    {
        Assert.Equal(["王\U00020BB7", "\U00020BB7明"], NameBigrams.Of($"王{RareNames.Ji}明"));
        Assert.Equal(["\U00020BB7明"], NameBigrams.Inner($"王{RareNames.Ji}明"));
        foreach (var name in Names().Where(n => n.EnumerateRunes().Count() >= 2))
        {
            foreach (var window in NameBigrams.Of(name))
            {
                Assert.Equal(2, window.EnumerateRunes().Count());
                Assert.Equal(window, Encoding.UTF8.GetString(new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(window)));
            }
        }
    }

    [Fact]
    public async Task The_windows_of_CSharp_and_of_PostgreSQL_are_the_same()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        foreach (var name in Names())
        {
            await using var command = database.CreateCommand("SELECT name_inner_bigrams($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            var inSql = (string[])(await command.ExecuteScalarAsync(cancellation))!;

            Assert.Equal(NameBigrams.Inner(name).Order(StringComparer.Ordinal), inSql.Order(StringComparer.Ordinal));
        }
    }
}
