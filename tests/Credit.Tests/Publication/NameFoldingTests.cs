using System.Net;
using System.Text.Json;
using Credit.Grains.Interfaces.Text;
using Credit.ReadModels.PublicListings;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>DOMAIN §2: searching by name must work, so whoever types a published name finds it, whichever middle dot, width,
/// case or spacing the clerk or the searcher used (<see cref="NameSearchKey"/>).</summary>
[Collection(PlatformCollection.Name)]
public sealed class NameFoldingTests(PlatformFixture fixture)
{
    private HttpClient Public => fixture.Platform.Client();

    /// <summary>A listed name and a search that must find it. {u} is three CJK characters, {L} five Latin letters, fresh for
    /// each case (in {l} in lower case), so no other listing matches.</summary>
    public static TheoryData<string, string> ListedAndSearched() => new()
    {
        { "热依拉•{u}", "热依拉·{u}" },                 // U+2022 listed, U+00B7 (a Chinese IME's) searched
        { "热依拉・{u}", "热依拉·{u}" },                 // U+30FB, what Word and Japanese IMEs insert
        { "热依拉．{u}", "热依拉•{u}" },                 // U+FF0E
        { "热依拉･{u}", "热依拉・{u}" },                  // U+FF65
        { "热依拉∙{u}", "热依拉{u}" },                   // U+2219, and no dot at all
        { "热依拉‧{u}", "热依拉.{u}" },                   // U+2027
        { "热依拉·{u}", "热依拉∙{u}" },
        { "买买提·{u}-江", "买买提·{u}-江" },
        { "王\u3000{u}", "王 {u}" },                    // the ideographic space of a full-width IME
        { "王 {u}", "王{u}" },
        { "Jean-Pierre {L}", "jean pierre {l}" },
        { "O'Neil {L}", "O’Neil {L}" },
        { "J. R. {L}", "j r {l}" },
        { "Ｌｉ\u3000{L}", "Li {L}" },
        { "Émile {L}", "émile {l}" },
        { "JOHN {L}", "john {l}" },
        { "李<b>{u}</b>", "李<b>{u}</b>" },
    };

    [Theory]
    [MemberData(nameof(ListedAndSearched))]
    public async Task A_listed_name_is_found_however_its_dots_spaces_case_and_width_are_typed(string listed, string searched)
    {
        var (u, latin) = (PublicSearchApiTests.UniqueName(), string.Concat(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next('A', 'Z' + 1))));
        string Fill(string text) => text.Replace("{u}", u, StringComparison.Ordinal).Replace("{L}", latin, StringComparison.Ordinal)
            .Replace("{l}", latin.ToLowerInvariant(), StringComparison.Ordinal);
        var id = Identities.AdultResidentId();
        var created = await fixture.Platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber(), Fill(listed)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listingId = (await created.JsonAsync()).GetProperty("id").GetString();

        var response = await Public.GetAsync($"/api/v1/public/listings?name={Uri.EscapeDataString(Fill(searched))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hit = Assert.Single((await response.JsonAsync()).GetProperty("items").EnumerateArray(), l => l.GetProperty("listingId").GetString() == listingId);
        Assert.Equal(Fill(listed), hit.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_name_ranks_as_exact_whichever_dot_it_is_typed_with()
    {
        var u = PublicSearchApiTests.UniqueName();
        var liwan = fixture.Platform.Client(PlatformFixture.Liwan);
        Assert.Equal(HttpStatusCode.Created, (await liwan.PostAsync($"{Person(Identities.AdultResidentId())}/listings", PersonListing(CaseNumber(), $"{u}·甲乙"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await liwan.PostAsync($"{Person(Identities.AdultResidentId())}/listings", PersonListing(CaseNumber(), $"{u}・甲乙丙"))).StatusCode);

        var items = (await (await Public.GetAsync($"/api/v1/public/listings?name={Uri.EscapeDataString($"{u}•甲乙")}")).JsonAsync()).GetProperty("items");

        Assert.Equal([$"{u}·甲乙", $"{u}・甲乙丙"], items.EnumerateArray().Select(l => l.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("·-")]          // nothing left to compare
    [InlineData("王")]
    [InlineData("王%")]
    [InlineData("王_三")]
    public async Task A_query_with_fewer_than_two_letters_or_with_other_symbols_is_refused_naming_the_name(string name)
    {
        var response = await Public.GetAsync($"/api/v1/public/listings?name={Uri.EscapeDataString(name)}");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "name");
    }
}

/// <summary>The stored names' key (the SQL function of 0790) and the query's (C#) must be one key, or a name is not found.</summary>
public sealed class NameSearchKeyTests(TestPostgres postgres)
{
    private static IEnumerable<string> Names()
    {
        yield return NameSearchKey.Capitals;
        yield return NameSearchKey.SmallLetters;
        yield return $"王{NameSearchKey.Ignored}明";
        yield return "Ｊｏｈｎ\u3000Ｓｍｉｔｈ";
        yield return "Zoe\u0308 Smith";
        yield return "\uF900\uFA11\U0002F800\u2F00";   // CJK compatibility ideographs and a Kangxi radical
        yield return $"王{RareNames.Ji}明";
        var random = new Random(4242);
        foreach (var (_, name) in RareNames.OneOfEach(random))
            yield return name;
    }

    [Fact]
    public async Task The_key_of_CSharp_and_of_PostgreSQL_are_the_same()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        foreach (var name in Names())
        {
            await using var command = database.CreateCommand("SELECT name_search_key($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = name });

            Assert.Equal(NameSearchKey.Of(name), (string)(await command.ExecuteScalarAsync(cancellation))!);
        }
    }

    [Fact]
    public void The_key_folds_dots_spaces_width_and_latin_case_and_keeps_rare_characters()
    {
        Assert.Equal("热依拉艾买提", NameSearchKey.Of("热依拉・艾买提"));
        Assert.Equal("johnsmith", NameSearchKey.Of("Ｊｏｈｎ\u3000Ｓｍｉｔｈ"));
        Assert.Equal("émilezola", NameSearchKey.Of("E\u0301mile Zola"));
        Assert.Equal($"王{RareNames.Ji}明", NameSearchKey.Of($"王 {RareNames.Ji}·明"));
    }
}
