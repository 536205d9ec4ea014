using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm;

public enum ProspectSort { Position, Name, Company, Stage, Score, EstimatedValue, NextFollowUpAt, CreatedAt, UpdatedAt }

public sealed record ProspectQuery : CrmListQuery
{
    /// <summary>The filters the board shares (owner or mine, tag, source, score and value ranges, follow-up due, custom fields, search); ANDed with the fields of the query itself.</summary>
    public ProspectFilter Filter { get; init; } = ProspectFilter.None;
    public ProspectStage? Stage { get; init; }
    public string? Source { get; init; }
    /// <summary>Board order by default: stage, then position within it.</summary>
    public ProspectSort Sort { get; init; } = ProspectSort.Position;
}

public sealed record ProspectInput
{
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public string? LinkedinUrl { get; init; }
    /// <summary>A new prospect goes to the bottom of this column; changing it on edit moves the card to the bottom of the new one.</summary>
    public ProspectStage Stage { get; init; } = ProspectStage.New;
    public int? Score { get; init; }
    /// <summary>In cents.</summary>
    public long? EstimatedValue { get; init; }
    public Guid? AssignedTo { get; init; }
    public string? Source { get; init; }
    public DateTime? NextFollowUpAt { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }
    public string? Notes { get; init; }
}

public sealed record ProspectView(
    Guid Id, string Name, string? Email, string? Phone, string? Company, string? Title, string? LinkedinUrl,
    ProspectStage Stage, double Position, int? Score, long? EstimatedValue, Guid? AssignedTo, string? Source,
    DateTime? LastContactedAt, DateTime? NextFollowUpAt, int InteractionCount, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> CustomFields, string? Notes, bool ConvertedToCustomer, Guid? CustomerId,
    DateTime CreatedAt, DateTime UpdatedAt, uint Version)
{
    internal static ProspectView From(Prospect p) => new(
        p.Id, p.Name, p.Email, p.Phone, p.Company, p.Title, p.LinkedinUrl, p.Stage, p.Position, p.Score, p.EstimatedValue,
        p.AssignedTo, p.Source, p.LastContactedAt, p.NextFollowUpAt, p.InteractionCount, p.Tags, p.CustomFields, p.Notes,
        p.ConvertedToCustomer, p.CustomerId, p.CreatedAt, p.UpdatedAt, p.Version);
}

/// <summary>What a conversion created: the customer, and the contact when the prospect had an email.</summary>
public sealed record ProspectConversion(Guid CustomerId, Guid? ContactId);
