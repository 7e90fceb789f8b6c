using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Credit.Api.Configuration;
using Credit.ReadModels.Interceptions.Areas;
using Credit.ReadModels.Screens;

namespace Credit.Api.Screens.Channels;

/// <summary>Reads the operator's screen channel file and checks every rule before anything is built from it, so a mistake is
/// refused whole, with each entry at fault and its rule named.</summary>
public static partial class ScreenChannelFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt property would silently drop what the operator meant to say.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Operator and channel codes are path segments: lower-case ASCII words joined by single hyphens.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex Code();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}[0-9]{0,4}$")]
    private static partial Regex CourtPrefix();

    private sealed record FileShape(List<OperatorEntry?>? Operators, List<ChannelEntry?>? Channels);

    private sealed record OperatorEntry(string? Code, string? NameZh, string? NameEn);

    private sealed record ChannelEntry(string? Code, string? NameZh, string? NameEn, string? Operator, SelectionEntry? Selection, TimeSpan? RotationPeriod,
        int? PlaylistSize, int? SlideSeconds, int? PollSeconds, bool? Photos);

    private sealed record SelectionEntry(List<string?>? Regions, List<string?>? Courts, decimal? MinimumAmountOwed, bool? PersonsOnly, bool? PhotoRequired);

    /// <exception cref="WatchedFileException">The text breaks a rule.</exception>
    public static ScreenChannels Parse(string json, string source)
    {
        FileShape? file;
        try
        {
            file = JsonSerializer.Deserialize<FileShape>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new WatchedFileException(source, [$"not a screen channel file in JSON: {exception.Message}"]);
        }
        if (file is null)
            throw new WatchedFileException(source, ["the file holds null instead of an object with operators and channels"]);

        var problems = new List<string>();
        var operators = new List<ScreenOperator>();
        foreach (var (entry, i) in (file.Operators ?? []).Select((e, i) => (e, i)))
        {
            var at = $"operators[{i}]";
            if (entry is null)
            {
                problems.Add($"{at}: is null");
                continue;
            }
            if (entry.Code is null || !Code().IsMatch(entry.Code))
                problems.Add($"{at}.code: must be lower-case letters and digits joined by hyphens, e.g. guangzhou-metro");
            else if (operators.Any(o => o.Code == entry.Code))
                problems.Add($"{at}.code: '{entry.Code}' is given twice");
            if (string.IsNullOrWhiteSpace(entry.NameZh))
                problems.Add($"{at}.nameZh: must not be empty");
            operators.Add(new ScreenOperator(entry.Code ?? "", entry.NameZh ?? "", entry.NameEn ?? ""));
        }

        var channels = new List<ScreenChannel>();
        foreach (var (entry, i) in (file.Channels ?? []).Select((e, i) => (e, i)))
        {
            var at = $"channels[{i}]";
            if (entry is null)
            {
                problems.Add($"{at}: is null");
                continue;
            }
            at = entry.Code is null ? at : $"{at} ({entry.Code})";
            if (entry.Code is null || !Code().IsMatch(entry.Code) || entry.Code.Length > 64)
                problems.Add($"{at}.code: must be at most 64 lower-case letters and digits joined by hyphens, e.g. line-1");
            else if (channels.Any(c => c.Code == entry.Code))
                problems.Add($"{at}.code: '{entry.Code}' is given twice");
            if (string.IsNullOrWhiteSpace(entry.NameZh))
                problems.Add($"{at}.nameZh: must not be empty");
            if (entry.Operator is null || operators.All(o => o.Code != entry.Operator))
                problems.Add($"{at}.operator: must be the code of an operator in this file");
            var rotation = entry.RotationPeriod ?? TimeSpan.Zero;
            if (rotation < TimeSpan.FromSeconds(10) || rotation > TimeSpan.FromDays(1) || rotation.Ticks % TimeSpan.TicksPerSecond != 0)
                problems.Add($"{at}.rotationPeriod: must be whole seconds from 00:00:10 to 1.00:00:00");
            if (entry.PlaylistSize is not (>= 1 and <= 500))
                problems.Add($"{at}.playlistSize: must be 1 to 500");
            if (entry.SlideSeconds is not (>= 3 and <= 120))
                problems.Add($"{at}.slideSeconds: must be 3 to 120");
            if (entry.PollSeconds is not (>= 1 and <= 300))
                problems.Add($"{at}.pollSeconds: must be 1 to 300 (a removed listing is shown at most this long)");
            var selection = entry.Selection ?? new SelectionEntry(null, null, null, null, null);
            var regions = selection.Regions ?? [];
            foreach (var region in regions.Where(r => !RegionCodes.IsValidPrefix(r)))
                problems.Add($"{at}.selection.regions: '{region}' must be 2, 4 or 6 digits of a region code (GB/T 2260), e.g. 440103");
            var courts = selection.Courts ?? [];
            foreach (var court in courts.Where(c => c is null || !CourtPrefix().IsMatch(c)))
                problems.Add($"{at}.selection.courts: '{court}' must be the start of a court code: a province character and up to 4 digits, e.g. 粤0103");
            if (selection.MinimumAmountOwed is < 0)
                problems.Add($"{at}.selection.minimumAmountOwed: must not be negative");
            channels.Add(new ScreenChannel(
                entry.Code ?? "", entry.NameZh ?? "", entry.NameEn ?? "", entry.Operator ?? "",
                new ScreenSelection([.. regions.OfType<string>()], [.. courts.OfType<string>()], selection.MinimumAmountOwed ?? 0,
                    selection.PersonsOnly ?? false, selection.PhotoRequired ?? false),
                rotation, entry.PlaylistSize ?? 0, entry.SlideSeconds ?? 0, entry.PollSeconds ?? 0, entry.Photos ?? false));
        }
        if (problems.Count > 0)
            throw new WatchedFileException(source, problems);
        return new ScreenChannels(operators, channels);
    }
}
