using System.Text.Json;
using Credit.Grains.Interfaces.Partners;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>A subject's ID photo as the partners' photo endpoint serves it, with the active listings that show it: the
/// endpoint serves it only to a partner whose feed holds one of them.</summary>
public sealed record PartnerPhoto(string PhotoId, byte[] Image, string MediaType, IReadOnlyList<PartnerListing> ShownWith);

/// <summary>Reads photos for the exposure partners: the courts' upload (<c>subject_photos</c>, the screens' table) joined to the
/// partners' active listings (<c>partner_listings</c>) by the photo's name. A photo replaced, deleted, or whose listings all
/// left the list is found by no name the partners were given.</summary>
public sealed class PartnerPhotos(NpgsqlDataSource database)
{
    public async Task<PartnerPhoto?> FindAsync(string photoId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT p.image, p.media_type, l.listing
            FROM partner_listings l JOIN subject_photos p ON p.photo_id = l.listing ->> 'photoId' AND p.subject_key = l.subject_key
            WHERE l.listing ->> 'photoId' = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = photoId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        (byte[] Image, string MediaType)? photo = null;
        var listings = new List<PartnerListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            photo ??= (reader.GetFieldValue<byte[]>(0), reader.GetString(1));
            listings.Add(JsonSerializer.Deserialize<PartnerListing>(reader.GetString(2), PartnerJson.Options)!);
        }
        return photo is { } found ? new PartnerPhoto(photoId, found.Image, found.MediaType, listings) : null;
    }
}
