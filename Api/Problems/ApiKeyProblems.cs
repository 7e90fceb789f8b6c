namespace Credit.Api.Problems;

/// <summary>The 401 and 403 answers of the API-key schemes (courts and agencies share the X-Api-Key header).</summary>
public static class ApiKeyProblems
{
    public static Task WriteMissingKeyAsync(HttpContext http, IProblemDetailsService problems, string header, string title, string detail, string rule)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = title,
                Detail = detail,
                Extensions = { ["field"] = header, ["rule"] = rule },
            },
        }).AsTask();
    }

    public static Task WriteForbiddenAsync(HttpContext http, IProblemDetailsService problems, string title)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = title },
        }).AsTask();
    }

    /// <summary>A 403 for a key that was sent and is known, but cannot be used: the rule names what is wrong with it.</summary>
    public static Task WriteRefusedKeyAsync(HttpContext http, IProblemDetailsService problems, string header, string title, string rule)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = title,
                Detail = $"{header}: {rule}.",
                Extensions = { ["field"] = header, ["rule"] = rule },
            },
        }).AsTask();
    }
}
