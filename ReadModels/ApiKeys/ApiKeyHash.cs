using System.Security.Cryptography;
using System.Text;

namespace Credit.ReadModels.ApiKeys;

/// <summary>An API key is stored only as its SHA-256; the clear key is shown once.</summary>
public static class ApiKeyHash
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
