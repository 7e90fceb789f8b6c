using System.Security.Cryptography;
using System.Text;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>How the subject's history and the courts' queue name an objection: 8 hexadecimal characters of the receipt's SHA-256.
/// Every court reads a subject's history, and the receipt is what lets its holder follow the objection, so the history must not
/// carry it; 32 bits of a hash tell the handling court's objections apart and give nothing back of the receipt's 60 random bits.</summary>
public static class ObjectionReference
{
    public static string Of(string receipt) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(receipt)), 0, 4);
}
