using System.Security.Cryptography;
using System.Text;

namespace Credit.Grains.Objections;

/// <summary>The applicant's code is kept only as a hash, salted with the receipt. PBKDF2 rather than one SHA-256: the code has
/// 40 bits, few enough that a fast hash read from the stored state would give it back; 10,000 rounds cost a check a few
/// milliseconds, and the public rate limit bounds how many checks anyone can ask for.</summary>
public static class ApplicantCodes
{
    private const int Rounds = 10_000;

    public static string Hash(string receipt, string code) =>
        Convert.ToHexString(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), Encoding.UTF8.GetBytes($"objection:{receipt}"), Rounds, HashAlgorithmName.SHA256, 32));

    public static bool Matches(string receipt, string code, string hash) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Hash(receipt, code)), Convert.FromHexString(hash));
}
