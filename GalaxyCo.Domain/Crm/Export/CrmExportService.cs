using System.Globalization;
using CsvHelper;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm.Export;

/// <summary>
/// CSV export of a filtered customer, contact or prospect list. Rows stream from the database to the output as they
/// are read (never the whole table in memory); custom fields become extra columns; headers match what the import
/// guesses, so an export can be edited and imported back. Text that a spreadsheet would run as a formula (starting
/// with = + - @, tab or CR) is prefixed with a quote.
/// </summary>
public sealed class CrmExportService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public Result CanExport() => member.Can(Permissions.RecordsExport) ? Result.Ok() : Result.Forbidden("You can't export records from this workspace.");

    /// <summary>"acme-customers-2026-03-31.csv".</summary>
    public string FileName(CrmRecordType type) =>
        $"{member.WorkspaceSlug}-{type.ToString().ToLowerInvariant()}s-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.csv";

    /// <summary>Writes the CSV to <paramref name="output"/> and returns the number of records written.</summary>
    public async Task<Result<int>> WriteCsvAsync(CrmRecordType type, CrmExportFilter filter, Stream output, CancellationToken ct = default)
    {
        if (CanExport() is { Succeeded: false } denied) return Result<int>.From(denied);
        await using var db = await factory.CreateDbContextAsync(ct);
        var custom = await db.CrmCustomFields.AsNoTracking().Where(f => f.RecordType == type).OrderBy(f => f.Position).ThenBy(f => f.Label)
            .Select(f => new { f.Key, f.Label }).ToListAsync(ct);
        var owners = (await db.WorkspaceMembers.Select(m => new { m.UserId, m.User!.Email }).ToListAsync(ct))
            .GroupBy(m => m.UserId).ToDictionary(g => g.Key, g => g.First().Email);
        string? Owner(Guid? id) => id is { } u && owners.TryGetValue(u, out var email) ? email : null;

        await using var writer = CsvWriter.Create(output, WriterOptions, leaveOpen: true);
        var count = 0;
        switch (type)
        {
            case CrmRecordType.Customer:
                writer.WriteHeader([.. CustomerHeaders, .. custom.Select(c => c.Label)]);
                await foreach (var c in Customers(db, filter).AsAsyncEnumerable().WithCancellation(ct))
                {
                    Text(writer, c.Name, c.Email, c.Phone, c.Company, c.Website, c.Status.ToString(), c.Industry, c.Size);
                    Money(writer, c.Revenue);
                    Text(writer, Owner(c.AssignedTo), string.Join("; ", c.Tags), c.Notes, c.Address.Street, c.Address.City, c.Address.State, c.Address.Zip, c.Address.Country);
                    Date(writer, c.LastContactedAt);
                    Date(writer, c.CreatedAt);
                    Date(writer, c.UpdatedAt);
                    foreach (var field in custom) writer.WriteField(c.CustomFields.GetValueOrDefault(field.Key));
                    await writer.EndRecordAsync(ct);
                    count++;
                }
                break;
            case CrmRecordType.Contact:
                writer.WriteHeader([.. ContactHeaders, .. custom.Select(c => c.Label)]);
                await foreach (var c in Contacts(db, filter).AsAsyncEnumerable().WithCancellation(ct))
                {
                    Text(writer, c.FirstName, c.LastName, c.Email, c.Phone, c.Title, c.Company, c.LinkedinUrl, c.TwitterUrl, Owner(c.AssignedTo), string.Join("; ", c.Tags), c.Notes);
                    Date(writer, c.LastContactedAt);
                    Date(writer, c.CreatedAt);
                    Date(writer, c.UpdatedAt);
                    foreach (var field in custom) writer.WriteField(c.CustomFields.GetValueOrDefault(field.Key));
                    await writer.EndRecordAsync(ct);
                    count++;
                }
                break;
            default:
                writer.WriteHeader([.. ProspectHeaders, .. custom.Select(c => c.Label)]);
                await foreach (var p in Prospects(db, filter).AsAsyncEnumerable().WithCancellation(ct))
                {
                    Text(writer, p.Name, p.Email, p.Phone, p.Company, p.Title, p.LinkedinUrl, p.Stage.ToString());
                    writer.WriteField(p.Score, default);
                    Money(writer, p.EstimatedValue);
                    Text(writer, Owner(p.AssignedTo), p.Source);
                    Date(writer, p.NextFollowUpAt);
                    Date(writer, p.LastContactedAt);
                    writer.WriteField(p.InteractionCount, default);
                    Text(writer, string.Join("; ", p.Tags), p.Notes);
                    writer.WriteField(p.ConvertedToCustomer ? "Yes" : "No");
                    Date(writer, p.CreatedAt);
                    Date(writer, p.UpdatedAt);
                    foreach (var field in custom) writer.WriteField(p.CustomFields.GetValueOrDefault(field.Key));
                    await writer.EndRecordAsync(ct);
                    count++;
                }
                break;
        }
        await writer.FlushAsync(ct);
        return count;
    }

    private static readonly string[] CustomerHeaders =
        ["Name", "Email", "Phone", "Company", "Website", "Status", "Industry", "Size", "Annual revenue", "Owner", "Tags", "Notes", "Street", "City", "State", "Postal code", "Country", "Last contacted", "Created", "Updated"];

    private static readonly string[] ContactHeaders =
        ["First name", "Last name", "Email", "Phone", "Title", "Company", "LinkedIn", "Twitter", "Owner", "Tags", "Notes", "Last contacted", "Created", "Updated"];

    private static readonly string[] ProspectHeaders =
        ["Name", "Email", "Phone", "Company", "Title", "LinkedIn", "Stage", "Score", "Estimated value", "Owner", "Source", "Next follow-up", "Last contacted", "Interactions", "Tags", "Notes", "Converted", "Created", "Updated"];

    private IQueryable<Customer> Customers(GalaxyDbContext db, CrmExportFilter filter)
    {
        var q = CrmSearch.Matching(db.Customers.AsNoTracking(), db, CrmRecordType.Customer, filter.Search);
        if (filter.Status is { } status) q = q.Where(c => c.Status == status);
        if (CrmText.Tag(filter.Tag) is { } tag) q = CrmSearch.WithTag(q, db, CrmRecordType.Customer, tag);
        if (Owner(filter) is { } owner) q = q.Where(c => c.AssignedTo == owner);
        var sort = Enum.TryParse<CustomerSort>(filter.Sort, true, out var s) ? s : CustomerSort.Name;
        var desc = filter.Direction == SortDirection.Descending;
        IOrderedQueryable<Customer> sorted = sort switch
        {
            CustomerSort.Email => desc ? q.OrderByDescending(c => c.Email) : q.OrderBy(c => c.Email),
            CustomerSort.Company => desc ? q.OrderByDescending(c => c.Company) : q.OrderBy(c => c.Company),
            CustomerSort.Status => desc ? q.OrderByDescending(c => c.Status) : q.OrderBy(c => c.Status),
            CustomerSort.Revenue => desc ? q.OrderByDescending(c => c.Revenue) : q.OrderBy(c => c.Revenue),
            CustomerSort.CreatedAt => desc ? q.OrderByDescending(c => c.CreatedAt) : q.OrderBy(c => c.CreatedAt),
            CustomerSort.UpdatedAt => desc ? q.OrderByDescending(c => c.UpdatedAt) : q.OrderBy(c => c.UpdatedAt),
            CustomerSort.LastContactedAt => desc ? q.OrderByDescending(c => c.LastContactedAt) : q.OrderBy(c => c.LastContactedAt),
            _ => desc ? q.OrderByDescending(c => c.Name) : q.OrderBy(c => c.Name),
        };
        return sorted.ThenBy(c => c.Id);
    }

    private IQueryable<Contact> Contacts(GalaxyDbContext db, CrmExportFilter filter)
    {
        var q = CrmSearch.Matching(db.Contacts.AsNoTracking(), db, CrmRecordType.Contact, filter.Search);
        if (filter.CustomerId is { } customerId) q = q.Where(c => c.CustomerId == customerId);
        if (CrmText.Tag(filter.Tag) is { } tag) q = CrmSearch.WithTag(q, db, CrmRecordType.Contact, tag);
        if (Owner(filter) is { } owner) q = q.Where(c => c.AssignedTo == owner);
        var sort = Enum.TryParse<ContactSort>(filter.Sort, true, out var s) ? s : ContactSort.Name;
        var desc = filter.Direction == SortDirection.Descending;
        IOrderedQueryable<Contact> sorted = sort switch
        {
            ContactSort.Email => desc ? q.OrderByDescending(c => c.Email) : q.OrderBy(c => c.Email),
            ContactSort.Company => desc ? q.OrderByDescending(c => c.Company) : q.OrderBy(c => c.Company),
            ContactSort.CreatedAt => desc ? q.OrderByDescending(c => c.CreatedAt) : q.OrderBy(c => c.CreatedAt),
            ContactSort.UpdatedAt => desc ? q.OrderByDescending(c => c.UpdatedAt) : q.OrderBy(c => c.UpdatedAt),
            ContactSort.LastContactedAt => desc ? q.OrderByDescending(c => c.LastContactedAt) : q.OrderBy(c => c.LastContactedAt),
            _ => desc ? q.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName) : q.OrderBy(c => c.LastName).ThenBy(c => c.FirstName),
        };
        return sorted.ThenBy(c => c.Id);
    }

    private IQueryable<Prospect> Prospects(GalaxyDbContext db, CrmExportFilter filter)
    {
        var q = filter.ToProspectFilter().Apply(db.Prospects.AsNoTracking(), db, member.UserId, clock.GetUtcNow().UtcDateTime);
        if (filter.Stage is { } stage) q = q.Where(p => p.StageOrder == Prospect.OrderOf(stage));
        var sort = Enum.TryParse<ProspectSort>(filter.Sort, true, out var s) ? s : ProspectSort.Position;
        var desc = filter.Direction == SortDirection.Descending;
        IOrderedQueryable<Prospect> sorted = sort switch
        {
            ProspectSort.Name => desc ? q.OrderByDescending(p => p.Name) : q.OrderBy(p => p.Name),
            ProspectSort.Company => desc ? q.OrderByDescending(p => p.Company) : q.OrderBy(p => p.Company),
            ProspectSort.Stage => desc ? q.OrderByDescending(p => p.Stage) : q.OrderBy(p => p.Stage),
            ProspectSort.Score => desc ? q.OrderByDescending(p => p.Score) : q.OrderBy(p => p.Score),
            ProspectSort.EstimatedValue => desc ? q.OrderByDescending(p => p.EstimatedValue) : q.OrderBy(p => p.EstimatedValue),
            ProspectSort.NextFollowUpAt => desc ? q.OrderByDescending(p => p.NextFollowUpAt) : q.OrderBy(p => p.NextFollowUpAt),
            ProspectSort.CreatedAt => desc ? q.OrderByDescending(p => p.CreatedAt) : q.OrderBy(p => p.CreatedAt),
            ProspectSort.UpdatedAt => desc ? q.OrderByDescending(p => p.UpdatedAt) : q.OrderBy(p => p.UpdatedAt),
            _ => desc ? q.OrderByDescending(p => p.StageOrder).ThenByDescending(p => p.Position) : q.OrderBy(p => p.StageOrder).ThenBy(p => p.Position),
        };
        return sorted.ThenBy(p => p.Id);
    }

    private Guid? Owner(CrmExportFilter filter) => filter.Mine ? member.UserId : filter.AssignedTo;

    private static void Text(CsvWriter writer, params ReadOnlySpan<string?> values)
    {
        foreach (var value in values) writer.WriteField(value);
    }

    /// <summary>Cents as an amount in main units (12345 -> 123.45), written as a number so it is never escaped.</summary>
    private static void Money(CsvWriter writer, long? cents) => writer.WriteField(cents is { } c ? c / 100m : (decimal?)null, default);

    private static void Date(CsvWriter writer, DateTime? value)
    {
        if (value is { } d) writer.WriteField(DateTime.SpecifyKind(d, DateTimeKind.Utc), "yyyy-MM-ddTHH:mm:ssZ");
        else writer.WriteField((string?)null);
    }
}
