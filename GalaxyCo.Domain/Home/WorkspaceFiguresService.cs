using GalaxyCo.Data;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Home;

public sealed record WorkspaceFigures(
    int Members, int Customers, int Contacts, int OpenProspects, long PipelineValueCents,
    int OpenTasks, int OverdueTasks, int UpcomingEvents, long OutstandingInvoiceCents, int OverdueInvoices,
    int ActiveAgents, int KnowledgeItems, int UnreadNotifications);

/// <summary>
/// The figures on the workspace home page. One query per table (several figures of a table share one scan through
/// conditional counts), all index-only where the table is large, run concurrently on their own short contexts.
/// </summary>
public sealed class WorkspaceFiguresService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    /// <summary>Counts that can grow without bound stop here; a figure above it reads "10,000+".</summary>
    public const int CountCap = 10_000;

    public async Task<WorkspaceFigures?> GetAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var week = now.AddDays(7);
        var me = member.UserId;

        var members = Query(db => db.WorkspaceMembers.CountAsync(m => m.IsActive, ct), ct);
        var customers = Query(db => db.Customers.CountAsync(ct), ct);
        var contacts = Query(db => db.Contacts.CountAsync(ct), ct);
        var pipeline = Query(db => db.Prospects
            .Where(p => p.Stage != ProspectStage.Won && p.Stage != ProspectStage.Lost)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Value = g.Sum(p => p.EstimatedValue ?? 0) })
            .SingleOrDefaultAsync(ct), ct);
        // Work counts grow with history (a million tasks at our largest customers): count at most CountCap + 1
        // rows, so the page costs the same at any size and shows "10,000+" beyond the cap.
        var openTasks = Query(db => db.Tasks
            .Where(t => t.Status == WorkTaskStatus.Todo || t.Status == WorkTaskStatus.InProgress)
            .Take(CountCap + 1).CountAsync(ct), ct);
        var overdueTasks = Query(db => db.Tasks
            .Where(t => (t.Status == WorkTaskStatus.Todo || t.Status == WorkTaskStatus.InProgress) && t.DueDate < now)
            .Take(CountCap + 1).CountAsync(ct), ct);
        var events = Query(db => db.CalendarEvents.CountAsync(e => e.StartTime >= now && e.StartTime < week, ct), ct);
        var invoices = Query(db => db.Invoices
            .Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue)
            .GroupBy(_ => 1)
            .Select(g => new { Outstanding = g.Sum(i => i.Total - i.AmountPaid), Overdue = g.Count(i => i.Status == InvoiceStatus.Overdue) })
            .SingleOrDefaultAsync(ct), ct);
        var agents = Query(db => db.Agents.CountAsync(a => a.Status == AgentStatus.Active, ct), ct);
        var knowledge = Query(db => db.KnowledgeItems.CountAsync(k => !k.IsArchived, ct), ct);
        var unread = Query(db => db.Notifications.CountAsync(n => n.UserId == me && !n.IsRead && !n.IsDismissed, ct), ct);

        await Task.WhenAll(members, customers, contacts, pipeline, openTasks, overdueTasks, events, invoices, agents, knowledge, unread);
        return new WorkspaceFigures(
            members.Result, customers.Result, contacts.Result, pipeline.Result?.Count ?? 0, pipeline.Result?.Value ?? 0,
            openTasks.Result, overdueTasks.Result, events.Result, invoices.Result?.Outstanding ?? 0, invoices.Result?.Overdue ?? 0,
            agents.Result, knowledge.Result, unread.Result);
    }

    private async Task<T> Query<T>(Func<GalaxyDbContext, Task<T>> query, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await query(db);
    }
}
