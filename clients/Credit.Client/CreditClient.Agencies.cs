using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Credit.Client;

/// <summary>An agency's snapshot as the changes protocol needs it: the change-log position it was read at (follow with
/// <c>GetAgencyChangesAsync(agency, after: Position, …)</c>) and its entries.</summary>
public sealed record AgencySnapshot(long Position, IReadOnlyList<AgencyEntry> Entries);

/// <summary>A check's answer with how current the platform's index was when it gave it: while the database is away checks go
/// on from memory, and <see cref="AgeSeconds"/> grows.</summary>
public sealed record FreshCheckResult(CheckResult Result, DateTimeOffset? ConfirmedAt, int? AgeSeconds);

/// <summary>Hand-written because the OpenAPI document can describe a streamed NDJSON body and response headers but NSwag's
/// generator hands them back raw (a <see cref="FileResponse"/>; a check's headers not at all).</summary>
public partial class CreditClient
{
    public const string PositionHeader = "Credit-Log-Position";
    public const string IndexConfirmedHeader = "Credit-Index-Confirmed";
    public const string IndexAgeHeader = "Credit-Index-Age";

    /// <summary>Reads the agency's whole snapshot (NDJSON) into typed entries, with the position to follow the changes from.</summary>
    public async Task<AgencySnapshot> ReadAgencySnapshotAsync(string agency, CancellationToken cancellationToken = default)
    {
        using var response = await GetAgencySnapshotAsync(agency, null, cancellationToken).ConfigureAwait(false);
        if (Header(response.Headers, PositionHeader) is not { } text || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            throw new ApiException($"The snapshot came without its {PositionHeader} header", response.StatusCode, null, response.Headers, null);
        var entries = new List<AgencyEntry>();
        using var reader = new StreamReader(response.Stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
                entries.Add(JsonSerializer.Deserialize<AgencyEntry>(line, JsonSerializerSettings)!);
        }
        return new AgencySnapshot(position, entries);
    }

    /// <summary>Checks one subject as <c>CheckSubjectAsync</c> does, and says how current the answer is.</summary>
    public async Task<FreshCheckResult> CheckSubjectWithFreshnessAsync(string agency, string id, CancellationToken cancellationToken = default)
    {
        using var response = await _httpClient.GetAsync(
            $"api/v1/agencies/{Uri.EscapeDataString(agency)}/checks/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ApiException($"The check was answered {(int)response.StatusCode}", (int)response.StatusCode, body, headers, null);
        }
        var result = (await response.Content.ReadFromJsonAsync<CheckResult>(JsonSerializerSettings, cancellationToken).ConfigureAwait(false))!;
        var confirmed = Header(headers, IndexConfirmedHeader) is { } at
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : (DateTimeOffset?)null;
        var age = Header(headers, IndexAgeHeader) is { } seconds && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        return new FreshCheckResult(result, confirmed, age);
    }

    private static string? Header(IReadOnlyDictionary<string, IEnumerable<string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
