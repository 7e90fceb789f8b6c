namespace Credit.Tests.Infrastructure;

/// <summary>One running platform on its own fresh database, shared by a test collection.</summary>
public sealed class PlatformFixture(TestPostgres postgres) : IAsyncLifetime
{
    public const string Liwan = "demo-liwan-district-court";
    public const string Intermediate = "demo-guangzhou-intermediate-court";

    public RunningPlatform Platform { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync(migrate: false);
        Platform = await RunningPlatform.StartAsync(ConnectionString);
    }

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();

    /// <summary>Stops the platform and starts a new one on the same database, as a restart would.</summary>
    public async Task RestartAsync()
    {
        await Platform.DisposeAsync();
        Platform = await RunningPlatform.StartAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
