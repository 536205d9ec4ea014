namespace GalaxyCo.Data.Workspaces;

public class WorkspaceMember : EditableTenantEntity
{
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public Workspace? Workspace { get; set; }
    public UserRole Role { get; set; } = UserRole.Member;
    /// <summary>Per-member overrides of the role's permissions: permission name to granted (true) or denied (false).</summary>
    public Dictionary<string, bool> Permissions { get; set; } = [];
    public Guid? InvitedBy { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime? JoinedAt { get; set; }
}
