using PdfSharp.Fonts;

namespace GalaxyCo.Domain.Invoices;

/// <summary>
/// PDFsharp 6 has no fonts of its own on Linux: this resolver maps the one family the invoice uses to TrueType files
/// found under the system font folders (Liberation Sans, installed by ./test.sh and the Debian package
/// fonts-liberation, else DejaVu Sans from fonts-dejavu-core). Installed once per process, thread-safely, because
/// PDFsharp's font settings are global and may not change after the first font is used.
/// </summary>
internal sealed class InvoicePdfFonts : IFontResolver
{
    /// <summary>The family name the writer asks for; never a system name, so no other resolver answers it.</summary>
    public const string Family = "GalaxyCo Invoice Sans";

    private const string RegularFace = "galaxyco-invoice-regular";
    private const string BoldFace = "galaxyco-invoice-bold";

    /// <summary>Where fonts are looked for, first match wins. GALAXYCO_FONT_DIR, when set, comes first.</summary>
    private static readonly string[] SearchRoots = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"];

    /// <summary>Candidate (regular, bold) file pairs, preferred first.</summary>
    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
    ];

    private static readonly Lock Gate = new();
    private static bool installed;

    private readonly byte[] regular;
    private readonly byte[] bold;

    private InvoicePdfFonts(byte[] regular, byte[] bold)
    {
        this.regular = regular;
        this.bold = bold;
    }

    /// <summary>Sets the global resolver the first time it is called; later calls return at once.</summary>
    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref installed)) return;
        lock (Gate)
        {
            if (installed) return;
            var (regularPath, boldPath) = Locate();
            GlobalFontSettings.FontResolver = new InvoicePdfFonts(File.ReadAllBytes(regularPath), File.ReadAllBytes(boldPath));
            Volatile.Write(ref installed, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        // Every request gets our face: the writer only asks for Family, and a stray request must not fail a render.
        new(isBold ? BoldFace : RegularFace, false, isItalic);

    public byte[]? GetFont(string faceName) => faceName == BoldFace ? bold : regular;

    private static (string Regular, string Bold) Locate()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("GALAXYCO_FONT_DIR") is { Length: > 0 } custom) roots.Add(custom);
        roots.AddRange(SearchRoots.Where(Directory.Exists));
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var root in roots.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*.ttf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 5 }))
                files.TryAdd(Path.GetFileName(file), file);
        }
        foreach (var (r, b) in Candidates)
        {
            if (files.TryGetValue(r, out var regularPath)) return (regularPath, files.GetValueOrDefault(b) ?? regularPath);
        }
        throw new InvalidOperationException(
            "Invoice PDFs need a TrueType font and none was found. Install the Debian package fonts-liberation (or fonts-dejavu-core), " +
            $"or set GALAXYCO_FONT_DIR to a folder holding LiberationSans-Regular.ttf. Searched: {string.Join(", ", roots.DefaultIfEmpty("(no font folders exist)"))}.");
    }
}
