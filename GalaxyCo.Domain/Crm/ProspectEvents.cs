using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Outbox;

namespace GalaxyCo.Domain.Crm;

/// <summary>Outbox events of the prospect pipeline, added to the same SaveChanges as the change they describe.</summary>
public static class ProspectEvents
{
    public const string StageChanged = "prospect.stage_changed";
    public const string Converted = "prospect.converted";

    /// <summary>The stage as stored (and as webhooks carry it): new, contacted, ... won, lost.</summary>
    public static string StageName(ProspectStage stage) => stage.ToString().ToLowerInvariant();

    internal static OutboxMessage StageChange(Prospect prospect, ProspectStage from, Guid? byUserId) => new()
    {
        EventType = StageChanged,
        Payload = new Dictionary<string, string>
        {
            ["prospectId"] = prospect.Id.ToString(),
            ["name"] = prospect.Name,
            ["from"] = StageName(from),
            ["to"] = StageName(prospect.Stage),
            ["userId"] = byUserId?.ToString() ?? "",
        },
    };

    internal static OutboxMessage Conversion(Prospect prospect, Guid customerId, Guid? contactId, Guid? byUserId) => new()
    {
        EventType = Converted,
        Payload = new Dictionary<string, string>
        {
            ["prospectId"] = prospect.Id.ToString(),
            ["customerId"] = customerId.ToString(),
            ["contactId"] = contactId?.ToString() ?? "",
            ["userId"] = byUserId?.ToString() ?? "",
        },
    };
}
