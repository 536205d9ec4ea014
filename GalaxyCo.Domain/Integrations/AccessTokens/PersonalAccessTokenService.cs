using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Integrations.AccessTokens;

/// <summary>
/// A person's tokens for the JSON API, managed from the profile page (which is outside any workspace, so the person's
/// id is passed in and each workspace is entered in turn). A token belongs to one workspace where the person is an
/// active member and acts with their role there, capped by its scope. The secret ("gxp_" + 40 base62 characters) is
/// returned once by <see cref="CreateAsync"/>; only its SHA-256 is stored.
/// </summary>
public sealed class PersonalAccessTokenService(IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, TimeProvider clock)
{
    public const string SecretPrefix = "gxp_";
    public const int SecretRandomLength = 40;
    public const int PrefixLength = 8;
    public const int MaxNameLength = 100;
    public const int MaxExpiryDays = 366;
    public const int MaxActiveTokensPerWorkspace = 50;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> Base62Chars = SearchValues.Create(Base62);

    /// <summary>The workspaces the person is an active member of (where they may create a token).</summary>
    public async Task<IReadOnlyList<TokenWorkspace>> WorkspacesAsync(Guid userId, CancellationToken ct = default)
    {
        tenant.SetUser(userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Own memberships are readable across workspaces by design (RLS policy own_memberships).
        return await db.WorkspaceMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive && m.Workspace!.IsActive)
            .OrderBy(m => m.Workspace!.Name)
            .Select(m => new TokenWorkspace(m.WorkspaceId, m.Workspace!.Slug, m.Workspace.Name))
            .ToListAsync(ct);
    }

    /// <summary>The person's tokens in every workspace they belong to, newest first.</summary>
    public async Task<IReadOnlyList<AccessTokenSummary>> ListMineAsync(Guid userId, CancellationToken ct = default)
    {
        var list = new List<AccessTokenSummary>();
        foreach (var workspace in await WorkspacesAsync(userId, ct))
        {
            using var entered = tenant.Enter(workspace.Id, userId);
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
            list.AddRange(rows.Select(t => ToSummary(t, workspace)));
        }
        return list.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
    }

    public async Task<Result<CreatedAccessToken>> CreateAsync(
        Guid userId, Guid workspaceId, string name, AccessTokenScope scope, int? expiresInDays, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        var errors = new Dictionary<string, string>();
        if (name.Length == 0) errors["name"] = "Name the token after what will use it, e.g. \"Import script\".";
        else if (name.Length > MaxNameLength) errors["name"] = $"Use at most {MaxNameLength} characters.";
        if (!Enum.IsDefined(scope)) errors["scope"] = "Pick read or read and write.";
        if (expiresInDays is < 1 or > MaxExpiryDays) errors["expiresInDays"] = $"Pick between 1 and {MaxExpiryDays} days, or no expiry.";
        if (errors.Count > 0) return Result<CreatedAccessToken>.From(Result.Invalid(errors));

        var workspace = (await WorkspacesAsync(userId, ct)).FirstOrDefault(w => w.Id == workspaceId);
        if (workspace is null) return Result<CreatedAccessToken>.From(Result.NotFound("Workspace"));
        using var entered = tenant.Enter(workspace.Id, userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await db.PersonalAccessTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
        if (active >= MaxActiveTokensPerWorkspace)
            return Result<CreatedAccessToken>.From(Result.Invalid("name", $"You have {MaxActiveTokensPerWorkspace} active tokens in this workspace; revoke one first."));
        var secret = NewSecret();
        var token = new PersonalAccessToken
        {
            WorkspaceId = workspace.Id, UserId = userId, Name = name, Scope = scope, TokenPrefix = secret[SecretPrefix.Length..(SecretPrefix.Length + PrefixLength)],
            TokenHash = Hash(secret), ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedAccessToken(ToSummary(token, workspace), secret);
    }

    /// <summary>Revokes one of the person's own tokens (another person's or workspace's id answers NotFound).</summary>
    public async Task<Result> RevokeAsync(Guid userId, Guid workspaceId, Guid tokenId, CancellationToken ct = default)
    {
        if ((await WorkspacesAsync(userId, ct)).All(w => w.Id != workspaceId)) return Result.NotFound("Token");
        using var entered = tenant.Enter(workspaceId, userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null) return Result.NotFound("Token");
        if (token.RevokedAt is not null) return Result.Ok();
        token.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public static string NewSecret() => SecretPrefix + new string(RandomNumberGenerator.GetItems<char>(Base62, SecretRandomLength));

    /// <summary>Lower-case hex SHA-256 of the whole secret, as stored in token_hash.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when the text has a token's shape (so garbage is refused before any lookup).</summary>
    public static bool LooksLikeSecret(string? text) =>
        text is { Length: 44 } && text.StartsWith(SecretPrefix, StringComparison.Ordinal) && text.AsSpan(SecretPrefix.Length).IndexOfAnyExcept(Base62Chars) < 0;

    private static AccessTokenSummary ToSummary(PersonalAccessToken t, TokenWorkspace w) =>
        new(t.Id, w.Id, w.Slug, w.Name, t.Name, SecretPrefix + t.TokenPrefix, t.Scope, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
