using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Hosting;

/// <summary>The embedded PostgreSQL runs with the settings the platform's write load was measured with
/// (bench/README.md): no JIT, checkpoints far apart, whole pages compressed in the log.</summary>
public sealed class EmbeddedPostgresSettingsTests(TestPostgres postgres)
{
    [Theory]
    [InlineData("jit", "off")]
    [InlineData("max_wal_size", "4GB")]
    [InlineData("checkpoint_timeout", "15min")]
    [InlineData("wal_compression", "lz4")]
    public async Task The_embedded_server_runs_with_the_measured_setting(string setting, string value)
    {
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: false));
        await using var show = database.CreateCommand($"SHOW {setting}");
        Assert.Equal(value, await show.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
