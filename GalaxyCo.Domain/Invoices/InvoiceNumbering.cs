using System.Globalization;
using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// Invoice numbers. A workspace's counter is invoice_settings.next_number; a send takes it with
/// <c>UPDATE … SET next_number = next_number + 1 … RETURNING</c>, which row-locks the settings row until the send's
/// transaction ends. Concurrent sends therefore queue on that lock and each sees the previous one's increment, and a
/// send that rolls back (stale version, failure) gives its number back with it: numbers are gapless and strictly
/// increasing in commit order. The unique (workspace_id, number_sequence) index is the last line of defence.
/// </summary>
public static class InvoiceNumbering
{
    public const string DraftPrefix = "DRAFT-";

    /// <summary>A draft's placeholder in the (unique) invoice_number column: the random tail of its v7 id.</summary>
    public static string DraftPlaceholder(Guid id) => DraftPrefix + id.ToString("N")[^12..].ToUpperInvariant();

    /// <summary>Prefix + (year of issue + "-" when IncludeYear) + the sequence zero-padded: INV-2026-0042.</summary>
    public static string Format(string prefix, bool includeYear, int padding, int sequence, DateOnly issueDate) =>
        prefix + (includeYear ? issueDate.Year.ToString("0000", CultureInfo.InvariantCulture) + "-" : "")
        + sequence.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Clamp(padding, 1, 10), '0');

    /// <summary>Creates the workspace's settings row with the defaults unless it exists (safe under concurrency); 1 when it made it.</summary>
    public static Task<int> EnsureSettingsAsync(GalaxyDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var d = new InvoiceSettings();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into invoice_settings (id, workspace_id, prefix, include_year, padding, next_number, default_currency, default_net_days, created_at, updated_at)
            values ({Guid.CreateVersion7()}, {workspaceId}, {d.Prefix}, {d.IncludeYear}, {d.Padding}, {d.NextNumber}, {d.DefaultCurrency}, {d.DefaultNetDays}, {now}, {now})
            on conflict do nothing
            """, ct);
    }

    /// <summary>
    /// Takes the next number; call inside the transaction that marks the invoice sent. The row stays locked until
    /// that transaction commits or rolls back.
    /// </summary>
    public static async Task<Taken> TakeAsync(GalaxyDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        await EnsureSettingsAsync(db, workspaceId, now, ct);
        var rows = await db.Database.SqlQuery<Taken>($"""
            update invoice_settings set next_number = next_number + 1, updated_at = {now}
            where workspace_id = {workspaceId}
            returning next_number - 1 as sequence, prefix, include_year, padding
            """).ToListAsync(ct);
        return rows.Single();
    }

    /// <summary>The number taken and the format in force (columns sequence, prefix, include_year, padding).</summary>
    public sealed class Taken
    {
        public int Sequence { get; set; }
        public string Prefix { get; set; } = "";
        public bool IncludeYear { get; set; }
        public int Padding { get; set; }

        public string Format(DateOnly issueDate) => InvoiceNumbering.Format(Prefix, IncludeYear, Padding, Sequence, issueDate);
    }
}
