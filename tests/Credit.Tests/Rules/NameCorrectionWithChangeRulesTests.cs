using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>Art. 9, by the court about to act: a court with nothing in force on the subject is not blocked by another court's
/// mistyped name; its listing, restriction or ban corrects the recorded name when it says why (subject.nameCorrection).</summary>
public sealed class NameCorrectionWithChangeRulesTests
{
    private static SubjectDetails Correcting(string name, string? why = "身份证姓名为张三") => new(name, null, null, why);

    private static Grains.Subjects.Subject RestrictedByLiwanAs(string name)
    {
        var subject = SubjectOf(Person());
        Accepted(subject.ImposeRestriction(RestrictionRequest(subject: Named(name)), By(Liwan)));
        return subject;
    }

    [Fact]
    public void A_court_with_nothing_in_force_corrects_the_name_with_its_listing_recorded_against_the_listing()
    {
        var subject = RestrictedByLiwanAs("张叁");
        var refused = subject.CreateListing(ListingRequest(subject: Named("张三"), caseNumber: YuexiuCase), By(Yuexiu));
        Refused(refused, RefusalKind.Conflict, "subject.name");
        Assert.Contains("subject.nameCorrection", refused.Refusal!.Rule);
        Assert.Contains("粤0103", refused.Refusal.Rule);

        var listing = Accepted(subject.CreateListing(ListingRequest(subject: Correcting(" 张三 "), caseNumber: YuexiuCase), By(Yuexiu)));

        Assert.Equal("张三", subject.State.Profile!.Name);
        var renamed = subject.State.History.Single(h => h.Kind == ChangeKind.SubjectRenamed);
        Assert.Equal((Yuexiu, listing), (renamed.Court, renamed.ItemId));
        Assert.Equal(new FieldChange("subject.name", "张叁", "张三"), Assert.Single(renamed.Fields));
        Assert.Contains("身份证姓名为张三", renamed.Reason);
    }

    [Fact]
    public void A_restriction_or_an_exit_ban_corrects_the_name_likewise()
    {
        var subject = RestrictedByLiwanAs("张叁");
        Accepted(subject.ImposeExitBan(ExitBanRequest(caseNumber: YuexiuCase) with { Subject = Correcting("张三") }, By(Yuexiu)));
        Assert.Equal("张三", subject.State.Profile!.Name);

        Accepted(subject.ImposeRestriction(RestrictionRequest(caseNumber: YuexiuCase, subject: Correcting("张珊", "户籍姓名为张珊")), By(Yuexiu)));
        Assert.Equal("张珊", subject.State.Profile!.Name);
        Assert.Equal(2, subject.State.History.Count(h => h.Kind == ChangeKind.SubjectRenamed));
    }

    [Fact]
    public void A_correction_with_nothing_to_correct_or_without_a_reason_is_refused_and_a_refused_change_renames_no_one()
    {
        var fresh = SubjectOf(Person());
        Refused(fresh.CreateListing(ListingRequest(subject: Correcting("张三")), By(Liwan)), RefusalKind.Invalid, "subject.nameCorrection");

        var subject = RestrictedByLiwanAs("张叁");
        Refused(subject.CreateListing(ListingRequest(subject: Correcting("张叁"), caseNumber: YuexiuCase), By(Yuexiu)), RefusalKind.Invalid, "subject.nameCorrection");
        Refused(subject.CreateListing(ListingRequest(subject: Correcting("张三", " "), caseNumber: YuexiuCase), By(Yuexiu)), RefusalKind.Invalid, "subject.nameCorrection");
        // Refused for its case (another court's), the change corrects nothing either.
        Refused(subject.CreateListing(ListingRequest(subject: Correcting("张三"), caseNumber: LiwanCase), By(Yuexiu)), RefusalKind.Forbidden, "caseNumber");

        Assert.Equal("张叁", subject.State.Profile!.Name);
        Assert.DoesNotContain(subject.State.History, h => h.Kind == ChangeKind.SubjectRenamed);
    }

    [Fact]
    public void An_entity_renamed_with_its_listing_owes_each_person_one_delivery_under_the_new_name()
    {
        var entity = SubjectOf(Company());
        Accepted(entity.ImposeRestriction(EntityRestrictionRequest(), By(Liwan)));
        entity.State.Outbox.Clear();

        var listing = Accepted(entity.CreateListing(EntityListingRequest() with { Subject = Correcting("广州某某商贸有限公司", "营业执照名称") }, By(Liwan)));

        // The restriction's person and the listing's, each once, both under the corrected name.
        var deliveries = entity.State.Outbox.Select(d => d.Restrict!).ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries, d => d.ListingId == listing);
        Assert.All(deliveries, d => Assert.Equal("广州某某商贸有限公司", d.EntityName));
    }
}
