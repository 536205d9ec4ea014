using GalaxyCo.Data;
using GalaxyCo.Data.Knowledge;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Two collections and ten items with real text, so search, summaries and Ask have something to work on. They go in
/// as "processing" with their originals (Markdown for text items, a real PDF for the whitepaper); the app's ingestion
/// jobs chunk and embed them after the first start (DemoStartup enqueues them), exactly as for an upload.
/// </summary>
internal static class DemoKnowledge
{
    private sealed record Doc(string Collection, string Title, KnowledgeItemType Type, string[] Tags, string Content, string? SourceUrl = null, string? FileName = null);

    private static readonly (string Name, string Description, string Color, string Icon)[] CollectionSpecs =
    [
        ("Sales Playbook", "How we find, qualify, price and close deals.", "#6C5CE7", "menu_book"),
        ("Product Docs", "What GalaxyCo does and how customers set it up.", "#00B894", "description"),
    ];

    private static readonly Doc[] Docs =
    [
        new("Sales Playbook", "Ideal customer profile", KnowledgeItemType.Text, ["icp", "qualification"],
            "Our best customers are operations-heavy teams of 50 to 1,000 people that run sales, projects and billing in separate tools today.\n\n" +
            "Strong signals: a RevOps or operations lead, more than three SaaS tools for customer work, invoices sent from spreadsheets, and a leadership team asking for one view of the pipeline.\n\n" +
            "Weak fit: single-founder companies, teams that need deep manufacturing ERP features, and buyers who only want a mailing tool."),
        new("Sales Playbook", "Discovery call checklist", KnowledgeItemType.Text, ["discovery", "calls"],
            "Before the call: read the prospect's site, check LinkedIn for the team size, and look for an existing contact in the CRM.\n\n" +
            "During the call: confirm the problem in their words, who else decides, the budget range, the timeline, and what happens if they do nothing.\n\n" +
            "After the call: log the notes on the prospect, set the next follow-up date, and move the card to Qualified only when budget and timeline are known."),
        new("Sales Playbook", "Objection handling", KnowledgeItemType.Text, ["objections", "negotiation"],
            "\"It's too expensive\": compare against the three to five tools GalaxyCo replaces and the hours spent reconciling them.\n\n" +
            "\"We already have a CRM\": GalaxyCo imports it in an afternoon and adds projects, invoices and agents on the same records.\n\n" +
            "\"Is our data safe?\": every workspace is isolated by row-level security in the database, API keys are encrypted, and audit logs record every change."),
        new("Sales Playbook", "Pricing & packaging", KnowledgeItemType.Text, ["pricing", "discounts"],
            "Starter is $19 per seat per month, Professional $40, Enterprise by quote with SSO and a dedicated success manager.\n\n" +
            "Annual prepaid plans get two months free. A two-year prepaid Professional plan may get up to 15% off; anything beyond that needs CEO approval.\n\n" +
            "Never discount the onboarding workshop; offer an extra training session instead."),
        new("Sales Playbook", "Competitive battlecard: Orbitly", KnowledgeItemType.Text, ["competitors"],
            "Orbitly is strong in email sequencing and weak in projects and invoicing; customers export to spreadsheets to bill.\n\n" +
            "Win by showing the prospect-to-invoice flow in one workspace and the audit log. Orbitly charges extra for its AI add-on; our agents are included in Professional."),
        new("Product Docs", "Getting started with workspaces", KnowledgeItemType.Text, ["onboarding", "workspaces"],
            "A workspace holds one company's customers, projects, invoices, calendar and agents. Invite teammates from Settings > Members and choose a role: owners and admins manage the workspace, members create and edit records, viewers read.\n\n" +
            "Switch between workspaces from the switcher in the top bar; each one keeps its own data, completely separate from the others."),
        new("Product Docs", "Setting up AI agents", KnowledgeItemType.Text, ["agents", "setup"],
            "Add an OpenAI-compatible provider under Settings > AI (OpenAI, Azure OpenAI, Ollama or vLLM). Keys are stored encrypted.\n\n" +
            "Create an agent from a template, give it a system prompt and the tools it may use, and run it manually once. When the output looks right, add a schedule (a cron expression with a time zone) or a webhook trigger.\n\n" +
            "Every run records its duration, tokens and cost, so you can see what each agent is worth."),
        new("Product Docs", "Invoices and payments", KnowledgeItemType.Text, ["invoices", "billing"],
            "Invoices are built from line items with a quantity, a unit price and a tax rate; totals are computed to the cent.\n\n" +
            "Drafts can be edited freely. Sending an invoice locks its lines and starts the due date clock; an unpaid invoice past its due date turns overdue automatically and the owner is notified. Record partial or full payments on the invoice."),
        new("Product Docs", "Security whitepaper", KnowledgeItemType.Document, ["security", "compliance"],
            "Tenant isolation is enforced three times: in the application, in the data layer, and by PostgreSQL row-level security, so a bug in one layer leaks nothing.\n\n" +
            "Passwords are hashed with PBKDF2, sign-ins support two-factor authentication and single sign-on, and data protection keys are stored in the database so sessions survive restarts. Every create, update and delete is written to an append-only audit log.",
            FileName: "GalaxyCo-Security-Whitepaper.pdf"),
        new("Product Docs", "Calendar sync and ICS feeds", KnowledgeItemType.Text, ["calendar", "integrations"],
            "Each person can subscribe to their GalaxyCo calendar from Google Calendar or Outlook with a private ICS link. Recurring meetings use standard RRULEs, so they expand the same way everywhere.\n\n" +
            "Reminders can be sent as in-app notifications or email, minutes or days before the event."),
    ];

    public static void Build(DemoData d)
    {
        foreach (var (name, description, color, icon) in CollectionSpecs)
        {
            d.Collections.Add(new KnowledgeCollection
            {
                WorkspaceId = d.WorkspaceId,
                Name = name,
                Description = description,
                Color = color,
                Icon = icon,
                CreatedBy = d.Owner.UserId,
                CreatedAt = d.AgoBetween(300, 200),
            });
        }

        foreach (var doc in Docs)
        {
            var collection = d.Collections.Single(c => c.Name == doc.Collection);
            var created = d.Between(collection.CreatedAt, d.DaysAgo(2));
            var original = doc.FileName is null
                ? (Bytes: System.Text.Encoding.UTF8.GetBytes($"# {doc.Title}\n\n{doc.Content}\n"), Type: "text/markdown", Name: doc.Title + ".md")
                : (Bytes: DemoPdf.Build(doc.Title, doc.Content), Type: "application/pdf", Name: doc.FileName);
            var item = new KnowledgeItem
            {
                WorkspaceId = d.WorkspaceId,
                Title = doc.Title,
                Type = doc.Type,
                Status = KnowledgeItemStatus.Processing,
                SourceUrl = doc.SourceUrl,
                FileName = original.Name,
                FileSize = original.Bytes.Length,
                ContentType = original.Type,
                ContentHash = Knowledge.Library.KnowledgeLibraryRules.Sha256Hex(original.Bytes),
                Content = doc.FileName is null ? $"# {doc.Title}\n\n{doc.Content}" : null,
                CollectionId = collection.Id,
                Tags = [.. doc.Tags],
                IsFavorite = doc.Title is "Pricing & packaging" or "Objection handling",
                CreatedBy = d.PickDoer().UserId,
                CreatedAt = created,
            };
            d.KnowledgeItems.Add(item);
            d.KnowledgeFiles.Add(new KnowledgeItemFile
            {
                Id = item.Id, WorkspaceId = d.WorkspaceId, Content = original.Bytes, ContentType = original.Type, FileName = original.Name, CreatedAt = created,
            });
        }
    }
}
