using System.Security.Cryptography;
using System.Text;

namespace Credit.ReadModels.Objections;

/// <summary>The applicant's code as a filing's row keeps it for a retry: encrypted under the filing's own Idempotency-Key
/// (HKDF-SHA256, salted with the receipt), which the row does not keep. Whoever sends the key again (the applicant's retry)
/// gets the code back; the stored row alone gives nothing.</summary>
public static class SealedApplicantCode
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static byte[] Seal(string code, string idempotencyKey, string receipt)
    {
        var plain = Encoding.UTF8.GetBytes(code);
        var sealedCode = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedCode.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key(idempotencyKey, receipt), TagBytes);
        aes.Encrypt(nonce, plain, sealedCode.AsSpan(NonceBytes, plain.Length), sealedCode.AsSpan(NonceBytes + plain.Length));
        return sealedCode;
    }

    /// <summary>The code, or null when the sealed bytes were not made with this key and receipt.</summary>
    public static string? Open(byte[] sealedCode, string idempotencyKey, string receipt)
    {
        if (sealedCode.Length <= NonceBytes + TagBytes)
            return null;
        var plain = new byte[sealedCode.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(Key(idempotencyKey, receipt), TagBytes);
        try
        {
            aes.Decrypt(sealedCode.AsSpan(0, NonceBytes), sealedCode.AsSpan(NonceBytes, plain.Length), sealedCode.AsSpan(NonceBytes + plain.Length), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Key(string idempotencyKey, string receipt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(idempotencyKey), 32, Encoding.UTF8.GetBytes(receipt),
            "credit objection applicant code"u8.ToArray());
}
