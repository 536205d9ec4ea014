using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.Import;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm.Import;

[Collection(PostgresCollection.Name)]
public sealed class CrmImportServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly CrmImportHost host = new(db);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task ValidateAsync_BadRows_ReportsRowColumnAndReasonAndWritesNothing()
    {
        var w = await db.CreateWorkspaceAsync("Import Report");
        await using var owner = await host.OwnerOfAsync(w);
        var csv = $"""
            Name,Email,Deal value,Stage,Owner,Title
            Ada Lovelace,ada@example.com,"$1,250.50",Qualified,{w.OwnerEmail},CTO
            ,nobody@example.com,10,New,,
            Bad Email,not-an-email,10,New,,
            Bad Number,bn@example.com,lots,New,,
            Bad Stage,bs@example.com,10,Sleeping,,
            Bad Owner,bo@example.com,10,New,stranger@example.com,
            Too Long,tl@example.com,10,New,,{new string('t', 201)}
            Duplicate,ADA@example.com,10,New,,
            """;

        var plan = await owner.PlanAsync(CrmRecordType.Prospect, csv);

        Assert.Equal(8, plan.TotalRows);
        Assert.Single(plan.ValidRows);
        Assert.Equal(7, plan.RowsWithErrors);
        void Has(int row, string column, string reason) => Assert.True(
            plan.Errors.Any(e => e.Row == row && e.Column == column && e.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase)),
            $"expected row {row} {column} '{reason}' in: {string.Join(" | ", plan.Errors.Select(e => $"{e.Row}/{e.Column}/{e.Reason}"))}");
        Has(3, "Name", "required");
        Has(4, "Email", "valid email");
        Has(5, "Deal value", "not an amount");
        Has(6, "Stage", "not a stage");
        Has(7, "Owner", "no active member");
        Has(8, "Title", "longer than 200");
        Has(9, "Email", "same email as row 2");
        var ada = plan.ValidRows[0];
        Assert.Equal("125050", ada.Values["estimated_value"]);
        Assert.Equal("Qualified", ada.Values["stage"]);
        Assert.Equal(w.OwnerUserId.ToString(), ada.Values["owner"]);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Prospects.CountAsync()));
    }

    [Fact]
    public async Task ValidateAsync_RequiredFieldNotMapped_IsAMappingError()
    {
        var w = await db.CreateWorkspaceAsync("Import Mapping");
        await using var owner = await host.OwnerOfAsync(w);
        var draft = CrmAssert.Ok(await owner.Imports.ReadAsync(CrmRecordType.Contact, "c.csv", Encoding.UTF8.GetBytes("Name,Phone\nAda,123\n")));

        var result = await owner.Imports.ValidateAsync(draft, new Dictionary<string, string?> { ["Name"] = "full_name", ["Phone"] = "phone" });

        CrmAssert.InvalidField(result, "mapping", "Email");
    }

    [Fact]
    public async Task ImportAsync_Contacts_CreatesSplitsNamesTagsAndWritesOneAuditEntry()
    {
        var w = await db.CreateWorkspaceAsync("Import Create");
        await using var owner = await host.OwnerOfAsync(w);
        var csv = "Full name,E-mail,Company Name,Tags,Notes\nAda Lovelace,ada@example.com,Analytical,\"VIP; Math, vip\",=HYPERLINK(\"x\")\nLovelace2,bob@example.com,,,\n";

        var import = await owner.ImportAsync(CrmRecordType.Contact, csv);

        Assert.Equal(CrmImportStatus.Completed, import.Status);
        Assert.Equal((2, 2, 2, 0, 0), (import.TotalRows, import.ProcessedRows, import.CreatedCount, import.UpdatedCount, import.SkippedCount));
        var ada = await host.ReadAsync(w.Id, ctx => ctx.Contacts.SingleAsync(c => c.Email == "ada@example.com"));
        Assert.Equal(("Ada", "Lovelace", "Analytical"), (ada.FirstName, ada.LastName, ada.Company));
        Assert.Equal(["vip", "math"], ada.Tags);
        Assert.Equal("=HYPERLINK(\"x\")", ada.Notes);
        var audits = await host.ReadAsync(w.Id, ctx => ctx.AuditLogs.Where(a => a.ResourceType == "contact" || a.ResourceType == "crm_import").ToListAsync());
        var audit = Assert.Single(audits);
        Assert.Equal(("import", "2"), (audit.Action, audit.Changes["created"].After));
        // Search terms are kept by the database trigger for bulk-inserted rows too.
        Assert.True(await host.ReadAsync(w.Id, ctx => ctx.CrmSearchTerms.AnyAsync(t => t.RecordId == ada.Id && t.Term == "lovelace")));
    }

    [Fact]
    public async Task ImportAsync_Prospects_GoToTheBottomOfTheirColumn()
    {
        var w = await db.CreateWorkspaceAsync("Import Positions");
        await host.ArrangeAsync(w, ctx =>
        {
            ctx.Prospects.Add(new Prospect { Name = "Existing", Stage = ProspectStage.New, Position = 5000 });
            return Task.CompletedTask;
        });
        await using var owner = await host.OwnerOfAsync(w);

        await owner.ImportAsync(CrmRecordType.Prospect, "Name,Stage\nOne,New\nTwo,New\nThree,Won\n");

        var positions = await host.ReadAsync(w.Id, ctx => ctx.Prospects.OrderBy(p => p.Position).Select(p => new { p.Name, p.Stage, p.Position }).ToListAsync());
        Assert.Equal(5000 + 1024, positions.Single(p => p.Name == "One").Position);
        Assert.Equal(5000 + 2048, positions.Single(p => p.Name == "Two").Position);
        Assert.Equal(1024, positions.Single(p => p.Name == "Three").Position);
    }

    [Theory]
    [InlineData(CrmImportMatchRule.Skip, "Old title", "555", 0, 1)]
    [InlineData(CrmImportMatchRule.FillEmpty, "Old title", "999", 1, 0)]
    [InlineData(CrmImportMatchRule.Overwrite, "New title", "999", 1, 0)]
    public async Task ImportAsync_MatchingEmail_FollowsTheRule(CrmImportMatchRule rule, string title, string phone, int updated, int skipped)
    {
        var w = await db.CreateWorkspaceAsync("Import Rules");
        await host.ArrangeAsync(w, ctx =>
        {
            ctx.Contacts.Add(new Contact { Email = "Ada@Example.com", FirstName = "Ada", Title = "Old title" });
            return Task.CompletedTask;
        });
        await using var owner = await host.OwnerOfAsync(w);

        var import = await owner.ImportAsync(CrmRecordType.Contact, "Email,Title,Phone\nada@example.com,New title,999\nnew@example.com,Fresh,1\n", rule);

        Assert.Equal((1, updated, skipped), (import.CreatedCount, import.UpdatedCount, import.SkippedCount));
        var ada = await host.ReadAsync(w.Id, ctx => ctx.Contacts.SingleAsync(c => c.FirstName == "Ada"));
        Assert.Equal(title, ada.Title);
        Assert.Equal(rule == CrmImportMatchRule.Skip ? null : phone, ada.Phone);
        Assert.Equal(2, await host.ReadAsync(w.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task RevertAsync_DeletesCreatedAndRestoresUpdatedButKeepsLaterEdits()
    {
        var w = await db.CreateWorkspaceAsync("Import Revert");
        Guid adaId = Guid.Empty;
        await host.ArrangeAsync(w, ctx =>
        {
            var ada = new Contact { Email = "ada@example.com", FirstName = "Ada", Title = "Old title", Company = "Old co" };
            adaId = ada.Id;
            ctx.Contacts.Add(ada);
            return Task.CompletedTask;
        });
        await using var owner = await host.OwnerOfAsync(w);
        var import = await owner.ImportAsync(CrmRecordType.Contact,
            "Email,Title,Company\nada@example.com,New title,New co\nnew1@example.com,A,\nnew2@example.com,B,\n", CrmImportMatchRule.Overwrite);
        Assert.Equal((2, 1), (import.CreatedCount, import.UpdatedCount));
        // After the import someone edits Ada's company and one created contact: their work must survive the revert.
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            (await ctx.Contacts.SingleAsync(c => c.Id == adaId)).Company = "Edited co";
            (await ctx.Contacts.SingleAsync(c => c.Email == "new2@example.com")).Title = "Edited";
            await ctx.SaveChangesAsync();
        }

        var summary = CrmAssert.Ok(await owner.Reverts.RevertAsync(import.Id));

        Assert.Equal((1, 1, 1, 1), (summary.Deleted, summary.Restored, summary.KeptEdited, summary.FieldsKept));
        var contacts = await host.ReadAsync(w.Id, ctx => ctx.Contacts.OrderBy(c => c.Email).ToListAsync());
        Assert.Equal(["ada@example.com", "new2@example.com"], contacts.Select(c => c.Email));
        Assert.Equal(("Old title", "Edited co"), (contacts[0].Title, contacts[0].Company));
        var after = CrmAssert.Ok(await owner.Imports.GetAsync(import.Id)).Import;
        Assert.Equal(CrmImportStatus.Reverted, after.Status);
        Assert.Equal(ResultStatus.Conflict, (await owner.Reverts.RevertAsync(import.Id)).Status);
    }

    [Fact]
    public async Task ImportAsync_FiveThousandRows_ProgressCountsAddUpInBatches()
    {
        var w = await db.CreateWorkspaceAsync("Import Bulk");
        await using var owner = await host.OwnerOfAsync(w);
        var csv = new StringBuilder("Name,Email,Company,Amount,Stage,Tags\n");
        for (var i = 0; i < 5_000; i++) csv.Append($"Person {i},person{i}@bulk.test,Company {i % 50},{i}.50,{(i % 2 == 0 ? "New" : "Qualified")},bulk;t{i % 3}\n");
        csv.Append("Broken,not-an-email,,,,\n");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var import = await owner.ImportAsync(CrmRecordType.Prospect, csv.ToString());

        Assert.Equal(CrmImportStatus.Completed, import.Status);
        Assert.Equal((5_000, 5_000, 5_000, 1, 100), (import.TotalRows, import.ProcessedRows, import.CreatedCount, import.ErrorCount, import.Percent));
        Assert.Equal(5_000, await host.ReadAsync(w.Id, ctx => ctx.Prospects.CountAsync()));
        Assert.Equal(5_000, await host.ReadAsync(w.Id, ctx => ctx.CrmImportRows.CountAsync(r => r.ImportId == import.Id)));
        Assert.Equal(123_450, await host.ReadAsync(w.Id, ctx => ctx.Prospects.Where(p => p.Email == "person1234@bulk.test").Select(p => p.EstimatedValue).SingleAsync()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"5k rows took {clock.Elapsed}");
        var detail = CrmAssert.Ok(await owner.Imports.GetAsync(import.Id));
        Assert.Contains(detail.Errors, e => e.Row == 5_002 && e.Column == "Email");

        var reverted = CrmAssert.Ok(await owner.Reverts.RevertAsync(import.Id));
        Assert.Equal(5_000, reverted.Deleted);
        Assert.Equal(0, await host.ReadAsync(w.Id, ctx => ctx.Prospects.CountAsync()));
    }

    [Fact]
    public async Task ImportAsync_InWorkspaceA_NeverTouchesBsRecordWithTheSameEmail()
    {
        var a = await db.CreateWorkspaceAsync("Import Tenancy A");
        var b = await db.CreateWorkspaceAsync("Import Tenancy B");
        await host.ArrangeAsync(b, ctx =>
        {
            ctx.Contacts.Add(new Contact { Email = "shared@example.com", Title = "B's title" });
            return Task.CompletedTask;
        });
        await using var ownerA = await host.OwnerOfAsync(a);

        var import = await ownerA.ImportAsync(CrmRecordType.Contact, "Email,Title\nshared@example.com,A's title\n", CrmImportMatchRule.Overwrite);

        Assert.Equal((1, 0), (import.CreatedCount, import.UpdatedCount));
        Assert.Equal("B's title", await host.ReadAsync(b.Id, ctx => ctx.Contacts.Select(c => c.Title).SingleAsync()));
        Assert.Equal("A's title", await host.ReadAsync(a.Id, ctx => ctx.Contacts.Select(c => c.Title).SingleAsync()));

        await using var ownerB = await host.OwnerOfAsync(b);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Reverts.RevertAsync(import.Id)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerB.Imports.GetAsync(import.Id)).Status);
        Assert.Empty(CrmAssert.Ok(await ownerB.Imports.ListAsync()));
        Assert.Equal(1, await host.ReadAsync(a.Id, ctx => ctx.Contacts.CountAsync()));
    }

    [Fact]
    public async Task Viewer_CannotReadStartOrRevertImports()
    {
        var w = await db.CreateWorkspaceAsync("Import Viewer");
        var viewer = await db.AddMemberAsync(w, UserRole.Viewer);
        await using var owner = await host.OwnerOfAsync(w);
        var import = await owner.ImportAsync(CrmRecordType.Customer, "Name\nAcme\n");
        var plan = await owner.PlanAsync(CrmRecordType.Customer, "Name\nBeta\n");
        await using var reader = await host.ActAsync(w.Slug, viewer.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await reader.Imports.ReadAsync(CrmRecordType.Customer, "x.csv", Encoding.UTF8.GetBytes("Name\nX\n"))).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Imports.StartAsync(plan, CrmImportMatchRule.Skip)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await reader.Reverts.RevertAsync(import.Id)).Status);
        Assert.Equal(1, await host.ReadAsync(w.Id, ctx => ctx.Customers.CountAsync()));
        Assert.True(CrmAssert.Ok(await reader.Imports.GetAsync(import.Id)).Import.CreatedCount == 1);
    }
}
