using GalaxyCo.Data;

namespace GalaxyCo.Domain.Workspaces;

/// <summary>
/// Permission names, one constant each, read by services and by the UI alike so they never disagree.
/// A role grants a default set; a member's `permissions` jsonb can grant or deny single names on top of it.
/// </summary>
public static class Permissions
{
    public const string RecordsRead = "records.read";
    public const string RecordsWrite = "records.write";
    public const string RecordsDelete = "records.delete";
    public const string RecordsExport = "records.export";
    public const string MembersManage = "members.manage";
    public const string WorkspaceManage = "workspace.manage";
    public const string AuditRead = "audit.read";
    public const string AgentsRun = "agents.run";
    public const string InvoicesSend = "invoices.send";

    public static readonly IReadOnlyList<string> All =
        [RecordsRead, RecordsWrite, RecordsDelete, RecordsExport, MembersManage, WorkspaceManage, AuditRead, AgentsRun, InvoicesSend];

    public static string Describe(string permission) => permission switch
    {
        RecordsRead => "Read records",
        RecordsWrite => "Create and edit records",
        RecordsDelete => "Delete records",
        RecordsExport => "Export data",
        MembersManage => "Manage members and invitations",
        WorkspaceManage => "Manage workspace settings",
        AuditRead => "Read the audit log",
        AgentsRun => "Run AI agents",
        InvoicesSend => "Billing: create and send invoices, record payments",
        _ => permission,
    };

    /// <summary>owner &gt; admin &gt; member &gt; viewer; a system admin outranks everyone.</summary>
    public static int Rank(UserRole role) => role switch
    {
        UserRole.Viewer => 0,
        UserRole.Member => 1,
        UserRole.Admin => 2,
        UserRole.Owner => 3,
        UserRole.SystemAdmin => 4,
        _ => -1,
    };

    public static IReadOnlySet<string> Defaults(UserRole role) => role switch
    {
        UserRole.Viewer => new HashSet<string> { RecordsRead },
        UserRole.Member => new HashSet<string> { RecordsRead, RecordsWrite, RecordsDelete, RecordsExport, AgentsRun },
        _ => All.ToHashSet(),
    };

    /// <summary>
    /// The role's defaults with the member's overrides applied. A viewer stays read-only whatever its flags say,
    /// and member management stays with admins and owners: flags fine-tune, they never promote.
    /// </summary>
    public static bool Grants(UserRole role, IReadOnlyDictionary<string, bool> overrides, string permission)
    {
        if (role == UserRole.Viewer && permission != RecordsRead) return false;
        if (permission is MembersManage or WorkspaceManage && Rank(role) < Rank(UserRole.Admin)) return false;
        return overrides.TryGetValue(permission, out var granted) ? granted : Defaults(role).Contains(permission);
    }
}
