using System.Security.Cryptography;
using Credit.ReadModels.Partners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Credit.Hosting.Partners;

/// <summary>The embedded default's own key for webhook signing secrets: made once in the embedded PostgreSQL's folder (a
/// developer's machine, where the database and the key sit side by side anyway) and offered below every other settings source,
/// so a key configured as in production wins. A platform on a configured database has no such default: its key is required.</summary>
public static class EmbeddedWebhookSecretKey
{
    public const string KeyId = "embedded";

    public static void AddTo(IConfigurationBuilder configuration, string embeddedDataFolder)
    {
        var path = Path.Combine(embeddedDataFolder, "credit-webhook-secret.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [$"{WebhookSecretOptions.Section}:Keys:{KeyId}"] = File.ReadAllText(path).Trim(),
                [$"{WebhookSecretOptions.Section}:Current"] = KeyId,
            },
        });
    }
}
