using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Search;

/// <summary>A hit in the command palette: what it is, its name, and the page it opens (relative to /w/{slug}/).</summary>
public sealed record SearchHit(string Kind, string Title, string? Subtitle, string Path);

/// <summary>Finds any record of the current workspace by name for the Ctrl+K palette.</summary>
public sealed class RecordSearchService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public const int MaxQueryLength = 100;


    public async Task<IReadOnlyList<SearchHit>> FindAsync(string query, int perKind = 5, CancellationToken ct = default)
    {
        if ((query ?? "").Trim().Length < 2 || !member.Can(Permissions.RecordsRead)) return [];
        var pattern = LikePattern.Contains(query, MaxQueryLength)!;
        await using var db = await factory.CreateDbContextAsync(ct);
        var hits = new List<SearchHit>();
        var members = await db.WorkspaceMembers.Where(m => m.IsActive && (EF.Functions.ILike((m.User!.FirstName ?? "") + " " + (m.User.LastName ?? ""), pattern, LikePattern.Escape) || EF.Functions.ILike(m.User.Email ?? "", pattern, LikePattern.Escape)))
            .OrderBy(m => m.User!.Email).Take(perKind).Select(m => new { m.User!.FirstName, m.User.LastName, m.User.Email }).ToListAsync(ct);
        hits.AddRange(members.Select(m => new SearchHit("Member", MemberService.DisplayName(m.FirstName, m.LastName, m.Email), m.Email, "members")));
        // CRM records are searched by word prefix over the trigger-kept terms: an index range scan even under RLS,
        // where ILIKE '%x%' on 100k rows would read the workspace's every row.
        hits.AddRange(await CrmText.Search(db.Customers, db, CrmRecordType.Customer, query)
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(perKind).Select(c => new SearchHit("Customer", c.Name, c.Email ?? c.Company, $"crm/customers/{c.Id}")).ToListAsync(ct));
        hits.AddRange(await CrmText.Search(db.Contacts, db, CrmRecordType.Contact, query)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id).Take(perKind)
            .Select(c => new SearchHit("Contact", ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim() == "" ? c.Email : ((c.FirstName ?? "") + " " + (c.LastName ?? "")).Trim(), c.Email, $"crm/contacts/{c.Id}")).ToListAsync(ct));
        hits.AddRange(await CrmText.Search(db.Prospects, db, CrmRecordType.Prospect, query)
            .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(perKind).Select(p => new SearchHit("Prospect", p.Name, p.Company ?? p.Email, $"crm/prospects/{p.Id}")).ToListAsync(ct));
        hits.AddRange(await db.Projects.Where(p => EF.Functions.ILike(p.Name, pattern, LikePattern.Escape))
            .OrderBy(p => p.Name).Take(perKind).Select(p => new SearchHit("Project", p.Name, null, $"projects/{p.Id}")).ToListAsync(ct));
        hits.AddRange(await db.Tasks.Where(t => EF.Functions.ILike(t.Title, pattern, LikePattern.Escape))
            .OrderBy(t => t.Title).Take(perKind).Select(t => new SearchHit("Task", t.Title, null, $"tasks/{t.Id}")).ToListAsync(ct));
        hits.AddRange(await db.Invoices.Where(i => EF.Functions.ILike(i.InvoiceNumber, pattern, LikePattern.Escape))
            .OrderBy(i => i.InvoiceNumber).Take(perKind).Select(i => new SearchHit("Invoice", i.InvoiceNumber, null, $"invoices/{i.Id}")).ToListAsync(ct));
        hits.AddRange(await db.Agents.Where(a => EF.Functions.ILike(a.Name, pattern, LikePattern.Escape))
            .OrderBy(a => a.Name).Take(perKind).Select(a => new SearchHit("Agent", a.Name, a.Description, $"agents/{a.Id}")).ToListAsync(ct));
        hits.AddRange(await db.KnowledgeItems.Where(k => EF.Functions.ILike(k.Title, pattern, LikePattern.Escape))
            .OrderBy(k => k.Title).Take(perKind).Select(k => new SearchHit("Knowledge", k.Title, null, $"knowledge/{k.Id}")).ToListAsync(ct));
        return hits;
    }
}
