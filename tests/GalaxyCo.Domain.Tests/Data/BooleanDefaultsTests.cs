using GalaxyCo.Data.Integrations;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Data;

/// <summary>
/// Columns with DEFAULT true must still store an explicit false: EF omits a value equal to the property's
/// sentinel and lets the database default win, so the sentinel has to be true, not the CLR default false.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BooleanDefaultsTests(PostgresDatabase db)
{
    [Fact]
    public async Task Insert_WithFalse_StoresFalse_AndWithTrue_StoresTrue()
    {
        var w = await db.CreateWorkspaceAsync("Defaults");
        var inactive = new Webhook { Name = "off", Url = "https://example.com/off", Secret = "s", IsActive = false };
        var active = new Webhook { Name = "on", Url = "https://example.com/on", Secret = "s" };
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            ctx.Webhooks.AddRange(inactive, active);
            await ctx.SaveChangesAsync();
        }

        await using var read = db.CreateContext(w.Tenant());
        Assert.False(await read.Webhooks.Where(h => h.Id == inactive.Id).Select(h => h.IsActive).SingleAsync());
        Assert.True(await read.Webhooks.Where(h => h.Id == active.Id).Select(h => h.IsActive).SingleAsync());
    }
}
