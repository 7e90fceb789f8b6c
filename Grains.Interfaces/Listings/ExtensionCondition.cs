namespace Credit.Grains.Interfaces.Listings;

/// <summary>The two conditions on which a fixed-term listing may be extended by 1–3 years (Art. 2).</summary>
public enum ExtensionCondition
{
    /// <summary>The debtor obstructed or resisted enforcement with violence or threats (以暴力、威胁方法妨碍、抗拒执行情节严重).</summary>
    ViolenceOrThreats,
    /// <summary>The debtor committed several dishonest acts (具有多项失信行为).</summary>
    SeveralDishonestActs,
}
