using Credit.ReadModels.Screens;

namespace Credit.Api.Screens.Channels;

/// <summary>A company whose screens show channels (the metro's screen system), holding keys for its own channels only.</summary>
public sealed record ScreenOperator(string Code, string NameZh, string NameEn);

/// <summary>One channel of screens (a metro line, a group of stations): which listings it shows and how it rotates them.</summary>
/// <param name="RotationPeriod">How long one playlist stays (the seeds' "replaced periodically"); every screen of the
/// channel shows the same playlist in a period.</param>
/// <param name="PlaylistSize">At most this many listings per period.</param>
/// <param name="SlideSeconds">How long the display page shows each listing.</param>
/// <param name="PollSeconds">How often the display page asks for the playlist: at most this long after a removal, the
/// removed listing is no longer shown.</param>
/// <param name="Photos">Whether the channel shows the subjects' ID photos (and may fetch them).</param>
public sealed record ScreenChannel(
    string Code,
    string NameZh,
    string NameEn,
    string Operator,
    ScreenSelection Selection,
    TimeSpan RotationPeriod,
    int PlaylistSize,
    int SlideSeconds,
    int PollSeconds,
    bool Photos);

/// <summary>The operators and channels of the operator's file. Immutable: a reload swaps in a new instance.</summary>
public sealed class ScreenChannels(IReadOnlyList<ScreenOperator> operators, IReadOnlyList<ScreenChannel> channels)
{
    public IReadOnlyDictionary<string, ScreenOperator> Operators { get; } = operators.ToDictionary(o => o.Code, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ScreenChannel> Channels { get; } = channels.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>The channels in the order of the file.</summary>
    public IReadOnlyList<ScreenChannel> ChannelList { get; } = [.. channels];
}
