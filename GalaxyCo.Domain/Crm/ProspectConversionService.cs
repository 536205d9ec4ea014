using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Search;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Turns a won prospect into a customer (and a contact when it has an email) in one transaction, keeping the link
/// (converted_to_customer, customer_id) and the prospect itself as history.
/// </summary>
public sealed class ProspectConversionService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public Task<Result<ProspectConversion>> ConvertToCustomerAsync(Guid prospectId, CancellationToken ct = default) =>
        ConvertAsync(prospectId, null, ct);

    /// <summary>
    /// Converts the prospect into a customer that already exists (the one a duplicate warning found) instead of
    /// creating another: the prospect links to it, and its contact joins that customer.
    /// </summary>
    public Task<Result<ProspectConversion>> ConvertIntoExistingCustomerAsync(Guid prospectId, Guid customerId, CancellationToken ct = default) =>
        ConvertAsync(prospectId, customerId, ct);

    private async Task<Result<ProspectConversion>> ConvertAsync(Guid prospectId, Guid? existingCustomerId, CancellationToken ct)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProspectConversion>.From(Result.Forbidden("You can't convert prospects in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the prospect so two people converting it at once make one customer, not two.
        await db.Database.ExecuteSqlAsync($"select 1 from prospects where id = {prospectId} and workspace_id = {member.WorkspaceId} for update", ct);
        var prospect = await db.Prospects.FirstOrDefaultAsync(p => p.Id == prospectId, ct);
        if (prospect is null) return Result<ProspectConversion>.From(Result.NotFound("Prospect"));
        if (prospect.ConvertedToCustomer)
            return Result<ProspectConversion>.From(Result.Invalid("prospect", "This prospect was already converted to a customer."));

        Customer customer;
        if (existingCustomerId is { } linkTo)
        {
            // Tenant filter: another workspace's customer is simply not there.
            var existingCustomer = await db.Customers.FirstOrDefaultAsync(c => c.Id == linkTo, ct);
            if (existingCustomer is null) return Result<ProspectConversion>.From(Result.Invalid("customerId", "Pick a customer from this workspace; that one does not exist here."));
            customer = existingCustomer;
        }
        else
        {
            customer = NewCustomer(prospect);
            db.Customers.Add(customer);
        }

        Guid? contactId = null;
        if (!string.IsNullOrWhiteSpace(prospect.Email))
        {
            var email = prospect.Email.Trim();
            await CrmRecords.LockContactEmailAsync(db, member.WorkspaceId, email, ct);
            var pattern = LikePattern.Literal(email);
            var existing = await db.Contacts.FirstOrDefaultAsync(c => EF.Functions.ILike(c.Email, pattern, LikePattern.Escape), ct);
            if (existing is not null)
            {
                // One contact per email: link the one we have rather than make a second.
                existing.CustomerId ??= customer.Id;
                contactId = existing.Id;
            }
            else
            {
                var (first, last) = SplitName(prospect.Name);
                var contact = new Contact
                {
                    FirstName = first, LastName = last, Email = email, Phone = prospect.Phone, Title = prospect.Title,
                    Company = prospect.Company, LinkedinUrl = prospect.LinkedinUrl, CustomerId = customer.Id,
                    AssignedTo = prospect.AssignedTo, Tags = [.. prospect.Tags], LastContactedAt = prospect.LastContactedAt,
                };
                db.Contacts.Add(contact);
                contactId = contact.Id;
            }
        }

        var stageBefore = prospect.Stage;
        prospect.ConvertedToCustomer = true;
        prospect.CustomerId = customer.Id;
        if (prospect.Stage != ProspectStage.Won)
        {
            var from = prospect.Stage;
            prospect.Stage = ProspectStage.Won;
            prospect.Position = await ProspectBoardService.BottomPositionAsync(db, ProspectStage.Won, prospect.Id, ct);
            db.OutboxMessages.Add(ProspectEvents.StageChange(prospect, from, member.UserId));
        }
        db.OutboxMessages.Add(ProspectEvents.Conversion(prospect, customer.Id, contactId, member.UserId));
        AddConversionActivities(db, prospect, customer, contactId, existingCustomerId is not null, stageBefore);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ProspectConversion(customer.Id, contactId);
    }

    private static Customer NewCustomer(Prospect prospect) => new()
    {
        Name = Truncate(prospect.Company ?? prospect.Name, CustomerService.NameMaxLength),
        Email = prospect.Email,
        Phone = prospect.Phone,
        Company = prospect.Company,
        Status = CustomerStatus.Active,
        AssignedTo = prospect.AssignedTo,
        Tags = [.. prospect.Tags],
        CustomFields = new Dictionary<string, string>(prospect.CustomFields),
        Notes = prospect.Notes,
        LastContactedAt = prospect.LastContactedAt,
    };

    /// <summary>The conversion on each record's timeline (and the move to won on the prospect's), so the history stays with both.</summary>
    private void AddConversionActivities(GalaxyDbContext db, Prospect prospect, Customer customer, Guid? contactId, bool linkedExisting, ProspectStage stageBefore)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var data = new Dictionary<string, string>
        {
            ["prospectId"] = prospect.Id.ToString(),
            ["prospectName"] = prospect.Name,
            ["customerId"] = customer.Id.ToString(),
            ["customerName"] = customer.Name,
            ["linkedExisting"] = linkedExisting ? "true" : "false",
        };
        if (contactId is { } cid) data["contactId"] = cid.ToString();
        if (stageBefore != ProspectStage.Won)
        {
            db.CrmActivities.Add(new CrmActivity
            {
                RecordType = CrmRecordType.Prospect, RecordId = prospect.Id, Kind = CrmActivityKind.StageChange, ActorId = member.UserId, OccurredAt = now,
                Data = new Dictionary<string, string> { ["from"] = ProspectEvents.StageName(stageBefore), ["to"] = ProspectEvents.StageName(ProspectStage.Won) },
            });
        }
        db.CrmActivities.Add(new CrmActivity
        {
            RecordType = CrmRecordType.Prospect, RecordId = prospect.Id, Kind = CrmActivityKind.Conversion, ActorId = member.UserId, OccurredAt = now,
            Body = linkedExisting ? $"Converted and linked to the existing customer {customer.Name}." : $"Converted to the new customer {customer.Name}.",
            Data = data,
        });
        db.CrmActivities.Add(new CrmActivity
        {
            RecordType = CrmRecordType.Customer, RecordId = customer.Id, Kind = CrmActivityKind.Conversion, ActorId = member.UserId, OccurredAt = now,
            Body = linkedExisting ? $"Prospect {prospect.Name} was converted and linked to this customer." : $"Created from prospect {prospect.Name}.",
            Data = new Dictionary<string, string>(data),
        });
        if (contactId is { } contact)
        {
            db.CrmActivities.Add(new CrmActivity
            {
                RecordType = CrmRecordType.Contact, RecordId = contact, Kind = CrmActivityKind.Conversion, ActorId = member.UserId, OccurredAt = now,
                Body = $"Came with prospect {prospect.Name}, converted to customer {customer.Name}.",
                Data = new Dictionary<string, string>(data),
            });
        }
    }

    private static (string? First, string? Last) SplitName(string name)
    {
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (Truncate(parts[0], 100), null),
            _ => (Truncate(parts[0], 100), Truncate(parts[1], 100)),
        };
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
