using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Credit.Api.Agencies.Catalogue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Credit.Tests.Agencies;

/// <summary>An operator changes the catalogue file of a running platform: a valid change is in force at once,
/// an invalid one is logged and changes nothing.</summary>
public sealed class CatalogueReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("credit-catalogue-");
    private readonly RecordingLogger<AgencyCatalogueSource> log = new();

    private string FilePath => Path.Combine(folder.FullName, "catalogue.json");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task A_saved_change_is_in_force_without_a_restart()
    {
        Save(CatalogueFiles.ShippedJson());
        using var source = Follow();
        var reloaded = Reloaded(source);
        var changed = CatalogueFiles.ShippedJson();
        changed.Agency("railway")["nameEn"] = "China Railway Guangzhou Group Co., Ltd.";
        changed.Agency("railway")["measures"] = new JsonArray("C01", "C06");

        Save(changed);
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var railway = source.Current.Agencies["railway"];
        Assert.Equal("China Railway Guangzhou Group Co., Ltd.", railway.NameEn);
        Assert.Equal(["C01", "C06"], railway.Measures);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("reloaded: 13 categories, 41 measures, 44 agencies"));
    }

    [Fact]
    public async Task A_change_saved_by_renaming_a_new_file_over_the_old_one_is_picked_up()
    {
        Save(CatalogueFiles.ShippedJson());
        using var source = Follow();
        var reloaded = Reloaded(source);
        var changed = CatalogueFiles.ShippedJson();
        changed.Measure("X01")["titleEn"] = "Exit ban (border control)";

        // As editors save: write a temporary file beside the original, then rename it over the original.
        var temporary = Path.Combine(folder.FullName, ".catalogue.json.swp");
        File.WriteAllText(temporary, changed.ToJsonString());
        File.Move(temporary, FilePath, overwrite: true);
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal("Exit ban (border control)", source.Current.Measures["X01"].TitleEn);
    }

    [Fact]
    public async Task An_invalid_edit_is_logged_and_the_previous_catalogue_stays_in_force()
    {
        Save(CatalogueFiles.ShippedJson());
        using var source = Follow();
        var before = source.Current;
        var refused = log.Next(LogLevel.Error, "agency 'railway': measure 'Z99' is not in the catalogue");
        var broken = CatalogueFiles.ShippedJson();
        broken.Agency("railway")["measures"]!.AsArray().Add("Z99");

        Save(broken);
        var message = await refused.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Same(before, source.Current);
        Assert.Contains(FilePath, message);
        Assert.Contains("the previous catalogue stays in force", message);

        // The operator fixes the file: the fix is taken.
        var reloaded = Reloaded(source);
        var fixedFile = CatalogueFiles.ShippedJson();
        fixedFile.Agency("railway")["nameZh"] = "广州铁路";
        Save(fixedFile);
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal("广州铁路", source.Current.Agencies["railway"].NameZh);
    }

    [Fact]
    public async Task A_deleted_file_leaves_the_catalogue_in_force_and_its_return_is_taken()
    {
        Save(CatalogueFiles.ShippedJson());
        using var source = Follow();
        var before = source.Current;
        var missing = log.Next(LogLevel.Error, "the file cannot be read");

        File.Delete(FilePath);
        await missing.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Same(before, source.Current);

        var reloaded = Reloaded(source);
        Save(CatalogueFiles.ShippedJson());
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(44, source.Current.Agencies.Count);
    }

    [Fact]
    public async Task A_swapped_mount_that_raises_no_file_event_is_found_by_the_periodic_check()
    {
        // As Kubernetes updates a ConfigMap volume: the file is a link through "..data", and an update
        // renames a new "..data" link over the old one, so the file itself never changes.
        var first = Directory.CreateDirectory(Path.Combine(folder.FullName, "v1"));
        var second = Directory.CreateDirectory(Path.Combine(folder.FullName, "v2"));
        File.WriteAllText(Path.Combine(first.FullName, "catalogue.json"), CatalogueFiles.ShippedJson().ToJsonString());
        var changed = CatalogueFiles.ShippedJson();
        changed.Agency("education")["nameEn"] = "Guangzhou Municipal Education Bureau";
        File.WriteAllText(Path.Combine(second.FullName, "catalogue.json"), changed.ToJsonString());
        var data = Path.Combine(folder.FullName, "..data");
        File.CreateSymbolicLink(data, "v1");
        File.CreateSymbolicLink(FilePath, Path.Combine("..data", "catalogue.json"));
        using var source = Follow(checkInterval: TimeSpan.FromMilliseconds(200));
        var reloaded = Reloaded(source);

        var next = Path.Combine(folder.FullName, "..data_tmp");
        File.CreateSymbolicLink(next, "v2");
        Assert.Equal(0, Rename(next, data));
        await reloaded.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal("Guangzhou Municipal Education Bureau", source.Current.Agencies["education"].NameEn);
    }

    [Fact]
    public void A_source_that_cannot_start_from_its_file_refuses_to_be_made()
    {
        var broken = CatalogueFiles.ShippedJson();
        broken.Agency("railway")["code"] = "Railway";
        Save(broken);

        var refusal = Assert.Throws<AgencyCatalogueException>(() => Follow());

        Assert.Contains("agency 'Railway': code must be lower-case ASCII words joined by hyphens", Assert.Single(refusal.Problems));
    }

    private AgencyCatalogueSource Follow(TimeSpan? checkInterval = null) => AgencyCatalogueSource.Follow(
        new AgencyCatalogueOptions { CatalogueFile = FilePath, ReloadDelay = TimeSpan.FromMilliseconds(50), CheckInterval = checkInterval ?? TimeSpan.Zero },
        log, TimeProvider.System);

    private void Save(JsonObject file) => File.WriteAllText(FilePath, file.ToJsonString());

    // rename(2), as the kubelet swaps the link: .NET's File.Move refuses a link to a folder.
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string from, string to);

    private static Task Reloaded(AgencyCatalogueSource source)
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);
        return reloaded.Task;
    }
}
