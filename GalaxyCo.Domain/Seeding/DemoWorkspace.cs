using System.Security.Cryptography;
using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Domain.Seeding;

/// <summary>The workspace itself, its four members and two invitations (one pending, one revoked).</summary>
internal static class DemoWorkspace
{
    public static void Build(DemoData d)
    {
        var created = d.DaysAgo(DemoDataBuilder.WorkspaceAgeDays);
        d.Workspace = new()
        {
            Id = d.WorkspaceId,
            Name = DemoSeeder.WorkspaceName,
            Slug = DemoSeeder.WorkspaceSlug,
            SubscriptionTier = SubscriptionTier.Professional,
            Settings = new WorkspaceSettings
            {
                AccentColor = "#6C5CE7",
                DefaultCurrency = "USD",
                TimeZone = DemoClock.TimeZoneId,
                FeatureFlags = new() { ["agents"] = true, ["knowledge_search"] = true, ["inbox_sync"] = true, ["beta_reports"] = false },
            },
            CreatedAt = created,
        };

        foreach (var (member, index) in d.Members.Select((m, i) => (m, i)))
        {
            var joined = index == 0 ? created : created.AddDays(3 + (index * 11));
            d.WorkspaceMembers.Add(new()
            {
                WorkspaceId = d.WorkspaceId,
                UserId = member.UserId,
                Role = member.Role,
                InvitedBy = index == 0 ? null : d.Owner.UserId,
                // One per-member override shows the permissions column at work: the account executive may send invoices.
                Permissions = member.Role == UserRole.Member ? new() { [Permissions.InvoicesSend] = true } : [],
                IsActive = true,
                JoinedAt = joined,
                CreatedAt = index == 0 ? created : joined.AddDays(-1),
            });
        }

        d.Invitations.Add(new()
        {
            WorkspaceId = d.WorkspaceId,
            Email = "morgan.lee@example.com",
            Role = UserRole.Member,
            TokenHash = UnguessableTokenHash(),
            InvitedBy = d.Owner.UserId,
            CreatedAt = d.DaysAgo(2),
            LastSentAt = d.DaysAgo(2),
            ExpiresAt = d.Now.AddDays(5),
            SendCount = 1,
        });
        d.Invitations.Add(new()
        {
            WorkspaceId = d.WorkspaceId,
            Email = "casey.nguyen@example.com",
            Role = UserRole.Viewer,
            TokenHash = UnguessableTokenHash(),
            InvitedBy = d.Admin.UserId,
            CreatedAt = d.DaysAgo(20),
            LastSentAt = d.DaysAgo(18),
            ExpiresAt = d.DaysAgo(13),
            SendCount = 2,
            RevokedAt = d.DaysAgo(15),
        });
    }

    /// <summary>
    /// The hash of a token nobody holds, so the demo invitations can be seen and revoked but never accepted. Not drawn
    /// from the seeded faker: a token derivable from the published seed would let anyone join a public demo.
    /// </summary>
    private static string UnguessableTokenHash() => Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
}
