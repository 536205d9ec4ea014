using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Agents;

public class Agent : EditableTenantEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public AgentType Type { get; set; } = AgentType.Custom;
    public AgentStatus Status { get; set; } = AgentStatus.Draft;
    public AgentConfig Config { get; set; } = new();
    public Guid? SourcePackId { get; set; }
    public bool IsCustom { get; set; } = true;
    public Guid? CreatedBy { get; set; }
    public int ExecutionCount { get; set; }
    public DateTime? LastExecutedAt { get; set; }
}
