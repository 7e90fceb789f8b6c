using Credit.Grains.Interfaces.Objections;

namespace Credit.Grains.Objections;

/// <summary>The stored state of one objection grain (JSON in PostgreSQL).</summary>
[GenerateSerializer, Alias("credit.ObjectionState")]
public sealed class ObjectionState
{
    [Id(0)] public ObjectionView? Objection { get; set; }

    /// <summary>How many steps the subject's history has been given: a step is stored here first and then handed on, again
    /// after a crash, under a key the subject recognises.</summary>
    [Id(1)] public int StepsInSubjectHistory { get; set; }

    public ObjectionState Clone() => new() { Objection = Objection, StepsInSubjectHistory = StepsInSubjectHistory };
}
