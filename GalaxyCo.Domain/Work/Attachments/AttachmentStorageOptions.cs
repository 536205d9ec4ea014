namespace GalaxyCo.Domain.Work.Attachments;

/// <summary>Storage:Files — where task attachments are kept and how big one may be.</summary>
public sealed class AttachmentStorageOptions
{
    public const string Section = "Storage:Files";

    /// <summary>The folder of the files; a relative path is taken from the app's content root.</summary>
    public string Root { get; set; } = ".galaxyco/files";

    /// <summary>Largest file accepted, in bytes (25 MB by default).</summary>
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;
}
