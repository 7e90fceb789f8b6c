using Credit.ReadModels.Interceptions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Credit.Tests.Infrastructure;

/// <summary>The agencies' check index follows the interception changes a moment after the court's answer (at most every
/// 50 ms under a stream of changes): a test that asks the agencies right after a court's change waits for it first, as an
/// agency would see the change within seconds.</summary>
public static class AgencyIndexCatchUp
{
    public static async Task AgencyIndexCaughtUpAsync(this RunningPlatform platform)
    {
        var index = platform.Services.GetRequiredService<InterceptionIndex>();
        var database = platform.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand("SELECT coalesce(max(position), 0) FROM interception_changes");
        var committed = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (index.Position < committed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the agencies' check index stayed at {index.Position}, short of the committed change at {committed}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
