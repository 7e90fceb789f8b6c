using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.ReadModels.Partners;

/// <summary>How the partners' tables hold listings and filters as JSON (readable with psql), and where their changes are
/// announced.</summary>
public static class PartnerJson
{
    /// <summary>NOTIFY channel of the partner projection: its head moved.</summary>
    public const string ChangesChannel = "credit_partner_changes";

    /// <summary>NOTIFY channel of the courts' partner records.</summary>
    public const string RecordsChannel = "credit_partner_records";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
