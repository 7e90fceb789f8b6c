using System.Text.Json;

namespace Credit.Api.Problems;

/// <summary>Thrown by a converter for a value that reads but breaks its field's rule, so that the 400 states that rule
/// (<see cref="BadRequestExceptionHandler"/>) rather than "a value of the wrong type".</summary>
public sealed class JsonRuleException(string rule) : JsonException(rule)
{
    public string Rule => Message;
}
