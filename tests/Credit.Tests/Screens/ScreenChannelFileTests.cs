using System.Text.Json.Nodes;
using Credit.Api.Configuration;
using Credit.Api.Screens.Channels;
using Credit.Tests.Agencies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Credit.Tests.Screens;

/// <summary>The screen channel file: the shipped one passes, a faulty one is refused with each fault named, and a change to the
/// file of a running platform is in force at once (or, if faulty, logged and ignored).</summary>
public sealed class ScreenChannelFileTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("credit-channels-");
    private readonly RecordingLogger<WatchedFile<ScreenChannels>> log = new();

    private string FilePath => Path.Combine(folder.FullName, "channels.json");

    public void Dispose() => folder.Delete(recursive: true);

    private static string ShippedPath => Path.Combine(AppContext.BaseDirectory, ScreenChannelOptions.DefaultFile);

    [Fact]
    public void The_shipped_file_has_a_channel_for_each_metro_line_of_the_seeds()
    {
        var channels = ScreenChannelFile.Parse(File.ReadAllText(ShippedPath), ShippedPath);

        // Metro lines 1–9 and 13, the Zhishicheng line and the APM line (seed: the Liwan court's film, 2019).
        Assert.Equal(["line-1", "line-2", "line-3", "line-4", "line-5", "line-6", "line-7", "line-8", "line-9", "line-13", "zhishicheng", "apm"],
            channels.ChannelList.Select(c => c.Code));
        Assert.All(channels.ChannelList, c => Assert.Equal("guangzhou-metro", c.Operator));
    }

    [Fact]
    public void A_faulty_file_is_refused_with_every_fault_named()
    {
        var file = Shipped();
        var line1 = Channel(file, "line-1");
        line1["operator"] = "nobody";
        line1["playlistSize"] = 0;
        line1["pollSeconds"] = 0;
        line1["rotationPeriod"] = "00:00:01";
        line1["selection"]!["regions"] = new JsonArray("4401033");
        line1["selection"]!["courts"] = new JsonArray("Guangzhou");
        line1["selection"]!["minimumAmountOwed"] = -1;
        Channel(file, "line-2")["code"] = "line-1";

        var refusal = Assert.Throws<WatchedFileException>(() => ScreenChannelFile.Parse(file.ToJsonString(), "channels.json"));

        Assert.Contains(refusal.Problems, p => p.StartsWith("channels[0] (line-1).operator:", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains(".playlistSize:", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains(".pollSeconds:", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains(".rotationPeriod:", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains("selection.regions: '4401033'", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains("selection.courts: 'Guangzhou'", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains("selection.minimumAmountOwed", StringComparison.Ordinal));
        Assert.Contains(refusal.Problems, p => p.Contains("'line-1' is given twice", StringComparison.Ordinal));
        // A misspelt or unknown member would silently drop what the operator meant.
        var unknown = Assert.Throws<WatchedFileException>(() => ScreenChannelFile.Parse(Unknown().ToJsonString(), "channels.json"));
        Assert.Contains("colour", Assert.Single(unknown.Problems), StringComparison.Ordinal);

        static JsonObject Unknown()
        {
            var file = Shipped();
            Channel(file, "apm")["colour"] = "red";
            return file;
        }
    }

    [Fact]
    public async Task A_saved_change_is_in_force_at_once_and_a_faulty_one_is_logged_and_ignored()
    {
        File.WriteAllText(FilePath, Shipped().ToJsonString());
        using var source = Follow();
        var reloaded = Reloaded(source);
        var changed = Shipped();
        Channel(changed, "line-1")["playlistSize"] = 7;

        File.WriteAllText(FilePath, changed.ToJsonString());
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(7, source.Current.Channels["line-1"].PlaylistSize);

        var logged = log.Next(LogLevel.Error, "playlistSize");
        Channel(changed, "line-1")["playlistSize"] = 100_000;
        File.WriteAllText(FilePath, changed.ToJsonString());
        await logged.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(7, source.Current.Channels["line-1"].PlaylistSize);
    }

    private WatchedFile<ScreenChannels> Follow() =>
        new(FilePath, ScreenChannelFile.Parse, new WatchPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.Zero), log, TimeProvider.System);

    private static Task Reloaded(WatchedFile<ScreenChannels> source)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ChangeToken.OnChange(source.GetReloadToken, done.SetResult);
        return done.Task;
    }

    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();

    private static JsonObject Channel(JsonObject file, string code) =>
        file["channels"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["code"]!.GetValue<string>() == code);
}
