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
public sealed class ProspectConversionService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public async Task<Result<ProspectConversion>> ConvertToCustomerAsync(Guid prospectId, CancellationToken ct = default)
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

        var customer = new Customer
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
        db.Customers.Add(customer);

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
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ProspectConversion(customer.Id, contactId);
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
