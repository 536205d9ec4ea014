using GalaxyCo.Data;

namespace GalaxyCo.Domain.Workspaces;

/// <summary>
/// The signed-in person's membership in the workspace being worked in, per request or circuit. Set by
/// <see cref="WorkspaceScope"/>; services read it for every permission check.
/// </summary>
public sealed class CurrentMember
{
    public Guid WorkspaceId { get; private set; }
    public string WorkspaceSlug { get; private set; } = "";
    public string WorkspaceName { get; private set; } = "";
    public Guid UserId { get; private set; }
    public Guid MemberId { get; private set; }
    public UserRole Role { get; private set; } = UserRole.Viewer;
    public IReadOnlyDictionary<string, bool> Overrides { get; private set; } = new Dictionary<string, bool>();
    public bool IsSet => WorkspaceId != Guid.Empty;

    public event Action? Changed;

    public bool Can(string permission) => IsSet && Permissions.Grants(Role, Overrides, permission);

    internal void Set(Guid workspaceId, string slug, string name, Guid userId, Guid memberId, UserRole role, IReadOnlyDictionary<string, bool> overrides)
    {
        var changed = (WorkspaceId, WorkspaceSlug, WorkspaceName, UserId, MemberId, Role) != (workspaceId, slug, name, userId, memberId, role)
            || !Overrides.OrderBy(o => o.Key).SequenceEqual(overrides.OrderBy(o => o.Key));
        (WorkspaceId, WorkspaceSlug, WorkspaceName, UserId, MemberId, Role, Overrides) = (workspaceId, slug, name, userId, memberId, role, overrides);
        if (changed) Changed?.Invoke();
    }

    internal void Rename(string name)
    {
        WorkspaceName = name;
        Changed?.Invoke();
    }

    internal void Clear()
    {
        WorkspaceId = Guid.Empty;
        WorkspaceSlug = WorkspaceName = "";
        Role = UserRole.Viewer;
        Overrides = new Dictionary<string, bool>();
    }
}
