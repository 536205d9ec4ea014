using GalaxyCo.Data;
using GalaxyCo.Data.Integrations;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GalaxyCo.Domain.Integrations.Webhooks;

/// <summary>
/// The workspace's outgoing webhook endpoints (admins and owners only): register, edit, rotate the secret,
/// enable/disable, the delivery log, test events and replays. Create and rotate return the secret once; nothing else
/// ever does, and the audit trail stores it redacted. Another workspace's id answers NotFound.
/// </summary>
public sealed class WebhookService(
    IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, WebhookUrlGuard guard, WebhookEndpointCache cache,
    IWebhookDeliveryQueue queue, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2000;
    public const int MaxTake = 200;

    private const string ForbiddenMessage = "Only admins and owners can manage webhooks.";

    public async Task<IReadOnlyList<WebhookSummary>> ListAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var hooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.Name).ThenBy(w => w.Id).ToListAsync(ct);
        return hooks.Select(ToSummary).ToList();
    }

    public async Task<Result<WebhookSummary>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookSummary>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct);
        return hook is null ? Result<WebhookSummary>.From(Result.NotFound("Webhook")) : ToSummary(hook);
    }

    public async Task<Result<WebhookSecretShown>> CreateAsync(WebhookInput input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookSecretShown>.From(Result.Forbidden(ForbiddenMessage));
        var (clean, invalid) = await ValidateAsync(input, ct);
        if (invalid is not null) return Result<WebhookSecretShown>.From(invalid);
        await using var db = await factory.CreateDbContextAsync(ct);
        var secret = WebhookSigner.NewSecret();
        var hook = new Webhook { Name = clean.Name, Url = clean.Url, Events = [.. clean.Events], Secret = secret, IsActive = true, CreatedBy = member.UserId };
        db.Webhooks.Add(hook);
        await db.SaveChangesAsync(ct);
        cache.Invalidate(member.WorkspaceId);
        return new WebhookSecretShown(ToSummary(hook), secret);
    }

    public async Task<Result<WebhookSummary>> UpdateAsync(Guid id, WebhookInput input, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookSummary>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (hook is null) return Result<WebhookSummary>.From(Result.NotFound("Webhook"));
        var (clean, invalid) = await ValidateAsync(input, ct);
        if (invalid is not null) return Result<WebhookSummary>.From(invalid);
        db.Entry(hook).Property(w => w.Version).OriginalValue = version;
        hook.Name = clean.Name;
        hook.Url = clean.Url;
        hook.Events = [.. clean.Events];
        return await SaveAsync(db, hook, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result.Forbidden(ForbiddenMessage);
        await using var db = await factory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (hook is null) return Result.NotFound("Webhook");
        db.Webhooks.Remove(hook);
        await db.SaveChangesAsync(ct);
        cache.Invalidate(member.WorkspaceId);
        return Result.Ok();
    }

    /// <summary>A new secret, shown once; the old one keeps signing (a second signature) for <see cref="WebhookOptions.SecretOverlap"/>.</summary>
    public async Task<Result<WebhookSecretShown>> RotateSecretAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookSecretShown>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (hook is null) return Result<WebhookSecretShown>.From(Result.NotFound("Webhook"));
        var secret = WebhookSigner.NewSecret();
        hook.PreviousSecret = hook.Secret;
        hook.PreviousSecretExpiresAt = clock.GetUtcNow().UtcDateTime + options.Value.SecretOverlap;
        hook.Secret = secret;
        var saved = await SaveAsync(db, hook, ct);
        return saved.Succeeded ? new WebhookSecretShown(saved.Value!, secret) : Result<WebhookSecretShown>.From(saved);
    }

    /// <summary>Turns an endpoint off or on; turning it on clears the failure streak and the disabled note.</summary>
    public async Task<Result<WebhookSummary>> SetActiveAsync(Guid id, bool active, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookSummary>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (hook is null) return Result<WebhookSummary>.From(Result.NotFound("Webhook"));
        hook.IsActive = active;
        if (active)
        {
            hook.ConsecutiveFailures = 0;
            hook.DisabledAt = null;
            hook.DisabledReason = null;
        }
        else
        {
            hook.DisabledAt = clock.GetUtcNow().UtcDateTime;
            hook.DisabledReason = "Disabled by an admin.";
        }
        return await SaveAsync(db, hook, ct);
    }

    /// <summary>Sends a "webhook.test" event to the endpoint (whatever it subscribed to), delivered like any other.</summary>
    public async Task<Result<Guid>> SendTestAsync(Guid id, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<Guid>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.AsNoTracking().Where(w => w.Id == id).Select(w => new { w.Id, w.Name }).FirstOrDefaultAsync(ct);
        if (hook is null) return Result<Guid>.From(Result.NotFound("Webhook"));
        var now = clock.GetUtcNow().UtcDateTime;
        var eventId = Guid.CreateVersion7();
        var body = WebhookEnvelope.Build(WebhookEventCatalog.TestEvent, now, new Dictionary<string, string>
        {
            ["webhookId"] = hook.Id.ToString(), ["message"] = $"A test event for {hook.Name}.", ["userId"] = member.UserId.ToString(),
        });
        var row = new WebhookDelivery
        {
            WorkspaceId = member.WorkspaceId, WebhookId = hook.Id, EventId = null, MessageId = WebhookEnvelope.MessageId(eventId),
            EventType = WebhookEventCatalog.TestEvent, RequestBody = body, Status = WebhookDeliveryStatus.Pending, ScheduledAt = now,
            IsTest = true, EventCreatedAt = now, CreatedAt = now,
        };
        await InsertAsync(db, row, ct);
        queue.Enqueue(member.WorkspaceId, [row.Id]);
        return row.Id;
    }

    public async Task<Result<WebhookDeliveryPage>> DeliveriesAsync(Guid webhookId, WebhookDeliveryQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookDeliveryPage>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Webhooks.AnyAsync(w => w.Id == webhookId, ct)) return Result<WebhookDeliveryPage>.From(Result.NotFound("Webhook"));
        var rows = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId);
        rows = query.Filter switch
        {
            WebhookDeliveryFilter.Succeeded => rows.Where(d => d.Status == WebhookDeliveryStatus.Succeeded),
            WebhookDeliveryFilter.Failed => rows.Where(d => d.Status == WebhookDeliveryStatus.Failed),
            WebhookDeliveryFilter.Pending => rows.Where(d => d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Sending),
            _ => rows,
        };
        if (query.Before is { } before)
        {
            var beforeId = query.BeforeId ?? Guid.Empty;
            rows = query.BeforeId is null
                ? rows.Where(d => d.CreatedAt < before)
                : rows.Where(d => d.CreatedAt < before || (d.CreatedAt == before && d.Id.CompareTo(beforeId) < 0));
        }
        var take = Math.Clamp(query.Take, 1, MaxTake);
        var page = await rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(take + 1).Select(RowProjection).ToListAsync(ct);
        return new WebhookDeliveryPage(page.Take(take).ToList(), page.Count > take);
    }

    public async Task<Result<WebhookDeliveryDetail>> DeliveryAsync(Guid deliveryId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<WebhookDeliveryDetail>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == deliveryId, ct);
        if (d is null) return Result<WebhookDeliveryDetail>.From(Result.NotFound("Delivery"));
        return new WebhookDeliveryDetail(ToRow(d), d.RequestBody, d.ResponseExcerpt);
    }

    /// <summary>Sends a delivery's event again: a new attempt 1 with the same webhook-id, so the receiver can dedupe.</summary>
    public async Task<Result<Guid>> ReplayAsync(Guid deliveryId, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.WorkspaceManage)) return Result<Guid>.From(Result.Forbidden(ForbiddenMessage));
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.WebhookDeliveries.AsNoTracking().Include(x => x.Webhook).FirstOrDefaultAsync(x => x.Id == deliveryId, ct);
        if (d?.Webhook is null) return Result<Guid>.From(Result.NotFound("Delivery"));
        if (!d.Webhook.IsActive && !d.IsTest) return Result<Guid>.From(Result.Conflict("The endpoint is disabled. Re-enable it, then replay."));
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new WebhookDelivery
        {
            WorkspaceId = member.WorkspaceId, WebhookId = d.WebhookId, EventId = d.EventId, MessageId = d.MessageId, EventType = d.EventType,
            Attempt = 1, RequestBody = d.RequestBody, Status = WebhookDeliveryStatus.Pending, ScheduledAt = now, IsTest = d.IsTest,
            ReplayOf = d.Id, EventCreatedAt = d.EventCreatedAt, CreatedAt = now,
        };
        await InsertAsync(db, row, ct);
        queue.Enqueue(member.WorkspaceId, [row.Id]);
        return row.Id;
    }

    public static WebhookSummary ToSummary(Webhook w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new WebhookSummary(w.Id, w.Name, w.Url, w.Events.ToList(), w.IsActive, w.LastTriggeredAt, w.SuccessCount, w.FailureCount,
            w.ConsecutiveFailures, w.DisabledAt, w.DisabledReason, WebhookSigner.Hint(w.Secret), w.PreviousSecretExpiresAt, w.CreatedAt, w.Version);
    }

    private static readonly System.Linq.Expressions.Expression<Func<WebhookDelivery, WebhookDeliveryRow>> RowProjection = d =>
        new WebhookDeliveryRow(d.Id, d.WebhookId, d.EventType, d.MessageId, d.Attempt, d.Status, d.StatusCode, d.DurationMs, d.Error,
            d.CreatedAt, d.CompletedAt, d.NextAttemptAt, d.IsTest, d.ReplayOf);

    private static WebhookDeliveryRow ToRow(WebhookDelivery d) => RowProjection.Compile().Invoke(d);

    private async Task<Result<WebhookSummary>> SaveAsync(GalaxyDbContext db, Webhook hook, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<WebhookSummary>.From(Result.Conflict("Someone else changed this webhook in the meantime. Reload, then try again."));
        }
        cache.Invalidate(member.WorkspaceId);
        return ToSummary(hook);
    }

    private static async Task InsertAsync(GalaxyDbContext db, WebhookDelivery row, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
        batch.BatchCommands.Add(WebhookDeliveryRows.Insert([row]));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<(WebhookInput Clean, Result? Invalid)> ValidateAsync(WebhookInput? input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = input?.Name?.Trim() ?? "";
        var url = input?.Url?.Trim() ?? "";
        var events = (input?.Events ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (name.Length == 0) errors["name"] = "Give the endpoint a name.";
        else if (name.Length > MaxNameLength) errors["name"] = $"Keep the name under {MaxNameLength} characters.";
        if (url.Length == 0) errors["url"] = "Enter the URL that receives the events.";
        else if (url.Length > MaxUrlLength) errors["url"] = $"Keep the URL under {MaxUrlLength} characters.";
        else if (await guard.CheckUrlAsync(url, ct) is { } urlError) errors["url"] = urlError;
        if (events.Count == 0) errors["events"] = "Pick at least one event.";
        else if (events.FirstOrDefault(e => !WebhookEventCatalog.IsKnown(e)) is { } unknown) errors["events"] = $"\"{unknown}\" is not an event in the catalogue.";
        var clean = new WebhookInput(name, url, events);
        return (clean, errors.Count == 0 ? null : Result.Invalid(errors));
    }
}
