using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Domain.Crm.CustomFields;
using GalaxyCo.Domain.Tests.Crm.Scoring;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Tests.Crm.CustomFields;

[Collection(PostgresCollection.Name)]
public sealed class CrmCustomFieldServiceTests(PostgresDatabase db) : IDisposable
{
    private readonly ScoringHost host = new(db);

    public void Dispose() => host.Dispose();

    private static CustomFieldInput Select(string label, params string[] options) =>
        new() { RecordType = CrmRecordType.Prospect, Label = label, FieldType = CrmCustomFieldType.Select, Options = options };

    [Fact]
    public async Task CreateAsync_DerivesTheKeyFromTheLabel_AndAppendsInOrder()
    {
        var w = await db.CreateWorkspaceAsync("Fields Create");
        await using var owner = await host.OwnerOfAsync(w);

        var segment = CrmAssert.Ok(await owner.Fields.CreateAsync(Select("Industry Segment", " SMB ", "Mid-market", "", "Enterprise")));
        var renewal = CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Renewal date (ÉU)", FieldType = CrmCustomFieldType.Date, Required = true }));
        CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Customer, Label = "Segment" }));

        Assert.Equal("industry_segment", segment.Key);
        Assert.Equal(["SMB", "Mid-market", "Enterprise"], segment.Options);
        Assert.Equal("renewal_date_eu", renewal.Key);
        Assert.Empty(renewal.Options);
        Assert.True(renewal.Required);
        var list = CrmAssert.Ok(await owner.Fields.ListAsync(CrmRecordType.Prospect));
        Assert.Equal(["industry_segment", "renewal_date_eu"], list.Select(f => f.Key));
        Assert.Single(CrmAssert.Ok(await owner.Fields.ListAsync(CrmRecordType.Customer)));
    }

    [Theory]
    [InlineData("", CrmCustomFieldType.Text, new string[0], "label", "Give the field a label")]
    [InlineData("!!!", CrmCustomFieldType.Text, new string[0], "label", "at least one letter")]
    [InlineData("Stage reason", CrmCustomFieldType.Select, new string[0], "options", "at least one choice")]
    [InlineData("Stage reason", CrmCustomFieldType.Select, new[] { "A", "a" }, "options", "listed twice")]
    [InlineData("Products", CrmCustomFieldType.MultiSelect, new[] { "A, B" }, "options", "comma")]
    public async Task CreateAsync_Invalid_ReturnsTheFieldAndSavesNothing(string label, CrmCustomFieldType type, string[] options, string field, string message)
    {
        var w = await db.CreateWorkspaceAsync("Fields Invalid");
        await using var owner = await host.OwnerOfAsync(w);

        CrmAssert.InvalidField(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = label, FieldType = type, Options = options }), field, message);
        Assert.Empty(CrmAssert.Ok(await owner.Fields.ListAsync(CrmRecordType.Prospect)));
    }

    [Fact]
    public async Task CreateAsync_LabelWithATakenKey_IsRejectedPerRecordType()
    {
        var w = await db.CreateWorkspaceAsync("Fields Unique");
        await using var owner = await host.OwnerOfAsync(w);
        CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Deal size" }));

        CrmAssert.InvalidField(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Deal-Size" }), "label", "key deal_size");
        CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Contact, Label = "Deal size" }));
    }

    [Fact]
    public async Task UpdateAsync_ChangesLabelOptionsRequired_ButNeverTheKeyOrType()
    {
        var w = await db.CreateWorkspaceAsync("Fields Update");
        await using var owner = await host.OwnerOfAsync(w);
        var field = CrmAssert.Ok(await owner.Fields.CreateAsync(Select("Budget", "unknown", "confirmed")));

        var updated = CrmAssert.Ok(await owner.Fields.UpdateAsync(field.Id, Select("Budget status", "unknown", "confirmed", "approved") with { Required = true }, field.Version));
        var typeChange = await owner.Fields.UpdateAsync(field.Id, new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Budget", FieldType = CrmCustomFieldType.Text }, updated.Version);
        var stale = await owner.Fields.UpdateAsync(field.Id, Select("Budget again", "x"), field.Version);

        Assert.Equal("budget", updated.Key);
        Assert.Equal("Budget status", updated.Label);
        Assert.Equal(["unknown", "confirmed", "approved"], updated.Options);
        Assert.True(updated.Required);
        CrmAssert.InvalidField(typeChange, "fieldType", "can't change");
        Assert.Equal(ResultStatus.Conflict, stale.Status);
    }

    [Fact]
    public async Task ReorderAsync_SetsTheOrder_AndRefusesAnIncompleteList()
    {
        var w = await db.CreateWorkspaceAsync("Fields Reorder");
        await using var owner = await host.OwnerOfAsync(w);
        var a = CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Contact, Label = "A" }));
        var b = CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Contact, Label = "B" }));
        var c = CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Contact, Label = "C" }));

        CrmAssert.Ok(await owner.Fields.ReorderAsync(CrmRecordType.Contact, [c.Id, a.Id, b.Id]));
        var partial = await owner.Fields.ReorderAsync(CrmRecordType.Contact, [a.Id, b.Id]);

        Assert.Equal(["c", "a", "b"], CrmAssert.Ok(await owner.Fields.ListAsync(CrmRecordType.Contact)).Select(f => f.Key));
        Assert.Equal(ResultStatus.Conflict, partial.Status);
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheDefinition_AndKeepsTheRecordsValues()
    {
        var w = await db.CreateWorkspaceAsync("Fields Delete");
        await using var owner = await host.OwnerOfAsync(w);
        var field = CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Region" }));
        Guid prospectId;
        await using (var ctx = db.CreateContext(w.Tenant()))
        {
            var p = new Prospect { Name = "Pat", Position = 1, CustomFields = new() { ["region"] = "EMEA" } };
            ctx.Prospects.Add(p);
            await ctx.SaveChangesAsync();
            prospectId = p.Id;
        }

        Assert.True((await owner.Fields.DeleteAsync(field.Id)).Succeeded);

        Assert.Empty(CrmAssert.Ok(await owner.Fields.ListAsync(CrmRecordType.Prospect)));
        await using var check = db.CreateContext(w.Tenant());
        Assert.Equal("EMEA", (await check.Prospects.SingleAsync(p => p.Id == prospectId)).CustomFields["region"]);
    }

    [Fact]
    public async Task EveryMethod_OtherWorkspacesField_IsNotFoundAndUnchanged()
    {
        var a = await db.CreateWorkspaceAsync("Fields Tenancy A");
        var b = await db.CreateWorkspaceAsync("Fields Tenancy B");
        await using var ownerB = await host.OwnerOfAsync(b);
        var theirs = CrmAssert.Ok(await ownerB.Fields.CreateAsync(Select("Tier", "Gold", "Silver")));
        await using var ownerA = await host.OwnerOfAsync(a);

        Assert.Empty(CrmAssert.Ok(await ownerA.Fields.ListAsync(CrmRecordType.Prospect)));
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Fields.UpdateAsync(theirs.Id, Select("Hacked", "x"), theirs.Version)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ownerA.Fields.DeleteAsync(theirs.Id)).Status);
        Assert.Equal(ResultStatus.Conflict, (await ownerA.Fields.ReorderAsync(CrmRecordType.Prospect, [theirs.Id])).Status);
        // Their key is free in A: uniqueness is per workspace.
        CrmAssert.Ok(await ownerA.Fields.CreateAsync(Select("Tier", "Gold")));

        var still = Assert.Single(CrmAssert.Ok(await ownerB.Fields.ListAsync(CrmRecordType.Prospect)));
        Assert.Equal("Tier", still.Label);
        Assert.Equal(theirs.Version, still.Version);
    }

    [Theory]
    [InlineData(UserRole.Member)]
    [InlineData(UserRole.Viewer)]
    public async Task WriteMethods_NotAnAdmin_AreForbidden_ButListWorks(UserRole role)
    {
        var w = await db.CreateWorkspaceAsync("Fields Authz");
        await using var owner = await host.OwnerOfAsync(w);
        var field = CrmAssert.Ok(await owner.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Region" }));
        var person = await db.AddMemberAsync(w, role);
        await using var actor = await host.ActAsync(w.Slug, person.UserId);

        Assert.Equal(ResultStatus.Forbidden, (await actor.Fields.CreateAsync(new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "Mine" })).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Fields.UpdateAsync(field.Id, new CustomFieldInput { RecordType = CrmRecordType.Prospect, Label = "X" }, field.Version)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Fields.ReorderAsync(CrmRecordType.Prospect, [field.Id])).Status);
        Assert.Equal(ResultStatus.Forbidden, (await actor.Fields.DeleteAsync(field.Id)).Status);
        Assert.Equal(["region"], CrmAssert.Ok(await actor.Fields.ListAsync(CrmRecordType.Prospect)).Select(f => f.Key));
    }
}
