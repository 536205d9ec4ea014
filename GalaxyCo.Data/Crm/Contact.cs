namespace GalaxyCo.Data.Crm;

public class Contact : EditableTenantEntity
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public string? Company { get; set; }
    public string? LinkedinUrl { get; set; }
    public string? TwitterUrl { get; set; }
    public Guid? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public Guid? AssignedTo { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Notes { get; set; }
    public Dictionary<string, string> CustomFields { get; set; } = [];
    public DateTime? LastContactedAt { get; set; }
}
