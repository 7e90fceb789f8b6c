using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Credit.ReadModels.Partners;

/// <summary>Refuses at start a key that cannot encrypt (not 32 bytes of Base64) and a current key that is not among them.</summary>
public sealed partial class WebhookSecretOptionsValidator : IValidateOptions<WebhookSecretOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookSecretOptions options)
    {
        var failures = new List<string>();
        var bytes = new byte[64];
        if (options.Keys.Count == 0)
            failures.Add($"{WebhookSecretOptions.Section}:Keys must hold at least one key (32 random bytes in Base64) to encrypt webhook signing secrets with");
        foreach (var (id, key) in options.Keys)
        {
            if (!KeyId().IsMatch(id))
                failures.Add($"{WebhookSecretOptions.Section}:Keys:{id}: a key's id is 1 to 16 letters, digits or '-'");
            if (!Convert.TryFromBase64String(key ?? "", bytes, out var length) || length != 32)
                failures.Add($"{WebhookSecretOptions.Section}:Keys:{id} must be 32 bytes in Base64 (openssl rand -base64 32)");
        }
        if (options.Keys.Count > 0 && (options.Current is null || !options.Keys.ContainsKey(options.Current)))
            failures.Add($"{WebhookSecretOptions.Section}:Current must name one of its Keys");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex KeyId();
}
