using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Inbox;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Seeding;

/// <summary>Twelve threads with customers, prospects and colleagues: some unread, some starred, a few sent or archived.</summary>
internal static class DemoInbox
{
    private sealed record ThreadSpec(string Subject, string Snippet, string Folder, string[] Labels, bool WithColleague);

    private static readonly ThreadSpec[] Specs =
    [
        new("Re: Proposal for {company}", "Thanks for the revised proposal — legal has two small comments on the liability cap, otherwise we're ready to sign.", "inbox", ["sales", "important"], true),
        new("Invoice {invoice} — payment confirmation", "Payment was sent by ACH this morning; please confirm when it lands.", "inbox", ["billing"], false),
        new("Question about SSO setup", "We use Okta — is SAML supported on the Professional plan, or only OIDC?", "inbox", ["support", "customer"], false),
        new("Renewal terms for next year", "Before we renew, could we talk about adding ten more seats and a two-year term?", "inbox", ["customer", "important"], true),
        new("Intro: {contact} <> {owner}", "Happy to introduce you two — {contact} runs operations and is looking at tools like yours.", "inbox", ["sales"], false),
        new("Kickoff agenda — {project}", "Attached is the draft agenda; let me know if we should add a data migration walkthrough.", "inbox", ["customer"], true),
        new("Security questionnaire", "Our security team sent over their standard questionnaire; the due date is end of next week.", "inbox", ["customer", "support"], false),
        new("Quarterly business review slides", "Here are the QBR slides with usage numbers and the roadmap preview.", "sent", ["customer"], true),
        new("Your GalaxyCo demo recording", "As promised, here's the recording of today's demo and the pricing sheet.", "sent", ["sales"], false),
        new("Re: Contract redlines", "All redlines accepted except section 7.2; proposing a middle ground below.", "inbox", ["sales", "important"], true),
        new("Partnership opportunity", "We build integrations for mid-market CRMs and would love to explore a partnership.", "inbox", [], false),
        new("Re: Overdue balance on {invoice}", "Apologies for the delay — finance is releasing the remaining balance on Friday.", "archive", ["billing"], false),
    ];

    public static void Build(DemoData d)
    {
        var overdue = d.Invoices.First(i => i.Status == Data.InvoiceStatus.Overdue);
        var paid = d.Invoices.Last(i => i.Status == Data.InvoiceStatus.Paid);
        // A customer project about to start (or under way) gets the kickoff thread.
        var project = d.Projects.Where(p => p.CustomerId is not null)
            .OrderBy(p => p.Status switch { Data.ProjectStatus.Planning => 0, Data.ProjectStatus.InProgress => 1, _ => 2 }).First();
        var open = d.Prospects.First(p => p.Stage == Data.ProspectStage.Negotiation);

        // A different person on each thread.
        var people = d.Random.Shuffle(d.Contacts).ToList();
        for (var i = 0; i < Specs.Length; i++)
        {
            var spec = Specs[i];
            var contact = people[i];
            if (spec.Subject.Contains("{invoice}", StringComparison.Ordinal))
            {
                var invoice = spec.Subject.StartsWith("Re: Overdue", StringComparison.Ordinal) ? overdue : paid;
                contact = d.Contacts.First(c => c.CustomerId == invoice.CustomerId);
            }
            else if (spec.Subject.Contains("{project}", StringComparison.Ordinal))
            {
                contact = d.Contacts.First(c => c.CustomerId == project.CustomerId);
            }

            string Fill(string text) => text
                .Replace("{company}", open.Company, StringComparison.Ordinal)
                .Replace("{contact}", $"{contact.FirstName} {contact.LastName}", StringComparison.Ordinal)
                .Replace("{owner}", d.Owner.FirstName, StringComparison.Ordinal)
                .Replace("{project}", project.Name, StringComparison.Ordinal)
                .Replace("{invoice}", spec.Subject.StartsWith("Re: Overdue", StringComparison.Ordinal) ? overdue.InvoiceNumber : paid.InvoiceNumber, StringComparison.Ordinal);

            var participants = new List<EmailParticipant>
            {
                spec.Subject.StartsWith("Re: Proposal", StringComparison.Ordinal)
                    ? new() { Email = open.Email!, Name = open.Name }
                    : new() { Email = contact.Email, Name = $"{contact.FirstName} {contact.LastName}" },
                new() { Email = d.Owner.Email, Name = d.Owner.Name },
            };
            if (spec.WithColleague) participants.Add(new() { Email = d.Member.Email, Name = d.Member.Name });

            var last = d.AgoBetween(14, 0.05);
            var messages = spec.Subject.StartsWith("Re:", StringComparison.Ordinal) ? d.Random.Int(3, 8) : d.Random.Int(1, 3);
            d.Threads.Add(new EmailThread
            {
                WorkspaceId = d.WorkspaceId,
                Subject = Fill(spec.Subject),
                Snippet = Fill(spec.Snippet),
                MessageCount = messages,
                Participants = participants,
                IsStarred = spec.Labels.Contains("important"),
                // The newest inbox threads are still unread.
                IsRead = spec.Folder != "inbox" || last < d.DaysAgo(3),
                Folder = spec.Folder,
                Labels = [.. spec.Labels],
                LastMessageAt = last,
                CreatedAt = last.AddDays(-d.Random.Double(0, messages * 1.5)),
            });
        }
    }
}
