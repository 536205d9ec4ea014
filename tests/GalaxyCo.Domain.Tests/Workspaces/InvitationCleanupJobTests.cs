using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Tests.Infrastructure;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Tests.Workspaces;

[Collection(PostgresCollection.Name)]
public sealed class InvitationCleanupJobTests(PostgresDatabase db) : IDisposable
{
    private readonly DomainHost host = new(db);

    public void Dispose() => host.Dispose();

    private async Task<(Guid Stale, Guid Fresh, Guid Accepted)> ArrangeAsync(TestWorkspace w)
    {
        var old = DateTime.UtcNow - InvitationCleanupJob.Retention - TimeSpan.FromDays(2);
        var stale = new WorkspaceInvitation { Email = "old@example.com", TokenHash = Guid.NewGuid().ToString("N"), ExpiresAt = old, LastSentAt = old };
        var fresh = new WorkspaceInvitation { Email = "new@example.com", TokenHash = Guid.NewGuid().ToString("N"), ExpiresAt = DateTime.UtcNow.AddDays(3), LastSentAt = DateTime.UtcNow };
        var accepted = new WorkspaceInvitation { Email = "kept@example.com", TokenHash = Guid.NewGuid().ToString("N"), ExpiresAt = old, LastSentAt = old, AcceptedAt = old };
        await using var ctx = db.CreateContext(w.Tenant());
        ctx.WorkspaceInvitations.AddRange(stale, fresh, accepted);
        await ctx.SaveChangesAsync();
        return (stale.Id, fresh.Id, accepted.Id);
    }

    [Fact]
    public async Task RunAsync_DeletesOnlyLongExpiredUnacceptedInvitations_InEveryWorkspace()
    {
        var a = await db.CreateWorkspaceAsync("Cleanup A");
        var b = await db.CreateWorkspaceAsync("Cleanup B");
        var inA = await ArrangeAsync(a);
        var inB = await ArrangeAsync(b);

        await using (var scope = host.Anonymous())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<InvitationCleanupJob>().RunAsync();
            Assert.True(removed >= 2);
        }

        foreach (var (w, ids) in new[] { (a, inA), (b, inB) })
        {
            await using var ctx = db.CreateContext(w.Tenant());
            var left = await ctx.WorkspaceInvitations.Select(i => i.Id).ToListAsync();
            Assert.DoesNotContain(ids.Stale, left);
            Assert.Contains(ids.Fresh, left);
            Assert.Contains(ids.Accepted, left);
            // The job deletes through SaveChanges inside the workspace, so the audit trail says what went and who did it.
            var audit = await ctx.AuditLogs.SingleAsync(l => l.ResourceId == ids.Stale.ToString() && l.Action == "delete");
            Assert.Equal("system:invitation-cleanup", audit.UserEmail);
        }
    }
}
