namespace GalaxyCo.Domain.Work.Attachments;

/// <summary>One file of a task as the attachments panel shows it.</summary>
/// <param name="FileId">Our random id; null for an attachment recorded without a stored file (e.g. seeded metadata).</param>
/// <param name="DownloadUrl">Where to get it (through the permission-checked endpoint); null when there is no stored file.</param>
/// <param name="UploadedBy">Who attached it, from the audit trail; null when unknown.</param>
public sealed record TaskAttachmentView(
    string? FileId,
    string FileName,
    long Size,
    string ContentType,
    string? DownloadUrl,
    string? UploadedBy,
    DateTime? UploadedAt);

/// <summary>A stored file opened for download. The caller disposes <see cref="Content"/>.</summary>
/// <param name="Inline">Only raster images may be shown in a tab; everything else is served as a download.</param>
public sealed record AttachmentDownload(Stream Content, string FileName, string ContentType, bool Inline, long Size);
