using GalaxyCo.Data.Integrations;

namespace GalaxyCo.Domain.Integrations.AccessTokens;

/// <summary>A token in its owner's list: never the secret, only its prefix.</summary>
public sealed record AccessTokenSummary(
    Guid Id, Guid WorkspaceId, string WorkspaceSlug, string WorkspaceName, string Name, string Prefix, AccessTokenScope Scope,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A new token and its secret, shown once.</summary>
public sealed record CreatedAccessToken(AccessTokenSummary Token, string Secret);

/// <summary>A workspace the person can create a token for.</summary>
public sealed record TokenWorkspace(Guid Id, string Slug, string Name);

/// <summary>Who a valid token acts as (the tenant and <see cref="Workspaces.CurrentMember"/> are set to it).</summary>
public sealed record AuthenticatedToken(Guid TokenId, Guid WorkspaceId, Guid UserId, AccessTokenScope Scope);
