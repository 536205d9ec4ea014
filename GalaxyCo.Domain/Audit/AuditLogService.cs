using GalaxyCo.Data;
using GalaxyCo.Data.Json;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Audit;

public sealed record AuditFilter(Guid? UserId = null, string? ResourceType = null, string? Action = null, DateTime? From = null, DateTime? To = null, int Page = 0, int PageSize = 50);

public sealed record AuditEntry(Guid Id, DateTime CreatedAt, Guid? UserId, string? UserEmail, string? IpAddress, string? UserAgent,
    string Action, string ResourceType, string? ResourceId, IReadOnlyDictionary<string, FieldChange> Changes);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>Reads the audit trail of the current workspace for admins (the rows themselves are written by the DbContext).</summary>
public sealed class AuditLogService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member)
{
    public async Task<Result<AuditPage>> SearchAsync(AuditFilter filter, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.AuditRead)) return Result<AuditPage>.From(Result.Forbidden("Only admins and owners can read the audit log."));
        if (filter.From is { } from && filter.To is { } to && from > to)
            return Result<AuditPage>.From(Result.Invalid("from", "The start date is after the end date."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.AuditLogs.AsNoTracking();
        if (filter.UserId is { } user) query = query.Where(a => a.UserId == user);
        if (!string.IsNullOrWhiteSpace(filter.ResourceType)) query = query.Where(a => a.ResourceType == filter.ResourceType);
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } f) query = query.Where(a => a.CreatedAt >= DateTime.SpecifyKind(f, DateTimeKind.Utc));
        if (filter.To is { } t) query = query.Where(a => a.CreatedAt < DateTime.SpecifyKind(t, DateTimeKind.Utc).AddDays(1));
        var total = await query.CountAsync(ct);
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var entries = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(0, filter.Page) * pageSize).Take(pageSize)
            .Select(a => new AuditEntry(a.Id, a.CreatedAt, a.UserId, a.UserEmail, a.IpAddress, a.UserAgent, a.Action, a.ResourceType, a.ResourceId, a.Changes))
            .ToListAsync(ct);
        return new AuditPage(entries, total);
    }

    /// <summary>The resource types that occur in this workspace's trail, for the filter drop-down.</summary>
    public async Task<IReadOnlyList<string>> ResourceTypesAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.AuditRead)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditLogs.Select(a => a.ResourceType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }
}
