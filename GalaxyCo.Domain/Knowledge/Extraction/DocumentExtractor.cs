using System.Text;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Knowledge.Extraction;

/// <summary>
/// Turns an uploaded or fetched file into an <see cref="ExtractedDocument"/>. The real type is sniffed from the
/// bytes (the name and the claimed type are only hints), and hostile input — a fake PDF, a zip bomb, binary junk, an
/// empty file, a document past the text limit — comes back as <c>Invalid("file", ...)</c>, never as an exception.
/// Scripts in HTML are never executed: AngleSharp parses without a scripting engine and the extractor drops them.
/// </summary>
public sealed class DocumentExtractor(IOptions<KnowledgeOptions> options)
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";
    public const string PlainText = "text/plain";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";

    /// <summary>What <see cref="DetectContentType"/> answers for anything that can't be added to the library.</summary>
    public const string Unsupported = "application/octet-stream";

    private static readonly HashSet<string> PlainTextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".text", ".log", ".csv", ".tsv", ".json", ".xml", ".yaml", ".yml", ".rst", ".adoc", ".ini", ".cfg", ".conf",
    };

    private readonly KnowledgeOptions _options = options.Value;

    /// <summary>True for the types the library can store (documents, text and images).</summary>
    public static bool IsSupported(string contentType) => contentType != Unsupported;

    /// <summary>True for image types: stored and shown, searchable by title and tags only.</summary>
    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    public Result<ExtractedDocument> Extract(byte[] content, string fileName, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        fileName ??= "";
        if (content.Length == 0) return Invalid("The file is empty.");
        if (content.Length > _options.MaxUploadBytes)
            return Invalid($"The file is larger than {_options.MaxUploadBytes / (1024 * 1024)} MB.");
        var type = Detect(content, fileName, contentType);
        try
        {
            return type switch
            {
                Pdf => StartsWithPdfMagic(content)
                    ? PdfTextExtractor.Extract(content, _options.MaxExtractedChars)
                    : Invalid("This file is not a valid PDF."),
                Docx => IsZip(content)
                    ? DocxTextExtractor.Extract(content, _options.MaxDocxExpandedBytes, _options.MaxExtractedChars)
                    : Invalid("This file is not a valid Word (.docx) document."),
                Png or Jpeg or Gif or WebP => ImageMagic(content) == type
                    ? Result<ExtractedDocument>.Ok(new ExtractedDocument(TitleFromFileName(fileName), []))
                    : Invalid("This file is not a valid image."),
                Markdown => MarkdownTextExtractor.Extract(DecodeText(content), _options.MaxExtractedChars),
                Html => HtmlTextExtractor.Extract(content, _options.MaxExtractedChars),
                PlainText => PlainTextExtractor.Extract(DecodeText(content), _options.MaxExtractedChars),
                _ => Invalid(UnsupportedMessage(fileName)),
            };
        }
        catch (ExtractionLimitException e)
        {
            return Invalid(e.Message);
        }
        catch (InsufficientExecutionStackException)
        {
            return Invalid("The document is nested too deeply to read.");
        }
        catch (OutOfMemoryException)
        {
            return Invalid("The document is too large to read.");
        }
#pragma warning disable CA1031 // Hostile input must end as a clear error, whatever the parser throws.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Invalid(type switch
            {
                Pdf => "This file is not a valid PDF (it is damaged or uses features that can't be read).",
                Docx => "This file is not a valid Word (.docx) document.",
                _ => "The file could not be read.",
            });
        }
    }

    /// <summary>
    /// The MIME type of a file from its first bytes and name: magic numbers first (%PDF, zip, PNG/JPEG/GIF/WebP), then
    /// the name for text (.md, .html, .txt, ...) when the bytes look like text. Anything else is
    /// <see cref="Unsupported"/>. A name claiming PDF/DOCX/image keeps that type so extraction reports it as invalid.
    /// </summary>
    public static string DetectContentType(ReadOnlySpan<byte> head, string fileName) => Detect(head, fileName ?? "", null);

    private static string Detect(ReadOnlySpan<byte> head, string fileName, string? claimed)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (ext.Length == 0 && claimed is not null) ext = ExtensionFor(claimed);
        if (StartsWithPdfMagic(head)) return Pdf;
        if (ImageMagic(head) is { } image) return image;
        if (IsZip(head))
            return ext == ".docx" || head.IndexOf("word/"u8) >= 0 ? Docx : Unsupported;
        switch (ext)
        {
            case ".pdf": return Pdf;
            case ".docx": return Docx;
            case ".png": return Png;
            case ".jpg" or ".jpeg": return Jpeg;
            case ".gif": return Gif;
            case ".webp": return WebP;
        }
        if (!LooksLikeText(head)) return Unsupported;
        if (ext is ".md" or ".markdown") return Markdown;
        if (ext is ".html" or ".htm" or ".xhtml") return Html;
        if (PlainTextExtensions.Contains(ext)) return PlainText;
        if (ext.Length == 0) return LooksLikeHtml(head) ? Html : PlainText;
        return Unsupported;
    }

    private static string ExtensionFor(string contentType)
    {
        var mime = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mime switch
        {
            Pdf => ".pdf",
            Docx => ".docx",
            Markdown or "text/x-markdown" => ".md",
            Html or "application/xhtml+xml" => ".html",
            PlainText => ".txt",
            Png => ".png",
            Jpeg => ".jpg",
            Gif => ".gif",
            WebP => ".webp",
            _ => "",
        };
    }

    /// <summary>The file name extension that matches a type this extractor reads ("" when none).</summary>
    public static string ExtensionForContentType(string contentType) => ExtensionFor(contentType ?? "");

    private static bool StartsWithPdfMagic(ReadOnlySpan<byte> head)
    {
        // The PDF spec lets a few bytes of junk precede the header; readers accept it within the first kilobyte.
        var window = head[..Math.Min(head.Length, 1024)];
        var at = window.IndexOf("%PDF-"u8);
        return at >= 0;
    }

    private static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith("PK\u0003\u0004"u8);

    private static string? ImageMagic(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        return null;
    }

    /// <summary>No NUL bytes and few control characters in the first 8 KB: text in some 8-bit or UTF encoding.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return true;
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0) return false;
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C) control++;
        }
        return control * 100 <= sample.Length;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        var sample = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return sample.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || sample.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>UTF-8 (or UTF-16 with a BOM); bytes that are not valid UTF-8 are read as Windows-1252/Latin-1.</summary>
    internal static string DecodeText(byte[] content)
    {
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        var offset = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (System.Text.Unicode.Utf8.IsValid(content.AsSpan(offset))) return Encoding.UTF8.GetString(content, offset, content.Length - offset);
        return Encoding.Latin1.GetString(content);
    }

    private static string? TitleFromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return string.IsNullOrWhiteSpace(name) ? null : name.Replace('_', ' ').Replace('-', ' ').Trim();
    }

    private static string UnsupportedMessage(string fileName)
    {
        var ext = Path.GetExtension(fileName);
        var what = string.IsNullOrEmpty(ext) ? "This kind of file" : $"{ext} files";
        return $"{what} can't be added. Supported: PDF, Word (.docx), Markdown, HTML, plain text and images (PNG, JPEG, GIF, WebP).";
    }

    internal static Result<ExtractedDocument> Invalid(string message) => Result<ExtractedDocument>.From(Result.Invalid("file", message));
}
