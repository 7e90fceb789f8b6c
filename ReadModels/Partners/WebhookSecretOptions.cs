namespace Credit.ReadModels.Partners;

/// <summary>The keys webhook signing secrets are encrypted with in <c>webhook_subscriptions</c> (section
/// <c>Credit:Partners:Webhooks:SecretKeys</c>). Kept outside the database (a Kubernetes secret, an environment variable), so a
/// copy of the database or of its backups holds no secret a receiver trusts.</summary>
public sealed class WebhookSecretOptions
{
    public const string Section = "Credit:Partners:Webhooks:SecretKeys";

    /// <summary>Each key by its id (letters, digits and '-', at most 16): 32 random bytes in Base64 (<c>openssl rand -base64 32</c>).
    /// To rotate, add a new key and make it <see cref="Current"/>; keep the old one while secrets encrypted with it remain (each is
    /// re-encrypted with the current key when its subscription is next read).</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The id of the key new secrets are encrypted with.</summary>
    public string? Current { get; set; }
}
