using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Subjects;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Rules;

/// <summary>A retried request (same Idempotency-Key) answers with what the first one did, and changes nothing.</summary>
public sealed class IdempotencyRulesTests
{
    [Fact]
    public void Idempotent_replay_returns_the_same_item()
    {
        var subject = SubjectOf(Person());
        var context = By(Liwan, key: "listing-2025-100", fingerprint: "sha256:aaa");
        Assert.False(subject.TryReplay(context, out _));
        var first = Accepted(subject.CreateListing(ListingRequest(), context));
        subject.Remember(context, first);
        var version = subject.State.Version;

        Assert.True(subject.TryReplay(context, out var replay));

        Assert.Equal(Decision.Accept(first), replay);
        Assert.Single(subject.State.Listings);
        Assert.Equal(version, subject.State.Version);
    }

    [Fact]
    public void Replay_answers_with_the_first_change_whatever_happened_since()
    {
        var subject = SubjectOf(Person());
        var context = By(Liwan, key: "listing-2025-100");
        var first = Accepted(subject.CreateListing(ListingRequest(), context));
        subject.Remember(context, first);
        Accepted(subject.RemoveListing(new RemoveListing(first, RemovalReason.FullPerformance, "已全部履行", false), By(Liwan)));

        Assert.True(subject.TryReplay(context, out var replay));

        Assert.Equal(Decision.Accept(first), replay);
    }

    [Fact]
    public void Key_reuse_with_different_fingerprint_is_refused()
    {
        var subject = SubjectOf(Person());
        var context = By(Liwan, key: "listing-2025-100", fingerprint: "sha256:aaa");
        subject.Remember(context, Accepted(subject.CreateListing(ListingRequest(), context)));

        Assert.True(subject.TryReplay(context with { Fingerprint = "sha256:bbb" }, out var decision));

        Refused(decision, RefusalKind.Conflict, "Idempotency-Key");
    }

    [Fact]
    public void Keys_are_per_court()
    {
        var subject = SubjectOf(Person());
        var context = By(Liwan, key: "request-1", fingerprint: "sha256:aaa");
        subject.Remember(context, Accepted(subject.ImposeRestriction(RestrictionRequest(), context)));

        Assert.False(subject.TryReplay(context with { Court = Yuexiu }, out _));
    }

    [Fact]
    public void Only_the_configured_number_of_keys_is_remembered()
    {
        var subject = SubjectOf(Person(), rules: new SubjectRules { RememberedIdempotencyKeys = 2 });
        var contexts = new[] { By(Liwan, "k1"), By(Liwan, "k2"), By(Liwan, "k3") };

        foreach (var context in contexts)
            subject.Remember(context, Guid.NewGuid());

        Assert.False(subject.TryReplay(contexts[0], out _));
        Assert.True(subject.TryReplay(contexts[1], out _));
        Assert.True(subject.TryReplay(contexts[2], out _));
        Assert.Equal(2, subject.State.ProcessedCommands.Count);
    }
}
