namespace GalaxyCo.Data.Integrations;

public class Webhook : EditableTenantEntity
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string> Events { get; set; } = [];
    public string Secret { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTime? LastTriggeredAt { get; set; }
    public int SuccessCount { get; set; }
    public int FailureCount { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public Guid? CreatedBy { get; set; }

    /// <summary>After a rotation the old secret still signs (as a second signature) until this time, so receivers can switch over.</summary>
    public string? PreviousSecret { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }

    /// <summary>Failed events in a row (an event fails when its last retry fails); reset by any success. Past the limit the endpoint is disabled.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTime? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
}
