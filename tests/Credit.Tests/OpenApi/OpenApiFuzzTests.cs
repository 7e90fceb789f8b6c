using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.OpenApi;

/// <summary>Its own platform on its own database: the fuzzer's thousands of requests (a few of them accepted) stay
/// out of the state the other API tests look at.</summary>
[CollectionDefinition(Name)]
public sealed class OpenApiFuzzCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "openapi-fuzz";
}

/// <summary>Walks every operation of the served OpenAPI document and sends it hostile inputs: malformed and mistyped
/// JSON, nulls, very long strings, rare and invalid Unicode, NUL bytes, SQL and LIKE metacharacters, numbers no type
/// holds, impossible dates, unknown enumeration names, bad cursors, path traversal, repeated query parameters, bad and
/// foreign keys. Whatever it sends, the platform never answers 5xx, answers each request within a bound, every 4xx
/// is problem details naming the field at fault, and every answer the operation gives itself has a status the document
/// lists for it. It reads the document, so it covers new endpoints by itself.</summary>
[Collection(OpenApiFuzzCollection.Name)]
public sealed class OpenApiFuzzTests(PlatformFixture fixture)
{
    private const string CourtKey = PlatformFixture.Liwan;
    private const string Agency = "railway";
    private const string AgencyKey = "demo-railway";
    private const int Parallel = 4;

    /// <summary>No request may take longer; the longest legitimate wait a hostile value can ask for is a second's long poll.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, string> created = new(StringComparer.Ordinal);
    private string subject = "";
    private readonly ConcurrentDictionary<int, int> statuses = new();
    private readonly ConcurrentQueue<string> failures = new();

    [Fact]
    public async Task No_hostile_request_gets_a_5xx_or_hangs_and_every_4xx_names_the_field()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = Parallel * 2 })
        {
            BaseAddress = fixture.Platform.Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await WaitUntilReadyAsync(http, cancellation);
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json", cancellation));
        var requests = new HostileRequests(new DocumentSchemas(document.RootElement), Known);
        var clock = Stopwatch.StartNew();

        var operations = Operations(document.RootElement).ToList();
        foreach (var (operation, index) in operations.Select((o, i) => (o, i)))
        {
            // Each operation on a subject of its own, with what its path names created first, so that what the
            // requests to one operation change (a name corrected, a listing removed) does not decide another's answers.
            subject = SubjectNumber(index);
            created.Clear();
            foreach (var creator in Creators(operation, operations))
                await SendPlausibleAsync(http, requests, creator, cancellation);
            var plausible = await SendPlausibleAsync(http, requests, operation, cancellation);
            var others = new[] { CourtKey, AgencyKey }.Where(k => k != plausible.ApiKey);
            await System.Threading.Tasks.Parallel.ForEachAsync(requests.Hostile(plausible, others),
                new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellation },
                async (request, token) => await SendAsync(http, request, token));
        }

        var sent = statuses.Values.Sum();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"OpenAPI fuzz: {sent} requests to {operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"by status {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; " +
            $"5xx: {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}; failures: {failures.Count}");
        Assert.True(sent > 1000, $"only {sent} requests were sent");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} hostile requests were answered wrongly:\n{string.Join('\n', failures.Take(60))}");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", cancellation)).StatusCode);
    }

    private static IEnumerable<FuzzOperation> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => new FuzzOperation(method.Name, path.Name, method.Value)));

    /// <summary>Values that open the way past a path parameter: the subject, the key's own agency, and the id of what
    /// the plausible request to the collection above created (a listing, a restriction).</summary>
    private string? Known(string parameter, FuzzOperation operation)
    {
        switch (parameter)
        {
            case "documentType":
                return "resident-id";
            case "number" or "id":
                return subject;
            case "agency":
                return Agency;
        }
        var collection = operation.Path.IndexOf("/{" + parameter + "}", StringComparison.Ordinal);
        return collection > 0 && created.TryGetValue(operation.Path[..collection], out var id) ? id : null;
    }

    /// <summary>The operations that create what a path names: for <c>/listings/{listingId}/removal</c>, the POST to
    /// <c>/listings</c>.</summary>
    private static IEnumerable<FuzzOperation> Creators(FuzzOperation operation, IEnumerable<FuzzOperation> operations) =>
        operation.Parameters.Where(p => p.In == "path")
            .Select(p => operation.Path.IndexOf("/{" + p.Name + "}", StringComparison.Ordinal))
            .Where(end => end > 0)
            .SelectMany(end => operations.Where(o => o.Method == "post" && o.Path == operation.Path[..end]));

    /// <summary>The resident ID of the fuzzer's n-th subject: a different adult for each operation, the same on every run.</summary>
    private static string SubjectNumber(int n)
    {
        var first17 = $"440103{new DateOnly(1960, 1, 1).AddDays(n * 101).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}123";
        return first17 + ResidentId.CheckCharacterFor(first17);
    }

    /// <summary>Sends the plausible request with no key for a public operation, else with the court's and then the
    /// agency's key until one is let in; remembers what it created.</summary>
    private async Task<FuzzRequest> SendPlausibleAsync(HttpClient http, HostileRequests requests, FuzzOperation operation, CancellationToken cancellation)
    {
        FuzzRequest? plausible = null;
        foreach (var key in operation.IsPublic ? new string?[] { null } : [CourtKey, AgencyKey])
        {
            plausible = requests.Plausible(operation, key);
            var (status, body) = await SendAsync(http, plausible, cancellation);
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                continue;
            if (status == HttpStatusCode.Created && body is not null && JsonDocument.Parse(body).RootElement.TryGetProperty("id", out var id))
                created[operation.Path] = id.ToString();
            break;
        }
        return plausible!;
    }

    private async Task<(HttpStatusCode? Status, string? Body)> SendAsync(HttpClient http, FuzzRequest request, CancellationToken cancellation)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bound.CancelAfter(Bound);
        var clock = Stopwatch.StartNew();
        try
        {
            using var message = request.ToMessage();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, bound.Token);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            // A stream that was let in runs until the client leaves: its headers are the answer.
            var body = request.Operation.IsStreamed && response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(bound.Token);
            if ((Fault(response, body) ?? Undocumented(request.Operation, response, body)) is { } fault)
                failures.Enqueue($"{request}: {fault}");
            return (response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            failures.Enqueue($"{request}: no answer within {Bound.TotalSeconds:0} s (after {clock.Elapsed.TotalSeconds:0.0} s)");
        }
        catch (HttpRequestException exception)
        {
            failures.Enqueue($"{request}: the connection failed: {exception.Message}");
        }
        return (null, null);
    }

    /// <summary>What is wrong with an answer, or null: a 5xx; a 4xx that is not problem details; a 4xx that does not
    /// name the field at fault (in <c>errors</c>, or the <c>field</c> extension), except a 404 or 405 for a path that
    /// matches no operation, where there is no field to name.</summary>
    private static string? Fault(HttpResponseMessage response, string? body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            return $"{status}: {body}";
        if (status < 400)
            return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} is not problem details ({response.Content.Headers.ContentType}): {body}";
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body!).RootElement;
        }
        catch (JsonException)
        {
            return $"{status} problem details that are not JSON: {body}";
        }
        if (!problem.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status)
            return $"{status} problem details without their status: {body}";
        var named = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().Any(e => e.Name.Length > 0)
            || problem.TryGetProperty("field", out var field) && field.GetString() is { Length: > 0 };
        return named || status is 404 or 405 ? null : $"{status} does not name the field at fault: {body}";
    }

    /// <summary>An answer the operation gave itself, a success or a refusal naming its rule, with a status the document
    /// does not list for the operation: a client generated from the document would not expect it.</summary>
    private static string? Undocumented(FuzzOperation operation, HttpResponseMessage response, string? body)
    {
        var status = (int)response.StatusCode;
        if (operation.Operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out _))
            return null;
        var own = response.IsSuccessStatusCode || status >= 400 && body is not null && NamesItsRule(body);
        return own ? $"{status} is not among the statuses the document lists for the operation: {body}" : null;
    }

    private static bool NamesItsRule(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("rule", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, CancellationToken cancellation)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if ((await http.GetAsync("/health/ready", cancellation)).IsSuccessStatusCode)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
        throw new InvalidOperationException("the platform did not become ready");
    }
}
