using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using GalaxyCo.Data;
using GalaxyCo.Data.Outbox;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Workspaces;
using GalaxyCo.Domain.Mail;
using GalaxyCo.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Workspaces;

public sealed record InvitationRow(Guid Id, string Email, UserRole Role, DateTime ExpiresAt, DateTime LastSentAt, int SendCount, string? InvitedByName, uint Version);

public enum InvitationState { Valid, Invalid, Expired, Revoked, Accepted }

public sealed record InvitationPreview(InvitationState State, string? WorkspaceName, string? WorkspaceSlug, string? Email, UserRole Role);

/// <summary>
/// Invitations by email. The link carries a token signed and time-limited by ASP.NET Data Protection (so it cannot be
/// forged or edited) that names the workspace and the invitation plus a random secret; only the secret's hash is
/// stored, so resending or revoking makes every older link useless.
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<GalaxyDbContext> factory, TenantContext tenant, CurrentMember member, IMailSender mail,
    IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private ITimeLimitedDataProtector Protector => protection.CreateProtector("GalaxyCo.Workspaces.Invitations.v1").ToTimeLimitedDataProtector();

    public async Task<IReadOnlyList<InvitationRow>> ListPendingAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.MembersManage)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.WorkspaceInvitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.LastSentAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.ExpiresAt, i.LastSentAt, i.SendCount,
                db.Users.Where(u => u.Id == i.InvitedBy).Select(u => u.Email).FirstOrDefault(), i.Version))
            .ToListAsync(ct);
    }

    public async Task<Result<InvitationRow>> InviteAsync(string email, UserRole role, string acceptBaseUrl, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.MembersManage)) return Result<InvitationRow>.From(Result.Forbidden("You can't invite people to this workspace."));
        email = (email ?? "").Trim();
        if (!IsValidEmail(email)) return Result<InvitationRow>.From(Result.Invalid("email", "Enter a valid email address, like name@company.com."));
        if (role == UserRole.SystemAdmin || (role == UserRole.Owner && member.Role is not (UserRole.Owner or UserRole.SystemAdmin)))
            return Result<InvitationRow>.From(Result.Invalid("role", $"You can't invite someone as {MemberService.RoleName(role)}."));

        var normalized = email.ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.WorkspaceMembers.AnyAsync(m => m.IsActive && m.User!.NormalizedEmail == normalized, ct))
            return Result<InvitationRow>.From(Result.Invalid("email", $"{email} is already a member of this workspace."));
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.WorkspaceInvitations.AnyAsync(i => i.Email.ToUpper() == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct))
            return Result<InvitationRow>.From(Result.Invalid("email", $"{email} already has a pending invitation. Resend it from the list instead."));

        var invitation = new WorkspaceInvitation { Email = email, Role = role, InvitedBy = member.UserId };
        var token = Issue(invitation, now);
        db.WorkspaceInvitations.Add(invitation);
        db.OutboxMessages.Add(new OutboxMessage
        {
            EventType = "member.invited",
            Payload = new() { ["invitation_id"] = invitation.Id.ToString(), ["email"] = email, ["role"] = role.ToString().ToLowerInvariant() },
        });
        await db.SaveChangesAsync(ct);
        await SendAsync(invitation, token, acceptBaseUrl, ct);
        return new InvitationRow(invitation.Id, email, role, invitation.ExpiresAt, invitation.LastSentAt, 1, null, invitation.Version);
    }

    public async Task<Result> ResendAsync(Guid invitationId, string acceptBaseUrl, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.MembersManage)) return Result.Forbidden("You can't manage invitations in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var invitation = await db.WorkspaceInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null) return Result.NotFound("Invitation");
        var token = Issue(invitation, clock.GetUtcNow().UtcDateTime);
        invitation.SendCount++;
        await db.SaveChangesAsync(ct);
        await SendAsync(invitation, token, acceptBaseUrl, ct);
        return Result.Ok();
    }

    public async Task<Result> RevokeAsync(Guid invitationId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.MembersManage)) return Result.Forbidden("You can't manage invitations in this workspace.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var invitation = await db.WorkspaceInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null) return Result.NotFound("Invitation");
        invitation.RevokedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>What the accept page shows before anyone signs in: which workspace, for which email, and whether it still works.</summary>
    public async Task<InvitationPreview> PreviewAsync(string token, CancellationToken ct = default)
    {
        if (!TryRead(token, out var workspaceId, out var invitationId, out var secret, out var expired))
            return new InvitationPreview(expired ? InvitationState.Expired : InvitationState.Invalid, null, null, null, UserRole.Member);
        using var _ = tenant.Enter(workspaceId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var invitation = await db.WorkspaceInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId && w.IsActive, ct);
        if (invitation is null || workspace is null || invitation.TokenHash != Hash(secret))
            return new InvitationPreview(InvitationState.Invalid, null, null, null, UserRole.Member);
        return new InvitationPreview(StateOf(invitation), workspace.Name, workspace.Slug, invitation.Email, invitation.Role);
    }

    /// <summary>Accepts for the signed-in user, whose email must be the invited one. Returns the workspace slug.</summary>
    public async Task<Result<string>> AcceptAsync(string token, Guid userId, CancellationToken ct = default)
    {
        if (!TryRead(token, out var workspaceId, out var invitationId, out var secret, out var expired))
            return Result<string>.From(Result.Invalid("token", expired ? "This invitation has expired. Ask for a new one." : "This invitation link is not valid."));
        using var _ = tenant.Enter(workspaceId, userId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var invitation = await db.WorkspaceInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId && w.IsActive, ct);
        if (invitation is null || workspace is null || invitation.TokenHash != Hash(secret))
            return Result<string>.From(Result.Invalid("token", "This invitation link is not valid."));
        switch (StateOf(invitation))
        {
            case InvitationState.Expired: return Result<string>.From(Result.Invalid("token", "This invitation has expired. Ask for a new one."));
            case InvitationState.Revoked: return Result<string>.From(Result.Invalid("token", "This invitation was withdrawn."));
            case InvitationState.Accepted:
                return invitation.AcceptedBy == userId ? workspace.Slug : Result<string>.From(Result.Invalid("token", "This invitation has already been used."));
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result<string>.From(Result.NotFound("User"));
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            return Result<string>.From(Result.Invalid("token", $"This invitation is for {invitation.Email}. Sign in with that address to accept it."));

        var existing = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (existing is null)
        {
            db.WorkspaceMembers.Add(new WorkspaceMember
            {
                UserId = userId, Role = invitation.Role, InvitedBy = invitation.InvitedBy, JoinedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        else if (!existing.IsActive)
        {
            existing.IsActive = true;
            existing.Role = invitation.Role;
            existing.JoinedAt = clock.GetUtcNow().UtcDateTime;
        }
        invitation.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        invitation.AcceptedBy = userId;
        db.OutboxMessages.Add(new OutboxMessage
        {
            EventType = "member.joined",
            Payload = new() { ["user_id"] = userId.ToString(), ["role"] = invitation.Role.ToString().ToLowerInvariant() },
        });
        // The inviter hears about it in the same save, when they are still a member (and not the one accepting).
        if (invitation.InvitedBy is { } inviter && inviter != userId && await db.WorkspaceMembers.AnyAsync(m => m.UserId == inviter && m.IsActive, ct))
        {
            var name = MemberService.DisplayName(user.FirstName, user.LastName, user.Email);
            await NotificationSender.AddAsync(db, [new NotificationMessage(inviter, NotificationType.Info,
                $"{name} joined {workspace.Name}", $"{name} accepted your invitation and joined as {invitation.Role.ToString().ToLowerInvariant()}.",
                $"/w/{workspace.Slug}/settings", "View members",
                new Dictionary<string, string> { ["userId"] = userId.ToString() }, NotificationCategories.Invitation)], ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<string>.From(Result.Conflict("This invitation changed while you were accepting it. Open the link again."));
        }
        return workspace.Slug;
    }

    private InvitationState StateOf(WorkspaceInvitation invitation) =>
        invitation.AcceptedAt is not null ? InvitationState.Accepted
        : invitation.RevokedAt is not null ? InvitationState.Revoked
        : invitation.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? InvitationState.Expired
        : InvitationState.Valid;

    private string Issue(WorkspaceInvitation invitation, DateTime now)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        invitation.TokenHash = Hash(secret);
        invitation.ExpiresAt = now + Lifetime;
        invitation.LastSentAt = now;
        var workspaceId = invitation.WorkspaceId == Guid.Empty ? member.WorkspaceId : invitation.WorkspaceId;
        return Protector.Protect($"{workspaceId:N}.{invitation.Id:N}.{secret}", Lifetime);
    }

    private bool TryRead(string token, out Guid workspaceId, out Guid invitationId, out string secret, out bool expired)
    {
        workspaceId = invitationId = Guid.Empty;
        secret = "";
        expired = false;
        try
        {
            var parts = Protector.Unprotect(token ?? "", out var expiration).Split('.');
            expired = expiration <= clock.GetUtcNow();
            if (expired || parts.Length != 3) return false;
            secret = parts[2];
            return Guid.TryParseExact(parts[0], "N", out workspaceId) && Guid.TryParseExact(parts[1], "N", out invitationId);
        }
        catch (CryptographicException e)
        {
            expired = e.Message.Contains("expired", StringComparison.OrdinalIgnoreCase);
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task SendAsync(WorkspaceInvitation invitation, string token, string acceptBaseUrl, CancellationToken ct)
    {
        var link = $"{acceptBaseUrl.TrimEnd('/')}/invitations/accept?token={Uri.EscapeDataString(token)}";
        var workspace = WebUtility.HtmlEncode(member.WorkspaceName);
        var role = MemberService.RoleName(invitation.Role);
        await mail.SendAsync(new OutgoingMail(
            invitation.Email,
            $"You're invited to {member.WorkspaceName} on GalaxyCo",
            $"""<p>You have been invited to join <strong>{workspace}</strong> on GalaxyCo as {role}.</p><p><a href="{WebUtility.HtmlEncode(link)}">Accept the invitation</a></p><p>The link works for {Lifetime.Days} days.</p>""",
            $"You have been invited to join {member.WorkspaceName} on GalaxyCo as {role}.\n\nAccept the invitation: {link}\n\nThe link works for {Lifetime.Days} days."), ct);
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    public static bool IsValidEmail(string email) =>
        email.Length is > 3 and <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);
}
