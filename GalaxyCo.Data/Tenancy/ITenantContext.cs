namespace GalaxyCo.Data.Tenancy;

/// <summary>
/// Who is acting and in which workspace, for one request, circuit operation or background job.
/// The DbContext filters every tenant query by <see cref="WorkspaceId"/> and the connection carries it to PostgreSQL's
/// row-level security as app.workspace_id; with no workspace set nothing tenant-owned is visible (fail closed).
/// </summary>
public interface ITenantContext
{
    Guid? WorkspaceId { get; }
    Guid? UserId { get; }

    /// <summary>Who is acting, for audit_logs: email, IP address and user agent of the request, when there is one.</summary>
    AuditActor Actor { get; }
}

public sealed record AuditActor(string? Email = null, string? IpAddress = null, string? UserAgent = null)
{
    public static readonly AuditActor System = new("system");
}

/// <summary>Mutable holder set by the web layer (route + membership) or by a background job before it touches data.</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? WorkspaceId { get; private set; }
    public Guid? UserId { get; private set; }
    public AuditActor Actor { get; set; } = AuditActor.System;

    public void SetUser(Guid? userId) => UserId = userId;

    public void SetWorkspace(Guid? workspaceId) => WorkspaceId = workspaceId;

    /// <summary>Switches the scope for the duration of a block (jobs, seeding) and restores it afterwards.</summary>
    public IDisposable Enter(Guid workspaceId, Guid? userId = null)
    {
        var previous = (WorkspaceId, UserId);
        WorkspaceId = workspaceId;
        if (userId is not null) UserId = userId;
        return new Restore(() => (WorkspaceId, UserId) = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
