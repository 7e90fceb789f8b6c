namespace Credit.Bench.Seeding;

/// <summary>Draws items with given relative weights (cumulative table, binary search).</summary>
public sealed class Weighted<T>
{
    private readonly T[] items;
    private readonly double[] cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> choices)
    {
        var list = choices.Where(c => c.Weight > 0).ToList();
        items = [.. list.Select(c => c.Item)];
        cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
            cumulative[i] = total += list[i].Weight;
    }

    public IReadOnlyList<T> Items => items;

    /// <summary>Zipf-like weights by rank (1/rank^exponent): a few items are very common, most are rare, as with names.</summary>
    public static Weighted<T> ByRank(IEnumerable<T> itemsInRankOrder, double exponent) =>
        new(itemsInRankOrder.Select((item, i) => (item, 1 / Math.Pow(i + 1, exponent))));

    public T Next(Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return items[index < 0 ? Math.Min(~index, items.Length - 1) : index];
    }
}
