using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.Export;
using GalaxyCo.Domain.Crm.Import;
using GalaxyCo.Domain.Tests.Crm.Import;
using GalaxyCo.Domain.Tests.Infrastructure;

namespace GalaxyCo.Domain.Tests.Crm.Export;

[Collection(PostgresCollection.Name)]
public sealed class CrmExportServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmImportHost host = new(db);

    public void Dispose() => host.Dispose();

    private static async Task<string> ExportAsync(ImportActor actor, CrmRecordType type, CrmExportFilter? filter = null)
    {
        using var output = new MemoryStream();
        CrmAssert.Ok(await actor.Exports.WriteCsvAsync(type, filter ?? new CrmExportFilter(), output));
        return Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
    }

    [Fact]
    public async Task WriteCsvAsync_FormulaCells_AreEscapedWithAQuote()
    {
        var w = await db.CreateWorkspaceAsync("Export Formula");
        await host.ArrangeAsync(w, ctx =>
        {
            ctx.Customers.Add(new Customer { Name = "=cmd|' /C calc'!A0", Notes = "@SUM(1)", Phone = "+1 555", Company = "-minus", Revenue = 123_45 });
            return Task.CompletedTask;
        });
        await using var owner = await host.OwnerOfAsync(w);

        var csv = await ExportAsync(owner, CrmRecordType.Customer);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Name,Email,Phone,Company", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=cmd|' /C calc'!A0\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("'@SUM(1)", lines[1], StringComparison.Ordinal);
        Assert.Contains("'+1 555", lines[1], StringComparison.Ordinal);
        Assert.Contains("'-minus", lines[1], StringComparison.Ordinal);
        Assert.Contains(",123.45,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCsvAsync_FilterAndCustomFields_ExportOnlyTheFilteredRowsWithExtraColumns()
    {
        var w = await db.CreateWorkspaceAsync("Export Filter");
        await host.ArrangeAsync(w, ctx =>
        {
            ctx.CrmCustomFields.Add(new CrmCustomField { RecordType = CrmRecordType.Prospect, Key = "segment", Label = "Segment", FieldType = CrmCustomFieldType.Text });
            ctx.Prospects.Add(new Prospect { Name = "Ada Won", Stage = ProspectStage.Won, Tags = ["vip"], CustomFields = new() { ["segment"] = "Enterprise" } });
            ctx.Prospects.Add(new Prospect { Name = "Bob New", Stage = ProspectStage.New, Tags = ["vip"] });
            ctx.Prospects.Add(new Prospect { Name = "Cy Won", Stage = ProspectStage.Won });
            return Task.CompletedTask;
        });
        await using var owner = await host.OwnerOfAsync(w);

        var csv = await ExportAsync(owner, CrmRecordType.Prospect, new CrmExportFilter { Stage = ProspectStage.Won, Tag = "VIP" });

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(",Segment", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Ada Won,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",Enterprise", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCsvAsync_InWorkspaceA_NeverContainsBsRows()
    {
        var a = await db.CreateWorkspaceAsync("Export Tenancy A");
        var b = await db.CreateWorkspaceAsync("Export Tenancy B");
        await host.ArrangeAsync(a, ctx => { ctx.Contacts.Add(new Contact { Email = "mine@a.test" }); return Task.CompletedTask; });
        await host.ArrangeAsync(b, ctx => { ctx.Contacts.Add(new Contact { Email = "theirs@b.test" }); return Task.CompletedTask; });
        await using var ownerA = await host.OwnerOfAsync(a);

        var csv = await ExportAsync(ownerA, CrmRecordType.Contact, new CrmExportFilter { Search = "theirs" });
        var all = await ExportAsync(ownerA, CrmRecordType.Contact);

        Assert.DoesNotContain("theirs@b.test", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs@b.test", all, StringComparison.Ordinal);
        Assert.Contains("mine@a.test", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCsvAsync_Viewer_IsForbiddenAndWritesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Export Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);
        using var output = new MemoryStream();

        var result = await reader.Exports.WriteCsvAsync(CrmRecordType.Customer, new CrmExportFilter(), output);

        Assert.Equal(ResultStatus.Forbidden, result.Status);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Export_ThenImport_RoundTripsTheHeaders()
    {
        var w = await db.CreateWorkspaceAsync("Export Round Trip");
        await host.ArrangeAsync(w, ctx => { ctx.Prospects.Add(new Prospect { Name = "Ada", Email = "ada@rt.test", EstimatedValue = 99_00, Stage = ProspectStage.Proposal }); return Task.CompletedTask; });
        await using var owner = await host.OwnerOfAsync(w);
        var csv = await ExportAsync(owner, CrmRecordType.Prospect);

        var plan = await owner.PlanAsync(CrmRecordType.Prospect, csv);

        Assert.Empty(plan.Errors);
        Assert.Equal("9900", plan.ValidRows[0].Values["estimated_value"]);
        Assert.Equal("Proposal", plan.ValidRows[0].Values["stage"]);
    }
}
