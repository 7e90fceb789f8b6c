using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Rules;

/// <summary>Checks for free text that will be stored and, for some fields, published.</summary>
public static class TextRules
{
    public static Refusal? Required(string? text, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Refuse.Invalid(field, "is required");
        if (text.Length > maxLength)
            return Refuse.Invalid(field, $"must be at most {maxLength} characters");
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            return Refuse.Invalid(field, "must not contain control characters");
        return null;
    }

    public static Refusal? Amount(decimal amount, string field)
    {
        if (amount <= 0)
            return Refuse.Invalid(field, "must be greater than 0 yuan");
        if (amount > 1_000_000_000_000m)
            return Refuse.Invalid(field, "must be at most 1,000,000,000,000 yuan");
        if (decimal.Round(amount, 2) != amount)
            return Refuse.Invalid(field, "must have at most 2 decimal places (fen)");
        return null;
    }
}
