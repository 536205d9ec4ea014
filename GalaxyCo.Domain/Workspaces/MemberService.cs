using GalaxyCo.Data;
using GalaxyCo.Data.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Workspaces;

public sealed record MemberRow(Guid Id, Guid UserId, string Name, string Email, string? AvatarUrl, UserRole Role,
    IReadOnlyDictionary<string, bool> Permissions, DateTime? JoinedAt, DateTime? LastLoginAt, uint Version);

/// <summary>
/// Members of the current workspace. The rules live here, not only in the UI: viewers and members cannot manage
/// members, admins cannot touch owners or make owners, and the last owner can never be removed or demoted.
/// </summary>
public sealed class MemberService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, WorkspaceScope scope)
{
    public async Task<IReadOnlyList<MemberRow>> ListAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.IsActive)
            .Select(m => new { m.Id, m.UserId, m.User!.FirstName, m.User.LastName, m.User.Email, m.User.AvatarUrl, m.Role, m.Permissions, m.JoinedAt, m.User.LastLoginAt, m.Version })
            .ToListAsync(ct);
        return rows
            .Select(m => new MemberRow(m.Id, m.UserId, DisplayName(m.FirstName, m.LastName, m.Email), m.Email ?? "", m.AvatarUrl, m.Role, m.Permissions, m.JoinedAt, m.LastLoginAt, m.Version))
            .OrderByDescending(m => Permissions.Rank(m.Role)).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>What the UI asks before it offers to edit a member; the service checks the same thing again.</summary>
    public bool CanManage(UserRole targetRole) =>
        member.Can(Permissions.MembersManage) && (targetRole != UserRole.Owner || member.Role is UserRole.Owner or UserRole.SystemAdmin)
        && targetRole != UserRole.SystemAdmin;

    public IReadOnlyList<UserRole> AssignableRoles() => member.Role is UserRole.Owner or UserRole.SystemAdmin
        ? [UserRole.Owner, UserRole.Admin, UserRole.Member, UserRole.Viewer]
        : member.Can(Permissions.MembersManage) ? [UserRole.Admin, UserRole.Member, UserRole.Viewer] : [];

    public async Task<Result> ChangeRoleAsync(Guid memberId, UserRole role, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.MembersManage)) return Result.Forbidden("You can't manage members in this workspace.");
        if (!AssignableRoles().Contains(role)) return Result.Invalid("role", $"You can't make someone {RoleName(role)}.");
        return await ChangeAsync(memberId, version, (db, target) =>
        {
            if (!CanManage(target.Role)) return Task.FromResult<Result?>(Result.Forbidden("Only an owner can change another owner."));
            target.Role = role;
            return Task.FromResult<Result?>(null);
        }, ct);
    }

    public async Task<Result> SetPermissionsAsync(Guid memberId, IReadOnlyDictionary<string, bool> overrides, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.MembersManage)) return Result.Forbidden("You can't manage members in this workspace.");
        var unknown = overrides.Keys.FirstOrDefault(k => !Permissions.All.Contains(k));
        if (unknown is not null) return Result.Invalid("permissions", $"'{unknown}' is not a permission.");
        return await ChangeAsync(memberId, version, (db, target) =>
        {
            if (!CanManage(target.Role)) return Task.FromResult<Result?>(Result.Forbidden("Only an owner can change another owner."));
            target.Permissions = new Dictionary<string, bool>(overrides);
            return Task.FromResult<Result?>(null);
        }, ct);
    }

    /// <summary>Removes a member; anyone may leave a workspace themselves, except its last owner.</summary>
    public async Task<Result> RemoveAsync(Guid memberId, CancellationToken ct = default)
    {
        var leaving = memberId == member.MemberId;
        if (!leaving && !member.Can(Permissions.MembersManage)) return Result.Forbidden("You can't manage members in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var owners = await LockOwnersAsync(db, ct);
        var target = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.IsActive, ct);
        if (target is null) return Result.NotFound("Member");
        if (!leaving && !CanManage(target.Role)) return Result.Forbidden("Only an owner can remove another owner.");
        if (target.Role == UserRole.Owner && owners.Count <= 1)
            return Result.Invalid("member", "A workspace always keeps at least one owner. Make someone else owner first.");
        db.WorkspaceMembers.Remove(target);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (leaving) scope.Invalidate();
        return Result.Ok();
    }

    private async Task<Result> ChangeAsync(Guid memberId, uint version, Func<GalaxyDbContext, WorkspaceMember, Task<Result?>> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the owner rows first so two owners demoting each other at once cannot leave the workspace ownerless.
        var owners = await LockOwnersAsync(db, ct);
        var target = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.IsActive, ct);
        if (target is null) return Result.NotFound("Member");
        db.Entry(target).Property(m => m.Version).OriginalValue = version;
        var wasOwner = target.Role == UserRole.Owner;
        if (await change(db, target) is { } refused) return refused;
        if (wasOwner && target.Role != UserRole.Owner && owners.Count <= 1)
            return Result.Invalid("role", "A workspace always keeps at least one owner. Make someone else owner first.");
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict("Someone else changed this member in the meantime. Reload to see their change.");
        }
        if (target.UserId == member.UserId) scope.Invalidate();
        return Result.Ok();
    }

    private async Task<List<Guid>> LockOwnersAsync(GalaxyDbContext db, CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>(
            $"select id as \"Value\" from workspace_members where workspace_id = {member.WorkspaceId} and role = 'owner' and is_active for update")
            .ToListAsync(ct);

    public static string RoleName(UserRole role) => role switch
    {
        UserRole.SystemAdmin => "system admin",
        _ => role.ToString().ToLowerInvariant(),
    };

    internal static string DisplayName(string? first, string? last, string? email)
    {
        var name = $"{first} {last}".Trim();
        return name.Length > 0 ? name : email ?? "";
    }
}
