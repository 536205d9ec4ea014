namespace GalaxyCo.Data.Workspaces;

/// <summary>An invitation by email. Only a hash of the token is stored; the link carries the token itself.</summary>
public class WorkspaceInvitation : EditableTenantEntity
{
    public string Email { get; set; } = "";
    public UserRole Role { get; set; } = UserRole.Member;
    public string TokenHash { get; set; } = "";
    public Guid? InvitedBy { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime LastSentAt { get; set; }
    public int SendCount { get; set; } = 1;
    public DateTime? AcceptedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsPending(DateTime now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
