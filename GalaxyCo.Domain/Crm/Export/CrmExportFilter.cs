using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Crm.Export;

/// <summary>
/// The filters of the customer, contact and prospect lists, as an export takes them (from the list page's query
/// string): what is on screen is what lands in the file. Filters that do not apply to a record type are ignored.
/// </summary>
public sealed record CrmExportFilter
{
    public string? Search { get; init; }
    public string? Tag { get; init; }
    public Guid? AssignedTo { get; init; }
    /// <summary>Only the signed-in person's records (wins over <see cref="AssignedTo"/>).</summary>
    public bool Mine { get; init; }
    /// <summary>Customers.</summary>
    public CustomerStatus? Status { get; init; }
    /// <summary>Contacts of one customer.</summary>
    public Guid? CustomerId { get; init; }
    /// <summary>Prospects.</summary>
    public ProspectStage? Stage { get; init; }
    public string? Source { get; init; }
    public int? ScoreMin { get; init; }
    public int? ScoreMax { get; init; }
    /// <summary>In cents.</summary>
    public long? ValueMin { get; init; }
    /// <summary>In cents.</summary>
    public long? ValueMax { get; init; }
    public FollowUpDue FollowUp { get; init; }
    /// <summary>A sort name of the list (CustomerSort, ContactSort or ProspectSort), case-insensitive; unknown names sort by name.</summary>
    public string? Sort { get; init; }
    public SortDirection Direction { get; init; }

    internal ProspectFilter ToProspectFilter() => new()
    {
        Search = Search, AssignedTo = AssignedTo, Mine = Mine, Tag = Tag, Source = Source, ScoreMin = ScoreMin, ScoreMax = ScoreMax,
        ValueMin = ValueMin, ValueMax = ValueMax, FollowUp = FollowUp,
    };
}
