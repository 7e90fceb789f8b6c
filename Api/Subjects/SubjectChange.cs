using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credit.Api.Courts;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Subjects;

/// <summary>The one path every court change takes: validate, build the command context (court, actor,
/// idempotency key, fingerprint), call the subject's grain, and turn its answer into HTTP.</summary>
public static class SubjectChange
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult>> ApplyAsync<T>(
        HttpContext http,
        SubjectId subject,
        object request,
        RequestErrors errors,
        Func<ISubjectGrain, CommandContext, Task<ChangeResult>> call,
        Func<SubjectSnapshot, Guid, T> pick,
        Func<Guid, string>? createdAt = null)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
            errors.Add(IdempotencyHeader, "is required on every change: a unique value per change (e.g. a UUID), repeated unchanged on retry");
        else if (key.Length > 100 || key.Any(c => c < 0x21 || c > 0x7e))
            errors.Add(IdempotencyHeader, "must be 1–100 printable ASCII characters without spaces");
        if (errors.Any)
            return Invalid(errors);

        var context = new CommandContext(http.User.Court(), http.User.Actor(), key.Trim(), Fingerprint(http, request));
        var grain = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ISubjectGrain>(subject.Key);
        var result = await call(grain, context);
        if (result.Refusal is { } refusal)
            return Refused<T>(refusal);
        if (result.PublicationPending)
            return PublicationPending.Answer(http, context.IdempotencyKey, result.ItemId);
        var body = pick(result.Subject!, result.ItemId);
        return createdAt is null ? TypedResults.Ok(body) : TypedResults.Created(createdAt(result.ItemId), body);
    }

    /// <summary>A change to something the subject already has (a listing, restriction or ban).</summary>
    public static Task<Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult>> ApplyToExistingAsync<TCommand, T>(
        HttpContext http, string documentType, string number, object request, Func<RequestErrors, TCommand> toCommand,
        Func<ISubjectGrain, TCommand, CommandContext, Task<ChangeResult>> call, Func<SubjectSnapshot, Guid, T> pick)
    {
        var errors = new RequestErrors();
        var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
        var command = toCommand(errors);
        return ApplyAsync(http, subject, request, errors, (g, c) => call(g, command, c), pick);
    }

    public static ValidationProblem Invalid(RequestErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid", detail: "Nothing was changed. Each field named below breaks the rule given.");

    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> Refused<T>(Refusal refusal) => Refused(refusal) switch
    {
        ValidationProblem invalid => invalid,
        ProblemHttpResult problem => problem,
        _ => throw new InvalidOperationException(),
    };

    public static IResult Refused(Refusal refusal)
    {
        if (refusal.Kind == RefusalKind.Invalid)
        {
            var errors = new RequestErrors();
            errors.Add(refusal.Field, refusal.Rule);
            return Invalid(errors);
        }
        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "Another court's case"),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            _ => (StatusCodes.Status409Conflict, "Conflicts with the subject's current state"),
        };
        return TypedResults.Problem($"{refusal.Field}: {refusal.Rule}. Nothing was changed.", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = refusal.Field, ["rule"] = refusal.Rule });
    }

    /// <summary>Identifies the request itself, so a key reused for a different change is refused.</summary>
    private static string Fingerprint(HttpContext http, object request)
    {
        var text = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(request, request.GetType())}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
