namespace Credit.Grains.Interfaces.Subjects;

public static class Refuse
{
    public static Refusal Invalid(string field, string rule) => new(RefusalKind.Invalid, field, rule);

    public static Refusal Forbidden(string field, string rule) => new(RefusalKind.Forbidden, field, rule);

    public static Refusal NotFound(string field, string rule) => new(RefusalKind.NotFound, field, rule);

    public static Refusal Conflict(string field, string rule) => new(RefusalKind.Conflict, field, rule);
}
