using System.Net.Http.Headers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Credit.Tests.Screens;

/// <summary>Images a court might upload, made in the test.</summary>
public static class TestPhotos
{
    /// <summary>A JPEG as a phone takes it: with an EXIF GPS position (23.12° N, 113.26° E, Guangzhou) and the camera's make.</summary>
    public static byte[] Jpeg(int width, int height, bool withGps = true) => Encode(width, height, new JpegEncoder { Quality = 90 }, withGps);

    public static byte[] Png(int width, int height) => Encode(width, height, new PngEncoder(), withGps: false);

    public static byte[] Webp(int width, int height) => Encode(width, height, new WebpEncoder(), withGps: false);

    public static ByteArrayContent Content(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Whether a JPEG carries an APP1 segment (EXIF or XMP), read from its markers: no image library involved.</summary>
    public static bool HasApp1Segment(byte[] jpeg)
    {
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xE1)
                return true;
            if (marker == 0xDA)
                return false; // start of scan: the headers are over
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
        return false;
    }

    private static byte[] Encode(int width, int height, SixLabors.ImageSharp.Formats.IImageEncoder encoder, bool withGps)
    {
        using var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), 160);
        }
        if (withGps)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.Make, "TestPhone");
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(23, 1), new Rational(7, 1), new Rational(0, 1)]);
            exif.SetValue(ExifTag.GPSLongitudeRef, "E");
            exif.SetValue(ExifTag.GPSLongitude, [new Rational(113, 1), new Rational(15, 1), new Rational(0, 1)]);
            image.Metadata.ExifProfile = exif;
        }
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }
}
