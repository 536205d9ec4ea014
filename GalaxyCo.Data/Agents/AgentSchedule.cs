namespace GalaxyCo.Data.Agents;

public class AgentSchedule : EditableTenantEntity
{
    public Guid AgentId { get; set; }
    public Agent? Agent { get; set; }
    /// <summary>manual, scheduled or webhook (text in the seed).</summary>
    public string TriggerType { get; set; } = "manual";
    public string? Cron { get; set; }
    public string Timezone { get; set; } = "America/Chicago";
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime? NextRunAt { get; set; }
    public DateTime? LastRunAt { get; set; }
    public string? LastRunStatus { get; set; }
}
