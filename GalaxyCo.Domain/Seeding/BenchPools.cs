using System.Text.RegularExpressions;
using Bogus;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Word pools drawn once from Bogus with a fixed seed. Bench rows combine them by index and a seeded
/// <see cref="Random"/>, which is orders of magnitude faster than a Faker per row at a million rows, and as deterministic.
/// jsonb values that repeat are serialized once here.
/// </summary>
internal sealed partial class BenchPools
{
    public BenchPools(int seed)
    {
        var f = new Faker("en") { Random = new Randomizer(seed) };
        FirstNames = [.. Enumerable.Range(0, 512).Select(_ => f.Name.FirstName())];
        LastNames = [.. Enumerable.Range(0, 512).Select(_ => f.Name.LastName())];
        FirstSlugs = [.. FirstNames.Select(Slug)];
        LastSlugs = [.. LastNames.Select(Slug)];
        Companies = [.. Enumerable.Range(0, 1024).Select(_ => f.Company.CompanyName()).Distinct()];
        Domains = [.. Companies.Select(c => string.Join('-', NonLetters().Split(c.ToLowerInvariant()).Where(w => w.Length > 1 && w is not "and" and not "llc" and not "inc" and not "group").Take(2)))];
        Phones = [.. Enumerable.Range(0, 1024).Select(_ => f.Phone.PhoneNumber("(###) ###-####"))];
        Addresses = [.. Enumerable.Range(0, 512).Select(_ => JsonbConversion.Serialize(new PostalAddress
        {
            Street = f.Address.StreetAddress(),
            City = f.Address.City(),
            State = f.Address.StateAbbr(),
            Zip = f.Address.ZipCode("#####"),
            Country = "United States",
        }))];
        Phrases = [.. Enumerable.Range(0, 256).Select(_ => f.Company.CatchPhrase())];
    }

    public string[] FirstNames { get; }
    public string[] LastNames { get; }
    public string[] FirstSlugs { get; }
    public string[] LastSlugs { get; }
    public string[] Companies { get; }
    public string[] Domains { get; }
    public string[] Phones { get; }
    public string[] Addresses { get; }
    public string[] Phrases { get; }

    public static readonly string[] Titles =
        ["CEO", "COO", "CFO", "CTO", "VP of Sales", "VP of Marketing", "Head of Operations", "Director of IT", "Procurement Manager", "Operations Manager", "Product Manager"];

    public static readonly string[] Industries =
        ["Software", "Healthcare", "Manufacturing", "Retail", "Financial Services", "Education", "Logistics", "Media", "Real Estate", "Energy"];

    public static readonly string[] Sizes = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"];
    public static readonly string[] Sources = ["website", "referral", "campaign", "event", "outbound"];

    public static readonly string[] TaskVerbs = ["Draft", "Review", "Update", "Prepare", "Finalize", "Test", "Publish", "Plan", "Fix", "Audit", "Document", "Schedule"];

    public static readonly string[] TaskObjects =
    [
        "statement of work", "staging environment", "wireframes", "migration scripts", "SSO configuration", "release notes", "budget",
        "training materials", "status report", "email templates", "access permissions", "go-live checklist", "API load test", "invoice batch",
    ];

    public static readonly string[] EventTitles =
        ["Discovery call", "Product demo", "QBR", "Contract review", "Sprint planning", "Design review", "Team sync", "1:1", "Onboarding session", "Pipeline review"];

    public static readonly string[][] Tags =
    [
        [], [], [], ["priority"], ["enterprise"], ["renewal"], ["partner"], ["upsell"], ["priority", "enterprise"], ["at-risk"],
        ["inbound"], ["hot"], ["follow-up"], ["referral", "priority"], ["qa"], ["blocked"],
    ];

    public static readonly string[] CustomFields =
    [
        "{}",
        JsonbConversion.Serialize(new Dictionary<string, string> { ["region"] = "Midwest", ["account_tier"] = "Gold" }),
        JsonbConversion.Serialize(new Dictionary<string, string> { ["region"] = "West", ["account_tier"] = "Silver" }),
        JsonbConversion.Serialize(new Dictionary<string, string> { ["region"] = "Northeast", ["account_tier"] = "Bronze" }),
        JsonbConversion.Serialize(new Dictionary<string, string> { ["budget"] = "confirmed", ["decision_timeline"] = "this quarter" }),
    ];

    public static readonly string EmptyArray = "[]";

    public static readonly string[] Reminders =
    [
        JsonbConversion.Serialize(new List<EventReminder> { new() { MinutesBefore = 10 } }),
        JsonbConversion.Serialize(new List<EventReminder> { new() { MinutesBefore = 10 }, new() { MinutesBefore = 60, Method = "email" } }),
    ];

    private static string Slug(string s) => NonLetters().Replace(s.ToLowerInvariant(), "");

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex NonLetters();
}
