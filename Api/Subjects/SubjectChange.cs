using System.Security.Cryptography;
using System.Text;
using Credit.Api.Courts;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Subjects;

/// <summary>The one path every court change takes: validate, build the command context (court, actor,
/// idempotency key, fingerprint), call the subject's grain, and turn its answer into HTTP: 201 for a change that
/// creates an item, 200 for a change to an item the subject has; 404 only where the route names an existing item.</summary>
public static class SubjectChange
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>A change that creates an item of the subject; answered 201 with the item, at its own path.</summary>
    public static Task<Results<Created<T>, ValidationProblem, NewItemProblem>> CreateAsync<T>(
        CourtChange change, Func<ISubjectGrain, CommandContext, Task<ChangeResult>> call, Func<SubjectSnapshot, Guid, T> pick, Func<Guid, string> location) =>
        CreatedAsync<T, NewItemProblem>(change, call, pick, location);

    /// <summary>A change that creates an item under an existing one (a permission under a restriction); answered 201
    /// with the new item, at its own path, and 404 when the item it goes under is not there.</summary>
    public static Task<Results<Created<T>, ValidationProblem, ExistingItemProblem>> CreateUnderAsync<T>(
        CourtChange change, Func<ISubjectGrain, CommandContext, Task<ChangeResult>> call, Func<SubjectSnapshot, Guid, T> pick, Func<Guid, string> location) =>
        CreatedAsync<T, ExistingItemProblem>(change, call, pick, location);

    /// <summary>A change to an item the subject has; answered 200 with the item as it now is.</summary>
    public static async Task<Results<Ok<T>, ValidationProblem, ExistingItemProblem>> ChangeAsync<T>(
        CourtChange change, Func<ISubjectGrain, CommandContext, Task<ChangeResult>> call, Func<SubjectSnapshot, Guid, T> pick)
    {
        var (done, invalid, problem) = await ApplyAsync(change, call);
        if (invalid is not null)
            return invalid;
        if (problem is not null)
            return new ExistingItemProblem(problem);
        return TypedResults.Ok(pick(done!.Subject!, done.ItemId));
    }

    private static async Task<Results<Created<T>, ValidationProblem, TProblem>> CreatedAsync<T, TProblem>(
        CourtChange change, Func<ISubjectGrain, CommandContext, Task<ChangeResult>> call, Func<SubjectSnapshot, Guid, T> pick, Func<Guid, string> location)
        where TProblem : ChangeProblem, IChangeProblem<TProblem>
    {
        var (done, invalid, problem) = await ApplyAsync(change, call);
        if (invalid is not null)
            return invalid;
        if (problem is not null)
            return TProblem.Of(problem);
        return TypedResults.Created(location(done!.ItemId), pick(done.Subject!, done.ItemId));
    }

    public static ValidationProblem Invalid(RequestErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid", detail: "Nothing was changed. Each field named below breaks the rule given.");

    /// <summary>The grain's answer, or why there is none to give yet: the request is invalid, the subject refused the
    /// change, or the change is stored but not yet published.</summary>
    private readonly record struct Outcome(ChangeResult? Done, ValidationProblem? Invalid, ProblemHttpResult? Problem);

    private static async Task<Outcome> ApplyAsync(CourtChange change, Func<ISubjectGrain, CommandContext, Task<ChangeResult>> call)
    {
        var (http, errors) = (change.Http, change.Errors);
        if (ContextOf(http, change.Request, errors) is not { } context)
            return new Outcome(null, Invalid(errors), null);

        var grain = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ISubjectGrain>(change.Subject.Key);
        var result = await call(grain, context);
        if (result.Refusal is { } refusal)
            return Refused(refusal);
        if (result.PublicationPending)
            return new Outcome(null, null, PublicationPending.Answer(http, context.IdempotencyKey, result.ItemId));
        return new Outcome(result, null, null);
    }

    private static Outcome Refused(Refusal refusal)
    {
        if (refusal.Kind == RefusalKind.Invalid)
        {
            var errors = new RequestErrors();
            errors.Add(refusal.Field, refusal.Rule);
            return new Outcome(null, Invalid(errors), null);
        }
        var (status, title) = refusal.Kind switch
        {
            RefusalKind.Forbidden => (StatusCodes.Status403Forbidden, "Another court's case"),
            RefusalKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            _ => (StatusCodes.Status409Conflict, "Conflicts with the subject's current state"),
        };
        return new Outcome(null, null, TypedResults.Problem($"{refusal.Field}: {refusal.Rule}. Nothing was changed.", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = refusal.Field, ["rule"] = refusal.Rule }));
    }

    /// <summary>The court's change as a grain takes it (court, actor, idempotency key, fingerprint), or null with the
    /// request's errors, the header's among them, named in <paramref name="errors"/>.</summary>
    public static CommandContext? ContextOf(HttpContext http, object request, RequestErrors errors)
    {
        var key = IdempotencyKey(http, errors);
        return errors.Any ? null : new CommandContext(http.User.Court(), http.User.Actor(), key!, Fingerprint(http, request));
    }

    /// <summary>The request's Idempotency-Key, required on every change; a missing or malformed one is named in
    /// <paramref name="errors"/>.</summary>
    public static string? IdempotencyKey(HttpContext http, RequestErrors errors)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
            errors.Add(IdempotencyHeader, "is required on every change: a unique value per change (e.g. a UUID), repeated unchanged on retry");
        else if (key.Length > 100 || key.Any(c => c < 0x21 || c > 0x7e))
            errors.Add(IdempotencyHeader, "must be 1–100 printable ASCII characters without spaces");
        else
            return key.Trim();
        return null;
    }

    /// <summary>Identifies the request itself, so a key reused for a different change is refused, and a retry that writes the
    /// same values another way (reordered members, another spelling of a number) is not.</summary>
    public static string Fingerprint(HttpContext http, object request)
    {
        var text = $"{http.Request.Method} {http.Request.Path}\n{FingerprintJson.Write(request)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
