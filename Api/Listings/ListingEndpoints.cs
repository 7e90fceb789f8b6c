using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Listings;

public static class ListingEndpoints
{
    public static RouteGroupBuilder MapListings(this IEndpointRouteBuilder app)
    {
        var group = app.MapSubjectGroup("/listings", "Listings 失信被执行人名单")
            .WithParameter("listingId", "The listing's id, as the court's CreateListing answered it.", "3f1c2a52-0c3e-4e0a-9d38-5b7a3c9e1f20");

        group.MapPost("/", (string documentType, string number, CreateListingRequest request, HttpContext http) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, request.Subject?.ConfirmCreditCodeCheckOverride == true);
            var command = request.ToCommand(errors);
            return SubjectChange.CreateAsync(new CourtChange(http, subject, request, errors), (g, c) => g.CreateListing(command, c), Pick,
                id => $"{SubjectRoute.PathOf(subject)}/listings/{id}");
        }).WithName("CreateListing").WithSummary("List a debtor on the dishonest-debtor list (Art. 1); also restricts consumption.");

        group.MapGet("/{listingId:guid}", async Task<Results<Ok<Listing>, ValidationProblem, NotFound>> (string documentType, string number, Guid listingId, IGrainFactory grains) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var snapshot = await grains.GetGrain<ISubjectGrain>(subject.Key).GetSnapshot();
            return snapshot?.Listings.FirstOrDefault(l => l.Id == listingId) is { } listing ? TypedResults.Ok(listing) : TypedResults.NotFound();
        }).WithName("GetListing").WithSummary("Read one listing of a subject.");

        group.MapPost("/{listingId:guid}/corrections", (string documentType, string number, Guid listingId, CorrectListingRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(listingId, change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.CorrectListing(command, c), Pick);
        }).WithName("CorrectListing").WithSummary("Correct fields of a listing (Art. 9); every changed field is recorded.");

        group.MapPost("/{listingId:guid}/extensions", (string documentType, string number, Guid listingId, ExtendListingRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(listingId, change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.ExtendListing(command, c), Pick);
        }).WithName("ExtendListing").WithSummary("Extend a fixed-term listing by 1–3 years (Art. 2).");

        group.MapPost("/{listingId:guid}/removal", (string documentType, string number, Guid listingId, RemoveListingRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(listingId, change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.RemoveListing(command, c), Pick);
        }).WithName("RemoveListing").WithSummary("Remove a listing with a statutory reason (Arts. 9, 10); takes effect at once.");

        return group;
    }

    private static Listing Pick(SubjectSnapshot subject, Guid id) => subject.Listings.First(l => l.Id == id);
}
