using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Credit.Api.Screens.Records;

/// <summary>A court's upload of a subject's ID photo, checked by its content and stored as the platform's own JPEG.</summary>
/// <remarks>The image is decoded by an image library (the extension and the declared type prove nothing) and encoded anew,
/// so what is stored and shown carries no metadata of the original: no EXIF GPS position, camera, time or thumbnail, no ICC
/// or XMP profile. Its size is read from the header first, so a small file that would decode to a huge image is refused
/// before it is decoded.</remarks>
public static class PhotoIntake
{
    public const int MaximumBytes = 2 * 1024 * 1024;
    public const int MinimumSide = 64;
    public const int MaximumSide = 4096;
    public const int MaximumPixels = 12_000_000;

    /// <summary>The longest side stored: an ID photo on a screen needs no more.</summary>
    public const int StoredLongSide = 800;

    public const string StoredMediaType = "image/jpeg";

    public static readonly IReadOnlyList<string> MediaTypes = ["image/jpeg", "image/png", "image/webp"];

    // Only the three formats the courts may send: anything else, a GIF or BMP among them, is not recognised at all.
    private static readonly SixLabors.ImageSharp.Configuration Formats = new(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule());

    private static readonly JpegEncoder Encoder = new() { Quality = 85 };

    public sealed record StoredImage(byte[] Jpeg, int Width, int Height);

    /// <summary>The photo as stored, or null with the rule the upload breaks.</summary>
    public static StoredImage? Read(byte[] upload, out string rule)
    {
        rule = "";
        IImageInfo? info;
        try
        {
            info = Image.Identify(Formats, upload, out _);
        }
        catch (Exception error) when (error is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            info = null;
        }
        if (info is null)
        {
            rule = "must be a JPEG, PNG or WebP image (its content is read, not its name or type)";
            return null;
        }
        if (info.Width < MinimumSide || info.Height < MinimumSide || info.Width > MaximumSide || info.Height > MaximumSide
            || (long)info.Width * info.Height > MaximumPixels)
        {
            rule = $"must be {MinimumSide} to {MaximumSide} pixels on each side and at most {MaximumPixels:N0} pixels in all (it is {info.Width}×{info.Height})";
            return null;
        }
        try
        {
            using var image = Image.Load<Rgba32>(Formats, upload);
            image.Metadata.ExifProfile = null;
            image.Metadata.IccProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            // A transparent PNG or WebP is laid on white: JPEG has no transparency.
            image.Mutate(x =>
            {
                x.BackgroundColor(Color.White);
                if (Math.Max(image.Width, image.Height) > StoredLongSide)
                    x.Resize(new ResizeOptions { Size = new Size(StoredLongSide, StoredLongSide), Mode = ResizeMode.Max });
            });
            using var stored = new MemoryStream();
            image.Save(stored, Encoder);
            return new StoredImage(stored.ToArray(), image.Width, image.Height);
        }
        catch (Exception error) when (error is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            rule = "must be a whole, readable JPEG, PNG or WebP image";
            return null;
        }
    }
}
