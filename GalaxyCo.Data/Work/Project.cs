namespace GalaxyCo.Data.Work;

public class Project : EditableTenantEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public ProjectStatus Status { get; set; } = ProjectStatus.Planning;
    public Guid? CustomerId { get; set; }
    public Crm.Customer? Customer { get; set; }
    public Guid? ManagerId { get; set; }
    public DateTime? StartDate { get; set; }
    public DateTime? EndDate { get; set; }
    /// <summary>In cents.</summary>
    public long? Budget { get; set; }
    /// <summary>In cents.</summary>
    public long? ActualCost { get; set; }
    public int Progress { get; set; }
    public int CompletedTasks { get; set; }
    public int TotalTasks { get; set; }
    public List<string> Tags { get; set; } = [];
    public Dictionary<string, string> CustomFields { get; set; } = [];
}
