namespace GalaxyCo.Data.Audit;

/// <summary>Append-only trail of every create, update and delete.</summary>
public class AuditLog : TenantEntity
{
    public Guid? UserId { get; set; }
    public string? UserEmail { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string Action { get; set; } = "";
    public string ResourceType { get; set; } = "";
    public string? ResourceId { get; set; }
    public Dictionary<string, Json.FieldChange> Changes { get; set; } = [];
    public Dictionary<string, string> Metadata { get; set; } = [];
}
