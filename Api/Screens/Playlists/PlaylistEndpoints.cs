using System.Globalization;
using System.Text.RegularExpressions;
using Credit.Api.Configuration;
using Credit.Api.Hosting;
using Credit.Api.OpenApi;
using Credit.Api.Screens.Access;
using Credit.Api.Screens.Channels;
using Credit.ReadModels.Screens;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Screens.Playlists;

public static partial class PlaylistEndpoints
{
    /// <summary>Screens must ask again every time (a removed listing must leave at once), but an unchanged playlist costs them a
    /// 304; it is one operator's, so no shared cache keeps it.</summary>
    public const string PlaylistCaching = "private, no-cache";

    /// <summary>A photo's address changes with its content, and a screen may keep it a day.</summary>
    public const string PhotoCaching = "private, max-age=86400";

    private const string IfNoneMatchHeader = "If-None-Match";

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    public static partial Regex PhotoId();

    public static RouteGroupBuilder MapPlaylists(this IEndpointRouteBuilder app)
    {
        var group = app.MapScreenGroup("Subway screens 地铁屏幕曝光");

        group.MapGet("/playlist", async (string channel, [FromHeader(Name = IfNoneMatchHeader)] string? ifNoneMatch, HttpContext http, Playlists playlists, WatchedFile<ScreenChannels> channels, ScreenIndex index,
            CancellationToken cancellationToken) =>
        {
            if (!index.Ready)
                return NotReady(http);
            var rendered = await playlists.CurrentAsync(channels.Current.Channels[channel], cancellationToken);
            http.Response.Headers.ETag = rendered.ETag;
            http.Response.Headers.CacheControl = PlaylistCaching;
            if (EntityTags.Matches(ifNoneMatch, rendered.ETag))
                return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(rendered.Body, "application/json; charset=utf-8");
        }).WithName("GetScreenPlaylist")
          .Produces<Playlist>(StatusCodes.Status200OK)
          .Produces(StatusCodes.Status304NotModified)
          .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
          .WithParameter(IfNoneMatchHeader, "The ETag of the playlist the screen shows: 304 Not Modified while it is still the current one.", "\"3f1c2a520c3e4e0a9d385b7a3c9e1f20\"")
          .WithSummary("The channel's playlist for the current rotation period, the same for every screen of the channel; a removed or corrected listing leaves or changes at once. Ask with If-None-Match: an unchanged playlist is a 304.");

        group.MapGet("/photos/{photoId}", async (string channel, string photoId, [FromHeader(Name = IfNoneMatchHeader)] string? ifNoneMatch, HttpContext http, Playlists playlists, WatchedFile<ScreenChannels> channels,
            ScreenReadModel readModel, CancellationToken cancellationToken) =>
        {
            // Only a photo the channel shows now: a screen is granted nobody else's face.
            if (!PhotoId().IsMatch(photoId) || !playlists.ShowsPhoto(channels.Current.Channels[channel], photoId))
                return NoPhoto();
            if (EntityTags.PhotoNotModified(http, photoId, PhotoCaching, ifNoneMatch) is { } notModified)
                return notModified;
            return await readModel.PhotoAsync(photoId, cancellationToken) is { } photo ? Results.Bytes(photo.Image, photo.MediaType) : NoPhoto();
        }).WithName("GetScreenPhoto")
          .WithParameter("photoId", "The photo's name, as a slide of the channel's playlist gives it.", "0b8e4f0e5a0c4d1e9c572f6a1d3b7e90")
          .WithParameter(IfNoneMatchHeader, "The photo's ETag, if the screen has it: 304 Not Modified.", "\"0b8e4f0e5a0c4d1e9c572f6a1d3b7e90\"")
          .WithMetadata(new StreamedResponse("image/jpeg"))
          .Produces(StatusCodes.Status304NotModified)
          .WithSummary("A subject's ID photo, for a channel that shows photos and while one of its listings carries it (JPEG, metadata removed).");

        return group;
    }

    private static IResult NoPhoto() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such photo on this channel 此频道无此照片",
        extensions: new Dictionary<string, object?> { ["field"] = "photoId", ["rule"] = "must be the photo of a listing the channel shows" });

    private static IResult NotReady(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "屏幕数据正在加载 The screens' listings are loading",
            detail: string.Create(CultureInfo.InvariantCulture, $"Please try again in 1 second. 请1秒后再试。"));
    }
}
