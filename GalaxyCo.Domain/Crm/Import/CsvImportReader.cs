using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace GalaxyCo.Domain.Crm.Import;

/// <summary>A CSV file read into memory: its header and its rows as text, with anything the person should know.</summary>
public sealed record CsvImportTable(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows, IReadOnlyList<string> Notices)
{
    /// <summary>The spreadsheet row number of data row <paramref name="index"/> (0-based): the header is row 1.</summary>
    public static int RowNumber(int index) => index + 2;
}

/// <summary>
/// Reads an uploaded CSV with CsvHelper: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark,
/// and, when the bytes are not valid UTF-8, Windows-1252 (what Excel writes on Western Windows machines) with a
/// notice. The separator (, ; tab |) is detected. Broken quoting (a quote never closed, text after a closing quote)
/// is an error naming the line, and nothing is read; a stray quote inside an unquoted value is kept as text.
/// </summary>
public static class CsvImportReader
{
    public const long MaxFileBytes = 50L * 1024 * 1024;
    public const int MaxRows = 200_000;
    public const int MaxColumns = 200;

    public static Result<CsvImportTable> Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.LongLength > MaxFileBytes)
            return Result<CsvImportTable>.From(Result.Invalid("file", $"The file is {bytes.LongLength / (1024.0 * 1024):N1} MB; files up to {MaxFileBytes / (1024 * 1024)} MB can be imported. Split it into smaller files."));

        var notices = new List<string>();
        var text = Decode(bytes, notices);
        if (text is null) return Result<CsvImportTable>.From(Result.Invalid("file", "The file is empty."));
        if (text.Contains('\0', StringComparison.Ordinal))
            return Result<CsvImportTable>.From(Result.Invalid("file", "This doesn't look like a CSV file (it contains binary data). Export your spreadsheet as CSV and upload that."));

        var malformed = new List<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            // Recover, then refuse the file for anything but a stray quote inside an unquoted value (5" screen),
            // which reads unambiguously as text.
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => { if (m.Reason != CsvMalformedReason.StrayQuote) malformed.Add(m); },
            TrackLineNumbers = true,
            SkipEmptyLines = true,
        };
        var headers = new List<string>();
        var rows = new List<string[]>();
        try
        {
            using var reader = CsvReader.FromText(text, options);
            reader.ReadHeader();
            headers.AddRange(reader.Headers.Select(h => h.Trim()));
            while (reader.Read())
            {
                if (rows.Count >= MaxRows)
                    return Result<CsvImportTable>.From(Result.Invalid("file", $"The file has more than {MaxRows:N0} rows. Split it into smaller files."));
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i) ?? "";
                if (row.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            return Result<CsvImportTable>.From(Result.Invalid("file", e.LineNumber > 0 ? $"Line {e.LineNumber}: {e.Message}" : e.Message));
        }
        if (malformed.Count > 0)
        {
            var lines = string.Join("; ", malformed.Take(5).Select(m => $"line {m.LineNumber}: {Describe(m.Reason)}"));
            return Result<CsvImportTable>.From(Result.Invalid("file",
                $"The file has broken quoting, so nothing was imported ({lines}{(malformed.Count > 5 ? $"; and {malformed.Count - 5} more" : "")}). " +
                "Every value that starts with a quote must end with one, and quotes inside a value are written twice (\"\")."));
        }
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            return Result<CsvImportTable>.From(Result.Invalid("file", "The file has no header row. The first line must name the columns, like Name,Email,Company."));
        if (headers.Count > MaxColumns)
            return Result<CsvImportTable>.From(Result.Invalid("file", $"The file has {headers.Count} columns; at most {MaxColumns} can be imported."));
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0) headers[i] = $"Column {i + 1}";
        }
        // Two columns with one name would be indistinguishable in the mapping: number the later ones.
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            if (seen.TryGetValue(headers[i], out var n)) headers[i] = $"{headers[i]} ({seen[headers[i]] = n + 1})";
            else seen[headers[i]] = 1;
        }
        if (rows.Count == 0) return Result<CsvImportTable>.From(Result.Invalid("file", "The file has a header but no rows to import."));
        return new CsvImportTable(headers, rows, notices);
    }

    private static string? Decode(byte[] bytes, List<string> notices)
    {
        if (bytes.Length == 0) return null;
        ReadOnlySpan<byte> span = bytes;
        string text;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) text = Encoding.UTF8.GetString(span[3..]);
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) text = Encoding.Unicode.GetString(span[2..]);
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) text = Encoding.BigEndianUnicode.GetString(span[2..]);
        else if (Utf8.IsValid(span)) text = Encoding.UTF8.GetString(span);
        else
        {
            text = Windows1252.GetString(span);
            notices.Add("The file isn't valid UTF-8, so it was read as Windows-1252 (Western European, as older Excel versions save CSV). " +
                "Check accented letters in the preview; if they look wrong, save the file as \"CSV UTF-8\" and upload it again.");
        }
        return text.Length == 0 ? null : text;
    }

    private static Encoding Windows1252 { get; } = CreateWindows1252();

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed",
        CsvMalformedReason.StrayQuote => "a quote inside a value that doesn't start with one",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        _ => reason.ToString(),
    };
}
