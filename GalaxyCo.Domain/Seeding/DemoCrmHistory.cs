using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// What a pipeline that has been worked for months carries besides its records: logged calls and notes, stage
/// changes on the timeline, a couple of custom fields with values, a shared saved view and a past CSV import.
/// </summary>
internal static class DemoCrmHistory
{
    private static readonly string[] Calls =
    [
        "Intro call: walked through their current process and pain points.",
        "Follow-up call: pricing questions, asked for a proposal by Friday.",
        "Discovery call with the team lead; they want a pilot for one department.",
        "Checked in after the demo. Security review is the next step.",
    ];

    private static readonly string[] Notes =
    [
        "Budget approved for Q1. Decision maker is the VP of Operations.",
        "Competitor is also in the running; our reporting is the differentiator.",
        "Prefers email over calls. Send the case study.",
        "Asked for references from a company their size.",
    ];

    private static readonly string[] Tiers = ["Bronze", "Silver", "Gold"];

    private static readonly string[] Sizes = ["12", "35", "80", "150", "320", "750", "1500", "5000"];

    public static void Build(DemoData d)
    {
        d.CrmCustomFields.Add(new CrmCustomField
        {
            RecordType = CrmRecordType.Prospect, Key = "company_size", Label = "Company size", FieldType = CrmCustomFieldType.Number, Position = 0,
        });
        d.CrmCustomFields.Add(new CrmCustomField
        {
            RecordType = CrmRecordType.Customer, Key = "contract_tier", Label = "Contract tier", FieldType = CrmCustomFieldType.Select,
            Options = ["Bronze", "Silver", "Gold"], Position = 0,
        });
        foreach (var c in d.Customers) c.CustomFields["contract_tier"] = d.Random.ArrayElement(Tiers);

        foreach (var p in d.Prospects)
        {
            if (d.Random.Bool(0.7f)) p.CustomFields["company_size"] = d.Random.ArrayElement(Sizes);
            if (p.Stage == ProspectStage.New) continue;
            var actor = p.AssignedTo ?? d.Owner.UserId;
            var touches = Math.Min(p.InteractionCount, 3);
            for (var i = 0; i < touches; i++)
            {
                var call = d.Random.Bool();
                d.CrmActivities.Add(new CrmActivity
                {
                    RecordType = CrmRecordType.Prospect, RecordId = p.Id, ActorId = actor,
                    Kind = call ? CrmActivityKind.Call : CrmActivityKind.Note,
                    Body = call ? d.Random.ArrayElement(Calls) : d.Random.ArrayElement(Notes),
                    Data = call ? new Dictionary<string, string> { ["durationMinutes"] = d.Random.Int(10, 45).ToString(CultureInfo.InvariantCulture) } : [],
                    OccurredAt = d.After(p.CreatedAt, p.LastContactedAt ?? d.Now),
                    CreatedAt = d.Now,
                });
            }
            d.CrmActivities.Add(new CrmActivity
            {
                RecordType = CrmRecordType.Prospect, RecordId = p.Id, ActorId = actor, Kind = CrmActivityKind.StageChange,
                Body = $"Moved from New to {p.Stage}.",
                Data = new Dictionary<string, string> { ["from"] = "new", ["to"] = p.Stage.ToString().ToLowerInvariant() },
                OccurredAt = d.After(p.CreatedAt, p.LastContactedAt ?? d.Now), CreatedAt = d.Now,
            });
        }

        d.CrmSavedViews.Add(new CrmSavedView
        {
            OwnerId = d.Owner.UserId, RecordType = CrmRecordType.Prospect, Name = "Hot deals over $20k", Shared = true,
            Filters = new Dictionary<string, string> { [Crm.ProspectFilterValues.Tag] = "hot", [Crm.ProspectFilterValues.ValueMin] = "2000000" },
        });

        var import = new CrmImport
        {
            RecordType = CrmRecordType.Contact, FileName = "trade-show-leads.csv", Status = CrmImportStatus.Completed,
            MatchRule = CrmImportMatchRule.Skip, CreatedBy = d.Admin.UserId, CompletedAt = d.DaysAgo(21), CreatedAt = d.DaysAgo(21),
            Mapping = new Dictionary<string, string> { ["First Name"] = "first_name", ["Last Name"] = "last_name", ["E-mail"] = "email", ["Company"] = "company" },
        };
        var imported = d.Contacts.Take(8).ToList();
        import.TotalRows = import.ProcessedRows = import.CreatedCount = imported.Count;
        d.CrmImports.Add(import);
        d.CrmImportRows.AddRange(imported.Select(c => new CrmImportRow { ImportId = import.Id, RecordId = c.Id, Action = CrmImportRowAction.Created, CreatedAt = import.CreatedAt }));
    }
}
