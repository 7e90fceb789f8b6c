using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Subjects;

namespace Credit.Grains.Objections;

/// <summary>The stored state of one objection grain (JSON in PostgreSQL).</summary>
[GenerateSerializer, Alias("credit.ObjectionState")]
public sealed class ObjectionState
{
    [Id(0)] public ObjectionView? Objection { get; set; }

    /// <summary>How many steps the subject's history has been given: a step is stored here first and then handed on, again
    /// after a crash, under a key the subject recognises.</summary>
    [Id(1)] public int StepsInSubjectHistory { get; set; }

    /// <summary>The idempotency keys of the steps taken (the filing's, the courts'), so a retried step answers the objection
    /// as it is instead of a conflict with the stage the first attempt moved it to.</summary>
    [Id(2)] public List<ProcessedCommand> ProcessedCommands { get; set; } = [];

    /// <summary>The PBKDF2 hash of the applicant's code (<see cref="ApplicantCodes"/>); null for an objection filed before codes were
    /// given, whose applicant has only the receipt.</summary>
    [Id(3)] public string? ApplicantCodeHash { get; set; }

    public ObjectionState Clone() => new()
    {
        Objection = Objection, StepsInSubjectHistory = StepsInSubjectHistory, ProcessedCommands = [.. ProcessedCommands], ApplicantCodeHash = ApplicantCodeHash,
    };
}
