namespace GalaxyCo.Domain.Seeding;

/// <summary>How many rows <see cref="BenchSeeder"/> writes at a scale: the brief's ratios, tasks capped at one million.</summary>
public sealed record BenchCounts(
    int Members, int Customers, int Contacts, int Prospects, int Projects, int Tasks, int CalendarEvents, int Invoices, int AuditLogs)
{
    public const int MaxTasks = 1_000_000;

    /// <summary>The bench owner plus four members who get work assigned.</summary>
    public const int MemberCount = 5;

    public static BenchCounts For(int scale) => new(
        Members: MemberCount,
        Customers: scale / 10,
        Contacts: scale,
        Prospects: scale,
        Projects: scale / 100,
        Tasks: (int)Math.Min(scale * 10L, MaxTasks),
        // Issue 5's calendar: 50k events, 2k of them recurring series, at scale 100k.
        CalendarEvents: scale / 2,
        // Issue 6's invoices: 100k at scale 100k, ten for each customer.
        Invoices: scale,
        AuditLogs: scale / 10);

    /// <summary>Rows per table name, as seeded.</summary>
    public IReadOnlyDictionary<string, long> ByTable => new Dictionary<string, long>
    {
        ["workspace_members"] = Members,
        ["customers"] = Customers,
        ["contacts"] = Contacts,
        ["prospects"] = Prospects,
        ["projects"] = Projects,
        ["tasks"] = Tasks,
        ["calendar_events"] = CalendarEvents,
        ["invoices"] = Invoices,
        ["audit_logs"] = AuditLogs,
    };
}

/// <summary>One table's load: rows written and the time it took (generation, COPY and the RLS-checked insert).</summary>
public sealed record BenchTableReport(string Table, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : Rows;

    public override string ToString() => $"{Table}: {Rows:N0} rows in {Elapsed.TotalSeconds:N1} s ({RowsPerSecond:N0} rows/s)";
}

/// <summary>
/// What a bench seed did. <paramref name="ClearElapsed"/> is the time spent deleting a reused workspace's earlier rows
/// (zero for a new workspace); <paramref name="AnalyzeElapsed"/> the final ANALYZE.
/// </summary>
public sealed record BenchSeedReport(
    string Slug, Guid WorkspaceId, Guid OwnerUserId, int Scale, bool ReusedWorkspace, IReadOnlyList<BenchTableReport> Tables,
    TimeSpan ClearElapsed, TimeSpan AnalyzeElapsed, TimeSpan Elapsed)
{
    public long RowsOf(string table) => Tables.Where(t => t.Table == table).Sum(t => t.Rows);

    public long TotalRows => Tables.Sum(t => t.Rows);

    public override string ToString() =>
        $"bench '{Slug}' at scale {Scale:N0}: {TotalRows:N0} rows in {Elapsed.TotalSeconds:N1} s (clear {ClearElapsed.TotalSeconds:N1} s, analyze {AnalyzeElapsed.TotalSeconds:N1} s)";
}
