using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Subjects;

/// <summary>A court's change as it arrives: the subject its route names, the body (which the idempotency fingerprint
/// covers), and every problem found with either so far, answered together.</summary>
public sealed record CourtChange(HttpContext Http, SubjectId Subject, object Request, RequestErrors Errors)
{
    /// <summary>A change to an item the subject already has: the subject as its route names it, a credit code whose check
    /// character fails included, since the court confirmed it when the item was made.</summary>
    public static CourtChange ToExisting(HttpContext http, string documentType, string number, object request)
    {
        var errors = new RequestErrors();
        return new CourtChange(http, SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true), request, errors);
    }
}
