namespace GalaxyCo.Data.Crm;

public class Prospect : EditableTenantEntity
{
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Company { get; set; }
    public string? Title { get; set; }
    public string? LinkedinUrl { get; set; }
    public ProspectStage Stage { get; set; } = ProspectStage.New;
    /// <summary>Order within the stage column (fractional, so a move writes one row).</summary>
    public double Position { get; set; }
    public int? Score { get; set; }
    /// <summary>In cents.</summary>
    public long? EstimatedValue { get; set; }
    public Guid? AssignedTo { get; set; }
    public string? Source { get; set; }
    public DateTime? LastContactedAt { get; set; }
    public DateTime? NextFollowUpAt { get; set; }
    public int InteractionCount { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Notes { get; set; }
    public Dictionary<string, string> CustomFields { get; set; } = [];
    public bool ConvertedToCustomer { get; set; }
    public Guid? CustomerId { get; set; }
    public Customer? Customer { get; set; }
}
