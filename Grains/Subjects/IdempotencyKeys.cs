using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

/// <summary>The idempotency keys a grain remembers with what each did, for every grain that takes a court's change (a subject,
/// an objection): a retry of a change already made answers with that change whatever has happened since, and a key reused
/// for a different request is refused.</summary>
public static class IdempotencyKeys
{
    /// <summary>Keys are per court: two courts' clients may well pick the same key.</summary>
    public static string Scoped(CommandContext context) => $"{context.Court}|{context.IdempotencyKey}";

    public static bool TryReplay(List<ProcessedCommand> processed, string scopedKey, string fingerprint, out Decision decision)
    {
        // The latest: a bulk row's key can be remembered twice, when a row that named a case came again after the case's
        // item had changed (see BulkRowApplication.IsReplay).
        var earlier = processed.FindLast(c => c.Key == scopedKey);
        if (earlier is null)
        {
            decision = default;
            return false;
        }
        decision = earlier.Fingerprint == fingerprint
            ? Decision.Accept(earlier.ItemId)
            : Refuse.Conflict("Idempotency-Key", "was already used for a different request; use a new key for a new change");
        return true;
    }

    /// <summary>Remembers a change made, forgetting the oldest beyond <paramref name="limit"/>.</summary>
    public static void Remember(List<ProcessedCommand> processed, string scopedKey, string fingerprint, Guid itemId, int limit)
    {
        processed.Add(new ProcessedCommand(scopedKey, fingerprint, itemId));
        var excess = processed.Count - limit;
        if (excess > 0)
            processed.RemoveRange(0, excess);
    }
}
