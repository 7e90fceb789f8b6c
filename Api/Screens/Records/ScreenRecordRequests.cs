using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;

namespace Credit.Api.Screens.Records;

/// <summary>Keeps one of the court's listings off the subway screens (it stays published everywhere else).</summary>
/// <param name="Reason">Why, for the record: at most 500 characters.</param>
public sealed record ScreenExclusionRequest([property: Required, Example("被执行人已与申请执行人达成和解，正在履行")] string? Reason);

/// <summary>A subject's ID photo as the platform stored it.</summary>
/// <param name="PhotoId">The name it is served under to the screens that show the subject.</param>
/// <param name="MediaType">Always image/jpeg: every upload is encoded anew, without its metadata.</param>
public sealed record SubjectPhoto(string PhotoId, int Width, int Height, string MediaType, int Bytes);
