using System.Text.RegularExpressions;
using GalaxyCo.Data;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Seeding;

/// <summary>40 customers, 80 of their contacts and a 120-card pipeline across all seven stages.</summary>
internal static partial class DemoCrm
{
    public const int CustomerCount = 40;
    public const int ContactCount = 80;

    private static readonly string[] Industries =
        ["Software", "Healthcare", "Manufacturing", "Retail", "Financial Services", "Education", "Logistics", "Media", "Real Estate", "Energy"];

    private static readonly (string Size, long MinDollars, long MaxDollars)[] Sizes =
    [
        ("1-10", 300_000, 2_000_000), ("11-50", 1_500_000, 12_000_000), ("51-200", 8_000_000, 45_000_000),
        ("201-500", 30_000_000, 150_000_000), ("501-1000", 100_000_000, 450_000_000), ("1000+", 400_000_000, 2_500_000_000),
    ];

    private static readonly string[] Regions = ["Midwest", "Northeast", "Southeast", "Southwest", "West", "Canada"];
    private static readonly string[] CustomerTags = ["priority", "renewal", "partner", "upsell", "referral", "multi-year"];
    private static readonly string[] ContactTags = ["decision-maker", "champion", "billing", "technical", "executive-sponsor", "newsletter"];
    private static readonly string[] ProspectTags = ["hot", "inbound", "enterprise", "follow-up", "demo-requested", "budget-approved", "champion"];

    private static readonly string[] Titles =
    [
        "CEO", "COO", "CFO", "CTO", "VP of Sales", "VP of Marketing", "Head of Operations", "Director of IT", "Procurement Manager",
        "Operations Manager", "Marketing Manager", "Finance Director", "Customer Success Lead", "Product Manager", "Office Manager",
    ];

    /// <summary>What customers want from GalaxyCo, in their words.</summary>
    public static readonly string[] Goals =
    [
        "replace three tools with one workspace", "get one view of the pipeline", "stop chasing invoices by hand", "cut weekly reporting time in half",
        "onboard new reps faster", "automate meeting follow-ups", "keep client projects on budget", "answer customer questions from one knowledge base",
    ];

    private static readonly string[] Events = ["SaaStr Annual", "Chicago Tech Week", "Gartner Summit", "a local founders meetup", "our AI agents webinar"];
    private static readonly string[] Interests = ["AI agents", "the CRM pipeline", "invoicing", "the knowledge library", "calendar automation", "the inbox"];

    // Counts per stage: a funnel that narrows, with closed deals on both sides.
    private static readonly (ProspectStage Stage, int Count, int MinScore, int MaxScore, int MinTouches, int MaxTouches)[] Funnel =
    [
        (ProspectStage.New, 24, 5, 45, 0, 1),
        (ProspectStage.Contacted, 20, 15, 55, 1, 4),
        (ProspectStage.Qualified, 20, 35, 75, 2, 7),
        (ProspectStage.Proposal, 16, 50, 85, 4, 10),
        (ProspectStage.Negotiation, 12, 60, 95, 6, 14),
        (ProspectStage.Won, 16, 70, 100, 8, 20),
        (ProspectStage.Lost, 12, 0, 40, 2, 10),
    ];

    public static void Build(DemoData d)
    {
        BuildCustomers(d);
        BuildContacts(d);
        BuildProspects(d);
        DemoCrmHistory.Build(d);
    }

    /// <summary>A reserved (.example) domain for a company: demo addresses must never reach a real inbox.</summary>
    public static string DomainOf(string company)
    {
        var words = NonLetters().Split(company.ToLowerInvariant()).Where(w => w.Length > 1 && w is not "and" and not "llc" and not "inc" and not "group").Take(2);
        return (string.Join('-', words) is { Length: > 0 } name ? name : "company") + ".example";
    }

    public static string EmailOf(string firstName, string lastName, string domain) =>
        $"{Slug(firstName)}.{Slug(lastName)}@{domain}";

    private static string Slug(string s) => NonLetters().Replace(s.ToLowerInvariant(), "");

    private static void BuildCustomers(DemoData d)
    {
        var f = d.Faker;
        var names = new List<string>();
        while (names.Count < CustomerCount)
        {
            var name = f.Company.CompanyName();
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }

        foreach (var name in names)
        {
            var status = d.Weighted((CustomerStatus.Active, 0.55f), (CustomerStatus.Lead, 0.15f), (CustomerStatus.Inactive, 0.18f), (CustomerStatus.Churned, 0.12f));
            var size = d.Random.ArrayElement(Sizes);
            var domain = DomainOf(name);
            var created = d.AgoBetween(DemoDataBuilder.WorkspaceAgeDays - 10, 15);
            var tags = d.PickTags(CustomerTags, 0, 2);
            if (size.MinDollars >= 30_000_000) tags.Insert(0, "enterprise");
            if (status is CustomerStatus.Inactive or CustomerStatus.Churned) tags.Add("at-risk");

            d.Customers.Add(new Customer
            {
                WorkspaceId = d.WorkspaceId,
                Name = name,
                Company = name,
                Email = $"hello@{domain}",
                Phone = f.Phone.PhoneNumber("(###) ###-####"),
                Website = $"https://www.{domain}",
                Address = new PostalAddress
                {
                    Street = f.Address.StreetAddress(),
                    City = f.Address.City(),
                    State = f.Address.StateAbbr(),
                    Zip = f.Address.ZipCode("#####"),
                    Country = "United States",
                },
                Status = status,
                Industry = d.Random.ArrayElement(Industries),
                Size = size.Size,
                // Whole thousands of dollars, stored in cents.
                Revenue = d.Random.Long(size.MinDollars / 1000, size.MaxDollars / 1000) * 1000 * 100,
                AssignedTo = d.PickDoer().UserId,
                Tags = tags,
                CustomFields = new()
                {
                    ["account_tier"] = d.Random.ArrayElement(["Gold", "Silver", "Bronze"]),
                    ["region"] = d.Random.ArrayElement(Regions),
                    ["renewal_month"] = d.Now.AddMonths(d.Random.Int(1, 12)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                },
                Notes = status switch
                {
                    CustomerStatus.Lead => $"Evaluating GalaxyCo for {d.Random.ArrayElement(Interests)}.",
                    CustomerStatus.Churned => "Moved to an in-house tool; open to a call at their next budget cycle.",
                    CustomerStatus.Inactive => "No activity this quarter; schedule a check-in.",
                    _ => $"Uses {d.Random.ArrayElement(Interests)} daily; next goal: {d.Random.ArrayElement(Goals)}.",
                },
                CreatedAt = created,
            });
        }
    }

    private static void BuildContacts(DemoData d)
    {
        var f = d.Faker;
        // Every customer has someone to talk to; the rest spread out, at most four per company.
        var owners = d.Customers.ToList();
        while (owners.Count < ContactCount)
        {
            var c = d.Random.ListItem(d.Customers);
            if (owners.Count(o => o == c) < 4) owners.Add(c);
        }

        foreach (var customer in owners)
        {
            var first = f.Name.FirstName();
            var last = f.Name.LastName();
            var domain = DomainOf(customer.Company!);
            var created = d.After(customer.CreatedAt, d.DaysAgo(3));
            DateTime? lastContacted = customer.Status switch
            {
                CustomerStatus.Active => d.After(created, d.DaysAgo(0.5)),
                CustomerStatus.Lead => d.Random.Bool(0.6f) ? d.After(created, d.DaysAgo(1)) : null,
                // Quiet accounts: nobody has talked to them for a month or more.
                _ => d.After(created, d.DaysAgo(30)),
            };
            var contact = new Contact
            {
                WorkspaceId = d.WorkspaceId,
                FirstName = first,
                LastName = last,
                Email = EmailOf(first, last, domain),
                Phone = f.Phone.PhoneNumber("(###) ###-####"),
                Title = d.Random.ArrayElement(Titles),
                Company = customer.Company,
                LinkedinUrl = $"https://www.linkedin.com/in/{Slug(first)}-{Slug(last)}-{d.Random.Int(1000, 9999)}",
                TwitterUrl = d.Random.Bool(0.3f) ? $"https://x.com/{Slug(first)}{Slug(last)}" : null,
                CustomerId = customer.Id,
                AssignedTo = customer.AssignedTo,
                Tags = d.PickTags(ContactTags, 0, 2),
                Notes = d.Random.Bool(0.4f) ? $"Prefers {d.Random.ArrayElement(["email", "phone calls", "short video calls"])}; best reached {d.Random.ArrayElement(["mornings", "after 2pm", "on Fridays"])}." : null,
                CustomFields = new() { ["preferred_channel"] = d.Random.ArrayElement(["email", "phone", "video"]) },
                LastContactedAt = lastContacted,
                CreatedAt = created,
            };
            d.Contacts.Add(contact);
            if (lastContacted > customer.LastContactedAt || customer.LastContactedAt is null) customer.LastContactedAt = lastContacted;
        }
    }

    private static void BuildProspects(DemoData d)
    {
        var f = d.Faker;
        // Won deals became customers: most of them are linked to an active customer (through one of its contacts).
        var convertible = new Queue<Customer>(d.Random.Shuffle(d.Customers.Where(c => c.Status == CustomerStatus.Active)).Take(12));

        foreach (var (stage, count, minScore, maxScore, minTouches, maxTouches) in Funnel)
        {
            for (var i = 0; i < count; i++)
            {
                var open = stage is not (ProspectStage.Won or ProspectStage.Lost);
                var created = stage switch
                {
                    ProspectStage.New => d.AgoBetween(14, 0.2),
                    ProspectStage.Won or ProspectStage.Lost => d.AgoBetween(200, 20),
                    _ => d.AgoBetween(90, 5),
                };
                Customer? customer = stage == ProspectStage.Won && convertible.Count > 0 ? convertible.Dequeue() : null;
                var contact = customer is null ? null : d.Random.ListItem(d.Contacts.Where(c => c.CustomerId == customer.Id).ToList());
                var first = contact?.FirstName ?? f.Name.FirstName();
                var last = contact?.LastName ?? f.Name.LastName();
                var company = customer?.Company ?? f.Company.CompanyName();
                var domain = DomainOf(company);
                if (customer is not null)
                {
                    // The deal came before the customer record it turned into.
                    var dealStart = customer.CreatedAt.AddDays(-d.Random.Int(14, 60));
                    var workspaceStart = d.DaysAgo(DemoDataBuilder.WorkspaceAgeDays - 1);
                    created = dealStart > workspaceStart ? dealStart : workspaceStart;
                }

                DateTime? lastContacted = stage == ProspectStage.New && d.Random.Bool(0.7f) ? null : d.After(created, open ? d.DaysAgo(0.1) : d.DaysAgo(5));
                DateTime? nextFollowUp = null;
                if (open)
                {
                    // About a quarter are overdue: the board should show what slipped.
                    var days = d.Random.Bool(0.25f) ? -d.Random.Int(1, 10) : d.Random.Int(0, 21);
                    nextFollowUp = DemoClock.ToUtc(DemoClock.Weekday(DemoClock.LocalToday(d.Now).AddDays(days)), d.Random.ArrayElement([9.0, 10.5, 13.0, 14.5, 16.0]));
                }

                var source = d.Weighted(("website", 0.3f), ("referral", 0.2f), ("campaign", 0.2f), ("event", 0.15f), ("outbound", 0.15f));
                d.Prospects.Add(new Prospect
                {
                    WorkspaceId = d.WorkspaceId,
                    Name = $"{first} {last}",
                    Email = contact?.Email ?? EmailOf(first, last, domain),
                    Phone = contact?.Phone ?? f.Phone.PhoneNumber("(###) ###-####"),
                    Company = company,
                    Title = contact?.Title ?? d.Random.ArrayElement(Titles),
                    LinkedinUrl = contact?.LinkedinUrl ?? (d.Random.Bool(0.6f) ? $"https://www.linkedin.com/in/{Slug(first)}-{Slug(last)}" : null),
                    Stage = stage,
                    Position = (i + 1) * 1000,
                    Score = d.Random.Int(minScore, maxScore),
                    // $3,000 to $180,000 in $500 steps, in cents.
                    EstimatedValue = d.Random.Int(6, 360) * 500L * 100,
                    AssignedTo = stage == ProspectStage.New && d.Random.Bool(0.2f) ? null : d.PickAssignee().UserId,
                    Source = source,
                    LastContactedAt = lastContacted,
                    NextFollowUpAt = nextFollowUp,
                    InteractionCount = lastContacted is null ? 0 : d.Random.Int(Math.Max(1, minTouches), maxTouches),
                    Tags = d.PickTags(ProspectTags, 0, 3),
                    Notes = source switch
                    {
                        "event" => $"Met at {d.Random.ArrayElement(Events)}. Interested in {d.Random.ArrayElement(Interests)}.",
                        "referral" => $"Referred by {d.Random.ListItem(d.Contacts).FirstName} at an existing customer.",
                        _ => $"Interested in {d.Random.ArrayElement(Interests)}. {(stage == ProspectStage.Lost ? "Chose a cheaper tool for now." : $"Wants to {d.Random.ArrayElement(Goals)}.")}",
                    },
                    CustomFields = new()
                    {
                        ["budget"] = stage >= ProspectStage.Qualified && stage != ProspectStage.Lost ? "confirmed" : "unknown",
                        ["decision_timeline"] = Quarter(d.Now.AddMonths(d.Random.Int(0, 6))),
                    },
                    ConvertedToCustomer = customer is not null,
                    CustomerId = customer?.Id,
                    CreatedAt = created,
                });
            }
        }
    }

    private static string Quarter(DateTime date) => $"Q{((date.Month - 1) / 3) + 1} {date.Year}";

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex NonLetters();
}
