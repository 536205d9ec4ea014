using System.Text;

namespace GalaxyCo.Domain.Work.Attachments;

/// <summary>What a stored file is, decided from its bytes (never from what the browser claimed).</summary>
/// <param name="ContentType">The type stored and served.</param>
/// <param name="Inline">Whether a browser may show it in a tab: only raster images, which cannot run script.</param>
/// <param name="Refused">Why the file is not accepted at all (a program), or null.</param>
public sealed record SniffedType(string ContentType, bool Inline, string? Refused = null);

/// <summary>
/// The attachment type rules: an allow list of file name extensions, and sniffing of the first bytes. Whatever looks
/// like HTML, SVG, XML or a script is stored as application/octet-stream, so a download can never render markup (and
/// run script) in our origin, whatever its name says; programs (PE, ELF, Mach-O) are refused even when renamed.
/// </summary>
public static class AttachmentContentTypes
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int SniffLength = 4096;

    public const string OctetStream = "application/octet-stream";

    /// <summary>Extension to the type used when the bytes agree (containers and text say little about themselves).</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        // Documents
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odp"] = "application/vnd.oasis.opendocument.presentation",
        [".rtf"] = "application/rtf",
        [".key"] = "application/vnd.apple.keynote",
        [".pages"] = "application/vnd.apple.pages",
        [".numbers"] = "application/vnd.apple.numbers",
        // Text and data
        [".txt"] = "text/plain",
        [".md"] = "text/markdown",
        [".csv"] = "text/csv",
        [".tsv"] = "text/tab-separated-values",
        [".json"] = "application/json",
        [".log"] = "text/plain",
        [".ics"] = "text/calendar",
        [".vcf"] = "text/vcard",
        [".eml"] = "message/rfc822",
        // Images
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".heic"] = "image/heic",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        // Archives
        [".zip"] = "application/zip",
        [".7z"] = "application/x-7z-compressed",
        [".gz"] = "application/gzip",
        [".tgz"] = "application/gzip",
        [".tar"] = "application/x-tar",
        [".rar"] = "application/vnd.rar",
        // Audio and video people share about work (recordings, screen captures)
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".wav"] = "audio/wav",
        [".mp4"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".webm"] = "video/webm",
        // Markup: kept (people do attach exported pages and diagrams) but only ever served as a download.
        [".html"] = OctetStream,
        [".htm"] = OctetStream,
        [".svg"] = OctetStream,
        [".xml"] = OctetStream,
    };

    private static readonly HashSet<string> Markup = new(StringComparer.OrdinalIgnoreCase) { ".html", ".htm", ".svg", ".xml" };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".md", ".csv", ".tsv", ".json", ".log", ".ics", ".vcf", ".eml", ".rtf",
    };

    /// <summary>A short list for messages.</summary>
    public const string AllowedSummary = "documents (PDF, Word, Excel, PowerPoint, OpenDocument), text and CSV, images, archives and media";

    /// <summary>The extension allow list, for the file picker's accept attribute.</summary>
    public static IReadOnlyCollection<string> AllowedExtensions => Allowed.Keys;

    /// <summary>Null when a file of this name may be attached, else the reason to tell the person.</summary>
    public static string? RefuseName(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (string.IsNullOrEmpty(extension)) return $"“{fileName}” has no file type. You can attach {AllowedSummary}.";
        return Allowed.ContainsKey(extension) ? null : $"{extension.ToLowerInvariant()} files can't be attached. You can attach {AllowedSummary}.";
    }

    /// <summary>Decides the stored type from the first bytes of the file (up to <see cref="SniffLength"/>) and its name.</summary>
    public static SniffedType Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        var claimed = Allowed.GetValueOrDefault(extension, OctetStream);

        if (IsProgram(head)) return new SniffedType(OctetStream, false, "This file is a program. Programs can't be attached.");
        if (Starts(head, "%PDF-"u8)) return new SniffedType("application/pdf", false);
        if (Starts(head, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return new SniffedType("image/png", true);
        if (Starts(head, [0xFF, 0xD8, 0xFF])) return new SniffedType("image/jpeg", true);
        if (Starts(head, "GIF87a"u8) || Starts(head, "GIF89a"u8)) return new SniffedType("image/gif", true);
        if (head.Length >= 12 && Starts(head, "RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return new SniffedType("image/webp", true);
        if (Starts(head, "PK\x03\x04"u8) || Starts(head, "PK\x05\x06"u8))
            // Office Open XML and OpenDocument files are zips: keep the document type the name gives, else a zip.
            return new SniffedType(claimed is OctetStream or "text/plain" || !IsZipBased(extension) ? "application/zip" : claimed, false);
        if (Starts(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return new SniffedType(extension.ToLowerInvariant() is ".doc" or ".xls" or ".ppt" ? claimed : OctetStream, false);
        if (Starts(head, [0x1F, 0x8B])) return new SniffedType("application/gzip", false);
        if (Starts(head, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return new SniffedType("application/x-7z-compressed", false);
        if (Starts(head, "Rar!"u8)) return new SniffedType("application/vnd.rar", false);

        if (Markup.Contains(extension)) return new SniffedType(OctetStream, false);
        if (LooksLikeText(head))
        {
            // Text that could be markup or a script to any browser or OS is served only as an opaque download.
            if (LooksLikeMarkupOrScript(head)) return new SniffedType(OctetStream, false);
            return new SniffedType(TextExtensions.Contains(extension) ? claimed : "text/plain", false);
        }
        // Binary we don't recognise: keep the name's type only where that type can't be rendered as a page.
        return new SniffedType(claimed.StartsWith("image/", StringComparison.Ordinal) || claimed.StartsWith("text/", StringComparison.Ordinal) ? OctetStream : claimed, false);
    }

    private static bool IsZipBased(string extension) => extension.ToLowerInvariant() is
        ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" or ".odp" or ".key" or ".pages" or ".numbers" or ".zip";

    private static bool IsProgram(ReadOnlySpan<byte> head) =>
        (Starts(head, "MZ"u8) && head[..Math.Min(head.Length, 64)].Contains((byte)0)) // Windows PE (.exe, .dll, .scr); text may start "MZ"
        || Starts(head, [0x7F, 0x45, 0x4C, 0x46])              // ELF
        || Starts(head, [0xCF, 0xFA, 0xED, 0xFE]) || Starts(head, [0xCE, 0xFA, 0xED, 0xFE]) // Mach-O
        || Starts(head, [0xFE, 0xED, 0xFA, 0xCE]) || Starts(head, [0xFE, 0xED, 0xFA, 0xCF])
        || Starts(head, [0xCA, 0xFE, 0xBA, 0xBE]);            // Mach-O universal / Java class

    private static bool Starts(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    /// <summary>No NUL bytes and valid UTF-8 (a cut multi-byte character at the very end is fine).</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return true;
        if (head.Contains((byte)0)) return false;
        var strict = new UTF8Encoding(false, true);
        for (var trim = 0; trim < 4 && trim < head.Length; trim++)
        {
            try
            {
                strict.GetCharCount(head[..^trim]);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // Try again without a possibly cut last character.
            }
        }
        return false;
    }

    private static readonly string[] MarkupSignals =
    [
        "<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<object", "<embed", "<img", "<a ",
        "<meta", "<style", "<link", "<form", "<div", "<table", "<title", "<br", "<p>", "<h1", "<xml", "<!--",
        "javascript:", "xmlns",
    ];

    private static bool LooksLikeMarkupOrScript(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("#!", StringComparison.Ordinal)) return true; // a shell/interpreter script
        if (text.StartsWith('<')) return true;
        foreach (var signal in MarkupSignals)
        {
            if (text.Contains(signal, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
