namespace GalaxyCo.Domain.Calendar;

/// <summary>An .ics document to download.</summary>
public sealed record IcsFile(string FileName, string Content)
{
    public const string ContentType = "text/calendar; charset=utf-8";
}

/// <summary>One VEVENT of an uploaded .ics file, as the import preview lists it.</summary>
/// <param name="Index">Position in the file; pass the chosen ones to <see cref="CalendarIcsService.ImportAsync"/>.</param>
/// <param name="Recurrence">The RRULE text, or null for a single event.</param>
/// <param name="SkipReason">Why it will not be imported (missing DTSTART, unsupported rule, already imported, limits), or null.</param>
public sealed record IcsPreviewItem(int Index, string? Uid, string Title, DateTime? Start, bool IsAllDay, string? Recurrence, string? SkipReason)
{
    public bool WillImport => SkipReason is null;
}

/// <summary>The preview of an upload: every VEVENT with what will happen to it.</summary>
public sealed record IcsImportPreview(IReadOnlyList<IcsPreviewItem> Items)
{
    public int Importable => Items.Count(i => i.WillImport);
}

/// <summary>What an import did: the events created and the items skipped with their reason.</summary>
public sealed record IcsImportReport(int Imported, IReadOnlyList<IcsPreviewItem> Skipped, IReadOnlyList<Guid> EventIds);

/// <summary>A feed token as listed to its owner (the secret itself is shown only once, at creation).</summary>
public sealed record CalendarFeedTokenView(Guid Id, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A new feed token: <see cref="Secret"/> goes into the subscription URL and is never shown again.</summary>
public sealed record CalendarFeedSecret(Guid TokenId, string Secret);
