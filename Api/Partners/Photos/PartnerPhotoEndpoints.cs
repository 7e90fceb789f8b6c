using Credit.Api.Hosting;
using Credit.Api.OpenApi;
using Credit.Api.Partners.Access;
using Credit.Api.Screens.Playlists;
using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Partners;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Partners.Photos;

/// <summary>Subjects' ID photos for the partners the partner file grants the <see cref="PartnerField.Photo"/> field, each only
/// while a listing that shows it is in the asking partner's feed: a face is shown to the city for a listing in force, never
/// for one removed.</summary>
public static class PartnerPhotoEndpoints
{
    /// <summary>The bytes under a name never change, but whether the partner may still show them does: it asks again each
    /// time (a 304 costs it nothing), and a removed listing's photo is a 404 at once. Not for shared caches.</summary>
    public const string PhotoCaching = "private, no-cache";

    private const string IfNoneMatchHeader = "If-None-Match";

    public static IEndpointRouteBuilder MapPartnerPhotos(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnerGroup("/photos", delivery: null)
            .WithParameter("photoId", "The photo's name, as the photoId of an entry in this partner's feed gives it.", "0b8e4f0e5a0c4d1e9c572f6a1d3b7e90");

        group.MapGet("/{photoId}", async (string partner, string photoId, [FromHeader(Name = IfNoneMatchHeader)] string? ifNoneMatch, HttpContext http,
            PartnerPhotos photos, CancellationToken cancellationToken) =>
        {
            var definition = http.Partner();
            if (!definition.Fields.Contains(PartnerField.Photo))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "This partner is not granted ID photos 未授权接收证件照片",
                    detail: $"'{definition.Code}' receives {string.Join(", ", definition.Fields.Order())}.",
                    extensions: new Dictionary<string, object?> { ["field"] = "photoId", ["rule"] = "the partner file must grant the partner the Photo field" });
            }
            if (!PlaylistEndpoints.PhotoId().IsMatch(photoId) || await photos.FindAsync(photoId, cancellationToken) is not { } photo
                || !photo.ShownWith.Any(l => PartnerView.Of(l, definition.Fields, [definition.Filter]) is not null))
                return NoPhoto();
            return EntityTags.PhotoNotModified(http, photoId, PhotoCaching, ifNoneMatch) ?? Results.Bytes(photo.Image, photo.MediaType);
        }).WithName("GetPartnerPhoto")
          .WithParameter(IfNoneMatchHeader, "The photo's ETag, if the partner has it: 304 Not Modified while it may still show it.", "\"0b8e4f0e5a0c4d1e9c572f6a1d3b7e90\"")
          .WithMetadata(new StreamedResponse("image/jpeg"))
          .Produces(StatusCodes.Status304NotModified)
          .WithSummary("A subject's ID photo (JPEG, metadata removed), for a partner granted the Photo field and only while a listing in its feed shows it: 404 once the listing is removed, the photo replaced or deleted. Revalidate before each showing (If-None-Match: an unchanged, still shown photo is a 304).");

        return app;
    }

    private static IResult NoPhoto() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such photo in this partner's feed 此合作方无此照片",
        extensions: new Dictionary<string, object?> { ["field"] = "photoId", ["rule"] = "must be the photo of a listing in this partner's feed now" });
}
