namespace GalaxyCo.Data.Outbox;

/// <summary>
/// A domain event written in the same transaction as the change it describes, so notifications, webhooks and agent
/// triggers never miss one even if the process dies right after the commit.
/// </summary>
public class OutboxMessage : TenantEntity
{
    /// <summary>e.g. member.invited, prospect.stage_changed, invoice.paid.</summary>
    public string EventType { get; set; } = "";
    public Dictionary<string, string> Payload { get; set; } = [];
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
