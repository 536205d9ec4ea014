using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Crm;

public class Customer : EditableTenantEntity
{
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Company { get; set; }
    public string? Website { get; set; }
    public PostalAddress Address { get; set; } = new();
    public CustomerStatus Status { get; set; } = CustomerStatus.Lead;
    public string? Industry { get; set; }
    public string? Size { get; set; }
    /// <summary>Annual revenue in cents (bigint: integer cents would overflow at $21M).</summary>
    public long? Revenue { get; set; }
    public Guid? AssignedTo { get; set; }
    public List<string> Tags { get; set; } = [];
    public Dictionary<string, string> CustomFields { get; set; } = [];
    public string? Notes { get; set; }
    public DateTime? LastContactedAt { get; set; }
}
