namespace Credit.Api.Hosting;

/// <summary>Conditional GETs: whether a request's If-None-Match names the version the server would send.</summary>
public static class EntityTags
{
    /// <summary>Sends a photo's ETag (its name: a photo's content never changes under one name) and caching rule; a 304 when
    /// the request already has it, null when the photo itself is to be sent.</summary>
    public static IResult? PhotoNotModified(HttpContext http, string photoId, string cacheControl, string? ifNoneMatch)
    {
        var etag = $"\"{photoId}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = cacheControl;
        return Matches(ifNoneMatch, etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : null;
    }

    /// <summary>RFC 9110 §13.1.2: weak comparison, any of a list, or *.</summary>
    public static bool Matches(string? ifNoneMatch, string etag)
    {
        if (ifNoneMatch is null)
            return false;
        foreach (var candidate in ifNoneMatch.Split(','))
        {
            var tag = candidate.Trim();
            if (tag == "*" || tag == etag || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == etag))
                return true;
        }
        return false;
    }
}
