using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Credit.ReadModels.Partners;

/// <summary>Encrypts a subscription's signing secret for <c>webhook_subscriptions.secret</c> with AES-256-GCM under a key from
/// the settings (<see cref="WebhookSecretOptions"/>), bound to the subscription's id (a ciphertext copied to another row does
/// not decrypt there). Stored as <c>enc1:</c> key id <c>:</c> Base64 of nonce, ciphertext and tag. A secret stored in clear
/// before encryption (<c>whsec_…</c>) is read once and re-encrypted by its reader.</summary>
public sealed class WebhookSecretProtector
{
    private const string Prefix = "enc1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> keys;
    private readonly string current;

    public WebhookSecretProtector(IOptions<WebhookSecretOptions> options)
    {
        keys = options.Value.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        current = options.Value.Current ?? throw new InvalidOperationException($"{WebhookSecretOptions.Section}:Current is not set");
    }

    /// <summary>A secret stored in clear before secrets were encrypted.</summary>
    public static bool IsClear(string stored) => !stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="stored"/> must be encrypted again: in clear, or under a key other than the current one.</summary>
    public bool NeedsRewrite(string stored) => IsClear(stored) || !stored.StartsWith($"{Prefix}{current}:", StringComparison.Ordinal);

    public string Protect(Guid subscription, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[current], TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Bound(subscription));
        return $"{Prefix}{current}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The secret; a legacy one in clear as it is.</summary>
    /// <exception cref="CryptographicException">The key it names is not configured, or the stored value was altered or
    /// belongs to another subscription.</exception>
    public string Unprotect(Guid subscription, string stored)
    {
        if (IsClear(stored))
            return stored;
        var parts = stored.Split(':', 3);
        if (parts.Length != 3 || !keys.TryGetValue(parts[1], out var key))
            throw new CryptographicException($"webhook secret of {subscription}: key '{(parts.Length > 1 ? parts[1] : "")}' is not in {WebhookSecretOptions.Section}");
        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), plain,
            Bound(subscription));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Bound(Guid subscription) => Encoding.ASCII.GetBytes($"webhook-secret:{subscription:N}");
}
