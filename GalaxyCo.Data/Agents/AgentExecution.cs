using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Agents;

/// <summary>One run of an agent. Written once and then only advanced through its status, so it carries no updated_at (as in the seed).</summary>
public class AgentExecution : TenantEntity
{
    public Guid AgentId { get; set; }
    public Agent? Agent { get; set; }
    public Guid? TriggeredBy { get; set; }
    public ExecutionStatus Status { get; set; } = ExecutionStatus.Pending;
    public ExecutionPayload Input { get; set; } = new();
    public ExecutionPayload? Output { get; set; }
    public ExecutionError? Error { get; set; }
    public int? DurationMs { get; set; }
    public int? TokensUsed { get; set; }
    /// <summary>Cost in cents.</summary>
    public long? Cost { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public uint Version { get; set; }
}
