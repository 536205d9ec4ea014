using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

public enum ContactSort { Name, Email, Company, CreatedAt, UpdatedAt, LastContactedAt }

public sealed record ContactQuery : CrmListQuery
{
    public Guid? CustomerId { get; init; }
    public ContactSort Sort { get; init; } = ContactSort.Name;
}

public sealed record ContactInput
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string Email { get; init; } = "";
    public string? Phone { get; init; }
    public string? Title { get; init; }
    public string? Company { get; init; }
    public string? LinkedinUrl { get; init; }
    public string? TwitterUrl { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? AssignedTo { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }
    public string? Notes { get; init; }
}

public sealed record ContactView(
    Guid Id, string? FirstName, string? LastName, string Email, string? Phone, string? Title, string? Company,
    string? LinkedinUrl, string? TwitterUrl, Guid? CustomerId, Guid? AssignedTo, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> CustomFields, string? Notes, DateTime? LastContactedAt, DateTime CreatedAt,
    DateTime UpdatedAt, uint Version)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim() is { Length: > 0 } name ? name : Email;

    internal static ContactView From(Contact c) => new(
        c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.Title, c.Company, c.LinkedinUrl, c.TwitterUrl, c.CustomerId,
        c.AssignedTo, c.Tags, c.CustomFields, c.Notes, c.LastContactedAt, c.CreatedAt, c.UpdatedAt, c.Version);
}
