using System.Net;
using System.Text.Json;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>A webhook event failing for the whole retry period is parked as a dead letter and can be replayed. The test moves
/// the platform's clock a day ahead and back, and Orleans schedules the collection of idle activations by that clock: once it
/// has scheduled them a day ahead, every new activation fails ("the earliest collection that can be scheduled from now...")
/// until real time catches up. So the test has a platform of its own, and no other test meets that platform after it.</summary>
[Collection(PartnerClockCollection.Name)]
public sealed class WebhookParkingTests(PartnerFixture fixture) : WebhookSteps(fixture)
{
    [Fact]
    public async Task An_event_failing_for_the_whole_retry_period_is_parked_and_can_be_replayed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = Region();
        var (subscription, secret) = await SubscribeAsync(Fixture.App, "app", receiver.Url, region);
        receiver.GoDown();
        var (_, parked) = await Fixture.ListAsync(region, "陈庚");
        try
        {
            // Two failed attempts, not one: the platform reads its clock for the first failure after the receiver has seen the
            // request, and a clock moved in between made that failure a day later, so the event was not due to be parked when
            // the test looked for it. A second attempt comes only after the first failure is recorded at the real time.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (receiver.Requests.Count(r => !r.Accepted && r.ListingId == parked) < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "the event was never attempted twice");
                await Task.Delay(50);
            }
            // Still retried a day later...
            Fixture.Clock.MoveTo(DateTimeOffset.UtcNow + TimeSpan.FromHours(25));
            await Task.Delay(2500);
            Assert.Empty(await DeadLettersAsync(subscription));
            // ...and parked once more than 26 hours have passed since its first failure.
            Fixture.Clock.MoveTo(DateTimeOffset.UtcNow + TimeSpan.FromHours(27));
            var letters = await DeadLettersWhenAsync(subscription, l => l.Count == 1);
            Assert.Equal($"msg_{subscription:N}", letters[0].GetProperty("messageId").GetString()![..36]);

            // The subscription moves on past it: a later event is delivered once the receiver is back.
            receiver.ComeUp();
            var (_, later) = await Fixture.ListAsync(region, "褚辛");
            await DeliveredWhenAsync(receiver, d => d.Any(r => r.ListingId == later));
            Assert.DoesNotContain(receiver.Delivered(), d => d.ListingId == parked);

            // The partner replays it: the same id, a fresh signature.
            var replay = await Fixture.App.PostAsync($"/api/v1/partners/app/webhooks/{subscription}/dead-letters/replay", null);
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.Equal(1, (await replay.JsonAsync()).GetProperty("deadLetters").GetInt32());
            var replayed = (await DeliveredWhenAsync(receiver, d => d.Any(r => r.ListingId == parked))).Single(d => d.ListingId == parked);
            Assert.Equal(letters[0].GetProperty("messageId").GetString(), replayed.Id);
            Assert.True(WebhookReceiver.VerifySignature(replayed, secret));
            await DeadLettersWhenAsync(subscription, l => l.Single().GetProperty("replayedAt").ValueKind == JsonValueKind.String);
        }
        finally
        {
            Fixture.Clock.MoveTo(DateTimeOffset.UtcNow);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PartnerClockCollection : ICollectionFixture<PartnerFixture>
{
    public const string Name = "partners, clock moved";
}
