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
}
