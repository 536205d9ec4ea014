using System.Net.Mail;
using GalaxyCo.Data;
using GalaxyCo.Data.Invoices;
using GalaxyCo.Domain.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// The workspace's invoicing settings: number format and counter, defaults for new invoices, business details and
/// logo for the PDF. The row is created on first save (or first send) with the defaults. Reading needs records.read,
/// saving the billing flag.
/// </summary>
public sealed class InvoiceSettingsService(IDbContextFactory<GalaxyDbContext> factory, CurrentMember member, TimeProvider clock)
{
    public const int MaxLogoBytes = 256 * 1024;
    public const int MaxNetDays = 365;

    private const string NoBilling = "You need the billing permission to change invoice settings in this workspace.";
    private const string Stale = "Someone else changed the invoice settings in the meantime. Reload to see their change, then try again.";

    public async Task<Result<InvoiceSettingsView>> GetAsync(CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsRead)) return Result<InvoiceSettingsView>.From(Result.Forbidden("You can't see invoice settings in this workspace."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.InvoiceSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new InvoiceSettings();
        return View(settings);
    }

    public async Task<Result<InvoiceSettingsView>> SaveAsync(InvoiceSettingsView input, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceSettingsView>.From(Result.Forbidden(NoBilling));
        var errors = new Dictionary<string, string>();
        var prefix = input.Prefix?.Trim() ?? "";
        if (prefix.Length > 20) errors["prefix"] = "Keep the prefix under 20 characters.";
        else if (prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or '#')))
            errors["prefix"] = "Use letters, digits and - _ / . # only.";
        if (input.Padding is < 1 or > 10) errors["padding"] = "Pad the number to 1–10 digits.";
        if (input.NextNumber < 1) errors["nextNumber"] = "The next number must be at least 1.";
        var currency = input.DefaultCurrency?.Trim().ToUpperInvariant() ?? "";
        if (!Currencies.IsKnown(currency)) errors["defaultCurrency"] = "Pick an ISO 4217 currency code, e.g. USD, EUR or JPY.";
        if (input.DefaultNetDays is < 0 or > MaxNetDays) errors["defaultNetDays"] = $"Payment terms must be 0–{MaxNetDays} days.";
        var terms = Optional(input.DefaultTerms, 5000, "defaultTerms", errors);
        var notes = Optional(input.DefaultNotes, 5000, "defaultNotes", errors);
        var name = Optional(input.BusinessName, 200, "businessName", errors);
        var address = Optional(input.BusinessAddress, 1000, "businessAddress", errors);
        var email = Optional(input.BusinessEmail, 320, "businessEmail", errors);
        if (email is not null && !errors.ContainsKey("businessEmail") && !MailAddress.TryCreate(email, out _)) errors["businessEmail"] = "Enter a valid email address.";
        var taxId = Optional(input.TaxId, 100, "taxId", errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        // Gapless numbering: the counter may move forward (a new year, a fresh series) but never back onto a used number.
        var used = await db.Invoices.MaxAsync(i => i.NumberSequence, ct) ?? 0;
        if (input.NextNumber <= used && !errors.ContainsKey("nextNumber")) errors["nextNumber"] = $"Number {used} is already used; the next number must be at least {used + 1}.";
        if (errors.Count > 0) return Result<InvoiceSettingsView>.From(Result.Invalid(errors));

        var (settings, created) = await LoadOrCreateAsync(db, ct);
        // A row made just now holds the defaults the caller was shown (version 0): nothing to conflict with.
        if (!created) db.Entry(settings).Property(s => s.Version).OriginalValue = input.Version;
        settings.Prefix = prefix;
        settings.IncludeYear = input.IncludeYear;
        settings.Padding = input.Padding;
        settings.NextNumber = input.NextNumber;
        settings.DefaultCurrency = currency;
        settings.DefaultNetDays = input.DefaultNetDays;
        settings.DefaultTerms = terms;
        settings.DefaultNotes = notes;
        settings.BusinessName = name;
        settings.BusinessAddress = address;
        settings.BusinessEmail = email;
        settings.TaxId = taxId;
        return await SaveAsync(db, settings, ct);
    }

    /// <summary>Sets (PNG or JPEG, at most 256 KB, checked by content) or, with null, removes the logo.</summary>
    public async Task<Result<InvoiceSettingsView>> SetLogoAsync(byte[]? content, string? contentType, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.InvoicesSend)) return Result<InvoiceSettingsView>.From(Result.Forbidden(NoBilling));
        string? type = null;
        if (content is not null)
        {
            if (content.Length == 0) return Result<InvoiceSettingsView>.From(Result.Invalid("logo", "The file is empty."));
            if (content.Length > MaxLogoBytes) return Result<InvoiceSettingsView>.From(Result.Invalid("logo", "The logo must be at most 256 KB."));
            type = Sniff(content);
            if (type is null) return Result<InvoiceSettingsView>.From(Result.Invalid("logo", "The logo must be a PNG or JPEG image."));
            if (contentType is not null && !string.Equals(contentType, type, StringComparison.OrdinalIgnoreCase) && !(type == "image/jpeg" && contentType.Equals("image/jpg", StringComparison.OrdinalIgnoreCase)))
                return Result<InvoiceSettingsView>.From(Result.Invalid("logo", "The file's content doesn't match its type; upload a PNG or JPEG image."));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var (settings, _) = await LoadOrCreateAsync(db, ct);
        settings.Logo = content;
        settings.LogoContentType = type;
        return await SaveAsync(db, settings, ct);
    }

    public static InvoiceSettingsView View(InvoiceSettings s, DateOnly today) => new()
    {
        Prefix = s.Prefix,
        IncludeYear = s.IncludeYear,
        Padding = s.Padding,
        NextNumber = s.NextNumber,
        DefaultCurrency = s.DefaultCurrency,
        DefaultNetDays = s.DefaultNetDays,
        DefaultTerms = s.DefaultTerms,
        DefaultNotes = s.DefaultNotes,
        BusinessName = s.BusinessName,
        BusinessAddress = s.BusinessAddress,
        BusinessEmail = s.BusinessEmail,
        TaxId = s.TaxId,
        HasLogo = s.Logo is { Length: > 0 },
        NextNumberPreview = InvoiceNumbering.Format(s.Prefix, s.IncludeYear, s.Padding, s.NextNumber, today),
        Version = s.Version,
    };

    private InvoiceSettingsView View(InvoiceSettings s) => View(s, InvoiceDates.Today(clock));

    private async Task<(InvoiceSettings Settings, bool Created)> LoadOrCreateAsync(GalaxyDbContext db, CancellationToken ct)
    {
        var created = await InvoiceNumbering.EnsureSettingsAsync(db, member.WorkspaceId, clock.GetUtcNow().UtcDateTime, ct) > 0;
        return (await db.InvoiceSettings.SingleAsync(ct), created);
    }

    private async Task<Result<InvoiceSettingsView>> SaveAsync(GalaxyDbContext db, InvoiceSettings settings, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<InvoiceSettingsView>.From(Result.Conflict(Stale));
        }
        catch (DbUpdateException)
        {
            return Result<InvoiceSettingsView>.From(Result.Conflict(Stale));
        }
        return View(settings);
    }

    private static string? Sniff(byte[] content) =>
        content is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? "image/png"
        : content is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : null;

    private static string? Optional(string? value, int max, string field, Dictionary<string, string> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > max) errors[field] = $"Keep it under {max} characters.";
        return trimmed;
    }
}
