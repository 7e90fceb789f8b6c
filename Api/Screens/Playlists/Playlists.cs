using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Credit.Api.Configuration;
using Credit.Api.Screens.Channels;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Screens;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Credit.Api.Screens.Playlists;

/// <summary>A playlist as it is sent: the JSON body and its ETag, made once per period, ring revision and day.</summary>
public sealed record RenderedPlaylist(byte[] Body, string ETag, RotationState Rotation, long Revision, DateOnly Day);

/// <summary>Each channel's current playlist, from memory: its ring (<see cref="ScreenIndex"/>), its rotation, and the last
/// rendered body, so that the thousands of screens polling a channel cost a comparison of ETags each.</summary>
public sealed class Playlists(
    ScreenIndex index, WatchedFile<ScreenChannels> channels, ScreenRotations rotations, TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<Playlists> logger)
{
    /// <summary>How many periods a rotation is moved on at most in one go, after a long time without a request.</summary>
    private const int MostPeriodsAtOnce = 10_000;

    private readonly ConcurrentDictionary<string, ChannelPlaylist> byChannel = new(StringComparer.Ordinal);
    private readonly Lock opening = new();

    public async ValueTask<RenderedPlaylist> CurrentAsync(ScreenChannel channel, CancellationToken cancellationToken)
    {
        var state = StateOf(channel);
        var now = clock.GetUtcNow();
        var length = (int)channel.RotationPeriod.TotalSeconds;
        var period = now.ToUnixTimeSeconds() / length;
        var day = ChinaTime.DateOf(now);
        var rotation = state.Rotation;
        if (rotation is null || rotation.PeriodSeconds != length || rotation.Period < period)
            rotation = await RollAsync(state, length, period, day, cancellationToken);
        var revision = state.Ring.Revision;
        if (state.Rendered is { } rendered && rendered.Rotation == rotation && rendered.Revision == revision && rendered.Day == day)
            return rendered;
        return state.Rendered = Render(channel, state.Ring, rotation, revision, day);
    }

    /// <summary>Whether the channel shows photos and one of its listings carries this one.</summary>
    public bool ShowsPhoto(ScreenChannel channel, string photoId) => channel.Photos && StateOf(channel).Ring.Shows(photoId);

    private ChannelPlaylist StateOf(ScreenChannel channel)
    {
        if (byChannel.TryGetValue(channel.Code, out var state) && ReferenceEquals(state.Channel, channel))
            return state;
        lock (opening)
        {
            if (byChannel.TryGetValue(channel.Code, out state) && ReferenceEquals(state.Channel, channel))
                return state;
            // A new channel, or one the operator changed: a new ring from what the index holds now.
            var fresh = new ChannelPlaylist(channel, index.Open(channel.Code, channel.Selection)) { Rotation = state?.Rotation };
            byChannel[channel.Code] = fresh;
            if (state is not null)
                index.Close(state.Ring);
            CloseDeparted();
            return fresh;
        }
    }

    /// <summary>Stops keeping the rings of channels that left the file.</summary>
    private void CloseDeparted()
    {
        var current = channels.Current.Channels;
        foreach (var (code, state) in byChannel)
        {
            if (!current.ContainsKey(code) && byChannel.TryRemove(code, out _))
                index.Close(state.Ring);
        }
    }

    /// <summary>Moves the rotation on to <paramref name="period"/>: each period starts just past the last listing the period
    /// before shows. The stored rotation decides, so that every process and every restart agree; while the database cannot be
    /// asked, the process moves on by itself from what it knows.</summary>
    private async Task<RotationState> RollAsync(ChannelPlaylist state, int length, long period, DateOnly day, CancellationToken cancellationToken)
    {
        await state.Rolling.WaitAsync(cancellationToken);
        try
        {
            if (state.Rotation is { } known && known.PeriodSeconds == length && known.Period >= period)
                return known;
            RotationState result;
            try
            {
                var stored = await rotations.ReadAsync(state.Channel.Code, cancellationToken);
                result = stored is { } s && s.PeriodSeconds == length && s.Period >= period
                    ? s
                    : await rotations.MoveAsync(state.Channel.Code, stored, MoveOn(state, stored, length, period, day), cancellationToken);
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(error, "Screen channel {Channel}: the stored rotation could not be read or moved on; moving on from memory", state.Channel.Code);
                result = MoveOn(state, state.Rotation, length, period, day);
            }
            return state.Rotation = result;
        }
        finally
        {
            state.Rolling.Release();
        }
    }

    private static RotationState MoveOn(ChannelPlaylist state, RotationState? from, int length, long period, DateOnly day)
    {
        if (from is null)
            return new RotationState(length, period, 0);
        // A changed period length starts the new periods where the rotation stood.
        if (from.PeriodSeconds != length)
            return new RotationState(length, period, from.Start);
        var start = from.Start;
        var steps = Math.Min(period - from.Period, MostPeriodsAtOnce);
        for (var i = 0; i < steps; i++)
            start = state.Ring.NextStart(start, state.Channel.PlaylistSize, day);
        return new RotationState(length, period, start);
    }

    private RenderedPlaylist Render(ScreenChannel channel, ScreenRing ring, RotationState rotation, long revision, DateOnly day)
    {
        var slides = ring.Take(rotation.Start, channel.PlaylistSize, day)
            .Select(p => p.Listing)
            .Select(l => new PlaylistSlide(l.ListingId, l.Name, l.IsEntity, l.DocumentType, l.MaskedId, l.AmountOwed, l.AmountUnpaid, l.CourtName, l.CaseNumber, l.PublicationDate,
                channel.Photos && l.PhotoId is { } photo ? $"/api/v1/screens/{channel.Code}/photos/{photo}" : null))
            .ToList();
        var starts = DateTimeOffset.FromUnixTimeSeconds(rotation.Period * rotation.PeriodSeconds);
        var playlist = new Playlist(channel.Code, channel.NameZh, channel.NameEn, rotation.Period, starts, starts.AddSeconds(rotation.PeriodSeconds),
            channel.SlideSeconds, channel.PollSeconds, slides);
        var body = JsonSerializer.SerializeToUtf8Bytes(playlist, json.Value.SerializerOptions);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        return new RenderedPlaylist(body, etag, rotation, revision, day);
    }

    private sealed class ChannelPlaylist(ScreenChannel channel, ScreenRing ring)
    {
        public ScreenChannel Channel { get; } = channel;

        public ScreenRing Ring { get; } = ring;

        public SemaphoreSlim Rolling { get; } = new(1, 1);

        public volatile RotationState? Rotation;

        public volatile RenderedPlaylist? Rendered;
    }
}
