using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Crm;

public enum CustomerSort { Name, Email, Company, Status, Revenue, CreatedAt, UpdatedAt, LastContactedAt }

public sealed record CustomerQuery : CrmListQuery
{
    public CustomerStatus? Status { get; init; }
    public CustomerSort Sort { get; init; } = CustomerSort.Name;
}

/// <summary>What a person can set on a customer. Money is in cents.</summary>
public sealed record CustomerInput
{
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Website { get; init; }
    public PostalAddress? Address { get; init; }
    public CustomerStatus Status { get; init; } = CustomerStatus.Lead;
    public string? Industry { get; init; }
    public string? Size { get; init; }
    public long? Revenue { get; init; }
    public Guid? AssignedTo { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }
    public string? Notes { get; init; }
}

public sealed record CustomerView(
    Guid Id, string Name, string? Email, string? Phone, string? Company, string? Website, PostalAddress Address,
    CustomerStatus Status, string? Industry, string? Size, long? Revenue, Guid? AssignedTo, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> CustomFields, string? Notes, DateTime? LastContactedAt, DateTime CreatedAt,
    DateTime UpdatedAt, uint Version)
{
    internal static CustomerView From(Customer c) => new(
        c.Id, c.Name, c.Email, c.Phone, c.Company, c.Website, c.Address, c.Status, c.Industry, c.Size, c.Revenue,
        c.AssignedTo, c.Tags, c.CustomFields, c.Notes, c.LastContactedAt, c.CreatedAt, c.UpdatedAt, c.Version);
}
