namespace Credit.Api.Hosting;

/// <summary>Conditional GETs: whether a request's If-None-Match names the version the server would send.</summary>
public static class EntityTags
{
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
