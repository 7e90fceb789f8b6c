using System.Net;
using Credit.Tests.Api;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>The listed subject files in the name it is listed under (Art. 11), compared as the public search compares names: the
/// form of a middle dot, Latin case, spaces and hyphens are how a name was typed, not another name.</summary>
public sealed class ObjectionApplicantNameTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    [Theory]
    [InlineData("阿依古丽·买买提", "阿依古丽・买买提")]   // U+00B7 listed, the katakana middle dot of a Japanese-style input method typed
    [InlineData("阿依古丽·买买提", "阿依古丽•买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽．买买提")]
    [InlineData("阿依古丽·买买提", "阿依古丽买买提")]
    [InlineData("Jean-Pierre Dupont", "jean-pierre dupont")]
    [InlineData("Jean-Pierre Dupont", "ＪＥＡＮ　ＰＩＥＲＲＥ　ＤＵＰＯＮＴ")]
    [InlineData("王 六", "王六")]
    [InlineData("王六", "王 六")]
    public async Task The_subject_files_in_its_listed_name_as_typed_with_another_dot_case_or_spacing_Art11(string listed, string typed)
    {
        var (id, caseNumber, _) = await platform.ListAsync(listed);

        var filed = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, typed));

        Assert.True(filed.StatusCode == HttpStatusCode.Created, $"{filed.StatusCode}: {await filed.Content.ReadAsStringAsync()}\n{platform.Errors}");
    }

    [Theory]
    [InlineData("阿依古丽·买买提", "阿依古丽·买买江")]
    [InlineData("Jean-Pierre Dupont", "Jean-Paul Dupont")]
    [InlineData("王六", "王大六")]
    public async Task Another_name_is_refused_naming_the_applicants_name_Art11(string listed, string typed)
    {
        var (id, caseNumber, _) = await platform.ListAsync(listed);

        var refused = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, typed));

        await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest, "applicant.name");
    }
}
