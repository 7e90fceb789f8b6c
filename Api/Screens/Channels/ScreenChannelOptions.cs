namespace Credit.Api.Screens.Channels;

/// <summary>Where the screen channels come from and how a change to the file is picked up (section <c>Credit:Screens</c>).</summary>
public sealed class ScreenChannelOptions
{
    public const string Section = "Credit:Screens";
    public const string DefaultFile = "Screens/Channels/channels.json";

    /// <summary>The operator's channel file; empty: the copy shipped next to the assemblies, which every build overwrites.</summary>
    public string? ChannelFile { get; set; }

    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string FullPath => string.IsNullOrWhiteSpace(ChannelFile)
        ? Path.Combine(AppContext.BaseDirectory, DefaultFile)
        : Path.GetFullPath(ChannelFile);
}
