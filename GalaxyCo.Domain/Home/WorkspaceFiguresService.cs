using GalaxyCo.Data;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Home;

public sealed record WorkspaceFigures(
    int Members, int Customers, int Contacts, int OpenProspects, long PipelineValueCents,
    int OpenTasks, int OverdueTasks, int UpcomingEvents, long OutstandingInvoiceCents, int OverdueInvoices,
    int ActiveAgents, int KnowledgeItems, int UnreadNotifications);

/// <summary>The figures on the workspace home page, one round trip per figure, all index-backed.</summary>
public sealed class WorkspaceFiguresService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public async Task<WorkspaceFigures?> GetAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = new[] { ProspectStage.Won, ProspectStage.Lost };
        var unpaid = new[] { InvoiceStatus.Sent, InvoiceStatus.Overdue };
        return new WorkspaceFigures(
            await db.WorkspaceMembers.CountAsync(m => m.IsActive, ct),
            await db.Customers.CountAsync(ct),
            await db.Contacts.CountAsync(ct),
            await db.Prospects.CountAsync(p => !open.Contains(p.Stage), ct),
            await db.Prospects.Where(p => !open.Contains(p.Stage)).SumAsync(p => p.EstimatedValue ?? 0, ct),
            await db.Tasks.CountAsync(t => t.Status == WorkTaskStatus.Todo || t.Status == WorkTaskStatus.InProgress, ct),
            await db.Tasks.CountAsync(t => (t.Status == WorkTaskStatus.Todo || t.Status == WorkTaskStatus.InProgress) && t.DueDate < now, ct),
            await db.CalendarEvents.CountAsync(e => e.StartTime >= now && e.StartTime < now.AddDays(7), ct),
            await db.Invoices.Where(i => unpaid.Contains(i.Status)).SumAsync(i => i.Total - i.AmountPaid, ct),
            await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Overdue, ct),
            await db.Agents.CountAsync(a => a.Status == AgentStatus.Active, ct),
            await db.KnowledgeItems.CountAsync(k => !k.IsArchived, ct),
            await db.Notifications.CountAsync(n => n.UserId == member.UserId && !n.IsRead && !n.IsDismissed, ct));
    }
}
