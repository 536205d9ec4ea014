using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GalaxyCo.Domain.Tests.Tenancy;

/// <summary>Layers 2 and 3 through GalaxyDbContext: query filter, SaveChanges guard, pooling, audit trail, concurrency.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EfTenancyTests(PostgresDatabase db)
{
    [Fact]
    public async Task Ef_IgnoreQueryFilters_UnderWorkspaceA_StillReturnsOnlyARows()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using var context = db.CreateContext(a.Tenant());

        var customers = await context.Customers.IgnoreQueryFilters().ToListAsync();

        Assert.Contains(customers, c => c.Id == a.Rows.CustomerId);
        Assert.All(customers, c => Assert.Equal(a.Id, c.WorkspaceId));
        Assert.Null(await context.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == b.Rows.CustomerId));
        Assert.Equal(0, await context.Customers.IgnoreQueryFilters().CountAsync(c => c.WorkspaceId == b.Id));
    }

    [Fact]
    public async Task Ef_IgnoreQueryFilters_UnderWorkspaceA_BulkUpdateAndDeleteOfWorkspaceB_AffectNothing()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        await using (var context = db.CreateContext(a.Tenant()))
        {
            Assert.Equal(0, await context.Customers.IgnoreQueryFilters().Where(c => c.WorkspaceId == b.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "pwned")));
            Assert.Equal(0, await context.Customers.IgnoreQueryFilters().Where(c => c.Id == b.Rows.CustomerId).ExecuteDeleteAsync());
        }

        await using var superuser = PostgresDatabase.CreateContext(b.Tenant(), db.SuperuserConnectionString);
        var customer = await superuser.Customers.SingleAsync(c => c.Id == b.Rows.CustomerId);
        Assert.Equal("Workspace B Customer", customer.Name);
    }

    [Fact]
    public async Task Ef_QueryFilterAlone_UnderWorkspaceA_ReturnsOnlyARows()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        // The superuser bypasses RLS, so here the query filter is the only thing between A and B.
        await using var context = PostgresDatabase.CreateContext(a.Tenant(), db.SuperuserConnectionString);
        Assert.NotNull(await context.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == b.Rows.CustomerId)); // RLS really is out of the way

        var customers = await context.Customers.ToListAsync();

        Assert.Contains(customers, c => c.Id == a.Rows.CustomerId);
        Assert.All(customers, c => Assert.Equal(a.Id, c.WorkspaceId));
        Assert.Null(await context.Customers.FirstOrDefaultAsync(c => c.Id == b.Rows.CustomerId));
        Assert.Null(await context.Invoices.FirstOrDefaultAsync(i => i.Id == b.Rows.InvoiceId));
        Assert.Null(await context.WorkspaceMembers.FirstOrDefaultAsync(m => m.Id == b.Rows.MemberId));
    }

    [Fact]
    public async Task Ef_QueryFilterAlone_WithNoTenant_ReturnsNothing()
    {
        var (a, _) = await db.CreateTwoSeededWorkspacesAsync();
        await using var context = PostgresDatabase.CreateContext(new TenantContext(), db.SuperuserConnectionString);
        Assert.NotNull(await context.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == a.Rows.CustomerId));

        Assert.Empty(await context.Customers.ToListAsync());
        Assert.Empty(await context.AuditLogs.ToListAsync());
    }

    [Fact]
    public async Task SaveChanges_AddingARowOfWorkspaceB_UnderWorkspaceA_ThrowsAndWritesNothing()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        var intruder = new Customer { WorkspaceId = b.Id, Name = "Planted by A" };

        // Superuser connection: RLS would not stop this insert, only the guard can.
        await using (var context = PostgresDatabase.CreateContext(a.Tenant(), db.SuperuserConnectionString))
        {
            context.Customers.Add(intruder);
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }

        await AssertNotWrittenAsync(intruder.Id);
    }

    [Fact]
    public async Task SaveChanges_ModifyingOrDeletingARowOfWorkspaceB_UnderWorkspaceA_ThrowsAndChangesNothing()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        Customer theirs;
        await using (var reader = PostgresDatabase.CreateContext(b.Tenant(), db.SuperuserConnectionString))
            theirs = await reader.Customers.AsNoTracking().SingleAsync(c => c.Id == b.Rows.CustomerId);

        await using (var context = PostgresDatabase.CreateContext(a.Tenant(), db.SuperuserConnectionString))
        {
            context.Attach(theirs);
            theirs.Name = "Renamed by A";
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());

            context.Entry(theirs).State = EntityState.Deleted;
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }

        // Moving one of A's own rows into B is refused too.
        await using (var context = PostgresDatabase.CreateContext(a.Tenant(), db.SuperuserConnectionString))
        {
            var ours = await context.Customers.SingleAsync(c => c.Id == a.Rows.CustomerId);
            ours.WorkspaceId = b.Id;
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }

        await using var verify = PostgresDatabase.CreateContext(new TenantContext(), db.SuperuserConnectionString);
        Assert.Equal("Workspace B Customer", (await verify.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == b.Rows.CustomerId)).Name);
        Assert.Equal(a.Id, (await verify.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == a.Rows.CustomerId)).WorkspaceId);
    }

    [Fact]
    public async Task SaveChanges_ChangingOrDeletingWorkspaceB_UnderWorkspaceA_ThrowsAndChangesNothing()
    {
        var a = await db.CreateWorkspaceAsync("Guard A");
        var b = await db.CreateWorkspaceAsync("Guard B");

        // Superuser with the audit trail off: neither RLS nor the audit row's RLS check is there to stop it.
        await using (var context = PostgresDatabase.CreateContext(a.Tenant(), db.SuperuserConnectionString))
        {
            context.SuppressAudit = true;
            var theirs = await context.Workspaces.SingleAsync(w => w.Id == b.Id);
            theirs.Name = "Renamed by A";
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());

            context.Entry(theirs).State = EntityState.Deleted;
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }

        // Its own workspace row A may change (as the app role, as the workspace settings page does).
        await using (var context = db.CreateContext(a.Tenant()))
        {
            (await context.Workspaces.SingleAsync(w => w.Id == a.Id)).Name = "Guard A renamed";
            await context.SaveChangesAsync();
        }

        await using var verify = PostgresDatabase.CreateContext(new TenantContext(), db.SuperuserConnectionString);
        Assert.Equal("Guard B", (await verify.Workspaces.SingleAsync(w => w.Id == b.Id)).Name);
        Assert.Equal("Guard A renamed", (await verify.Workspaces.SingleAsync(w => w.Id == a.Id)).Name);
    }

    [Fact]
    public async Task SaveChanges_WithNoTenant_RefusesEveryTenantWrite()
    {
        var (a, _) = await db.CreateTwoSeededWorkspacesAsync();
        var explicitWorkspace = new Customer { WorkspaceId = a.Id, Name = "No tenant, explicit workspace" };
        var unstamped = new Customer { Name = "No tenant, no workspace" };

        await using (var context = PostgresDatabase.CreateContext(new TenantContext(), db.SuperuserConnectionString))
        {
            context.Customers.Add(explicitWorkspace);
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }
        await using (var context = PostgresDatabase.CreateContext(new TenantContext(), db.SuperuserConnectionString))
        {
            context.Customers.Add(unstamped);
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }
        await using (var context = PostgresDatabase.CreateContext(new TenantContext(), db.SuperuserConnectionString))
        {
            var existing = await context.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == a.Rows.CustomerId);
            existing.Name = "Renamed with no tenant";
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }

        await AssertNotWrittenAsync(explicitWorkspace.Id);
        await AssertNotWrittenAsync(unstamped.Id);
        await using var verify = PostgresDatabase.CreateContext(a.Tenant(), db.SuperuserConnectionString);
        Assert.Equal("Workspace A Customer", (await verify.Customers.SingleAsync(c => c.Id == a.Rows.CustomerId)).Name);
    }

    [Fact]
    public async Task Pool_WithOneConnection_NothingCarriesOverBetweenTenants()
    {
        var (a, b) = await db.CreateTwoSeededWorkspacesAsync();
        var onePool = new NpgsqlConnectionStringBuilder(db.AppConnectionString)
        {
            MaxPoolSize = 1,
            ApplicationName = $"tenancy-ef-pool-{Guid.NewGuid():N}",
        }.ConnectionString;

        int pid;
        await using (var asA = PostgresDatabase.CreateContext(a.Tenant(), onePool))
        {
            pid = await BackendPidAsync(asA);
            var customers = await asA.Customers.IgnoreQueryFilters().ToListAsync();
            Assert.Contains(customers, c => c.Id == a.Rows.CustomerId);
        }

        await using (var asNobody = PostgresDatabase.CreateContext(new TenantContext(), onePool))
        {
            Assert.Equal(pid, await BackendPidAsync(asNobody)); // the very connection A used
            Assert.Empty(await asNobody.Customers.IgnoreQueryFilters().ToListAsync());
            Assert.Empty(await asNobody.WorkspaceMembers.IgnoreQueryFilters().ToListAsync());
        }

        await using (var asB = PostgresDatabase.CreateContext(b.Tenant(), onePool))
        {
            Assert.Equal(pid, await BackendPidAsync(asB));
            var customers = await asB.Customers.IgnoreQueryFilters().ToListAsync();
            Assert.Contains(customers, c => c.Id == b.Rows.CustomerId);
            Assert.All(customers, c => Assert.Equal(b.Id, c.WorkspaceId));
        }
    }

    [Fact]
    public async Task AuditTrail_CustomerCreateUpdateDelete_WritesOneRowEachWithDiffAndActor()
    {
        var workspace = await db.CreateWorkspaceAsync("Audit");
        var tenant = workspace.Tenant();
        tenant.Actor = new AuditActor(workspace.OwnerEmail, "203.0.113.7", "xunit");

        var customer = new Customer { Name = "Before" };
        await using (var context = db.CreateContext(tenant))
        {
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
        }
        await using (var context = db.CreateContext(tenant))
        {
            (await context.Customers.SingleAsync(c => c.Id == customer.Id)).Name = "After";
            await context.SaveChangesAsync();
        }
        await using (var context = db.CreateContext(tenant))
        {
            context.Customers.Remove(await context.Customers.SingleAsync(c => c.Id == customer.Id));
            await context.SaveChangesAsync();
        }

        await using var read = db.CreateContext(tenant);
        var logs = await read.AuditLogs.Where(l => l.ResourceId == customer.Id.ToString()).OrderBy(l => l.CreatedAt).ToListAsync();

        Assert.Equal(["create", "update", "delete"], logs.Select(l => l.Action));
        Assert.All(logs, l =>
        {
            Assert.Equal("customer", l.ResourceType);
            Assert.Equal(workspace.Id, l.WorkspaceId);
            Assert.Equal(workspace.OwnerUserId, l.UserId);
            Assert.Equal(workspace.OwnerEmail, l.UserEmail);
            Assert.Equal("203.0.113.7", l.IpAddress);
            Assert.Equal("xunit", l.UserAgent);
        });
        var (created, updated, deleted) = (logs[0].Changes, logs[1].Changes, logs[2].Changes);
        Assert.Null(created["name"].Before);
        Assert.Equal("Before", created["name"].After);
        Assert.Equal(["name"], updated.Keys); // only what changed, not the timestamps the guard stamped
        Assert.Equal("Before", updated["name"].Before);
        Assert.Equal("After", updated["name"].After);
        Assert.Equal("After", deleted["name"].Before);
        Assert.Null(deleted["name"].After);
    }

    [Fact]
    public async Task Concurrency_TwoEditsOfTheSameCustomer_FirstWins_SecondThrowsDbUpdateConcurrencyException()
    {
        var workspace = await db.CreateWorkspaceAsync("Concurrency");
        var customer = new Customer { Name = "Original" };
        await using (var context = db.CreateContext(workspace.Tenant()))
        {
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
        }

        await using var first = db.CreateContext(workspace.Tenant());
        await using var second = db.CreateContext(workspace.Tenant());
        var mine = await first.Customers.SingleAsync(c => c.Id == customer.Id);
        var theirs = await second.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal(mine.Version, theirs.Version);
        Assert.NotEqual(0u, mine.Version);

        mine.Name = "First";
        theirs.Name = "Second";
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var verify = db.CreateContext(workspace.Tenant());
        Assert.Equal("First", (await verify.Customers.SingleAsync(c => c.Id == customer.Id)).Name);
        var updates = await verify.AuditLogs.Where(l => l.ResourceId == customer.Id.ToString() && l.Action == "update").ToListAsync();
        Assert.Equal("First", Assert.Single(updates).Changes["name"].After); // the losing save left no trail either
    }

    private async Task AssertNotWrittenAsync(Guid customerId)
    {
        await using var superuser = await db.OpenSuperuserConnectionAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from customers where id = @id) + (select count(*) from audit_logs where resource_id = @text)", superuser);
        command.Parameters.AddWithValue("id", customerId);
        command.Parameters.AddWithValue("text", customerId.ToString());
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private static Task<int> BackendPidAsync(GalaxyDbContext context) =>
        context.Database.SqlQuery<int>($"select pg_backend_pid() as \"Value\"").SingleAsync();
}
