using Credit.Api.Configuration;
using Credit.Api.Screens.Access;
using Credit.Api.Screens.Channels;
using Credit.Api.Screens.Display;
using Credit.Api.Screens.Playlists;
using Credit.Api.Screens.Records;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Screens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credit.Api.Screens;

public static class ScreenSetup
{
    /// <summary>The screen channels from the file named by <c>Credit:Screens:ChannelFile</c> (checked at start, followed while
    /// the platform runs), the screens' in-memory index and its follower, the playlists, photos and the courts' records.</summary>
    public static IServiceCollection AddScreens(this IServiceCollection services)
    {
        services.AddOptions<ScreenChannelOptions>()
            .BindConfiguration(ScreenChannelOptions.Section)
            .Validate(o => o.ReloadDelay >= TimeSpan.Zero && o.ReloadDelay <= TimeSpan.FromMinutes(1), $"{ScreenChannelOptions.Section}:ReloadDelay must be 0 to 1 minute")
            .Validate(o => o.CheckInterval >= TimeSpan.Zero, $"{ScreenChannelOptions.Section}:CheckInterval must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ScreenChannelOptions>>().Value;
            return new WatchedFile<ScreenChannels>(options.FullPath, ScreenChannelFile.Parse, new WatchPolicy(options.ReloadDelay, options.CheckInterval),
                provider.GetRequiredService<ILogger<WatchedFile<ScreenChannels>>>(), provider.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService<ScreenChannelStartup>();
        services.AddScreenAccess();
        services.TryAddSingleton<ChangeLogReader>();
        services.AddSingleton<ScreenIndex>();
        services.AddSingleton<ScreenReadModel>();
        services.AddSingleton<ScreenRecords>();
        services.AddSingleton<ScreenRotations>();
        services.AddSingleton<Playlists.Playlists>();
        services.AddHostedService<ScreenFollower>();
        return services;
    }

    public static IEndpointRouteBuilder MapScreens(this IEndpointRouteBuilder app)
    {
        app.MapPlaylists();
        app.MapScreenRecords();
        app.MapScreenDisplayPage();
        return app;
    }
}

/// <summary>Reads the channel file when the platform starts, so an invalid file stops the start with its problems named.</summary>
internal sealed class ScreenChannelStartup(WatchedFile<ScreenChannels> channels, ILogger<ScreenChannelStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Screen channels {Path}: {Operators} operators, {Channels} channels", channels.FilePath,
            channels.Current.Operators.Count, channels.Current.Channels.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
